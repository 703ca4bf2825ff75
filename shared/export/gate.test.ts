import { describe, expect, it } from 'vitest';
import type { GraphDoc, TransitionConfig } from '../model/types';
import { SAMPLES } from './__fixtures__/graphs';
import { canonicalJson, contentHash, sha256Json } from './contentHash';
import { checkExport, commitExport, exportHistory } from './gate';

const refund = (): GraphDoc => structuredClone(SAMPLES['refund.sop.json']!);
const now = new Date('2026-11-24T10:00:00Z');

describe('content hash', () => {
  it('is canonical: key order and whitespace do not matter, content does', async () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: undefined }] })).toBe(
      '{"a":[true,null,{"d":"x"}],"b":1}',
    );
    expect(await sha256Json({ a: 1, b: 2 })).toBe(await sha256Json({ b: 2, a: 1 }));
    // SHA-256 of the empty object "{}", a known vector
    expect(await sha256Json({})).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('ignores version, layout and export history, sees the machine', async () => {
    const a = refund();
    const b = { ...refund(), version: 99, layout: { triage: { x: 5, y: 5 } }, exports: [] };
    expect(await contentHash(b)).toBe(await contentHash(a));
    const c = refund();
    c.machine.states!.review!.meta!.activity = 'Review';
    expect(await contentHash(c)).not.toBe(await contentHash(a));
  });
});

describe('export gate', () => {
  it('blocks on validation errors', async () => {
    const doc = refund();
    doc.machine.states!.review!.on!.APPROVE = 'nowhere';
    const r = await commitExport(doc, { format: 'xstate', signOff: { by: 'ana' }, now });
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.blocked).toBe('invalid');
    expect(r.ok ? [] : r.check.errors.map((e) => e.code)).toContain('unknown-target');
  });

  it('first export asks a sign-off for every branch above human, then bumps and records', async () => {
    const doc = refund();
    const check = checkExport(doc);
    expect(check.errors).toEqual([]);
    expect(check.tiersRaised.map((t) => `${t.id}:${t.to}`).sort()).toEqual([
      'triage|always|->refund:auto',
      'triage|always|->reject:suggest',
    ]);
    expect(check.rolloutRaised).toEqual({ from: 'observe', to: 'autonomy' });
    const blocked = await commitExport(doc, { format: 'xstate', now });
    expect(blocked.ok ? null : blocked.blocked).toBe('sign-off');

    const r = await commitExport(doc, { format: 'xstate', signOff: { by: ' Ana Risk ', note: 'pilot' }, now });
    if (!r.ok) throw new Error('export blocked');
    expect(r.doc.version).toBe(doc.version + 1);
    expect(r.record).toMatchObject({
      version: 4,
      format: 'xstate',
      at: now.toISOString(),
      diff: null,
      signOff: { by: 'Ana Risk', at: now.toISOString(), note: 'pilot' },
    });
    expect(r.record.contentHash).toBe(await contentHash(doc));
    expect(exportHistory(r.doc)).toHaveLength(1);
    expect(doc.exports).toBeUndefined(); // input untouched
  });

  it('a second export diffs against the first; no raise, no sign-off needed', async () => {
    const first = await commitExport(refund(), { format: 'xstate', signOff: { by: 'ana' }, now });
    if (!first.ok) throw new Error('blocked');
    const doc = first.doc;
    (doc.machine.states!.triage!.always as TransitionConfig[])[0]!.meta = { tier: 'suggest' }; // a lowered tier
    const check = checkExport(doc);
    expect(check.signOffRequired).toBe(false);
    const second = await commitExport(doc, { format: 'scxml', now });
    if (!second.ok) throw new Error('blocked');
    expect(second.record.version).toBe(5);
    expect(second.record.signOff).toBeUndefined();
    expect(second.record.diff?.transitions.changed).toEqual([
      { id: 'triage|always|->refund', tierChanged: { from: 'auto', to: 'suggest' } },
    ]);
    expect(exportHistory(second.doc).map((r) => r.version)).toEqual([4, 5]);
  });

  it('a raised tier after an export needs a named sign-off', async () => {
    const first = await commitExport(refund(), { format: 'xstate', signOff: { by: 'ana' }, now });
    if (!first.ok) throw new Error('blocked');
    const doc = first.doc;
    (doc.machine.states!.triage!.always as TransitionConfig[])[1]!.meta = { tier: 'auto' };
    expect(checkExport(doc).tiersRaised).toEqual([{ id: 'triage|always|->reject', from: 'suggest', to: 'auto' }]);
    const blank = await commitExport(doc, { format: 'ts', signOff: { by: '   ' }, now });
    expect(blank.ok).toBe(false);
    const ok = await commitExport(doc, { format: 'ts', signOff: { by: 'ben' }, now });
    expect(ok.ok && ok.record.signOff?.by).toBe('ben');
  });
});

describe('releases: one version per unchanged graph', () => {
  it('three exports (xstate, scxml, html) of one unchanged graph name one new version and hash', async () => {
    const doc = refund();
    const first = await commitExport(doc, { format: 'xstate', signOff: { by: 'ana' }, now });
    if (!first.ok) throw new Error('blocked');
    const second = await commitExport(first.doc, { format: 'scxml', now: new Date('2026-11-25T10:00:00Z') });
    if (!second.ok) throw new Error('blocked');
    const third = await commitExport(second.doc, { format: 'html', now: new Date('2026-11-26T10:00:00Z') });
    if (!third.ok) throw new Error('blocked');
    expect([first.reused, second.reused, third.reused]).toEqual([false, true, true]);
    expect([first.doc.version, second.doc.version, third.doc.version]).toEqual([
      doc.version + 1,
      doc.version + 1,
      doc.version + 1,
    ]);
    expect(new Set([first.record.contentHash, second.record.contentHash, third.record.contentHash]).size).toBe(1);
    expect(exportHistory(third.doc)).toHaveLength(1);
    expect(exportHistory(third.doc)[0]).toMatchObject({
      version: doc.version + 1,
      formats: ['xstate', 'scxml', 'html'],
      at: now.toISOString(),
      signOff: { by: 'ana' },
    });
  });

  it('an edit after a release makes the next export a new release', async () => {
    const first = await commitExport(refund(), { format: 'xstate', signOff: { by: 'ana' }, now });
    if (!first.ok) throw new Error('blocked');
    const edited = structuredClone(first.doc);
    edited.machine.states!.review!.meta!.activity = 'Review by hand';
    const next = await commitExport(edited, { format: 'xstate', now });
    expect(next.ok && [next.reused, next.doc.version, exportHistory(next.doc).length]).toEqual([
      false,
      first.doc.version + 1,
      2,
    ]);
  });

  it('a sign-off keeps the evidence it was shown', async () => {
    const evidence = {
      run: { datasetName: 'refund-cases.csv', graphHash: 'sha256:abc', cases: 5, stale: false },
      branches: [],
    };
    const r = await commitExport(refund(), { format: 'html', signOff: { by: 'ana', note: 'ok', evidence }, now });
    expect(r.ok && r.record.signOff).toEqual({ by: 'ana', at: now.toISOString(), note: 'ok', evidence });
  });
});
