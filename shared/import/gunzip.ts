import { ImportError } from './types';

/**
 * Decompresses a gzip byte stream with the platform's DecompressionStream (browsers, workers,
 * Node ≥ 18). A truncated or corrupt stream ends in an {@link ImportError}, never a silent
 * short read. The Node CLI uses zlib instead (faster); this is for the renderer and workers.
 */
const GZIP_BROKEN =
  'gzip: the compressed data is truncated or corrupt (was the file cut short while downloading or copying?)';

export async function* gunzip(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let inputError: unknown;
  // Feed the decompressor concurrently: awaiting each write before reading would deadlock on
  // backpressure once its internal queue is full.
  const pump = (async () => {
    try {
      // a chunk backed by a SharedArrayBuffer is not a BufferSource in the DOM typings (tsconfig.web); the stream accepts it
      for await (const chunk of bytes) await writer.write(chunk as Uint8Array<ArrayBuffer>);
      await writer.close();
    } catch (e) {
      inputError = e;
      await writer.abort(e).catch(() => undefined);
    }
  })();
  try {
    for (;;) {
      let next: { done: boolean; value?: Uint8Array };
      try {
        next = await reader.read();
      } catch (e) {
        if (inputError instanceof ImportError) throw inputError;
        // one sentence for people; the platform's wording (which browsers repeat) stays out of it
        throw new ImportError(GZIP_BROKEN, { cause: e });
      }
      if (next.done) break;
      if (next.value) yield next.value;
    }
    await pump;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the input's own error, rethrown as it came (an ImportError or the caller's)
    if (inputError) throw inputError;
  } finally {
    reader.releaseLock();
    await pump.catch(() => undefined);
  }
}
