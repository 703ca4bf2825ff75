import { ImportError, type ImportOptions } from './types';

/** Bytes read so far, shared between the decoder and the format reader for progress reports. */
export interface ByteCounter {
  bytes: number;
}

/**
 * UTF-8 bytes → text chunks. The decoder keeps multi-byte characters split across chunks
 * intact and drops a leading BOM. Checks the abort signal once per chunk.
 */
export async function* decodeText(
  bytes: AsyncIterable<Uint8Array>,
  options: Pick<ImportOptions, 'signal'>,
  counter: ByteCounter,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    throwIfAborted(options.signal);
    counter.bytes += chunk.byteLength;
    // Hand out large reads in slices: what a slice's rows allocate dies before the next young-gen
    // GC instead of being copied by it (1 MiB reads made the GC the largest cost).
    for (let at = 0; at < chunk.byteLength; at += SLICE_BYTES) {
      const text = decoder.decode(chunk.subarray(at, at + SLICE_BYTES), { stream: true });
      if (text) yield text;
    }
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('import aborted');
}

/** Size of the text slices handed to the format readers. */
export const SLICE_BYTES = 64 * 1024;

/** Longest line (or CSV row) accepted: beyond this the input is not an event log. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function lineTooLong(line: number): ImportError {
  return new ImportError(
    `line ${line}: longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB without a line break; this does not look like an event log (wrong format, or a quote left open?)`,
    { line },
  );
}
