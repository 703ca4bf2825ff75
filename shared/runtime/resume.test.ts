/**
 * resumeJournal over hand-written trails (resume.ts's header contract): completed calls, unknown
 * outcomes (an intent with no call after it, or an earlier `outcome-unknown` mark), failed
 * attempts per key, and which cases are finished (their last run, started in execute mode,
 * reached final or stuck).
 */
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from './audit';
import { resumeJournal } from './resume';

let seq = 0;
function rec(decision: string, caseId: string, over: Partial<AuditRecord> = {}): AuditRecord {
  seq += 1;
  return { seq, decision, caseId, tool: null, result: null, ...over } as AuditRecord;
}
const start = (caseId: string, mode: unknown) => rec('start', caseId, { result: mode === undefined ? null : { mode } });
const intent = (caseId: string, key: string, s: number) =>
  rec('intent', caseId, { seq: s, idempotencyKey: key, tool: 'issueRefund' });
const call = (caseId: string, key: string, result: unknown, s?: number) =>
  rec('call', caseId, { ...(s === undefined ? {} : { seq: s }), idempotencyKey: key, tool: 'issueRefund', result });

const finishedOf = (records: AuditRecord[]) => [...resumeJournal(records).finished].sort();

describe('resumeJournal: finished cases', () => {
  it('an execute run that reached final, or stuck, is finished', () => {
    expect(finishedOf([start('a', 'execute'), rec('final', 'a'), start('b', 'execute'), rec('stuck', 'b')])).toEqual([
      'a',
      'b',
    ]);
  });

  it('a shadow run, or an old start without a mode, does not finish a case', () => {
    expect(
      finishedOf([
        start('a', 'shadow'),
        rec('final', 'a'),
        start('b', undefined),
        rec('stuck', 'b'),
        rec('start', 'c', { result: {} }),
        rec('final', 'c'),
      ]),
    ).toEqual([]);
  });

  it('only final and stuck finish a case: other steps of an execute run do not', () => {
    expect(
      finishedOf([
        start('a', 'execute'),
        rec('pass', 'a'),
        rec('handoff', 'a'),
        rec('intent', 'a', { idempotencyKey: 'a:refund:1' }),
      ]),
    ).toEqual([]);
  });

  it('a later start reopens a finished case; its mode is the later run’s', () => {
    expect(finishedOf([start('a', 'execute'), rec('final', 'a'), start('a', 'execute')])).toEqual([]);
    // executed once, rerun in shadow: the shadow run reaching final does not count
    expect(finishedOf([start('b', 'execute'), start('b', 'shadow'), rec('final', 'b')])).toEqual([]);
    expect(finishedOf([start('c', 'shadow'), start('c', 'execute'), rec('final', 'c')])).toEqual(['c']);
  });
});

describe('resumeJournal: calls', () => {
  it('a successful call is completed with its record’s seq and value (null when none)', () => {
    const j = resumeJournal([
      intent('a', 'a:refund:1', 10),
      call('a', 'a:refund:1', { ok: true, value: { refundId: 'r-a' } }, 11),
      intent('b', 'b:refund:1', 12),
      call('b', 'b:refund:1', { ok: true }, 13),
    ]);
    expect([...j.completed]).toEqual([
      ['a:refund:1', { seq: 11, value: { refundId: 'r-a' } }],
      ['b:refund:1', { seq: 13, value: null }],
    ]);
    expect(j.unknown.size).toBe(0);
    expect(j.failedAttempts.size).toBe(0);
  });

  it('failed calls count per key; a call without a result is a failed one', () => {
    const j = resumeJournal([
      intent('a', 'a:refund:1', 1),
      call('a', 'a:refund:1', { ok: false, error: '503' }),
      call('a', 'a:refund:1', null),
      call('a', 'a:refund:1', { ok: 'yes' }),
      call('b', 'b:refund:1', { ok: false }),
    ]);
    expect([...j.failedAttempts]).toEqual([
      ['a:refund:1', 3],
      ['b:refund:1', 1],
    ]);
    expect(j.completed.size).toBe(0);
    expect(j.unknown.size).toBe(0);
  });

  it('records without an idempotency key say nothing about calls', () => {
    const j = resumeJournal([
      rec('intent', 'a', { tool: 'issueRefund' }),
      rec('call', 'a', { tool: 'issueRefund', result: { ok: true, value: 1 } }),
      rec('call', 'a', { tool: 'issueRefund', result: { ok: false } }),
      rec('outcome-unknown', 'a', { tool: 'issueRefund', result: { intentSeq: 1 } }),
    ]);
    expect(j.completed.size).toBe(0);
    expect(j.unknown.size).toBe(0);
    expect(j.failedAttempts.size).toBe(0);
  });

  it('other keyed records (an undo, a replay) are neither calls nor intents', () => {
    const j = resumeJournal([
      rec('undo', 'a', { idempotencyKey: 'undo:a:refund:1', result: { ok: true, value: 1 } }),
      rec('undo', 'a', { idempotencyKey: 'undo:a:refund:2', result: { ok: false, error: 'x' } }),
      rec('replayed', 'a', { idempotencyKey: 'a:refund:3', result: { ok: true, value: 2, fromSeq: 1 } }),
    ]);
    expect(j.completed.size).toBe(0);
    expect(j.unknown.size).toBe(0);
    expect(j.failedAttempts.size).toBe(0);
  });
});

describe('resumeJournal: unknown outcomes', () => {
  it('an intent with no call after it is unknown, at the intent’s seq', () => {
    const j = resumeJournal([intent('a', 'a:refund:1', 20)]);
    expect([...j.unknown]).toEqual([['a:refund:1', { intentSeq: 20, caseId: 'a', tool: 'issueRefund' }]]);
  });

  it('a key already completed stays completed even if a later intent has no call', () => {
    const j = resumeJournal([
      intent('a', 'a:refund:1', 1),
      call('a', 'a:refund:1', { ok: true, value: 5 }, 2),
      intent('a', 'a:refund:1', 3),
    ]);
    expect(j.unknown.size).toBe(0);
    expect(j.completed.get('a:refund:1')).toEqual({ seq: 2, value: 5 });
  });

  it('an earlier outcome-unknown mark keeps the key unknown, at the intent seq it names', () => {
    const j = resumeJournal([
      intent('a', 'a:refund:1', 4),
      rec('outcome-unknown', 'a', {
        seq: 9,
        idempotencyKey: 'a:refund:1',
        tool: 'issueRefund',
        result: { intentSeq: 4 },
      }),
    ]);
    expect([...j.unknown]).toEqual([['a:refund:1', { intentSeq: 4, caseId: 'a', tool: 'issueRefund' }]]);
    expect(j.failedAttempts.size).toBe(0);
    expect(j.completed.size).toBe(0);
  });

  it('a mark without an intent seq stands at its own seq, and replaces the open intent', () => {
    const j = resumeJournal([
      intent('a', 'a:refund:1', 4),
      rec('outcome-unknown', 'a', { seq: 9, idempotencyKey: 'a:refund:1', tool: 'issueRefund', result: null }),
    ]);
    expect([...j.unknown]).toEqual([['a:refund:1', { intentSeq: 9, caseId: 'a', tool: 'issueRefund' }]]);
  });

  it('a mark alone (its intent in an older, trimmed log) is unknown too', () => {
    const j = resumeJournal([
      rec('outcome-unknown', 'b', {
        seq: 30,
        idempotencyKey: 'b:refund:1',
        tool: 'issueRefund',
        result: { intentSeq: 7 },
      }),
    ]);
    expect([...j.unknown]).toEqual([['b:refund:1', { intentSeq: 7, caseId: 'b', tool: 'issueRefund' }]]);
  });
});
