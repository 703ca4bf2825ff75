// Canonical JSON and the audit hash, byte for byte: the exact text for each kind of value (written
// out by hand from the rules in canonicalJson.ts' header), SHA-256 against the FIPS 180-2 test
// vectors, and what jsonSafe / messageOf record for values that do not serialise or describe.
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonicalJson';
import { jsonSafe, messageOf } from './safeJson';

describe('canonicalJson', () => {
  it('scalars', () => {
    expect([null, undefined, true, false, 0, -1.5, 1e21, 'a"b\n'].map(canonicalJson)).toEqual([
      'null',
      'null',
      'true',
      'false',
      '0',
      '-1.5',
      '1e+21',
      '"a\\"b\\n"',
    ]);
    expect([Infinity, -Infinity, NaN].map(canonicalJson)).toEqual(['null', 'null', 'null']);
    expect(canonicalJson(12345678901234567890n)).toBe('"12345678901234567890"');
    expect([() => 1, Symbol('s')].map(canonicalJson)).toEqual(['null', 'null']);
  });

  it('dates as ISO strings, an invalid date as null', () => {
    expect(canonicalJson(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('"2026-01-02T03:04:05.006Z"');
    expect(canonicalJson(new Date(NaN))).toBe('null');
  });

  it('objects: keys sorted by code unit, undefined/function/symbol members dropped, no whitespace', () => {
    expect(
      canonicalJson({ b: 1, a: [1, 'x', null], B: { z: undefined, y: () => 0, x: Symbol('q'), w: 2 }, é: 0 }),
    ).toBe('{"B":{"w":2},"a":[1,"x",null],"b":1,"é":0}');
    expect(canonicalJson([undefined, () => 0])).toBe('[null,null]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
  });

  it('a value shared twice is not a cycle; a real cycle throws', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"k":1},"b":[{"k":1},{"k":1}]}');
    const loop: unknown[] = [];
    loop.push({ back: loop });
    expect(() => canonicalJson(loop)).toThrow('canonicalJson: circular structure');
  });

  it('parsing a canonical text and writing it again gives the same text', () => {
    const text = canonicalJson({ z: [3, { y: 'é', x: 1.25 }], a: null });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });
});

describe('jsonSafe and messageOf', () => {
  it('jsonSafe: undefined is null, a serialisable value comes back as plain JSON, a cycle is described', () => {
    expect(jsonSafe(undefined)).toBeNull();
    expect(jsonSafe({ b: new Date(0), a: 1n })).toEqual({ a: '1', b: '1970-01-01T00:00:00.000Z' });
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(jsonSafe(loop)).toEqual({ unserializable: 'TypeError: canonicalJson: circular structure' });
  });

  it('messageOf: Errors by name and first line, strings as they are, anything else as "thrown: …", all capped at 500', () => {
    expect(messageOf(new RangeError('too big\nstack-ish detail'))).toBe('RangeError: too big');
    expect(messageOf('plain')).toBe('plain');
    expect(messageOf(undefined)).toBe('thrown: undefined');
    expect(messageOf(42)).toBe('thrown: 42');
    expect(messageOf('x'.repeat(600))).toHaveLength(500);
    expect(messageOf(new Error('y'.repeat(600)))).toBe(`Error: ${'y'.repeat(493)}`);
    expect(messageOf({ toString: () => 'z'.repeat(600) })).toBe(`thrown: ${'z'.repeat(492)}`);
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(messageOf(hostile)).toBe('thrown: (a value that cannot be described)');
  });
});
