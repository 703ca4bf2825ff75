import { ImportError, type ImportOptions, type Utf8Decoder } from './types';

const webDecoder = (): Utf8Decoder => new TextDecoder('utf-8', { fatal: true });

/** Bytes read so far, shared between the decoder and the format reader for progress reports. */
export interface ByteCounter {
  bytes: number;
}

/**
 * UTF-8 bytes → text chunks. The decoder keeps multi-byte characters split across chunks
 * intact and drops a leading BOM. Checks the abort signal once per chunk. Invalid UTF-8 is an
 * error (never a silent U+FFFD that later makes a case deviate); UTF-16 and binary input are
 * recognised from the first bytes and said so.
 */
export async function* decodeText(
  bytes: AsyncIterable<Uint8Array>,
  options: Pick<ImportOptions, 'signal' | 'utf8Decoder'>,
  counter: ByteCounter,
): AsyncGenerator<string> {
  const decoder = (options.utf8Decoder ?? webDecoder)();
  let first = true;
  for await (const chunk of bytes) {
    throwIfAborted(options.signal);
    if (first && chunk.byteLength > 0) {
      first = false;
      const problem = notUtf8Text(chunk);
      if (problem) throw new ImportError(problem);
    }
    const base = counter.bytes;
    counter.bytes += chunk.byteLength;
    // Hand out large reads in slices: what a slice's rows allocate dies before the next young-gen
    // GC instead of being copied by it (1 MiB reads made the GC the largest cost).
    for (let at = 0; at < chunk.byteLength; at += SLICE_BYTES) {
      let text: string;
      try {
        text = decoder.decode(chunk.subarray(at, at + SLICE_BYTES), { stream: true });
      } catch {
        throw invalidUtf8(base + at);
      }
      if (text) yield text;
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw invalidUtf8(counter.bytes);
  }
  if (tail) yield tail;
}

function invalidUtf8(near: number): ImportError {
  return new ImportError(
    `the file is not valid UTF-8 (a bad byte sequence within the ${SLICE_BYTES / 1024} KiB from byte ${near.toLocaleString('en-US')}); it may be Windows-1252 or Latin-1: re-save it as UTF-8`,
  );
}

/** Why the first bytes are not UTF-8 text, or undefined when they may be. */
function notUtf8Text(head: Uint8Array): string | undefined {
  const b0 = head[0];
  const b1 = head[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return `the file is UTF-16 (${b0 === 0xff ? 'little' : 'big'}-endian, byte order mark ${b0 === 0xff ? 'FF FE' : 'FE FF'}); save or export it as UTF-8`;
  }
  if (b0 === 0x50 && b1 === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return 'the file is a ZIP archive (an .xlsx workbook?), not text: export the sheet as CSV';
  const n = Math.min(head.length, 4096);
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) nulEven++;
    else nulOdd++;
  }
  if (nulEven + nulOdd === 0) return undefined;
  const half = n / 2;
  if (nulOdd > half * 0.6 || nulEven > half * 0.6)
    return 'the file looks like UTF-16 without a byte order mark (every other byte is 0); save or export it as UTF-8';
  return 'the file holds binary data (NUL bytes), not text: is it an event log? (gzip is recognised; other archives are not)';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('import aborted');
}

/** Size of the text slices handed to the format readers. */
const SLICE_BYTES = 64 * 1024;

/** Longest line (or CSV row) accepted: beyond this the input is not an event log. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function lineTooLong(line: number): ImportError {
  return new ImportError(
    `line ${line}: longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB without a line break; this does not look like an event log (wrong format, or a quote left open?)`,
    { line },
  );
}
