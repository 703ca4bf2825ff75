import { describe, expect, it } from 'vitest';
import refundJson from '../../../samples/refund.sop.json';
import type { GraphDoc } from '../../../shared/model/types';
import { runBelongsTo, runLabel, runStanding, shortHash, staleNotice } from './runIdentity';

const refund = refundJson as unknown as GraphDoc;
const HASH_A = `sha256:${'1a2b3c4d'.repeat(8)}`;
const HASH_B = `sha256:${'9f'.repeat(32)}`;

/** The refund graph with triage → refund lowered to suggest, written out by hand (not via an edit helper). */
function lowered(): GraphDoc {
  const doc = structuredClone(refund) as GraphDoc & {
    machine: { states: Record<string, { always?: Array<{ meta?: { tier?: string } }> }> };
  };
  doc.machine.states.triage!.always![0]!.meta = { tier: 'suggest' };
  return doc;
}

describe('which graph a run belongs to', () => {
  it('shows a run with its own project, whatever version that project is at now', () => {
    expect(runBelongsTo({ projectId: 'p-a', graphHash: HASH_A }, 'p-a', HASH_B)).toBe(true);
    expect(runBelongsTo({ projectId: 'p-a', graphHash: null }, 'p-a', HASH_B)).toBe(true);
  });

  it('shows a run with another project only when it is the very same graph version', () => {
    expect(runBelongsTo({ projectId: 'p-a', graphHash: HASH_A }, 'p-b', HASH_A)).toBe(true);
    expect(runBelongsTo({ projectId: 'p-a', graphHash: HASH_A }, 'p-b', HASH_B)).toBe(false);
    // unknown on either side is never a match
    expect(runBelongsTo({ projectId: 'p-a', graphHash: HASH_A }, 'p-b', null)).toBe(false);
    expect(runBelongsTo({ projectId: 'p-a', graphHash: null }, 'p-b', HASH_A)).toBe(false);
    expect(runBelongsTo({ projectId: null, graphHash: null }, 'p-b', HASH_A)).toBe(false);
  });

  it('names runs by their hash and time, so two runs of one version number differ', () => {
    expect(shortHash(HASH_A)).toBe('#1a2b3c4d');
    expect(shortHash(null)).toBe('unknown version');
    const t = new Date(2026, 0, 2, 9, 5, 7).getTime();
    expect(runLabel({ graphName: 'Refund requests', graphHash: HASH_A, createdAt: t })).toBe(
      'Refund requests #1a2b3c4d · ran 09:05:07',
    );
    expect(runLabel({ graphName: 'Refund requests', graphHash: HASH_B, createdAt: t })).not.toBe(
      runLabel({ graphName: 'Refund requests', graphHash: HASH_A, createdAt: t }),
    );
  });
});

describe('stale results', () => {
  it('is current while the open graph has the run’s hash', () => {
    const s = runStanding({ projectId: 'p', graphHash: HASH_A, graph: refund }, HASH_A, refund);
    expect(s).toEqual({ kind: 'current' });
    expect(staleNotice(s)).toBeNull();
  });

  it('waits for the open graph’s hash instead of guessing', () => {
    expect(runStanding({ projectId: 'p', graphHash: HASH_A, graph: refund }, null, refund)).toEqual({
      kind: 'checking',
    });
  });

  it('says which branch changed when the hash differs', () => {
    const s = runStanding({ projectId: 'p', graphHash: HASH_A, graph: refund }, HASH_B, lowered());
    expect(s).toEqual({ kind: 'stale', changes: ['branch triage → refund: tier auto → suggest'] });
    expect(staleNotice(s)).toEqual({
      headline: 'These results are from an earlier version of this graph — 1 change since:',
      details: ['branch triage → refund: tier auto → suggest'],
      more: 0,
    });
  });

  it('lists added states and rollout changes, and caps the list', () => {
    const doc = lowered() as GraphDoc & { machine: { states: Record<string, unknown> } };
    doc.rollout = 'assist';
    for (let i = 1; i <= 6; i++) doc.machine.states[`extra${i}`] = { meta: { activity: `Extra ${i}` } };
    const s = runStanding({ projectId: 'p', graphHash: HASH_A, graph: refund }, HASH_B, doc);
    if (s.kind !== 'stale') throw new Error(`expected stale, got ${s.kind}`);
    expect(s.changes).toContain('state extra1 added');
    expect(s.changes).toContain('rollout autonomy → assist');
    expect(s.changes).toHaveLength(8);
    const notice = staleNotice(s)!;
    expect(notice.headline).toContain('8 changes since');
    expect(notice.details).toHaveLength(6);
    expect(notice.more).toBe(2);
  });

  it('is still stale, without details, when the stored snapshot cannot be read', () => {
    const s = runStanding({ projectId: 'p', graphHash: HASH_A, graph: 'not a graph' }, HASH_B, refund);
    expect(s).toEqual({ kind: 'stale', changes: [] });
    expect(staleNotice(s)?.headline).toBe('These results are from an earlier version of this graph.');
  });

  it('treats a run without a recorded hash as of unknown version (out of date)', () => {
    const s = runStanding({ projectId: 'p', graphHash: null, graph: refund }, HASH_A, refund);
    expect(s).toEqual({ kind: 'unknown' });
    expect(staleNotice(s)?.headline).toContain('out of date');
  });
});
