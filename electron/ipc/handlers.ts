/**
 * The IPC handlers, as plain functions over injected dependencies (dialogs, file system, app
 * facts), so they are tested in Node without Electron. Every handler takes its arguments as
 * `unknown[]` and validates them before doing anything.
 */
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';
import type { AppInfo, IpcHandlers, OpenedFile } from './contract';
import type { HandlerName } from './channels';
import { writeFileAtomic, type AtomicFs } from './atomicWrite';
import { PathAllowlist } from './pathAllowlist';
import {
  IpcArgumentError,
  LIMITS,
  exactlyOne,
  fileNameField,
  filtersField,
  integerField,
  noArguments,
  parseRequest,
  requestSchema,
  stringField,
  type FileFilter,
} from './validate';

/** The two native dialogs, already bound to the app window by the caller. */
export interface Dialogs {
  showOpenDialog(options: {
    title?: string;
    filters?: FileFilter[];
    properties: Array<'openFile'>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: {
    title?: string;
    defaultPath?: string;
    filters?: FileFilter[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface HandlerFs extends AtomicFs {
  readFile: (p: string, enc: 'utf8') => Promise<string>;
  stat: (p: string) => Promise<{ size: number; isFile(): boolean }>;
}

export interface HandlerDeps {
  dialogs: Dialogs;
  appInfo: () => AppInfo;
  fs?: HandlerFs;
  /** Files the user picked as logs (readLogChunk reads only these). */
  logFiles?: PathAllowlist;
  /** Files the user picked or saved as graphs (saveGraphFile writes to a given path only if listed). */
  graphFiles?: PathAllowlist;
}

/** A handler as main registers it: arguments unknown, result as the contract says. */
export type RawHandlers = { [K in HandlerName]: (...args: unknown[]) => ReturnType<IpcHandlers[K]> };

const GRAPH_FILTERS: FileFilter[] = [
  { name: 'SOP graph, XState machine or SCXML', extensions: ['sop.json', 'json', 'scxml', 'xml'] },
  { name: 'All files', extensions: ['*'] },
];
const LOG_FILTERS: FileFilter[] = [
  { name: 'Event logs', extensions: ['csv', 'jsonl', 'ndjson', 'json', 'xes', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];
/** Graph files are read whole into the renderer; past this size something is wrong. */
export const MAX_GRAPH_BYTES = 64 * 1024 * 1024;

const SAVE_GRAPH_REQUEST = requestSchema({
  path: stringField('path', LIMITS.maxPathChars, { nonEmpty: true }).optional(),
  suggestedName: fileNameField('suggestedName'),
  contents: stringField('contents', LIMITS.maxContentsChars),
});
const READ_CHUNK_REQUEST = requestSchema({
  path: stringField('path', LIMITS.maxPathChars, { nonEmpty: true }),
  offset: integerField('offset', 0, Number.MAX_SAFE_INTEGER),
  length: integerField('length', 0, LIMITS.maxChunkBytes),
});
const EXPORT_REQUEST = requestSchema({
  suggestedName: fileNameField('suggestedName'),
  contents: stringField('contents', LIMITS.maxContentsChars),
  filters: filtersField(),
});

export function createHandlers(deps: HandlerDeps): RawHandlers {
  const fs: HandlerFs = deps.fs ?? nodeFs;
  const logFiles = deps.logFiles ?? new PathAllowlist();
  const graphFiles = deps.graphFiles ?? new PathAllowlist();

  return {
    async getAppInfo(...args) {
      noArguments('getAppInfo', args);
      return deps.appInfo();
    },

    async openGraphFile(...args): Promise<OpenedFile | null> {
      noArguments('openGraphFile', args);
      const picked = await deps.dialogs.showOpenDialog({
        title: 'Open SOP graph',
        filters: GRAPH_FILTERS,
        properties: ['openFile'],
      });
      const file = picked.canceled ? undefined : picked.filePaths[0];
      if (!file) return null;
      const info = await fs.stat(file);
      if (!info.isFile()) throw new Error(`openGraphFile: "${file}" is not a file`);
      if (info.size > MAX_GRAPH_BYTES)
        throw new Error(
          `openGraphFile: "${path.basename(file)}" is ${info.size} bytes; graphs over ${MAX_GRAPH_BYTES} bytes are refused`,
        );
      const contents = await fs.readFile(file, 'utf8');
      graphFiles.allow(file);
      return { path: file, name: path.basename(file), contents };
    },

    async saveGraphFile(...args) {
      const {
        path: given,
        suggestedName,
        contents,
      } = parseRequest('saveGraphFile', SAVE_GRAPH_REQUEST, exactlyOne('saveGraphFile', args));
      if (given !== undefined && !path.isAbsolute(given))
        throw new IpcArgumentError('saveGraphFile', '"path" must be absolute');
      // A path the user picked earlier is written directly; any other path (e.g. remembered from a
      // previous session) goes through the save dialog, so the renderer cannot write where it likes.
      let target = given !== undefined && graphFiles.has(given) ? given : undefined;
      if (!target) {
        const picked = await deps.dialogs.showSaveDialog({
          title: 'Save SOP graph',
          defaultPath: given ?? suggestedName,
          filters: GRAPH_FILTERS,
        });
        if (picked.canceled || !picked.filePath) return null;
        target = picked.filePath;
      }
      await writeFileAtomic(target, contents, fs);
      graphFiles.allow(target);
      return { path: target };
    },

    async openLogFile(...args) {
      noArguments('openLogFile', args);
      const picked = await deps.dialogs.showOpenDialog({
        title: 'Import recorded cases',
        filters: LOG_FILTERS,
        properties: ['openFile'],
      });
      const file = picked.canceled ? undefined : picked.filePaths[0];
      if (!file) return null;
      const info = await fs.stat(file);
      if (!info.isFile()) throw new Error(`openLogFile: "${file}" is not a file`);
      logFiles.allow(file);
      return { path: file, name: path.basename(file), size: info.size };
    },

    async readLogChunk(...args) {
      const {
        path: file,
        offset,
        length,
      } = parseRequest('readLogChunk', READ_CHUNK_REQUEST, exactlyOne('readLogChunk', args));
      if (!logFiles.has(file)) throw new IpcArgumentError('readLogChunk', `"path" was not picked through openLogFile`);
      const handle = await fs.open(file, 'r');
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return bytesRead === length ? buffer : buffer.slice(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async exportFile(...args) {
      const { suggestedName, contents, filters } = parseRequest(
        'exportFile',
        EXPORT_REQUEST,
        exactlyOne('exportFile', args),
      );
      const picked = await deps.dialogs.showSaveDialog({
        title: 'Export',
        defaultPath: suggestedName,
        ...(filters ? { filters } : {}),
      });
      if (picked.canceled || !picked.filePath) return null;
      await writeFileAtomic(picked.filePath, contents, fs);
      return { path: picked.filePath };
    },
  };
}
