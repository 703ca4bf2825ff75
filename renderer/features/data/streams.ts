/** Small stream helpers shared by the workers (browser globals only; also run under Node tests). */

/** A ReadableStream as an async iterable (works where ReadableStream itself is not iterable). */
export async function* iterateStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Pass bytes through unchanged, counting them (progress against the file size). */
export async function* countBytes(
  source: AsyncIterable<Uint8Array>,
  counter: { bytes: number },
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    counter.bytes += chunk.byteLength;
    yield chunk;
  }
}

/** Calls `fn` at most every `ms` milliseconds (plus whenever `force` is true). */
export function throttle(ms: number, now: () => number = () => performance.now()): (force?: boolean) => boolean {
  let last = -Infinity;
  return (force = false) => {
    const t = now();
    if (!force && t - last < ms) return false;
    last = t;
    return true;
  };
}
