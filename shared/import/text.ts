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
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportError('import aborted');
}

/** Longest line (or CSV row) accepted: beyond this the input is not an event log. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function lineTooLong(line: number): ImportError {
  return new ImportError(
    `line ${line}: longer than ${MAX_LINE_CHARS / 1024 / 1024} MiB without a line break; this does not look like an event log (wrong format, or a quote left open?)`,
    { line },
  );
}
