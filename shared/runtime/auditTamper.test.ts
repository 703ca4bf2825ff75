/**
 * Tamper classes against a keyed, anchored audit log, checked with and without the key and the
 * anchor. The attacker here has the log and the anchor but not the key: they can recompute every
 * SHA-256 (the hash function is public) but cannot produce an HMAC. The oracle is the mutation
 * itself: a changed text must fail a keyed, anchored check; what each weaker check misses is
 * stated by `limits` and asserted here as undetected, so the limits are not just words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditLog, memoryAuditSink, verifyAuditBytes, verifyAuditText, type VerifyOptions } from './audit';
import { makeAnchor, type AuditAnchor } from './auditAnchor';
import { hashRecord } from './auditHash';
import { importAuditKey, newAuditKeyText, type AuditKey } from './auditKey';
import { canonicalJson } from './canonicalJson';
import { ManualClock } from './clock';
import { auditEntry, logText } from './testAudit';

async function keyedLog(n: number) {
  const key = await importAuditKey(newAuditKeyText());
  const sink = memoryAuditSink();
  const log = new AuditLog(sink, new ManualClock(), undefined, { key });
  for (let i = 0; i < n; i++) await log.append(auditEntry(i, `c${i % 3}`));
  const anchor = await makeAnchor(log.length, log.head, key);
  return { key, log, sink, anchor, lines: [...sink.lines], text: sink.text() };
}

/** Without the key: recompute hash and prevHash from line `from` on; MACs are kept (stale). */
async function rechain(
  lines: string[],
  from: number,
  change: (rec: Record<string, unknown>) => void,
): Promise<string[]> {
  const out = [...lines];
  let prev = from === 0 ? '0'.repeat(64) : (JSON.parse(out[from - 1]!) as { hash: string }).hash;
  for (let i = from; i < out.length; i++) {
    const { hash: _h, ...body } = JSON.parse(out[i]!) as Record<string, unknown>;
    if (i === from) change(body);
    body.prevHash = prev;
    const { mac: _m, ...hashed } = body;
    const hash = await hashRecord(hashed);
    out[i] = canonicalJson({ ...body, hash });
    prev = hash;
  }
  return out;
}

/** Without the key: a new record chained onto the last one, hash recomputed, no MAC (or a wrong one). */
async function forgedAppend(lines: string[], mac?: string): Promise<string[]> {
  const last = JSON.parse(lines.at(-1)!) as Record<string, unknown> & { seq: number; hash: string; mac?: string };
  const { hash: _h, mac: _m, ...body } = { ...last, seq: last.seq + 1, prevHash: last.hash, actor: 'agent:mallory' };
  const hash = await hashRecord(body);
  return [...lines, canonicalJson({ ...body, hash, ...(mac ? { mac } : {}) })];
}

type Setup = 'key+anchor' | 'anchor' | 'key' | 'neither';
const SETUPS: Setup[] = ['key+anchor', 'anchor', 'key', 'neither'];
const options = (s: Setup, key: AuditKey, anchor: AuditAnchor): VerifyOptions => ({
  ...(s === 'key+anchor' || s === 'key' ? { key } : {}),
  ...(s === 'key+anchor' || s === 'anchor' ? { anchor } : {}),
});

describe('audit tamper classes, with and without the key and the anchor', () => {
  it('an intact log passes every check; the limits name what each weaker check cannot see', async () => {
    const { key, anchor, text: t } = await keyedLog(5);
    for (const s of SETUPS)
      expect(await verifyAuditText(t, options(s, key, anchor)), s).toMatchObject({ ok: true, records: 5 });
    expect((await verifyAuditText(t, { key, anchor })).limits).toEqual([]);
    const bare = (await verifyAuditText(t)).limits.join(' | ');
    expect(bare).toMatch(/without the audit key, a forged append or an edit-and-rechain/);
    expect(bare).toMatch(/without the anchor file .* cut from the end .* cannot be detected/);
    expect((await verifyAuditText(t, { anchor })).limits.join(' | ')).toMatch(/anchor's MAC is not checked/);
  });

  it.each<
    [
      string,
      (
        l: string[],
        a: { key: AuditKey; anchor: AuditAnchor; log: AuditLog },
      ) => Promise<{ lines: string[]; anchor?: AuditAnchor }>,
      Record<Setup, string | null>,
    ]
  >([
    [
      'forged append with recomputed hashes',
      async (l) => ({ lines: await forgedAppend(l) }),
      { 'key+anchor': 'no-mac@6', anchor: 'appended@6', key: 'no-mac@6', neither: null },
    ],
    [
      'forged append with a MAC from another key',
      async (l) => ({ lines: await forgedAppend(l, 'ab'.repeat(32)) }),
      { 'key+anchor': 'mac@6', anchor: 'appended@6', key: 'mac@6', neither: null },
    ],
    [
      'edit-and-rechain (anchor left as it was)',
      async (l) => ({ lines: await rechain(l, 2, (r) => ((r.inputs as { amount: number }).amount = 9000)) }),
      { 'key+anchor': 'mac@3', anchor: 'rechained@5', key: 'mac@3', neither: null },
    ],
    [
      'edit-and-rechain with the anchor rewritten (no key for its MAC)',
      async (l) => {
        const lines = await rechain(l, 2, (r) => (r.actor = 'agent:mallory'));
        return { lines, anchor: await makeAnchor(5, (JSON.parse(lines[4]!) as { hash: string }).hash) };
      },
      { 'key+anchor': 'mac@3', anchor: null, key: 'mac@3', neither: null },
    ],
    [
      'truncation to 3 records',
      async (l) => ({ lines: l.slice(0, 3) }),
      { 'key+anchor': 'truncated@3', anchor: 'truncated@3', key: null, neither: null },
    ],
    [
      'truncation to 0 bytes',
      async () => ({ lines: [] }),
      { 'key+anchor': 'truncated@0', anchor: 'truncated@0', key: null, neither: null },
    ],
    [
      'a genuine record appended past the anchor (anchor not moved)',
      async (l, { log, key }) => {
        const sink = memoryAuditSink();
        await new AuditLog(sink, new ManualClock(), { records: log.length, head: log.head }, { key }).append(
          auditEntry(9, 'c0'),
        );
        return { lines: [...l, ...sink.lines] };
      },
      { 'key+anchor': 'appended@6', anchor: 'appended@6', key: null, neither: null },
    ],
  ])('%s', async (_name, tamper, expected) => {
    const built = await keyedLog(5);
    const { lines, anchor } = await tamper(built.lines, built);
    for (const s of SETUPS) {
      const r = await verifyAuditText(logText(lines), options(s, built.key, anchor ?? built.anchor));
      const got = r.ok ? null : `${r.kind}@${r.line}`;
      expect(got, s).toBe(expected[s]);
      if (r.ok)
        expect(r.limits.length, `${s}: an undetected class must be covered by a stated limit`).toBeGreaterThan(0);
    }
  });

  it('truncation says "removed from the end", an append says "appended": the anchor tells them apart', async () => {
    const { key, anchor, lines } = await keyedLog(5);
    expect(await verifyAuditText(logText(lines.slice(0, 4)), { key, anchor })).toMatchObject({
      reason: expect.stringMatching(/has 4 records but its anchor says 5: 1 were removed from the end/),
    });
    expect(await verifyAuditText('', { key, anchor })).toMatchObject({
      reason: expect.stringMatching(/removed from the end \(the log is empty\)/),
    });
    expect(await verifyAuditText(logText(await forgedAppend(lines)), { anchor })).toMatchObject({
      reason: expect.stringMatching(
        /1 record\(s\) after the anchored head .* appended without updating the anchor — or the process died/,
      ),
    });
  });

  it('--head: an append is reported as an append, not as a removal', async () => {
    const { lines, log } = await keyedLog(5);
    const head = log.head;
    expect(await verifyAuditText(logText(await forgedAppend(lines)), { expectedHead: head })).toMatchObject({
      ok: false,
      kind: 'appended',
      line: 6,
    });
    expect(await verifyAuditText(logText(lines.slice(0, 4)), { expectedHead: head })).toMatchObject({
      ok: false,
      kind: 'truncated',
    });
  });

  it('a BOM prefix (any changed byte) fails every check, and invalid UTF-8 names its line', async () => {
    const { key, anchor, text: t } = await keyedLog(3);
    const bytes = new TextEncoder().encode(t);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    for (const s of SETUPS)
      expect(await verifyAuditBytes(withBom, options(s, key, anchor)), s).toMatchObject({
        ok: false,
        kind: 'bom',
        line: 1,
      });
    const second = bytes.indexOf(0x0a) + 5;
    const broken = bytes.slice();
    broken[second] = 0xff;
    expect(await verifyAuditBytes(broken)).toMatchObject({ ok: false, kind: 'utf8', line: 2 });
  });

  it('an altered anchor fails a keyed check', async () => {
    const { key, anchor, text: t } = await keyedLog(3);
    expect(await verifyAuditText(t, { key, anchor: { ...anchor, mac: 'cd'.repeat(32) } })).toMatchObject({
      ok: false,
      kind: 'anchor',
    });
  });

  it('property: any sequence of random byte edits, appends and truncations that changes the log fails the keyed, anchored check', async () => {
    const { key, anchor, text: original } = await keyedLog(4);
    const orig = new TextEncoder().encode(original);
    const op = fc.oneof(
      fc.record({ op: fc.constant('edit' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
      fc.record({ op: fc.constant('truncate' as const), to: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 4 }), async (ops) => {
        let b = orig;
        for (const o of ops) {
          if (o.op === 'edit' && b.length > 0) {
            b = b.slice();
            b[o.at % b.length] = o.value;
          } else if (o.op === 'append') b = new Uint8Array([...b, ...o.bytes]);
          else if (o.op === 'truncate') b = b.slice(0, o.to % (b.length + 1));
        }
        const same = b.length === orig.length && b.every((x, i) => x === orig[i]);
        expect((await verifyAuditBytes(b, { key, anchor })).ok).toBe(same);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
