import { describe, expect, it } from 'vitest';
import { ApprovalError } from './approvals';
import { memoryAuditSink, verifyAuditText, type AuditRecord } from './audit';
import { ManualClock } from './clock';
import { createRunner, type RunnerOptions } from './runner';
import { c1, c3, c4, fakeTools, refundGraph, small } from './testGraph';
import type { GraphDoc } from '../model/types';

const ops = { role: 'payments-ops', by: 'ann' };

function setup(
  graph: GraphDoc = refundGraph(),
  opts: Partial<RunnerOptions> = {},
  behaviour?: Parameters<typeof fakeTools>[0],
) {
  const sink = memoryAuditSink();
  const clock = new ManualClock();
  const fake = fakeTools(behaviour);
  const runner = createRunner(graph, { tools: fake.tools, audit: sink, clock, environment: 'production', ...opts });
  const decisions = (caseId: string) => runner.audit.records.filter((r) => r.caseId === caseId).map((r) => r.decision);
  return { sink, clock, runner, calls: fake.calls, decisions };
}

async function expectChainIntact(sink: ReturnType<typeof memoryAuditSink>) {
  expect(await verifyAuditText(sink.text())).toMatchObject({ ok: true, records: sink.lines.length });
}

describe('tiers', () => {
  it('auto: calls the tool once with an idempotency key and the agent-scoped params, then finishes', async () => {
    const { runner, calls, decisions, sink } = setup();
    const status = await runner.startCase(c1);
    expect(status).toMatchObject({ status: 'done', state: 'done', path: ['triage', 'refund', 'done'] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toEqual({ caseId: 'c1', amount: 40, fraudScore: 0.1 }); // customerTier is outside the agent's reads
    expect(calls[0]!.ctx).toMatchObject({
      idempotencyKey: 'c1:triage:1',
      attempt: 0,
      environment: 'production',
      actor: 'agent:refund-agent',
    });
    expect(decisions('c1')).toEqual(['start', 'intent', 'call', 'pass', 'final']);
    const call = runner.audit.records.find((r) => r.decision === 'call')!;
    expect(call).toMatchObject({
      tool: 'issueRefund',
      tier: 'auto',
      goal: 'Triage request',
      inputs: { amount: 40, fraudScore: 0.1 },
      target: { state: 'refund' },
      result: { ok: true, value: { refundId: 'r-c1' } },
    });
    await expectChainIntact(sink);
  });

  it('suggest: waits for approval by the owning role; approve executes the draft', async () => {
    const { runner, calls, decisions } = setup();
    const status = await runner.startCase(c3);
    expect(status).toMatchObject({ status: 'waiting', state: 'triage' });
    const item = runner.approvals.get(status.waitingOn!)!;
    expect(item).toMatchObject({
      kind: 'suggest',
      roles: ['payments-ops'],
      proposal: { target: 'reject', tool: null },
    });
    await expect(runner.approve(item.id, { role: 'intern', by: 'bob' })).rejects.toThrow(
      /role "intern" may not decide/,
    );
    await expect(runner.approve(item.id, { role: 'payments-ops', by: ' ' })).rejects.toBeInstanceOf(ApprovalError);
    expect(await runner.approve(item.id, ops)).toMatchObject({ status: 'done', path: ['triage', 'reject', 'done'] });
    expect(calls).toHaveLength(0);
    expect(decisions('c3')).toEqual(['start', 'suggest', 'approve', 'pass', 'final']);
    expect(runner.audit.records.find((r) => r.decision === 'approve')!.actor).toBe('payments-ops:ann');
    await expect(runner.approve(item.id, ops)).rejects.toThrow(/already approved/);
  });

  it('suggest: edit changes the branch; reject hands off or takes the human choice', async () => {
    const { runner } = setup();
    const a = await runner.startCase(c3);
    const edited = await runner.edit(a.waitingOn!, ops, { transitionId: 'triage|always||2' });
    expect(edited).toMatchObject({ status: 'waiting', state: 'review' });
    const b = await runner.startCase({ caseId: 'c3b', attributes: c3.attributes });
    const rejected = await runner.reject(b.waitingOn!, ops, { reason: 'looks fine' });
    expect(runner.approvals.get(rejected.waitingOn!)).toMatchObject({ kind: 'human', state: 'triage' });
    const c = await runner.startCase({ caseId: 'c3c', attributes: c3.attributes });
    expect(await runner.reject(c.waitingOn!, ops, { choose: 'triage|always||2' })).toMatchObject({ state: 'review' });
    await expect(
      runner.edit((await runner.startCase({ caseId: 'c3d', attributes: c3.attributes })).waitingOn!, ops, {
        transitionId: 'nope',
      }),
    ).rejects.toThrow(/not a branch/);
  });

  it('human: hands off; the human choice is taken without a tool call', async () => {
    const { runner, calls, decisions } = setup();
    const s = await runner.startCase(c4);
    expect(runner.approvals.get(s.waitingOn!)).toMatchObject({ kind: 'human', proposal: null });
    const atReview = await runner.decide(s.waitingOn!, ops, 'triage|always||2');
    expect(atReview).toMatchObject({ state: 'review', status: 'waiting' });
    const item = runner.approvals.get(atReview.waitingOn!)!;
    expect(item.options.map((o) => o.event)).toEqual(['APPROVE', 'DENY']);
    expect(await runner.decide(item.id, ops, 'review|on|APPROVE|0')).toMatchObject({
      status: 'done',
      path: ['triage', 'review', 'refund', 'done'],
    });
    expect(calls).toHaveLength(0);
    expect(decisions('c4')).toEqual(['start', 'handoff', 'decide', 'handoff', 'decide', 'pass', 'final']);
  });

  it('rollout assist turns auto into suggest; the approved call runs under the approver', async () => {
    const { runner, calls } = setup(refundGraph({ rollout: 'assist' }));
    const s = await runner.startCase(c1);
    expect(runner.approvals.get(s.waitingOn!)).toMatchObject({
      kind: 'suggest',
      proposal: { tool: 'issueRefund', params: { caseId: 'c1', amount: 40, fraudScore: 0.1 } },
    });
    expect(calls).toHaveLength(0);
    expect(await runner.approve(s.waitingOn!, ops)).toMatchObject({ status: 'done' });
    expect(calls.map((c) => c.ctx.actor)).toEqual(['payments-ops:ann']);
  });

  it('rollout observe: every step is human, nothing is called', async () => {
    const { runner, calls } = setup(refundGraph({ rollout: 'observe' }));
    const s = await runner.startCase(c1);
    expect(runner.approvals.get(s.waitingOn!)!.kind).toBe('human');
    expect(calls).toHaveLength(0);
  });
});

describe('guardrails stop the tool call and route to a human', () => {
  const reasonKinds = (r: AuditRecord | undefined) => r?.reasons.map((x) => x.kind);

  it('a tool limit that does not hold', async () => {
    const { runner, calls } = setup(refundGraph({ issueRefund: { limit: 'amount <= 30.0' } }));
    const s = await runner.startCase(c1);
    expect(calls).toHaveLength(0);
    const item = runner.approvals.get(s.waitingOn!)!;
    expect(item.kind).toBe('human');
    expect(item.reasons.map((r) => r.kind)).toContain('limit');
  });

  it('the per-minute rate limit, until the minute has passed', async () => {
    const { runner, calls, clock } = setup(refundGraph({ issueRefund: { rate: { perMinute: 2 } } }));
    await runner.startCase(small('a'));
    await runner.startCase(small('b'));
    const third = await runner.startCase(small('c'));
    expect(calls).toHaveLength(2);
    expect(third.status).toBe('waiting');
    expect(reasonKinds(runner.audit.records.find((r) => r.caseId === 'c' && r.decision === 'handoff'))).toContain(
      'rate-limit',
    );
    clock.advance(60_001);
    expect(await runner.startCase(small('d'))).toMatchObject({ status: 'done' });
    expect(calls).toHaveLength(3);
  });

  it('the batch cap, per runCases batch', async () => {
    const { runner, calls } = setup(refundGraph({ issueRefund: { rate: { maxBatch: 2 } } }));
    const out = await runner.runCases([small('a'), small('b'), small('c')]);
    expect(out.map((s) => s.status)).toEqual(['done', 'done', 'waiting']);
    expect(runner.approvals.get(out[2]!.waitingOn!)!.reasons.map((r) => r.kind)).toContain('batch-cap');
    await runner.runCases([small('d')]);
    expect(calls).toHaveLength(3);
  });

  it('retries with backoff on the injected clock, with one idempotency key', async () => {
    const { runner, calls, clock } = setup(refundGraph(), {}, (_c, n) => {
      if (n < 3) throw new Error(`timeout ${n}`);
      return { refundId: 'r1' };
    });
    expect(await runner.startCase(c1)).toMatchObject({ status: 'done' });
    expect(calls.map((c) => [c.ctx.attempt, c.ctx.idempotencyKey])).toEqual([
      [0, 'c1:triage:1'],
      [1, 'c1:triage:1'],
      [2, 'c1:triage:1'],
    ]);
    expect(clock.sleeps).toEqual([500, 1000]);
    const results = runner.audit.records
      .filter((r) => r.decision === 'call')
      .map((r) => (r.result as { ok: boolean }).ok);
    expect(results).toEqual([false, false, true]);
  });

  it('exhausted retries hand the case to a human', async () => {
    const { runner, calls } = setup(refundGraph(), {}, () => Promise.reject(new Error('503')));
    const s = await runner.startCase(c1);
    expect(calls).toHaveLength(4); // 1 + maxRetries 3
    expect(runner.approvals.get(s.waitingOn!)!.reasons.map((r) => r.kind)).toContain('tool-failed');
  });

  it('an open circuit breaker, until its cool-down passes', async () => {
    const graph = refundGraph({ issueRefund: { rate: { maxRetries: 0 } } });
    let failing = true;
    const { runner, calls, clock } = setup(graph, { breaker: { failureThreshold: 3, cooldownMs: 30_000 } }, () => {
      if (failing) throw new Error('down');
      return 'ok';
    });
    for (const id of ['a', 'b', 'c']) await runner.startCase(small(id));
    expect(calls).toHaveLength(3);
    expect(runner.breakerState('issueRefund')).toBe('open');
    const d = await runner.startCase(small('d'));
    expect(calls).toHaveLength(3); // not called
    expect(runner.approvals.get(d.waitingOn!)!.reasons.map((r) => r.kind)).toContain('breaker-open');
    clock.advance(30_000);
    failing = false;
    expect(runner.breakerState('issueRefund')).toBe('half-open');
    expect(await runner.startCase(small('e'))).toMatchObject({ status: 'done' });
    expect(runner.breakerState('issueRefund')).toBe('closed');
  });

  it('kill switches per agent and per tool turn auto into suggest', async () => {
    const { runner, calls } = setup();
    runner.killSwitches.pauseAgent('refund-agent');
    const a = await runner.startCase(small('a'));
    expect(runner.approvals.get(a.waitingOn!)).toMatchObject({
      kind: 'suggest',
      reasons: expect.arrayContaining([expect.objectContaining({ kind: 'kill-switch', target: 'agent:refund-agent' })]),
    });
    runner.killSwitches.resumeAgent('refund-agent');
    runner.killSwitches.pauseTool('issueRefund');
    const b = await runner.startCase(small('b'));
    expect(runner.approvals.get(b.waitingOn!)!.reasons.map((r) => r.target)).toContain('tool:issueRefund');
    expect(calls).toHaveLength(0);
    runner.killSwitches.resumeTool('issueRefund');
    expect(await runner.startCase(small('c'))).toMatchObject({ status: 'done' });
    expect(calls).toHaveLength(1);
  });
});

describe('crashes and configuration', () => {
  it('a tool handler that throws (an Error, undefined, synchronously) or returns a cycle loses no audit record', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const outcomes = [
      () => {
        throw new Error('boom');
      },
      () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a tool that throws a non-Error is the case under test
        throw undefined;
      },
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a non-Error rejection is the case under test
      () => Promise.reject('string reason'),
      () => cyclic,
    ];
    const { runner, calls, sink } = setup(refundGraph(), {}, (_c, n) => outcomes[n - 1]!());
    const s = await runner.startCase(c1);
    expect(calls).toHaveLength(4);
    const recs = runner.audit.records.filter((r) => r.decision === 'call');
    expect(recs.map((r) => r.result)).toEqual([
      { ok: false, attempt: 0, error: 'Error: boom' },
      { ok: false, attempt: 1, error: 'thrown: undefined' },
      { ok: false, attempt: 2, error: 'string reason' },
      { ok: true, attempt: 3, value: { unserializable: 'TypeError: canonicalJson: circular structure' } },
    ]);
    expect(runner.audit.records.filter((r) => r.decision === 'intent')).toHaveLength(4);
    expect(s.status).toBe('done');
    expect(sink.lines).toHaveLength(runner.audit.records.length);
    await expectChainIntact(sink);
  });

  it('the environment is fixed at creation: neither callers nor tool code can change it', async () => {
    const options: RunnerOptions = {
      tools: {},
      audit: memoryAuditSink(),
      environment: 'staging',
      clock: new ManualClock(),
    };
    let seenFrozen = false;
    let assignError = '';
    options.tools = {
      issueRefund: (_p, ctx) => {
        seenFrozen = Object.isFrozen(ctx);
        try {
          (ctx as { environment: string }).environment = 'production';
        } catch (e) {
          assignError = (e as Error).name;
        }
        return ctx.environment;
      },
    };
    const runner = createRunner(refundGraph(), options);
    options.environment = 'production';
    expect(runner.config.environment).toBe('staging');
    expect(() => {
      (runner.config as { environment: string }).environment = 'production';
    }).toThrow(TypeError);
    await runner.startCase(c1);
    expect(seenFrozen).toBe(true);
    expect(assignError).toBe('TypeError');
    expect(runner.audit.records.find((r) => r.decision === 'call')!.result).toMatchObject({ value: 'staging' });
    expect(runner.audit.records.every((r) => r.environment === 'staging')).toBe(true);
    expect(() => createRunner(refundGraph(), { ...options, environment: 'prod' as never })).toThrow(
      /staging" or "production/,
    );
  });

  it('shadow mode calls nothing and records what it would do', async () => {
    const { runner, calls, decisions } = setup(refundGraph(), { shadow: true });
    expect(await runner.startCase(c1)).toMatchObject({ status: 'done' });
    expect(calls).toHaveLength(0);
    expect(decisions('c1')).toEqual(['start', 'would-call', 'pass', 'final']);
  });
});

describe('rollback', () => {
  it('undoes the last N actions of an agent or a case through the undo tool, newest first', async () => {
    const { runner, calls } = setup();
    await runner.runCases([small('a'), small('b'), small('c')]);
    calls.length = 0;
    expect(await runner.rollback({ agent: 'refund-agent' }, 2, ops)).toEqual([
      { caseId: 'c', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true },
      { caseId: 'b', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true },
    ]);
    expect(calls.map((c) => [c.tool, (c.params.original as { result: unknown }).result, c.ctx.idempotencyKey])).toEqual(
      [
        ['reverseRefund', { refundId: 'r-c' }, 'undo:c:triage:1'],
        ['reverseRefund', { refundId: 'r-b' }, 'undo:b:triage:1'],
      ],
    );
    expect(await runner.rollback({ caseId: 'b' }, 1)).toEqual([]); // already undone
    expect((await runner.rollback({ caseId: 'a' }, 5)).map((r) => r.caseId)).toEqual(['a']);
    expect(runner.audit.records.filter((r) => r.decision === 'undo')).toHaveLength(3);
  });

  it('records an irreversible action as impossible to undo', async () => {
    const { runner } = setup(refundGraph({ issueRefund: { reversible: false } }));
    await runner.startCase(c1);
    expect(await runner.rollback({ caseId: 'c1' }, 1)).toMatchObject([
      { ok: false, error: 'issueRefund is not reversible' },
    ]);
    expect(runner.audit.records.at(-1)!.decision).toBe('undo-impossible');
  });
});
