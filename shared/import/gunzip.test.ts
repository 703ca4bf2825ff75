import { describe, expect, it } from 'vitest';
import { detectFormat } from './detectFormat';
import { gunzip } from './gunzip';
import { readCases } from './index';
import { chunked } from './testing';
import { ImportError } from './types';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let out = '';
  for await (const b of bytes) out += decoder.decode(b, { stream: true });
  return out + decoder.decode();
}

describe('gunzip (DecompressionStream, for browsers and workers)', () => {
  const text = 'case,activity\n' + Array.from({ length: 5000 }, (_, i) => `c${i},A\n`).join('');

  it('inflates a gzip stream delivered in small chunks', async () => {
    expect(await collect(gunzip(chunked(await gzip(text), 100)))).toBe(text);
  });

  it('a truncated gzip stream is an ImportError, not a short read', async () => {
    const bytes = await gzip(text);
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    await expect(collect(gunzip(chunked(cut, 64)))).rejects.toThrow(ImportError);
    await expect(collect(gunzip(chunked(cut, 64)))).rejects.toThrow(/truncated or corrupt/);
  });

  it('garbage is an ImportError', async () => {
    await expect(collect(gunzip(chunked('definitely not gzip', 4)))).rejects.toThrow(
      /gzip: the compressed data is truncated or corrupt/,
    );
  });

  it('feeds readCases', async () => {
    let n = 0;
    for await (const c of readCases(gunzip(chunked(await gzip(text), 1000)), { format: 'csv' })) n += c.events.length;
    expect(n).toBe(5000);
  });
});

describe('detectFormat', () => {
  it.each([
    ['log.csv', undefined, { format: 'csv', gzip: false }],
    ['log.XES.gz', undefined, { format: 'xes', gzip: true }],
    ['cases.jsonl', undefined, { format: 'jsonl', gzip: false }],
    ['export.ndjson.gz', undefined, { format: 'jsonl', gzip: true }],
    ['mystery', new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x3c, 0x6c]), { format: 'xes', gzip: false }],
    ['mystery', new TextEncoder().encode('{"caseId"'), { format: 'jsonl', gzip: false }],
    ['mystery', new TextEncoder().encode('case,activity'), { format: 'csv', gzip: false }],
    ['log.xes', new Uint8Array([0x1f, 0x8b, 8]), { format: 'xes', gzip: true }], // gzip content without .gz
    ['log.xes.gz', new TextEncoder().encode('<log'), { format: 'xes', gzip: false }], // misnamed, plain
  ] as const)('%s', (name, head, expected) => {
    expect(detectFormat(name, head)).toEqual(expected);
  });
});
