/**
 * The handlers' decisions after a dialog: a cancelled dialog writes and allowlists nothing even if
 * it also reports a path; a non-file or oversized pick is refused with a message naming it; a
 * path saved through the dialog may be written again without one. Real files in a temp directory;
 * only `stat` is replaced where a 64 MB file would be needed.
 */
import * as nodeFs from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, MAX_GRAPH_BYTES, type Dialogs, type HandlerFs, type RawHandlers } from './handlers';

let dir: string;
let open: { canceled: boolean; filePaths: string[] };
let save: { canceled: boolean; filePath?: string };
let saveDialogs: number;

const dialogs: Dialogs = {
  showOpenDialog: async () => open,
  showSaveDialog: async () => {
    saveDialogs++;
    return save;
  },
};
const make = (fs?: HandlerFs): RawHandlers =>
  createHandlers({
    dialogs,
    appInfo: () => ({ name: 'SOP Studio', version: '0', platform: 'linux', electron: '0' }),
    ...(fs ? { fs } : {}),
  });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-ipc-dlg-'));
  open = { canceled: true, filePaths: [] };
  save = { canceled: true };
  saveDialogs = 0;
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('open dialogs', () => {
  it('a cancelled open dialog is null even when it reports a path, and allowlists nothing', async () => {
    const file = path.join(dir, 'cases.csv');
    await writeFile(file, 'case,activity\n');
    open = { canceled: true, filePaths: [file] };
    const h = make();
    expect(await h.openGraphFile()).toBeNull();
    expect(await h.openLogFile()).toBeNull();
    await expect(h.readLogChunk({ path: file, offset: 0, length: 1 })).rejects.toThrow(
      /not picked through openLogFile/,
    );
  });

  it('a picked directory is refused by name, and is not allowlisted', async () => {
    const sub = path.join(dir, 'folder');
    await mkdir(sub);
    open = { canceled: false, filePaths: [sub] };
    const h = make();
    await expect(h.openGraphFile()).rejects.toThrow(`openGraphFile: "${sub}" is not a file`);
    await expect(h.openLogFile()).rejects.toThrow(`openLogFile: "${sub}" is not a file`);
    await expect(h.readLogChunk({ path: sub, offset: 0, length: 1 })).rejects.toThrow(/not picked through openLogFile/);
  });

  it('a graph of exactly MAX_GRAPH_BYTES is read; one byte more is refused before reading', async () => {
    const file = path.join(dir, 'big.sop.json');
    await writeFile(file, '{}');
    let size = MAX_GRAPH_BYTES;
    let reads = 0;
    const fs = {
      ...nodeFs,
      stat: async () => ({ size, isFile: () => true }),
      readFile: async (p: string, enc: 'utf8') => (reads++, nodeFs.readFile(p, enc)),
    } as unknown as HandlerFs;
    open = { canceled: false, filePaths: [file] };
    const h = make(fs);
    expect(await h.openGraphFile()).toEqual({ path: file, name: 'big.sop.json', contents: '{}' });
    size = MAX_GRAPH_BYTES + 1;
    await expect(h.openGraphFile()).rejects.toThrow(
      'openGraphFile: "big.sop.json" is 67108865 bytes; graphs over 67108864 bytes are refused',
    );
    expect(reads).toBe(1);
  });

  it('openLogFile reports the picked file and its size, and only the first pick counts', async () => {
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await writeFile(a, '12345');
    await writeFile(b, '1');
    open = { canceled: false, filePaths: [a, b] };
    const h = make();
    expect(await h.openLogFile()).toEqual({ path: a, name: 'a.csv', size: 5 });
    await expect(h.readLogChunk({ path: b, offset: 0, length: 1 })).rejects.toThrow(/not picked/);
  });
});

describe('save dialogs', () => {
  it('cancelled, or confirmed without a path: null and nothing written, for both save and export', async () => {
    const target = path.join(dir, 'out.json');
    const h = make();
    for (const outcome of [
      { canceled: true, filePath: target },
      { canceled: false },
      { canceled: false, filePath: '' },
    ]) {
      save = outcome;
      expect(await h.saveGraphFile({ suggestedName: 'out.json', contents: 'x' })).toBeNull();
      expect(await h.exportFile({ suggestedName: 'out.json', contents: 'x' })).toBeNull();
    }
    await expect(readFile(target, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(saveDialogs).toBe(6);
  });

  it('a path saved through the dialog is written again without one; an exported path is not', async () => {
    const target = path.join(dir, 'g.sop.json');
    const exported = path.join(dir, 'r.html');
    const h = make();
    save = { canceled: false, filePath: target };
    expect(await h.saveGraphFile({ suggestedName: 'g.sop.json', contents: 'v1' })).toEqual({ path: target });
    save = { canceled: false, filePath: exported };
    expect(await h.exportFile({ suggestedName: 'r.html', contents: 'r' })).toEqual({ path: exported });
    expect(saveDialogs).toBe(2);
    save = { canceled: true };
    expect(await h.saveGraphFile({ path: target, suggestedName: 'g.sop.json', contents: 'v2' })).toEqual({
      path: target,
    });
    expect(saveDialogs).toBe(2);
    expect(await readFile(target, 'utf8')).toBe('v2');
    // export does not allowlist: saving a graph over the exported file asks first (cancelled here)
    expect(await h.saveGraphFile({ path: exported, suggestedName: 'r.html', contents: 'evil' })).toBeNull();
    expect(saveDialogs).toBe(3);
    expect(await readFile(exported, 'utf8')).toBe('r');
  });
});
