/**
 * Main-thread side of an import: detect the format, read a preview for the CSV mapping step, and
 * drive the import worker (progress, cancel). The heavy lifting never happens on this thread.
 */
import { detectFormat, gunzip, previewCsv } from '../../../shared/import';
import type { ColumnMapping, DatasetFormat, DatasetRow } from '../simulation/db';
import { newId } from '../simulation/db';
import type { ImportProgress, ImportRequest } from './importPipeline';
import { iterateStream } from './streams';
import { previewXes, type XesPreview } from './xesPreview';
import type { ImportWorkerIn, ImportWorkerOut } from '../../workers/importProtocol';

/** How many bytes of (decompressed) text the mapping preview reads. */
const PREVIEW_BYTES = 64 * 1024;

export interface FileProbe {
  format: DatasetFormat;
  gzip: boolean;
  /** Bytes the parser will see: the file size, or for gzip the decompressed size from its trailer. */
  textBytes: number;
  /** CSV only: headers, first rows and the auto-detected column roles. */
  preview?: { headers: string[]; rows: string[][]; delimiter: string; guessed: Partial<ColumnMapping> };
  /** XES only: declared classifiers, event attribute keys and lifecycle values of the first traces. */
  xes?: XesPreview;
}

/**
 * The first `limit` bytes of text. Reads only a slice of the file, so a gzip head ends in a
 * "truncated" error once the slice is used up; what was decompressed before it is kept.
 */
async function readHead(file: Blob, gzip: boolean, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const raw = iterateStream(file.slice(0, gzip ? limit / 2 : limit).stream());
  try {
    for await (const part of gzip ? gunzip(raw) : raw) {
      parts.push(part);
      size += part.byteLength;
    }
  } catch (e) {
    if (!gzip || size === 0) throw e;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Cut a text preview at its last complete line so the CSV preview never shows a torn row. */
function wholeLines(text: string): string {
  const cut = text.lastIndexOf('\n');
  return cut > 0 ? text.slice(0, cut + 1) : text;
}

/** Work out the format (and gzip) of a file, with a CSV preview for the mapping step. */
export async function probeFile(file: File): Promise<FileProbe> {
  const magic = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const detected = detectFormat(file.name, magic);
  const format = detected.format;
  const gzip = detected.gzip;
  const textBytes = gzip ? await gzipTextBytes(file) : file.size;
  if (format === 'xes') {
    const head = await readHead(file, gzip, PREVIEW_BYTES);
    return { format, gzip, textBytes, xes: await previewXes(once(head)) };
  }
  if (format !== 'csv') return { format, gzip, textBytes };
  const head = await readHead(file, gzip, PREVIEW_BYTES);
  const p = previewCsv(wholeLines(new TextDecoder().decode(head.subarray(0, PREVIEW_BYTES))));
  return {
    format,
    gzip,
    textBytes,
    preview: { headers: p.headers, rows: p.rows.slice(0, 8), delimiter: p.delimiter, guessed: p.guessed },
  };
}

export interface ImportHandle {
  datasetId: string;
  cancel(): void;
  done: Promise<DatasetRow | null>;
}

/**
 * The decompressed size of a gzip file, for the progress bar: the trailer's ISIZE (size mod 2^32 of
 * the last member). When that cannot be right (smaller than the file: over 4 GiB, or several
 * members) a typical 5× ratio stands in; the bar is an estimate either way and stops at 100%.
 */
async function gzipTextBytes(file: File): Promise<number> {
  if (file.size < 18) return file.size;
  const tail = new DataView(await file.slice(file.size - 4).arrayBuffer());
  const isize = tail.getUint32(0, true);
  return isize >= file.size ? isize : file.size * 5;
}

/** Import settings chosen in the mapping step (saved with the dataset's request). */
export interface ImportChoices {
  skipInvalid?: boolean;
  classifier?: string;
  dateOrder?: 'dmy' | 'mdy';
  timeZone?: string;
}

/** Start importing `file` in a new worker. `done` resolves to null when cancelled. */
export function startImport(
  file: File,
  probe: FileProbe,
  opts: { name: string; mapping?: ColumnMapping; choices?: ImportChoices; onProgress(p: ImportProgress): void },
): ImportHandle {
  const datasetId = newId('ds');
  const worker = new Worker(new URL('../../workers/import.worker.ts', import.meta.url), {
    type: 'module',
    name: 'import',
  });
  const request: ImportRequest = {
    datasetId,
    name: opts.name,
    fileName: file.name,
    format: probe.format,
    gzip: probe.gzip,
    totalBytes: probe.textBytes,
    mapping: probe.format === 'csv' ? opts.mapping : undefined,
    ...opts.choices,
  };
  const done = new Promise<DatasetRow | null>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<ImportWorkerOut>) => {
      const m = e.data;
      if (m.type === 'progress') return opts.onProgress(m.progress);
      worker.terminate();
      if (m.type === 'done') resolve(m.dataset);
      else if (m.type === 'cancelled') resolve(null);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the import worker failed to start'));
    };
  });
  worker.postMessage({ type: 'start', request, file } satisfies ImportWorkerIn);
  return { datasetId, cancel: () => worker.postMessage({ type: 'cancel' } satisfies ImportWorkerIn), done };
}
