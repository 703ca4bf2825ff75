import { describe, expect, it } from 'vitest';
import { decodeText, lineTooLong, MAX_LINE_CHARS, throwIfAborted } from './text';
import { ImportError } from './types';

// The bytes → text step every reader starts with: what it refuses from the first bytes (UTF-16,
// ZIP, binary), where it says invalid UTF-8 is, and how it slices what it hands on. Inputs are
// built byte by byte and every expected message and position is written out by hand.

async function* chunks(...parts: Array<number[] | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p instanceof Uint8Array ? p : Uint8Array.from(p);
}

async function decodeAll(parts: AsyncIterable<Uint8Array>, signal?: AbortSignal) {
  const counter = { bytes: 0 };
  const texts: string[] = [];
  for await (const t of decodeText(parts, { signal }, counter)) texts.push(t);
  return { texts, bytes: counter.bytes };
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

async function refusal(parts: AsyncIterable<Uint8Array>): Promise<string> {
  try {
    await decodeAll(parts);
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as Error).message;
  }
  throw new Error('decodeText accepted the input');
}

const utf8Error = (near: string) =>
  `the file is not valid UTF-8 (a bad byte sequence within the 64 KiB from byte ${near}); it may be Windows-1252 or Latin-1: re-save it as UTF-8`;
const UTF16_NO_BOM =
  'the file looks like UTF-16 without a byte order mark (every other byte is 0); save or export it as UTF-8';
const BINARY =
  'the file holds binary data (NUL bytes), not text: is it an event log? (gzip is recognised; other archives are not)';

describe('decodeText: what the first bytes say the file is', () => {
  it('names UTF-16 by its byte order mark, either way round', async () => {
    expect(await refusal(chunks([0xff, 0xfe, 0x61, 0x00]))).toBe(
      'the file is UTF-16 (little-endian, byte order mark FF FE); save or export it as UTF-8',
    );
    expect(await refusal(chunks([0xfe, 0xff, 0x00, 0x61]))).toBe(
      'the file is UTF-16 (big-endian, byte order mark FE FF); save or export it as UTF-8',
    );
  });

  it('a lone FF or FE is not a byte order mark: it is invalid UTF-8 at byte 0', async () => {
    expect(await refusal(chunks([0xff, 0x61]))).toBe(utf8Error('0'));
    expect(await refusal(chunks([0xfe, 0xfe]))).toBe(utf8Error('0'));
    expect(await refusal(chunks([0x61, 0xff]))).toBe(utf8Error('0'));
  });

  it('names a ZIP archive only on its full four-byte signature', async () => {
    expect(await refusal(chunks([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(
      'the file is a ZIP archive (an .xlsx workbook?), not text: export the sheet as CSV',
    );
    // PK then anything else is plain text
    for (const sig of [
      [0x50, 0x4b, 0x03, 0x05],
      [0x50, 0x4b, 0x04, 0x04],
      [0x50, 0x4c, 0x03, 0x04],
      [0x51, 0x4b, 0x03, 0x04],
    ])
      expect((await decodeAll(chunks(sig))).texts.join('')).toBe(String.fromCharCode(...sig));
  });

  it('UTF-16 without a mark: NULs in more than 60% of the odd (or of the even) positions', async () => {
    // 10 bytes: half = 5, 60% of it = 3; NULs at odd positions 1,3,5,7 (4 > 3) → UTF-16 LE text
    expect(await refusal(chunks([0x61, 0, 0x62, 0, 0x63, 0, 0x64, 0, 0x65, 0x66]))).toBe(UTF16_NO_BOM);
    // the same at even positions (UTF-16 BE): 0,2,4,6
    expect(await refusal(chunks([0, 0x61, 0, 0x62, 0, 0x63, 0, 0x64, 0x65, 0x66]))).toBe(UTF16_NO_BOM);
    // exactly 3 of 10 (not more than 60% of 5): binary, not UTF-16
    expect(await refusal(chunks([0x61, 0, 0x62, 0, 0x63, 0, 0x64, 0x65, 0x66, 0x67]))).toBe(BINARY);
    expect(await refusal(chunks([0, 0x61, 0, 0x62, 0, 0x63, 0x64, 0x65, 0x66, 0x67]))).toBe(BINARY);
    // NULs on both parities, 2 + 2 of 10: binary
    expect(await refusal(chunks([0, 0, 0x61, 0x62, 0, 0, 0x63, 0x64, 0x65, 0x66]))).toBe(BINARY);
  });

  it('only the first 4,096 bytes are looked at for NULs, and only in the first chunk', async () => {
    const head = new Uint8Array(4096 + 8).fill(0x61);
    head.fill(0, 4096); // eight NULs just past what is looked at: valid UTF-8, handed on as text
    const { texts } = await decodeAll(chunks(head));
    expect(texts.join('')).toBe('a'.repeat(4096) + '\u0000'.repeat(8));
    // a second chunk's NULs, or a second chunk that starts like a byte order mark, are not looked at
    expect((await decodeAll(chunks(ascii('ok'), [0, 0, 0, 0]))).texts.join('')).toBe('ok\u0000\u0000\u0000\u0000');
    expect(await refusal(chunks(ascii('ok'), [0xff, 0xfe]))).toBe(utf8Error('2'));
  });

  it('an empty first chunk does not use up the first-bytes check', async () => {
    expect(await refusal(chunks([], [0xff, 0xfe, 0x61, 0x00]))).toBe(
      'the file is UTF-16 (little-endian, byte order mark FF FE); save or export it as UTF-8',
    );
  });
});

describe('decodeText: invalid UTF-8 is placed, valid UTF-8 passes intact', () => {
  it('gives the start of the 64 KiB slice holding the bad byte, counted over all chunks', async () => {
    // chunk 1: 10 good bytes; chunk 2 (70,000 bytes) has the bad byte in its second slice
    const second = new Uint8Array(70_000).fill(0x62);
    second[66_000] = 0xff;
    expect(await refusal(chunks(new Uint8Array(10).fill(0x61), second))).toBe(utf8Error('65,546'));
    // in the first slice of the second chunk: the chunk's own start
    const early = new Uint8Array(100).fill(0x62);
    early[50] = 0xc3; // a lead byte followed by an ASCII byte
    expect(await refusal(chunks(ascii('0123456789'), early))).toBe(utf8Error('10'));
  });

  it('a character cut off by the end of the file is reported at the end', async () => {
    // 'ab' then the first two of the three bytes of € (E2 82 AC)
    expect(await refusal(chunks([0x61, 0x62, 0xe2, 0x82]))).toBe(utf8Error('4'));
  });

  it('keeps a character split across chunks and drops a leading BOM', async () => {
    const { texts, bytes } = await decodeAll(chunks([0xef, 0xbb, 0xbf, 0x61, 0xe2], [0x82, 0xac, 0x62]));
    expect(texts.join('')).toBe('a€b');
    expect(bytes).toBe(8);
  });

  it('hands a large read on in 64 KiB slices', async () => {
    const big = new Uint8Array(150 * 1024).fill(0x7a);
    const { texts, bytes } = await decodeAll(chunks(big));
    expect(texts.map((t) => t.length)).toEqual([65_536, 65_536, 22_528]);
    expect(bytes).toBe(153_600);
  });

  it('stops on an aborted signal before decoding a chunk', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(decodeAll(chunks(ascii('abc')), ac.signal)).rejects.toThrow('import aborted');
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
  });
});

describe('lineTooLong', () => {
  it('names the line and the 16 MiB limit', () => {
    expect(MAX_LINE_CHARS).toBe(16_777_216);
    const e = lineTooLong(7);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.line).toBe(7);
    expect(e.message).toBe(
      'line 7: longer than 16 MiB without a line break; this does not look like an event log (wrong format, or a quote left open?)',
    );
  });
});
