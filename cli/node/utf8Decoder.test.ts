import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newSummary, readCases } from '../../shared/import';
import { openLog } from './openFile';
import { NodeUtf8Decoder } from './utf8Decoder';

// The oracle is Node's own TextDecoder('utf-8', { fatal: true }), fed the same calls: every
// call's text, and which call throws, must be the same. The inputs mix what could make the ASCII
// copy wrong: a BOM at the start or inside, characters of 2–4 bytes cut anywhere by the slices,
// invalid bytes, empty and one-byte slices, and calls that end a stream mid-way.

const PIECES: number[][] = [
  [0x61, 0x62, 0x63, 0x0a],
  [0x3c, 0x65, 0x76, 0x3e, 0x20, 0x22],
  [0xef, 0xbb, 0xbf], // BOM (U+FEFF)
  [0xc3, 0xa9], // é
  [0xe2, 0x82, 0xac], // €
  [0xf0, 0x9f, 0x98, 0x80], // 😀
  [0xe2, 0x80, 0x80], // U+2000: cut after two bytes, the last held byte is 0x80
  [0xf0, 0x90, 0x80, 0x80], // U+10000
  [0x80], // a lone continuation byte
  [0xc3], // a cut 2-byte lead
  [0xe2, 0x82], // a cut 3-byte sequence
  [0xf0, 0x90, 0x80], // a cut 4-byte sequence ending in 0x80
  [0xc0, 0x80], // overlong
  [0xed, 0xa0, 0x80], // a surrogate
  [0xff],
  [0x00, 0x7f],
];

interface Call {
  bytes: Uint8Array | undefined;
  stream: boolean;
}

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES.slice(0, 2)) },
  { weight: 4, arbitrary: fc.constantFrom(...PIECES.slice(2, 8)) },
  { weight: 1, arbitrary: fc.constantFrom(...PIECES.slice(8)) },
);

/** Bytes from pieces, cut into slices of 0–9 bytes; now and then a call that ends the stream. */
const calls = fc
  .tuple(
    fc.array(piece, { maxLength: 40 }).map((ps) => Uint8Array.from(ps.flat())),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 11 })), { maxLength: 60 }),
  )
  .map(([bytes, cuts]) => {
    const out: Call[] = [];
    let at = 0;
    for (const [len, roll] of cuts) {
      if (at >= bytes.length) break;
      out.push({ bytes: bytes.subarray(at, at + len), stream: roll !== 0 });
      at += len;
    }
    out.push({ bytes: bytes.subarray(at), stream: true }, { bytes: undefined, stream: false });
    return out;
  });

/** Each call's text, up to the first that throws (then 'throws'). */
function outcomes(decoder: { decode(b?: Uint8Array, o?: { stream?: boolean }): string }, seq: Call[]): string[] {
  const out: string[] = [];
  for (const c of seq) {
    try {
      out.push(
        c.bytes === undefined
          ? decoder.decode(undefined, { stream: c.stream })
          : decoder.decode(c.bytes, { stream: c.stream }),
      );
    } catch {
      out.push('throws');
      break;
    }
  }
  return out;
}

describe('NodeUtf8Decoder', () => {
  it('gives TextDecoder’s text and errors call by call, however the bytes are cut', () => {
    fc.assert(
      fc.property(calls, (seq) => {
        expect(outcomes(new NodeUtf8Decoder(), seq)).toEqual(outcomes(new TextDecoder('utf-8', { fatal: true }), seq));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops a BOM only at the start of a stream, also after ASCII slices were copied', () => {
    const d = new NodeUtf8Decoder();
    const s = (xs: number[]) => Uint8Array.from(xs);
    expect(d.decode(s([0xef, 0xbb, 0xbf, 0x61]), { stream: true })).toBe('a');
    expect(d.decode(s([0x62, 0x63]), { stream: true })).toBe('bc'); // copied
    expect(d.decode(s([0xef, 0xbb, 0xbf, 0x64]), { stream: true })).toBe('\ufeffd'); // inside: kept
    expect(d.decode(s([0x65]))).toBe('e'); // ends the stream
    expect(d.decode(s([0xef, 0xbb, 0xbf, 0x66]), { stream: true })).toBe('f'); // a new stream's BOM
  });

  it('completes a character cut between slices before copying again', () => {
    const d = new NodeUtf8Decoder();
    const s = (xs: number[]) => Uint8Array.from(xs);
    expect(d.decode(s([0x61]), { stream: true })).toBe('a');
    expect(d.decode(s([0x62, 0xe2]), { stream: true })).toBe('b');
    expect(d.decode(s([0x82]), { stream: true })).toBe('');
    expect(d.decode(s([0xac, 0x63]), { stream: true })).toBe('€c');
    expect(d.decode(s([0x64]), { stream: true })).toBe('d');
    expect(() => {
      d.decode(s([0xc3]), { stream: true });
      d.decode(s([0x65]), { stream: true }); // a cut character followed by ASCII
    }).toThrow();
  });
});

describe('openLog reads with it', () => {
  it('gives the cases TextDecoder gives, with characters placed on the 64 KiB slice cuts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sop-utf8-'));
    try {
      // shared/import/text.ts hands out 64 KiB slices: the first is all ASCII (copied), the second
      // starts with U+FEFF (kept: not a BOM there), a 3-byte character straddles the second cut,
      // and ASCII slices follow it
      const SLICE = 64 * 1024;
      let csv = 'case,activity,timestamp,note\n';
      let n = 0;
      const line = (activity: string, note = '') =>
        `c${n >> 2},${activity},2024-01-01T00:00:${String(n++ % 60).padStart(2, '0')}Z,${note}\n`;
      const bytes = () => Buffer.byteLength(csv);
      const placeNextActivityAt = (offset: number) => {
        while (bytes() < offset - 300) csv += line('approve', 'x'.repeat(n % 17));
        const head = `c${(n + 1) >> 2},`.length; // the next line's case field and comma
        csv += line('pad', '');
        csv = csv.slice(0, -1) + 'y'.repeat(offset - bytes() - head) + '\n';
      };
      placeNextActivityAt(SLICE);
      csv += line('\ufeffPrüfung');
      placeNextActivityAt(2 * SLICE - 1);
      csv += line('审批');
      while (bytes() < 5 * SLICE) csv += line('close', 'z'.repeat(n % 11));
      expect(Buffer.from(csv).subarray(SLICE, SLICE + 3)).toEqual(Buffer.from('\ufeff'));
      expect(Buffer.from(csv).subarray(2 * SLICE - 1, 2 * SLICE + 2)).toEqual(Buffer.from('审'));
      const path = join(dir, 'log.csv');
      writeFileSync(path, csv);
      const read = async (viaNode: boolean) => {
        const log = await openLog(path);
        const out = [];
        const options = viaNode ? { format: log.format, utf8Decoder: log.utf8Decoder } : { format: log.format };
        for await (const c of readCases(log.bytes, options, newSummary())) out.push(c);
        return out;
      };
      const viaNode = await read(true);
      const activities = viaNode.flatMap((c) => c.events.map((e) => e.activity));
      expect(activities).toContain('\ufeffPrüfung');
      expect(activities).toContain('审批');
      expect(viaNode).toEqual(await read(false));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
