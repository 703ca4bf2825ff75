/**
 * The approval queue and the checks every decision passes (approvals.ts): the in-memory queue's
 * views, who may decide (a named role and person, one of the item's roles when it lists any),
 * that approve/edit need a `suggest` draft, and that a chosen branch is one the item offers.
 */
import { describe, expect, it } from 'vitest';
import {
  ApprovalError,
  checkBranch,
  checkDecider,
  checkSuggestion,
  memoryApprovalQueue,
  type ApprovalItem,
  type Decider,
} from './approvals';

function item(over: Partial<ApprovalItem> = {}): ApprovalItem {
  return {
    id: 'c3#1',
    kind: 'suggest',
    caseId: 'c3',
    state: 'triage',
    goal: 'Triage request',
    proposal: { transitionId: 'triage|always||1', target: 'reject', tool: null, params: null },
    options: [
      { transitionId: 'triage|always||0', event: null, target: 'refund', activity: 'Issue refund' },
      { transitionId: 'triage|always||1', event: null, target: 'reject', activity: 'Reject request' },
    ],
    tier: 'suggest',
    reasons: [],
    roles: ['payments-ops'],
    createdAt: 0,
    status: 'pending',
    ...over,
  };
}

const ops: Decider = { role: 'payments-ops', by: 'ann' };

/** The ApprovalError a call throws (fails when it throws something else or nothing). */
function approvalErrorOf(f: () => unknown): ApprovalError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ApprovalError);
    return e as ApprovalError;
  }
  throw new Error('expected an ApprovalError, nothing was thrown');
}

describe('memoryApprovalQueue', () => {
  it('get finds an item by id; pending lists only pending items; all lists every item in insertion order', async () => {
    const q = memoryApprovalQueue();
    expect(q.pending()).toEqual([]);
    expect(q.all()).toEqual([]);
    const a = item({ id: 'a' });
    const b = item({ id: 'b' });
    const c = item({ id: 'c' });
    await q.add(a);
    await q.add(b);
    await q.add(c);
    await q.update({ ...b, status: 'approved', decidedBy: 'payments-ops:ann' });
    expect(q.get('b')).toMatchObject({ status: 'approved', decidedBy: 'payments-ops:ann' });
    expect(q.get('zz')).toBeUndefined();
    expect(q.pending().map((i) => i.id)).toEqual(['a', 'c']);
    expect(q.all().map((i) => [i.id, i.status])).toEqual([
      ['a', 'pending'],
      ['b', 'approved'],
      ['c', 'pending'],
    ]);
    await q.update({ ...a, status: 'rejected' });
    await q.update({ ...c, status: 'decided' });
    expect(q.pending()).toEqual([]);
    expect(q.all()).toHaveLength(3);
  });
});

describe('ApprovalError', () => {
  it('is an Error named ApprovalError', () => {
    const e = new ApprovalError('nope');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ApprovalError');
    expect(e.message).toBe('nope');
  });
});

describe('checkDecider', () => {
  it('an unknown item', () => {
    expect(approvalErrorOf(() => checkDecider(undefined, 'x#9', ops)).message).toBe('no approval item "x#9"');
  });

  it('an item already decided', () => {
    expect(approvalErrorOf(() => checkDecider(item({ status: 'edited' }), 'c3#1', ops)).message).toBe(
      'item c3#1 is already edited',
    );
  });

  it.each([
    ['no decider', null],
    ['a role that is not a string', { role: 5, by: 'ann' }],
    ['a blank role', { role: '  ', by: 'ann' }],
    ['an empty role', { role: '', by: 'ann' }],
    ['a person that is not a string', { role: 'payments-ops', by: 7 }],
    ['a blank person', { role: 'payments-ops', by: ' \t' }],
  ])('%s is refused', (_label, who) => {
    const e = approvalErrorOf(() => checkDecider(item({ roles: [] }), 'c3#1', who as unknown as Decider));
    expect(e.message).toBe('item c3#1: a decision needs a named role and person');
  });

  it('a role the item does not allow is refused, naming the allowed roles', () => {
    const e = approvalErrorOf(() =>
      checkDecider(item({ roles: ['payments-ops', 'risk'] }), 'c3#1', { role: 'intern', by: 'bob' }),
    );
    expect(e.message).toBe('item c3#1: role "intern" may not decide here (allowed: payments-ops, risk)');
  });

  it('an allowed role passes and gets the item back', () => {
    const it1 = item({ roles: ['payments-ops', 'risk'] });
    expect(checkDecider(it1, 'c3#1', { role: 'risk', by: 'rob' })).toBe(it1);
  });

  it('an item with no roles lets any named role decide', () => {
    const it1 = item({ roles: [] });
    expect(checkDecider(it1, 'c3#1', { role: 'intern', by: 'bob' })).toBe(it1);
  });
});

describe('checkSuggestion', () => {
  it('a suggest item with a draft passes', () => {
    const it1 = item();
    expect(checkSuggestion(it1)).toBe(it1);
  });

  it('a human item is a hand-off, even one carrying a proposal', () => {
    const e = approvalErrorOf(() => checkSuggestion(item({ id: 'c4#2', kind: 'human' })));
    expect(e.message).toBe('item c4#2 is a hand-off: use decide()');
  });

  it('a suggest item without a draft is treated as a hand-off', () => {
    const e = approvalErrorOf(() => checkSuggestion(item({ id: 'c4#3', proposal: null })));
    expect(e.message).toBe('item c4#3 is a hand-off: use decide()');
  });
});

describe('checkBranch', () => {
  it('returns a branch the item offers, refuses any other', () => {
    expect(checkBranch(item(), 'triage|always||0')).toBe('triage|always||0');
    expect(approvalErrorOf(() => checkBranch(item(), 'triage|always||2')).message).toBe(
      'item c3#1: "triage|always||2" is not a branch of triage',
    );
  });
});
