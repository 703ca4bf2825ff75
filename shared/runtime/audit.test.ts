import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditLog, GENESIS_HASH, memoryAuditSink, verifyAudit, verifyAuditText, type AuditEntry } from './audit';
import { canonicalJson } from './canonicalJson';
import { ManualClock } from './clock';

const entry = (caseId: string, i: number): AuditEntry => ({
  caseId,
  state: 'triage',
  goal: 'Triage request',
  inputs: { amount: 40 + i, note: 'naïve “quotes” ✓' },
  tool: i % 2 ? 'issueRefund' : null,
  params: i % 2 ? { amount: 40 + i } : null,
  decision: i % 2 ? 'call' : 'route',
  tier: 'auto',
  reasons: [{ kind: 'branch', tier: 'auto' }],
  result: { ok: true },
  actor: 'agent:refund-agent',
  target: { state: 'refund', activity: 'Issue refund' },
  environment: 'production',
});

async function makeLog(n = 6) {
  const sink = memoryAuditSink();
  const log = new AuditLog(sink, new ManualClock());
  // appends are not awaited one by one: the log must still keep them in order
  await Promise.all(Array.from({ length: n }, (_, i) => log.append(entry(`c${i % 3}`, i))));
  return { sink, log, text: sink.text(), lines: [...sink.lines] };
}

describe('canonicalJson', () => {
  it('sorts keys, drops undefined, and is stable under parse + serialise', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2n, NaN], c: undefined })).toBe('{"a":[null,"2",null],"b":1}');
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = canonicalJson(v);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });
});

describe('audit chain', () => {
  it('verifies an intact log, in order, chained from the genesis hash', async () => {
    const { text, lines, log } = await makeLog();
    expect(await verifyAuditText(text)).toMatchObject({ ok: true, records: 6, head: log.head });
    expect(JSON.parse(lines[0]!)).toMatchObject({ seq: 0, prevHash: GENESIS_HASH, caseId: 'c0' });
    expect(lines.map((l) => JSON.parse(l).seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('names the first bad line for an edited, removed, reordered or inserted record', async () => {
    const { lines } = await makeLog();
    const edited = [...lines];
    edited[2] = edited[2]!.replace('"amount":42', '"amount":4200');
    expect(await verifyAudit(edited)).toMatchObject({ ok: false, line: 3, reason: expect.stringMatching(/hash/) });

    const removed = lines.filter((_, i) => i !== 3);
    expect(await verifyAudit(removed)).toMatchObject({ ok: false, line: 4 });

    const reordered = [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)];
    expect(await verifyAudit(reordered)).toMatchObject({ ok: false, line: 2 });

    const inserted = [...lines.slice(0, 2), lines[1]!, ...lines.slice(2)];
    expect(await verifyAudit(inserted)).toMatchObject({ ok: false, line: 3 });

    // a record re-hashed after editing still breaks the chain at the next line
    const rec = JSON.parse(lines[1]!);
    rec.actor = 'someone-else';
    const { hashRecord } = await import('./audit');
    const { hash: _old, ...body } = rec;
    const forged = [...lines];
    forged[1] = canonicalJson({ ...body, hash: await hashRecord(body) });
    expect(await verifyAudit(forged)).toMatchObject({ ok: false, line: 3, reason: expect.stringMatching(/prevHash/) });

    const spaced = [...lines];
    spaced[4] = spaced[4]!.replace('{"actor"', '{ "actor"');
    expect(await verifyAudit(spaced)).toMatchObject({ ok: false, line: 5, reason: expect.stringMatching(/canonical/) });
  });

  it('detects a cut-off last line, and removal from the end given the expected head', async () => {
    const { text, lines, log } = await makeLog();
    expect(await verifyAuditText(text.slice(0, -1))).toMatchObject({
      ok: false,
      line: 6,
      reason: expect.stringMatching(/incomplete/),
    });
    expect(await verifyAuditText(text.slice(0, -20))).toMatchObject({ ok: false, line: 6 });
    const shorter = lines
      .slice(0, 4)
      .map((l) => `${l}\n`)
      .join('');
    expect(await verifyAuditText(shorter)).toMatchObject({ ok: true });
    expect(await verifyAuditText(shorter, { expectedHead: log.head })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/removed from the end/),
    });
  });

  it('continues a verified log: the chain stays valid across runs', async () => {
    const { sink, log } = await makeLog(3);
    const next = new AuditLog(sink, new ManualClock(), { records: 3, head: log.head });
    await next.append(entry('c9', 9));
    expect(await verifyAuditText(sink.text())).toMatchObject({ ok: true, records: 4 });
  });

  it('changing ANY single byte of the log is detected (every position, several replacement values)', async () => {
    const { text } = await makeLog(4);
    const bytes = new TextEncoder().encode(text);
    const decoder = new TextDecoder();
    const check = async (mutated: Uint8Array) => (await verifyAuditText(decoder.decode(mutated))).ok;
    let positions = 0;
    for (let p = 0; p < bytes.length; p++) {
      for (const delta of [1, 0x20, 0x80]) {
        const m = bytes.slice();
        m[p] = (m[p]! ^ delta) & 0xff;
        if (m[p] === bytes[p]) continue;
        expect(await check(m), `byte ${p} ^ ${delta}`).toBe(false);
      }
      positions++;
    }
    expect(positions).toBe(bytes.length);
    // random replacement values, deletions and insertions
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bytes.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('replace', 'delete', 'insert'),
        async (p, value, op) => {
          let m: Uint8Array;
          if (op === 'replace') {
            fc.pre(bytes[p] !== value);
            m = bytes.slice();
            m[p] = value;
          } else if (op === 'delete') {
            m = new Uint8Array([...bytes.slice(0, p), ...bytes.slice(p + 1)]);
          } else {
            m = new Uint8Array([...bytes.slice(0, p), value, ...bytes.slice(p)]);
          }
          expect(await check(m)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  }, 180_000); // ~10 k verifications of the whole log
});

describe('AuditLog bookkeeping', () => {
  it('counts records by decision and keeps them, unless told not to keep them', async () => {
    const decisions = ['route', 'call', 'route', 'final', 'route'] as const;
    const kept = new AuditLog(memoryAuditSink(), new ManualClock());
    const lean = new AuditLog(memoryAuditSink(), new ManualClock(), undefined, { keepRecords: false });
    for (const log of [kept, lean])
      for (const [i, decision] of decisions.entries()) await log.append({ ...entry('c1', i), decision });
    for (const log of [kept, lean]) {
      expect([...log.counts.entries()]).toEqual([
        ['route', 3],
        ['call', 1],
        ['final', 1],
      ]);
      expect(log.length).toBe(5);
    }
    expect(kept.records.map((r) => [r.seq, r.decision])).toEqual([
      [0, 'route'],
      [1, 'call'],
      [2, 'route'],
      [3, 'final'],
      [4, 'route'],
    ]);
    expect(lean.records).toEqual([]);
    const explicit = new AuditLog(memoryAuditSink(), new ManualClock(), undefined, { keepRecords: true });
    await explicit.append(entry('c1', 0));
    expect(explicit.records).toHaveLength(1);
  });
});
