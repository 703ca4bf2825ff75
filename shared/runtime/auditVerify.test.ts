// The verifier's verdicts, one tamper at a time: every failure is asserted with its exact kind,
// line, record count and reason (the texts an auditor reads), and `limits` exactly for each set of
// options. Logs are built with AuditLog; tampered records are re-hashed by hand where the point is
// that the hash alone does not give them away.
import { describe, expect, it } from 'vitest';
import { AuditLog, memoryAuditSink } from './audit';
import { makeAnchor, type AuditAnchor } from './auditAnchor';
import { hashRecord } from './auditHash';
import { importAuditKey, type AuditKey } from './auditKey';
import { verifyAudit, verifyAuditBytes, verifyAuditText, type VerifyOptions } from './auditVerify';
import { canonicalJson } from './canonicalJson';
import { ManualClock } from './clock';
import { auditEntry, logText } from './testAudit';

const GENESIS = '0'.repeat(64);
const KEY_HEX = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const OTHER_HEX = 'ff'.repeat(32);

const LIMIT_KEY =
  'without the audit key, a forged append or an edit-and-rechain with recomputed hashes cannot be told from genuine records';
const LIMIT_KEY_ANCHORED = `${LIMIT_KEY} (except where it moves the anchored head)`;
const LIMIT_END =
  'without the anchor file (or --head), records cut from the end — down to an empty log — cannot be detected';
const LIMIT_ANCHOR_MAC =
  "without the audit key the anchor's MAC is not checked: someone who rewrites the anchor along with the log is not detected";

async function build(n: number, key?: AuditKey) {
  const sink = memoryAuditSink();
  const log = new AuditLog(sink, new ManualClock(), undefined, key ? { key } : {});
  for (let i = 0; i < n; i++) await log.append(auditEntry(i));
  const lines = [...sink.lines];
  const heads = lines.map((l) => (JSON.parse(l) as { hash: string }).hash);
  return { lines, heads, text: sink.text() };
}

type Rec = Record<string, unknown>;
const parse = (line: string) => JSON.parse(line) as Rec;
/** The record with `change` applied and its hash recomputed (its MAC, if any, left stale). */
async function rehashed(line: string, change: (r: Rec) => void): Promise<string> {
  const { hash: _h, ...rest } = parse(line);
  change(rest);
  const { mac: _m, ...body } = rest;
  return canonicalJson({ ...rest, hash: await hashRecord(body) });
}
const failure = (kind: string, line: number, records: number, reason: string) => ({
  ok: false,
  kind,
  line,
  records,
  reason,
});

describe('limits: what a check with these options cannot see', () => {
  it('is stated exactly for each set of options, on success and on failure alike', async () => {
    const key = await importAuditKey(KEY_HEX);
    const anchor: AuditAnchor = await makeAnchor(0, GENESIS);
    const cases: Array<[VerifyOptions, string[]]> = [
      [{}, [LIMIT_KEY, LIMIT_END]],
      [{ key }, [LIMIT_END]],
      [{ expectedHead: GENESIS }, [LIMIT_KEY]],
      [{ key, expectedHead: GENESIS }, []],
      [{ anchor }, [LIMIT_KEY_ANCHORED, LIMIT_ANCHOR_MAC]],
      [{ key, anchor }, []],
      [{ anchor, expectedHead: GENESIS }, [LIMIT_KEY_ANCHORED, LIMIT_ANCHOR_MAC]],
    ];
    for (const [opts, limits] of cases) {
      expect((await verifyAudit([], opts)).limits, JSON.stringify(Object.keys(opts))).toEqual(limits);
      // a failed check (here an unparseable line) carries the same limits
      expect((await verifyAudit(['x'], opts)).limits, JSON.stringify(Object.keys(opts))).toEqual(limits);
    }
  });
});

describe('line by line: format, order, hash, MAC', () => {
  it('an empty or blank line, and a line that is not JSON, are told apart', async () => {
    const { lines } = await build(1);
    const at2 = (bad: string) => verifyAudit([lines[0]!, bad]);
    expect(await at2('')).toMatchObject(failure('format', 2, 1, 'empty line'));
    expect(await at2('  \t')).toMatchObject(failure('format', 2, 1, 'empty line'));
    expect(await at2('{"seq":1')).toMatchObject(failure('format', 2, 1, 'not valid JSON'));
    expect(await at2(' x ')).toMatchObject(failure('format', 2, 1, 'not valid JSON'));
    expect(await verifyAudit([''])).toMatchObject(failure('format', 1, 0, 'empty line'));
  });

  it('JSON that is not an object is refused as such, whatever its kind', async () => {
    for (const v of ['5', '"x"', 'true', 'null', '[]', '[{"seq":0}]'])
      expect(await verifyAudit([v]), v).toMatchObject(failure('format', 1, 0, 'not a JSON object'));
  });

  it('a line that parses but is not canonical was edited', async () => {
    const { lines } = await build(3);
    const spaced = [...lines];
    spaced[2] = spaced[2]!.replace('"actor":', '"actor": ');
    expect(await verifyAudit(spaced)).toMatchObject(
      failure('format', 3, 2, 'not in canonical form (the line was edited)'),
    );
  });

  it('a wrong sequence number names the number found and the one expected', async () => {
    const { lines } = await build(3);
    // seq changed and the hash recomputed: the chain and the hash hold, only seq gives it away
    const renumbered = [await rehashed(lines[0]!, (r) => (r.seq = 1)), ...lines.slice(1)];
    expect(await verifyAudit(renumbered)).toMatchObject(
      failure('order', 1, 0, 'sequence number 1 where 0 was expected (a record was removed, inserted or moved)'),
    );
    expect(await verifyAudit([lines[0]!, lines[2]!])).toMatchObject(
      failure('order', 2, 1, 'sequence number 2 where 1 was expected (a record was removed, inserted or moved)'),
    );
    const noSeq = [lines[0]!, await rehashed(lines[1]!, (r) => delete r.seq)];
    expect(await verifyAudit(noSeq)).toMatchObject(
      failure(
        'order',
        2,
        1,
        'sequence number undefined where 1 was expected (a record was removed, inserted or moved)',
      ),
    );
  });

  it('a prevHash that is not the previous hash breaks the chain there', async () => {
    const { lines } = await build(3);
    const relinked = [lines[0]!, await rehashed(lines[1]!, (r) => (r.prevHash = 'ab'.repeat(32))), lines[2]!];
    expect(await verifyAudit(relinked)).toMatchObject(
      failure('order', 2, 1, 'prevHash does not match the previous record (a record was removed, inserted or moved)'),
    );
  });

  it('a record that does not hash to its hash (or has none) was edited', async () => {
    const { lines } = await build(3);
    const reason = 'hash does not match the record (the record was edited)';
    const edited = [...lines];
    edited[2] = edited[2]!.replace('"amount":42', '"amount":4200');
    expect(await verifyAudit(edited)).toMatchObject(failure('edited', 3, 2, reason));
    const { hash: _h, ...noHash } = parse(lines[0]!);
    expect(await verifyAudit([canonicalJson(noHash)])).toMatchObject(failure('edited', 1, 0, reason));
    const numeric = canonicalJson({ ...noHash, hash: 7 });
    expect(await verifyAudit([numeric])).toMatchObject(failure('edited', 1, 0, reason));
  });

  it('with the key: a record without a MAC, or with a MAC from another key', async () => {
    const key = await importAuditKey(KEY_HEX);
    const unkeyed = await build(2);
    expect(await verifyAudit(unkeyed.lines, { key })).toMatchObject(
      failure(
        'no-mac',
        1,
        0,
        'the record has no MAC: it was written without the audit key (forged, or from an unkeyed run)',
      ),
    );
    const other = await build(2, await importAuditKey(OTHER_HEX));
    expect(await verifyAudit(other.lines, { key })).toMatchObject(
      failure(
        'mac',
        1,
        0,
        'the MAC does not match: the record was forged or edited and re-chained by someone without the audit key',
      ),
    );
    const keyed = await build(3, key);
    expect(await verifyAudit(keyed.lines, { key })).toMatchObject({ ok: true, records: 3, head: keyed.heads[2] });
    // a record re-hashed without the key keeps its old MAC, which no longer matches
    const rechained = [keyed.lines[0]!, await rehashed(keyed.lines[1]!, (r) => (r.actor = 'agent:mallory'))];
    expect(await verifyAudit(rechained, { key })).toMatchObject({ ok: false, kind: 'mac', line: 2, records: 1 });
  });
});

describe('the anchor: truncation, appends and re-chaining told apart', () => {
  it("an anchor whose MAC does not hold under the key fails first, at the log's end", async () => {
    const key = await importAuditKey(KEY_HEX);
    const { lines, heads } = await build(3, key);
    const forged = await makeAnchor(3, heads[2]!, await importAuditKey(OTHER_HEX));
    const reason = "the anchor file's MAC does not match: the anchor was altered or written without the audit key";
    expect(await verifyAudit(lines, { key, anchor: forged })).toMatchObject(failure('anchor', 3, 3, reason));
    const unkeyedAnchor = await makeAnchor(3, heads[2]!);
    expect(await verifyAudit(lines, { key, anchor: unkeyedAnchor })).toMatchObject(failure('anchor', 3, 3, reason));
    // checked before the count: a truncated log under a bad anchor is reported as the anchor
    expect(await verifyAudit(lines.slice(0, 1), { key, anchor: forged })).toMatchObject(
      failure('anchor', 1, 1, reason),
    );
    expect(await verifyAudit(lines, { key, anchor: await makeAnchor(3, heads[2]!, key) })).toMatchObject({
      ok: true,
      records: 3,
      head: heads[2],
    });
  });

  it('fewer records than anchored: how many were removed, and whether the log is now empty', async () => {
    const { lines, heads } = await build(5);
    const anchor = await makeAnchor(5, heads[4]!);
    expect(await verifyAudit(lines.slice(0, 3), { anchor })).toMatchObject(
      failure('truncated', 3, 3, 'the log has 3 records but its anchor says 5: 2 were removed from the end'),
    );
    expect(await verifyAudit([], { anchor })).toMatchObject(
      failure(
        'truncated',
        0,
        0,
        'the log has 0 records but its anchor says 5: 5 were removed from the end (the log is empty)',
      ),
    );
  });

  it('the record at the anchored position is not the anchored head: re-chained', async () => {
    const { lines, heads } = await build(5);
    expect(await verifyAudit(lines, { anchor: await makeAnchor(3, 'ab'.repeat(32)) })).toMatchObject(
      failure(
        'rechained',
        3,
        2,
        'record 3 is not the anchored head: the records up to it were edited and the chain recomputed',
      ),
    );
    // an anchor of 0 records anchors the genesis hash, not whatever it names
    expect(await verifyAudit([], { anchor: await makeAnchor(0, heads[0]!) })).toMatchObject({
      ok: false,
      kind: 'rechained',
      line: 0,
      reason: 'record 0 is not the anchored head: the records up to it were edited and the chain recomputed',
    });
  });

  it('records past the anchored head were appended; exactly one may also be a crash before the anchor moved', async () => {
    const { lines, heads } = await build(5);
    expect(await verifyAudit(lines, { anchor: await makeAnchor(3, heads[2]!) })).toMatchObject(
      failure(
        'appended',
        4,
        3,
        '2 record(s) after the anchored head (line 4 on) were appended without updating the anchor',
      ),
    );
    expect(await verifyAudit(lines, { anchor: await makeAnchor(4, heads[3]!) })).toMatchObject(
      failure(
        'appended',
        5,
        4,
        '1 record(s) after the anchored head (line 5 on) were appended without updating the anchor — or the process died between writing a record and its anchor',
      ),
    );
    expect(await verifyAudit(lines, { anchor: await makeAnchor(5, heads[4]!) })).toMatchObject({
      ok: true,
      records: 5,
      head: heads[4],
    });
  });

  it('an anchor of 0 records: an empty log matches it, any record is an append', async () => {
    const anchor = await makeAnchor(0, GENESIS);
    expect(await verifyAudit([], { anchor })).toMatchObject({ ok: true, records: 0, head: GENESIS });
    const { lines } = await build(2);
    expect(await verifyAudit(lines, { anchor })).toMatchObject(
      failure(
        'appended',
        1,
        0,
        '2 record(s) after the anchored head (line 1 on) were appended without updating the anchor',
      ),
    );
  });
});

describe('the expected head (--head)', () => {
  it('a log that never reaches it: the heads are named by their first 12 characters', async () => {
    expect(await verifyAudit([], { expectedHead: 'ab'.repeat(32) })).toMatchObject(
      failure(
        'truncated',
        0,
        0,
        'the log ends at head 000000000000… and never reaches the expected abababababab… (records were removed from the end, or edited and re-chained)',
      ),
    );
    const { lines, heads } = await build(3);
    expect(await verifyAudit(lines.slice(0, 2), { expectedHead: heads[2]! })).toMatchObject(
      failure(
        'truncated',
        2,
        2,
        `the log ends at head ${heads[1]!.slice(0, 12)}… and never reaches the expected ${heads[2]!.slice(0, 12)}… (records were removed from the end, or edited and re-chained)`,
      ),
    );
  });

  it('a log that ends at it passes; records after it were appended', async () => {
    const { lines, heads } = await build(5);
    expect(await verifyAudit(lines, { expectedHead: heads[4]! })).toMatchObject({ ok: true, records: 5 });
    expect(await verifyAudit(lines, { expectedHead: heads[1]! })).toMatchObject(
      failure('appended', 3, 2, '3 record(s) were appended after the expected head (line 3 on)'),
    );
    expect(await verifyAudit(lines, { expectedHead: heads[3]! })).toMatchObject(
      failure('appended', 5, 4, '1 record(s) were appended after the expected head (line 5 on)'),
    );
  });

  it('the genesis hash is the head of the empty log', async () => {
    expect(await verifyAudit([], { expectedHead: GENESIS })).toMatchObject({ ok: true, records: 0, head: GENESIS });
    const { lines } = await build(2);
    expect(await verifyAudit(lines, { expectedHead: GENESIS })).toMatchObject(
      failure('appended', 1, 0, '2 record(s) were appended after the expected head (line 1 on)'),
    );
  });
});

describe('verifyAuditText: BOM, final newline, torn line', () => {
  it('the empty text is the empty log', async () => {
    expect(await verifyAuditText('')).toMatchObject({ ok: true, records: 0, head: GENESIS });
  });

  it('a byte-order mark before line 1', async () => {
    const { text: t } = await build(2);
    expect(await verifyAuditText(`\uFEFF${t}`)).toMatchObject(
      failure('bom', 1, 0, 'line 1 starts with a byte-order mark (EF BB BF), which the runner never writes'),
    );
  });

  it('a last line without its newline is torn, counted after the complete lines', async () => {
    const { text: t, lines } = await build(3);
    const reason = 'the last line is incomplete (no final newline): torn by a crash in the middle of a write, or cut';
    expect(await verifyAuditText(t.slice(0, -1))).toMatchObject(failure('torn', 3, 2, reason));
    expect(await verifyAuditText(t.slice(0, -10))).toMatchObject(failure('torn', 3, 2, reason));
    expect(await verifyAuditText(`${t}{"seq"`)).toMatchObject(failure('torn', 4, 3, reason));
    expect(await verifyAuditText('{')).toMatchObject(failure('torn', 1, 0, reason));
    // a bad complete line before the torn one is the first failure, and reported as such
    const edited = logText([lines[0]!, lines[1]!.replace('"amount":41', '"amount":4100')]);
    expect(await verifyAuditText(`${edited}{"seq"`)).toMatchObject({ ok: false, kind: 'edited', line: 2 });
  });

  it('a blank line inside the log is named', async () => {
    const { lines } = await build(2);
    expect(await verifyAuditText(`${lines[0]!}\n\n${lines[1]!}\n`)).toMatchObject(
      failure('format', 2, 1, 'empty line'),
    );
  });
});

describe('verifyAuditBytes', () => {
  it('names the first line that is not UTF-8, counting the records before it', async () => {
    const { text: t } = await build(3);
    const bytes = new TextEncoder().encode(t);
    const reason = 'the line is not valid UTF-8 (bytes were changed)';
    const at = (line: number) => {
      let p = 0;
      for (let l = 1; l < line; l++) p = bytes.indexOf(0x0a, p) + 1;
      return p + 3;
    };
    for (const line of [1, 2, 3]) {
      const broken = bytes.slice();
      broken[at(line)] = 0xff;
      expect(await verifyAuditBytes(broken), `line ${line}`).toMatchObject(failure('utf8', line, line - 1, reason));
    }
    // a multi-byte sequence cut by the end of the file, on a torn fourth line
    const cut = new Uint8Array([...bytes, 0x7b, 0xc3]);
    expect(await verifyAuditBytes(cut)).toMatchObject(failure('utf8', 4, 3, reason));
    expect(await verifyAuditBytes(bytes)).toMatchObject({ ok: true, records: 3 });
  });

  it('a UTF-8 BOM is not swallowed by the decoder: it is reported', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode((await build(1)).text)]);
    expect(await verifyAuditBytes(bytes)).toMatchObject({ ok: false, kind: 'bom', line: 1 });
  });

  it('an error from the check itself reaches the caller (a TypeError too: it once sent the line search round forever)', async () => {
    const anchor: AuditAnchor = {
      format: 'sop-studio/audit-anchor@1',
      records: 0,
      head: GENESIS,
      mac: 'ab'.repeat(32),
    };
    // not a CryptoKey: Web Crypto's sign throws a TypeError
    await expect(verifyAuditBytes(new Uint8Array(0), { key: {} as AuditKey, anchor })).rejects.toThrow(TypeError);
    // a key that may verify but not sign: a DOMException (InvalidAccessError)
    const verifyOnly = await crypto.subtle.importKey(
      'raw',
      new Uint8Array(32),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    await expect(verifyAuditBytes(new Uint8Array(0), { key: verifyOnly, anchor })).rejects.toMatchObject({
      name: 'InvalidAccessError',
    });
  });
});
