/**
 * People's decisions (decisions.ts) through the runner on DESIGN.md's refund graph: what approve,
 * edit, reject and decide write to the trail (decision, actor, tier, reasons, result), what they do
 * to the inbox item (status, decidedBy) and to the case, and what they refuse (ApprovalError).
 *
 * The refund graph's triage branches: ||0 → refund (auto, enters issueRefund's state), ||1 →
 * reject (suggest), ||2 → review (human, unguarded). Tier reasons are effectiveTier's: the branch's
 * own tier first, then the rollout cap, guardrails, a failed tool limit.
 */
import { describe, expect, it } from 'vitest';
import { ApprovalError, type ApprovalItem } from './approvals';
import { c1, c3, c4, refundGraph, testRunner } from './testGraph';

const ops = { role: 'payments-ops', by: 'ann' };
const toRefund = 'triage|always||0';
const toReview = 'triage|always||2';

const setup = testRunner;

async function rejectsWith(p: Promise<unknown>, message: string) {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApprovalError);
  expect((e as Error).message).toBe(message);
}

describe('approve', () => {
  it('a draft without a tool: the item is approved by the decider, the branch is taken under their name', async () => {
    const { runner, records, decisions } = setup();
    const s = await runner.startCase(c3);
    expect(s.waitingOn).toBe('c3#1');
    const status = await runner.approve('c3#1', ops);
    expect(status).toMatchObject({ status: 'done', state: 'done', path: ['triage', 'reject', 'done'] });
    expect(runner.approvals.get('c3#1')).toMatchObject({ status: 'approved', decidedBy: 'payments-ops:ann' });
    expect(decisions('c3')).toEqual(['start', 'suggest', 'approve', 'pass', 'final']);
    expect(records('c3')[2]).toMatchObject({
      decision: 'approve',
      actor: 'payments-ops:ann',
      tier: 'suggest',
      reasons: [{ kind: 'branch', tier: 'suggest', from: 'transition' }],
      item: 'c3#1',
      state: 'triage',
      target: { state: 'reject', activity: 'Reject request' },
    });
  });

  it('a draft with a tool (rollout assist): the call is recorded and made under the approver, at the item’s state', async () => {
    const { runner, calls, last } = setup(refundGraph({ rollout: 'assist' }));
    await runner.startCase(c1);
    const status = await runner.approve('c1#1', ops);
    expect(status).toMatchObject({ status: 'done', path: ['triage', 'refund', 'done'] });
    expect(runner.approvals.get('c1#1')).toMatchObject({ status: 'approved', decidedBy: 'payments-ops:ann' });
    const draftParams = { caseId: 'c1', amount: 40, fraudScore: 0.1 };
    expect(last('c1', 'approve')).toMatchObject({
      decision: 'approve',
      actor: 'payments-ops:ann',
      tier: 'suggest',
      reasons: [
        { kind: 'branch', tier: 'auto', from: 'transition' },
        { kind: 'rollout', rollout: 'assist', tier: 'suggest' },
      ],
      item: 'c1#1',
      tool: 'issueRefund',
      params: draftParams,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toEqual(draftParams);
    expect(calls[0]!.ctx).toMatchObject({ idempotencyKey: 'c1:triage:1', actor: 'payments-ops:ann' });
    expect(last('c1', 'call')).toMatchObject({ actor: 'payments-ops:ann', item: 'c1#1', tier: 'suggest' });
    // the action is the state's agent's: an agent-scoped rollback finds it
    expect(await runner.rollback({ agent: 'refund-agent' }, 1, ops)).toEqual([
      { caseId: 'c1', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true },
    ]);
  });

  it('a tool call that cannot run hands the step to a human, with this case’s reasons and the blocker', async () => {
    // no handler for issueRefund: the approved call is blocked
    const { runner, last } = setup(refundGraph({ rollout: 'assist' }), { tools: {} });
    await runner.startCase(c1);
    // another case evaluated in between (amount 700 breaks issueRefund's limit amount <= 500)
    expect(await runner.startCase({ caseId: 'big', attributes: { amount: 700, fraudScore: 0.1 } })).toMatchObject({
      state: 'triage',
      status: 'waiting',
      waitingOn: 'big#2',
    });
    const status = await runner.approve('c1#1', ops);
    expect(status).toMatchObject({ status: 'waiting', state: 'triage', waitingOn: 'c1#3' });
    expect(runner.approvals.get('c1#1')).toMatchObject({ status: 'approved', decidedBy: 'payments-ops:ann' });
    const item = runner.approvals.get('c1#3')!;
    expect(item).toMatchObject({
      kind: 'human',
      tier: 'human',
      caseId: 'c1',
      state: 'triage',
      proposal: null,
      status: 'pending',
      roles: ['payments-ops'],
    });
    // c1's own plan (amount 40: the limit holds), then why the call did not run
    expect(item.reasons).toEqual([
      { kind: 'branch', tier: 'auto', from: 'transition' },
      { kind: 'rollout', rollout: 'assist', tier: 'suggest' },
      { kind: 'no-handler', tool: 'issueRefund', tier: 'human' },
    ]);
    expect(item.options.map((o) => o.transitionId)).toEqual([toRefund, 'triage|always||1', toReview]);
    expect(last('c1', 'handoff')).toMatchObject({ tier: 'human', item: 'c1#3', result: { queued: 'c1#3' } });
  });
});

describe('edit', () => {
  it('edited params replace the draft’s (the case id stays the case’s); the item is edited; the trail says edit', async () => {
    const { runner, calls, last } = setup(refundGraph({ rollout: 'assist' }));
    await runner.startCase(c1);
    const status = await runner.edit('c1#1', ops, { params: { amount: 35, note: 'partial', caseId: 'other' } });
    expect(status).toMatchObject({ status: 'done', path: ['triage', 'refund', 'done'] });
    expect(runner.approvals.get('c1#1')).toMatchObject({ status: 'edited', decidedBy: 'payments-ops:ann' });
    const edited = { amount: 35, note: 'partial', caseId: 'c1' };
    expect(calls.map((c) => c.params)).toEqual([edited]);
    expect(last('c1', 'edit')).toMatchObject({
      decision: 'edit',
      actor: 'payments-ops:ann',
      tier: 'suggest',
      item: 'c1#1',
      tool: 'issueRefund',
      params: edited,
    });
    expect(last('c1', 'approve')).toBeUndefined();
  });

  it('a branch changed to one with a tool, no params given: the agent’s scoped params are used', async () => {
    const { runner, calls, last } = setup();
    const s = await runner.startCase({
      caseId: 'e1',
      attributes: { amount: 90, fraudScore: 0.85, customerTier: 'gold' },
    });
    expect(runner.approvals.get(s.waitingOn!)).toMatchObject({
      proposal: { target: 'reject', tool: null, params: null },
    });
    const status = await runner.edit('e1#1', ops, { transitionId: toRefund });
    expect(status).toMatchObject({ status: 'done', path: ['triage', 'refund', 'done'] });
    // refund-agent reads amount and fraudScore only: customerTier stays out
    expect(calls.map((c) => c.params)).toEqual([{ caseId: 'e1', amount: 90, fraudScore: 0.85 }]);
    expect(calls[0]!.ctx).toMatchObject({ idempotencyKey: 'e1:triage:1', actor: 'payments-ops:ann' });
    expect(last('e1', 'edit')).toMatchObject({ decision: 'edit', tool: 'issueRefund', params: null, item: 'e1#1' });
  });

  it('a branch changed to one without a tool is taken, recorded as edit', async () => {
    const { runner, last } = setup();
    await runner.startCase(c3);
    expect(await runner.edit('c3#1', ops, { transitionId: toReview })).toMatchObject({
      status: 'waiting',
      state: 'review',
      waitingOn: 'c3#2',
    });
    expect(last('c3', 'edit')).toMatchObject({
      actor: 'payments-ops:ann',
      item: 'c3#1',
      target: { state: 'review', activity: 'Manual review' },
    });
  });
});

describe('reject', () => {
  it('without a choice: the item is rejected, the reason recorded, the step goes to a human at the same state', async () => {
    const { runner, decisions, last } = setup();
    await runner.startCase(c3);
    const status = await runner.reject('c3#1', ops, { reason: 'looks fine' });
    expect(status).toMatchObject({ status: 'waiting', state: 'triage', waitingOn: 'c3#2', path: ['triage'] });
    expect(runner.approvals.get('c3#1')).toMatchObject({ status: 'rejected', decidedBy: 'payments-ops:ann' });
    expect(decisions('c3')).toEqual(['start', 'suggest', 'reject', 'handoff']);
    expect(last('c3', 'reject')).toMatchObject({
      decision: 'reject',
      actor: 'payments-ops:ann',
      tier: 'suggest',
      reasons: [{ kind: 'branch', tier: 'suggest', from: 'transition' }],
      item: 'c3#1',
      result: { reason: 'looks fine' },
    });
    const item = runner.approvals.get('c3#2')!;
    expect(item).toMatchObject({ kind: 'human', tier: 'human', state: 'triage', proposal: null, status: 'pending' });
    // triage has no tier of its own: the abstaining step is human by default; then who rejected
    expect(item.reasons).toEqual([
      { kind: 'branch', tier: 'human', from: 'default' },
      { kind: 'rejected', by: 'payments-ops:ann', tier: 'human' },
    ]);
    expect(last('c3', 'handoff')).toMatchObject({ tier: 'human', item: 'c3#2', reasons: item.reasons });
  });

  it('without a reason: the recorded reason is null', async () => {
    const { runner, last } = setup();
    await runner.startCase(c3);
    await runner.reject('c3#1', ops);
    expect(last('c3', 'reject')!.result).toEqual({ reason: null });
  });

  it('the hand-off after a reject is planned with this case’s attributes, not the last case evaluated', async () => {
    const graph = refundGraph();
    const triage = graph.machine.states!.triage!;
    triage.meta = { ...triage.meta, tier: 'auto', guardrails: [{ when: 'amount > 1000.0', downgradeTo: 'suggest' }] };
    const { runner } = setup(graph);
    await runner.startCase(c3); // amount 700: the guardrail does not hold
    await runner.startCase({ caseId: 'huge', attributes: { amount: 2000, fraudScore: 0.1 } });
    await runner.reject('c3#1', ops);
    const c3Item = runner.approvals.get(runner.getCase('c3')!.waitingOn!)!;
    expect(c3Item.reasons).toEqual([
      { kind: 'branch', tier: 'auto', from: 'state' },
      { kind: 'rejected', by: 'payments-ops:ann', tier: 'human' },
    ]);
  });

  it('with a choice: the chosen branch is taken as the human’s decision', async () => {
    const { runner, decisions, last } = setup();
    await runner.startCase(c3);
    const status = await runner.reject('c3#1', ops, { choose: toReview, reason: 'needs a look' });
    expect(status).toMatchObject({ status: 'waiting', state: 'review', path: ['triage', 'review'], waitingOn: 'c3#2' });
    expect(runner.approvals.get('c3#1')).toMatchObject({ status: 'rejected', decidedBy: 'payments-ops:ann' });
    expect(decisions('c3')).toEqual(['start', 'suggest', 'reject', 'decide', 'handoff']);
    expect(last('c3', 'reject')!.result).toEqual({ reason: 'needs a look' });
    expect(last('c3', 'decide')).toMatchObject({
      decision: 'decide',
      actor: 'payments-ops:ann',
      tier: 'human',
      item: 'c3#1',
      reasons: [],
      target: { state: 'review', activity: 'Manual review' },
    });
  });

  it('a choice that is not a branch of the item is refused before anything moves', async () => {
    const { runner, decisions } = setup();
    await runner.startCase(c3);
    await rejectsWith(runner.reject('c3#1', ops, { choose: 'nope' }), 'item c3#1: "nope" is not a branch of triage');
    expect(runner.approvals.get('c3#1')!.status).toBe('pending');
    expect(decisions('c3')).toEqual(['start', 'suggest']);
    expect(runner.getCase('c3')).toMatchObject({ state: 'triage', waitingOn: 'c3#1' });
  });
});

describe('decide', () => {
  it('takes the chosen branch under the decider’s name, human tier, with the item’s reasons', async () => {
    const { runner, last } = setup();
    await runner.startCase(c4);
    const status = await runner.decide('c4#1', { role: 'payments-ops', by: 'bo' }, toReview);
    expect(status).toMatchObject({ status: 'waiting', state: 'review', waitingOn: 'c4#2' });
    expect(runner.approvals.get('c4#1')).toMatchObject({ status: 'decided', decidedBy: 'payments-ops:bo' });
    expect(last('c4', 'decide')).toMatchObject({
      decision: 'decide',
      actor: 'payments-ops:bo',
      tier: 'human',
      reasons: [{ kind: 'branch', tier: 'human', from: 'transition' }],
      item: 'c4#1',
      target: { state: 'review', activity: 'Manual review' },
    });
  });

  it('a branch the item does not offer is refused; the item stays pending', async () => {
    const { runner, decisions } = setup();
    await runner.startCase(c4);
    await rejectsWith(
      runner.decide('c4#1', ops, 'review|on|APPROVE|0'),
      'item c4#1: "review|on|APPROVE|0" is not a branch of triage',
    );
    expect(runner.approvals.get('c4#1')!.status).toBe('pending');
    expect(decisions('c4')).toEqual(['start', 'handoff']);
  });
});

describe('the case must still wait on the item', () => {
  const stray = (over: Partial<ApprovalItem>): ApprovalItem => ({
    id: 'x#1',
    kind: 'suggest',
    caseId: 'x',
    state: 'triage',
    goal: 'Triage request',
    proposal: { transitionId: 'triage|always||1', target: 'reject', tool: null, params: null },
    options: [{ transitionId: 'triage|always||1', event: null, target: 'reject', activity: 'Reject request' }],
    tier: 'suggest',
    reasons: [],
    roles: [],
    createdAt: 0,
    status: 'pending',
    ...over,
  });

  it('an item of an unknown case is refused by every decision', async () => {
    const { runner } = setup();
    await runner.approvals.add(stray({ id: 'ghost#1', caseId: 'ghost' }));
    const msg = 'case ghost is not waiting on ghost#1';
    await rejectsWith(runner.approve('ghost#1', ops), msg);
    await rejectsWith(runner.edit('ghost#1', ops, {}), msg);
    await rejectsWith(runner.reject('ghost#1', ops), msg);
    await rejectsWith(runner.decide('ghost#1', ops, 'triage|always||1'), msg);
    expect(runner.approvals.get('ghost#1')!.status).toBe('pending');
  });

  it('an item of a case that waits on another item is refused; nothing moves', async () => {
    const { runner, decisions } = setup();
    await runner.startCase(c3);
    await runner.approvals.add(stray({ id: 'c3#old', caseId: 'c3' }));
    await rejectsWith(runner.approve('c3#old', ops), 'case c3 is not waiting on c3#old');
    await rejectsWith(runner.reject('c3#old', ops), 'case c3 is not waiting on c3#old');
    expect(runner.approvals.get('c3#old')!.status).toBe('pending');
    expect(runner.approvals.get('c3#1')!.status).toBe('pending');
    expect(decisions('c3')).toEqual(['start', 'suggest']);
  });
});
