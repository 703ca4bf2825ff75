// The head anchor: its file format, refused with the reason for each bad field, and its MAC,
// against an independent implementation: the expected HMAC-SHA-256 values were computed with
// Python's hmac/hashlib over the text `anchor:<records>:<head>` (not with this code).
import { describe, expect, it } from 'vitest';
import { anchorMacHolds, makeAnchor, parseAnchor, type AuditAnchor } from './auditAnchor';
import { importAuditKey } from './auditKey';

const FORMAT = 'sop-studio/audit-anchor@1' as const;
const KEY_0_TO_31 = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const KEY_FF = 'ff'.repeat(32);
const HEAD = 'ab'.repeat(32);
const GENESIS = '0'.repeat(64);
/** Python: hmac.new(bytes(range(32)), b'anchor:3:' + b'ab' * 32, sha256).hexdigest() */
const MAC_3_AB = 'afe9d1d217d39c4145437fab02260105a1f21b91a45777c81bdad060128c1b6c';
/** Python: hmac.new(bytes(range(32)), b'anchor:0:' + b'0' * 64, sha256).hexdigest() */
const MAC_0_GENESIS = 'f836d1d43b82673f67e7a14515ca2477a37e047eac604d55cbb9fd99df4692ea';

const key = () => importAuditKey(KEY_0_TO_31);
const json = (v: unknown) => JSON.stringify(v);
const valid: AuditAnchor = { format: FORMAT, records: 3, head: HEAD, mac: MAC_3_AB };

describe('makeAnchor', () => {
  it('without a key: the count and head, MAC null', async () => {
    expect(await makeAnchor(3, HEAD)).toEqual({ format: FORMAT, records: 3, head: HEAD, mac: null });
  });

  it('with a key: HMAC-SHA-256 over "anchor:<records>:<head>", as Python computes it', async () => {
    expect(await makeAnchor(3, HEAD, await key())).toEqual({ format: FORMAT, records: 3, head: HEAD, mac: MAC_3_AB });
    expect(await makeAnchor(0, GENESIS, await key())).toEqual({
      format: FORMAT,
      records: 0,
      head: GENESIS,
      mac: MAC_0_GENESIS,
    });
  });
});

describe('anchorMacHolds', () => {
  it('holds for the MAC Python computed, under the same key', async () => {
    expect(await anchorMacHolds(valid, await key())).toBe(true);
    expect(await anchorMacHolds({ format: FORMAT, records: 0, head: GENESIS, mac: MAC_0_GENESIS }, await key())).toBe(
      true,
    );
  });

  it('fails when the count, the head or the MAC was changed, or under another key', async () => {
    const k = await key();
    expect(await anchorMacHolds({ ...valid, records: 4 }, k)).toBe(false);
    expect(await anchorMacHolds({ ...valid, head: `ac${HEAD.slice(2)}` }, k)).toBe(false);
    expect(await anchorMacHolds({ ...valid, mac: `${MAC_3_AB.slice(0, 63)}d` }, k)).toBe(false);
    expect(await anchorMacHolds(valid, await importAuditKey(KEY_FF))).toBe(false);
  });

  it('an anchor without a MAC (written unkeyed) does not hold under a key', async () => {
    expect(await anchorMacHolds({ format: FORMAT, records: 3, head: HEAD, mac: null }, await key())).toBe(false);
  });
});

describe('parseAnchor', () => {
  it('returns a well-formed anchor as it is, keyed or not, down to 0 records', () => {
    expect(parseAnchor(json(valid))).toEqual(valid);
    const unkeyed: AuditAnchor = { format: FORMAT, records: 0, head: GENESIS, mac: null };
    expect(parseAnchor(json(unkeyed))).toEqual(unkeyed);
    // whitespace around the JSON (the file is written at a fixed width) is fine
    expect(parseAnchor(`${json(valid)}   \n`)).toEqual(valid);
  });

  it('text that is not JSON', () => {
    for (const t of ['', 'anchor', '{"format":', '{format: 1}'])
      expect(parseAnchor(t), t).toBe('the anchor file is not valid JSON');
  });

  it('JSON that is not an anchor object of this format', () => {
    const msg = 'the anchor file is not a sop-studio/audit-anchor@1';
    for (const v of [
      null,
      0,
      7,
      true,
      '',
      FORMAT,
      [],
      [valid],
      {},
      { ...valid, format: 'sop-studio/audit-anchor@2' },
      { ...valid, format: undefined },
    ])
      expect(parseAnchor(json(v)), json(v)).toBe(msg);
  });

  it('a record count that is not a non-negative safe integer', () => {
    const msg = 'the anchor file has no valid record count';
    for (const records of [-1, 1.5, '3', null, 2 ** 53, undefined])
      expect(parseAnchor(json({ ...valid, records })), String(records)).toBe(msg);
    expect(parseAnchor(json({ ...valid, records: 2 ** 53 - 1 }))).toEqual({ ...valid, records: 2 ** 53 - 1 });
  });

  it('a head that is not 64 lower-case hex characters', () => {
    const msg = 'the anchor file has no valid head hash';
    for (const head of [
      undefined,
      null,
      7,
      [HEAD], // String([HEAD]) would pass the pattern: only a string is a head
      '',
      'a',
      HEAD.slice(1),
      `${HEAD}a`,
      `x${HEAD}`,
      `${HEAD}x`,
      HEAD.toUpperCase(),
      `${HEAD.slice(0, 63)}g`,
    ])
      expect(parseAnchor(json({ ...valid, head })), json(head)).toBe(msg);
  });

  it('a MAC that is neither null nor 64 lower-case hex characters', () => {
    const msg = 'the anchor file has no valid MAC';
    for (const mac of [
      undefined, // missing: an unkeyed anchor says null
      7,
      [MAC_3_AB],
      '',
      'a',
      MAC_3_AB.slice(1),
      `${MAC_3_AB}a`,
      `x${MAC_3_AB}`,
      `${MAC_3_AB}x`,
      MAC_3_AB.toUpperCase(),
    ])
      expect(parseAnchor(json({ ...valid, mac })), json(mac)).toBe(msg);
  });

  it('checks the fields in order: format, count, head, MAC', () => {
    expect(parseAnchor(json({ format: 'x', records: -1, head: 'x', mac: 'x' }))).toBe(
      'the anchor file is not a sop-studio/audit-anchor@1',
    );
    expect(parseAnchor(json({ format: FORMAT, records: -1, head: 'x', mac: 'x' }))).toBe(
      'the anchor file has no valid record count',
    );
    expect(parseAnchor(json({ format: FORMAT, records: 1, head: 'x', mac: 'x' }))).toBe(
      'the anchor file has no valid head hash',
    );
  });
});
