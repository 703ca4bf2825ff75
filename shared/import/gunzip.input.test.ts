/** gunzip: an error of the input stream itself reaches the caller as it was thrown; corruption keeps its cause. */
import { describe, expect, it } from 'vitest';
import { gunzip } from './gunzip';
import { ImportError } from './types';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function drain(bytes: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const b of bytes) n += b.length;
  return n;
}

describe('gunzip input errors', () => {
  it('an ImportError of the input (e.g. aborted) is rethrown as it is, after part of the stream', async () => {
    const zipped = await gzip('x'.repeat(10_000));
    const failure = new ImportError('import aborted');
    async function* input(): AsyncGenerator<Uint8Array> {
      yield zipped.subarray(0, 10);
      throw failure;
    }
    await expect(drain(gunzip(input()))).rejects.toBe(failure);
  });

  it('an ImportError of the input after the whole stream is rethrown too', async () => {
    const zipped = await gzip('abc');
    const failure = new ImportError('the disk went away');
    async function* input(): AsyncGenerator<Uint8Array> {
      yield zipped;
      throw failure;
    }
    await expect(drain(gunzip(input()))).rejects.toBe(failure);
  });

  it('corrupt data is one sentence, with the platform error as its cause', async () => {
    async function* input(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('not gzip at all');
    }
    const e = await drain(gunzip(input())).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ImportError);
    expect((e as Error).message).toBe(
      'gzip: the compressed data is truncated or corrupt (was the file cut short while downloading or copying?)',
    );
    expect((e as Error).cause).toBeInstanceOf(Error);
  });

  it('an empty gzip member inflates to nothing', async () => {
    async function* input(): AsyncGenerator<Uint8Array> {
      yield await gzip('');
    }
    expect(await drain(gunzip(input()))).toBe(0);
  });
});
