/**
 * Node adapters for the importers: a file path → a byte stream for shared/import's readCases.
 * gzip is recognised by its magic bytes (1f 8b), whatever the file is called, and inflated with
 * node:zlib (faster than the shared DecompressionStream path the browser uses).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { detectFormat, ImportError, type ImportOptions, type LogFormat, type Utf8Decoder } from '../../shared/import';
import { nodeUtf8Decoder } from './utf8Decoder';

/** Read size: large chunks keep per-chunk overhead (decode, parse calls) negligible. */
const CHUNK = 1 << 20;

export interface OpenedLog {
  bytes: AsyncIterable<Uint8Array>;
  format: LogFormat;
  gzip: boolean;
  /** For the readers' ImportOptions.utf8Decoder: Node's faster decoder (utf8Decoder.ts). */
  utf8Decoder: () => Utf8Decoder;
}

/** The reader options an opened log decides: its format and Node's decoder. Spread into every read. */
export function logReadOptions(log: OpenedLog): Pick<ImportOptions, 'format' | 'utf8Decoder'> {
  return { format: log.format, utf8Decoder: log.utf8Decoder };
}

/** Why a path cannot be read, in words (ENOENT → "no such file"). */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return String((e as Error)?.message ?? e);
}

/** First bytes of a file (fewer if the file is shorter). */
async function readHead(path: string, length = 16): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a log file: the (decompressed) bytes and the format guessed from the name and first
 * bytes (`format` overrides the guess). Throws ImportError naming the file when it can't be read.
 */
export async function openLog(path: string, format?: LogFormat): Promise<OpenedLog> {
  let head: Uint8Array;
  try {
    head = await readHead(path);
  } catch (e) {
    throw new ImportError(`cannot read ${path}: ${describeFsError(e)}`);
  }
  const detected = detectFormat(path, head);
  return {
    bytes: openFile(path, detected.gzip),
    format: format ?? detected.format,
    gzip: detected.gzip,
    utf8Decoder: nodeUtf8Decoder,
  };
}

/** A file's bytes, inflated when `gzip`; read and gzip errors surface as ImportError. */
export async function* openFile(path: string, gzip: boolean): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(path, { highWaterMark: CHUNK });
  let stream: AsyncIterable<unknown> = raw;
  if (gzip) {
    const inflate = createGunzip({ chunkSize: 256 * 1024 });
    pipeline(raw, inflate, () => undefined); // read errors reach us through the gunzip stream
    stream = inflate;
  }
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code ?? '';
    if (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE') {
      throw new ImportError(`${path}: the gzip data is truncated or corrupt (${(e as Error).message})`);
    }
    throw new ImportError(`cannot read ${path}: ${describeFsError(e)}`);
  } finally {
    raw.destroy();
  }
}
