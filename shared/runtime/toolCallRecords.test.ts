// The tool caller's record and guardrail contract, call by call: which entries go on the record
// (and with which fields), which limit blocks a call and with what reason, the retry schedule, and
// how the crash journal and shadow mode change all this. Expected values are worked out by hand
// from the rules in DESIGN (rate per rolling minute, batch cap per batch, breaker after N
// consecutive failures, backoff base·2^(n-1) capped, at most 1 + maxRetries attempts in total).
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import type { AuditRecord } from './audit';
import { ManualClock } from './clock';
import type { ResumeJournal } from './resume';
import type { ToolContext } from './runnerTypes';
import { createToolCaller, type StepEntry, type ToolCallerOptions, type ToolStep } from './toolCalls';

const step = (over: Partial<ToolStep> = {}): ToolStep => ({
  caseId: 'case-1',
  state: 'pay',
  tool: 'pay',
  params: { amount: 5 },
  idempotencyKey: 'case-1:pay:1',
  tier: 'auto',
  reasons: [{ kind: 'tier', tier: 'auto' }],
  inputs: { x: 1 },
  actor: 'agent:a',
  ...over,
});

function writer() {
  const log: Array<['note' | 'take', StepEntry]> = [];
  let seq = 0;
  const rec = (e: StepEntry) => ({ seq: seq++, decision: e.decision }) as unknown as AuditRecord;
  return {
    log,
    decisions: () => log.map(([how, e]) => `${how}:${e.decision}`),
    w: {
      note: async (e: StepEntry) => (log.push(['note', e]), rec(e)),
      take: async (e: StepEntry) => (log.push(['take', e]), rec(e)),
    },
  };
}

const graphWith = (rate: Record<string, unknown>) => ({ tools: { pay: { rate } } }) as unknown as GraphDoc;
const caller = (over: Partial<ToolCallerOptions>) =>
  createToolCaller({
    graph: graphWith({}),
    tools: { pay: () => 'ok' },
    clock: new ManualClock(0),
    environment: 'staging',
    shadow: false,
    ...over,
  });
const journal = (j: Partial<ResumeJournal>): ResumeJournal => ({
  completed: new Map(),
  unknown: new Map(),
  failedAttempts: new Map(),
  finished: new Set(),
  ...j,
});

describe('tool call records', () => {
  it('a successful call: an intent note with attempt 0, then the taken call with the value; every entry carries the step', async () => {
    const { log, w } = writer();
    const out = await caller({ tools: { pay: () => ({ id: 'tx-9' }) } }).call(step(), w);
    expect(out).toEqual({ ok: true, value: { id: 'tx-9' }, record: { seq: 1, decision: 'call' }, replayed: false });
    const common = {
      tool: 'pay',
      params: { amount: 5 },
      tier: 'auto',
      reasons: [{ kind: 'tier', tier: 'auto' }],
      inputs: { x: 1 },
      actor: 'agent:a',
      idempotencyKey: 'case-1:pay:1',
    };
    expect(log).toEqual([
      ['note', { ...common, decision: 'intent', result: { attempt: 0 } }],
      ['take', { ...common, decision: 'call', result: { ok: true, attempt: 0, value: { id: 'tx-9' } } }],
    ]);
  });

  it('the item is on every entry when the step has one, and absent otherwise', async () => {
    const a = writer();
    await caller({}).call(step({ item: 'line-2' }), a.w);
    expect(a.log.map(([, e]) => e.item)).toEqual(['line-2', 'line-2']);
    const b = writer();
    await caller({}).call(step(), b.w);
    expect(b.log.every(([, e]) => !('item' in e))).toBe(true);
  });

  it('a failure records the error message; a value that does not serialise is recorded as a description', async () => {
    const { log, w } = writer();
    await caller({
      tools: {
        pay: () => {
          throw new TypeError('card declined');
        },
      },
    }).call(step(), w);
    expect(log[1]).toEqual([
      'note',
      expect.objectContaining({
        decision: 'call',
        result: { ok: false, attempt: 0, error: 'TypeError: card declined' },
      }),
    ]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const c = writer();
    const out = await caller({ tools: { pay: () => cyclic } }).call(step(), c.w);
    expect(out.ok && out.value).toBe(cyclic); // the caller gets the real value
    const taken = c.log[1]![1].result as { value: Record<string, unknown> };
    expect(Object.keys(taken.value)).toEqual(['unserializable']);
  });

  it('the handler gets a copy of the params and a frozen context naming the call', async () => {
    const params = { amount: 5, nested: { n: 1 } };
    let seen: ToolContext | undefined;
    await caller({
      environment: 'production',
      tools: {
        pay: (p, ctx) => {
          (p as { nested: { n: number } }).nested.n = 99;
          seen = ctx;
          return null;
        },
      },
    }).call(step({ params }), writer().w);
    expect(params.nested.n).toBe(1);
    expect(seen).toEqual({
      caseId: 'case-1',
      state: 'pay',
      tool: 'pay',
      idempotencyKey: 'case-1:pay:1',
      attempt: 0,
      environment: 'production',
      actor: 'agent:a',
    });
    expect(Object.isFrozen(seen)).toBe(true);
  });

  it('a handler returning undefined is recorded as null', async () => {
    const { log, w } = writer();
    await caller({ tools: { pay: () => undefined } }).call(step(), w);
    expect(log[1]![1].result).toEqual({ ok: true, attempt: 0, value: null });
  });
});

describe('retries', () => {
  const failing = () => {
    throw new Error('down');
  };

  it('backoff doubles from the base and is capped at the maximum', async () => {
    const clock = new ManualClock(0);
    await caller({
      graph: graphWith({ maxRetries: 4 }),
      tools: { pay: failing },
      clock,
      retry: { baseDelayMs: 100, maxDelayMs: 300 },
      breaker: { failureThreshold: 99 },
    }).call(step(), writer().w);
    expect(clock.sleeps).toEqual([100, 200, 300, 300]);
  });

  it('default backoff: 500 ms doubling, capped at 30 s', async () => {
    const clock = new ManualClock(0);
    await caller({
      graph: graphWith({ maxRetries: 8 }),
      tools: { pay: failing },
      clock,
      breaker: { failureThreshold: 99 },
    }).call(step(), writer().w);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('maxRetries is a whole non-negative number: 1.9 means 1 retry, a negative value none', async () => {
    const twice = writer();
    expect(
      await caller({ graph: graphWith({ maxRetries: 1.9 }), tools: { pay: failing } }).call(step(), twice.w),
    ).toEqual({
      ok: false,
      reasons: [{ kind: 'tool-failed', tool: 'pay', attempts: 2, tier: 'human' }],
    });
    expect(twice.decisions()).toEqual(['note:intent', 'note:call', 'note:intent', 'note:call']);
    const once = writer();
    expect(
      await caller({ graph: graphWith({ maxRetries: -3 }), tools: { pay: failing } }).call(step(), once.w),
    ).toEqual({
      ok: false,
      reasons: [{ kind: 'tool-failed', tool: 'pay', attempts: 1, tier: 'human' }],
    });
    expect(once.decisions()).toEqual(['note:intent', 'note:call']);
  });

  it('a success on a retry ends the loop and records its attempt number', async () => {
    let n = 0;
    const { log, w } = writer();
    const out = await caller({
      graph: graphWith({ maxRetries: 3 }),
      tools: { pay: () => (++n < 2 ? failing() : 'paid') },
    }).call(step(), w);
    expect(out).toMatchObject({ ok: true, value: 'paid', replayed: false });
    expect(log.map(([how, e]) => [how, e.decision, (e.result as { attempt: number }).attempt])).toEqual([
      ['note', 'intent', 0],
      ['note', 'call', 0],
      ['note', 'intent', 1],
      ['take', 'call', 1],
    ]);
  });

  it('the breaker opening between attempts stops the retries with breaker-open', async () => {
    const clock = new ManualClock(0);
    const { decisions, w } = writer();
    const tc = caller({
      graph: graphWith({ maxRetries: 5 }),
      tools: { pay: failing },
      clock,
      breaker: { failureThreshold: 2 },
    });
    expect(await tc.call(step(), w)).toEqual({
      ok: false,
      reasons: [{ kind: 'breaker-open', tool: 'pay', tier: 'human' }],
    });
    expect(decisions()).toEqual(['note:intent', 'note:call', 'note:intent', 'note:call']);
    expect(clock.sleeps).toEqual([500]);
    expect(tc.breakerState('pay')).toBe('open');
  });

  it('failed attempts made before a crash count towards maxRetries and set the backoff', async () => {
    const clock = new ManualClock(0);
    const { log, w } = writer();
    const tc = caller({
      graph: graphWith({ maxRetries: 3 }),
      tools: { pay: failing },
      clock,
      journal: journal({ failedAttempts: new Map([['case-1:pay:1', 2]]) }),
    });
    expect(await tc.call(step(), w)).toEqual({
      ok: false,
      reasons: [{ kind: 'tool-failed', tool: 'pay', attempts: 4, tier: 'human' }],
    });
    expect(
      log.filter(([, e]) => e.decision === 'intent').map(([, e]) => (e.result as { attempt: number }).attempt),
    ).toEqual([2, 3]);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });
});

describe('guardrails in front of a call', () => {
  it('rate limit: perMinute calls in a rolling minute, then rate-limit; a minute later calls go again', async () => {
    const clock = new ManualClock(0);
    const tc = caller({ graph: graphWith({ perMinute: 2 }), clock });
    const ok = async () => (await tc.call(step(), writer().w)).ok;
    expect([await ok(), await ok()]).toEqual([true, true]);
    const { log, w } = writer();
    expect(await tc.call(step(), w)).toEqual({
      ok: false,
      reasons: [{ kind: 'rate-limit', tool: 'pay', perMinute: 2, tier: 'human' }],
    });
    expect(log).toEqual([]);
    clock.advance(60_001);
    expect(await ok()).toBe(true);
  });

  it('each retry attempt counts against the rate limit', async () => {
    const clock = new ManualClock(0);
    let n = 0;
    const tc = caller({
      graph: graphWith({ perMinute: 3, maxRetries: 1 }),
      tools: {
        pay: () =>
          n++ === 0
            ? (() => {
                throw new Error('x');
              })()
            : 1,
      },
      clock,
    });
    expect((await tc.call(step(), writer().w)).ok).toBe(true); // 2 attempts recorded
    expect((await tc.call(step(), writer().w)).ok).toBe(true); // third
    expect(await tc.call(step(), writer().w)).toMatchObject({ ok: false, reasons: [{ kind: 'rate-limit' }] });
  });

  it('batch cap: maxBatch calls per batch, then batch-cap; newBatch starts counting again', async () => {
    const tc = caller({ graph: graphWith({ maxBatch: 1 }) });
    expect((await tc.call(step(), writer().w)).ok).toBe(true);
    expect(await tc.call(step(), writer().w)).toEqual({
      ok: false,
      reasons: [{ kind: 'batch-cap', tool: 'pay', maxBatch: 1, tier: 'human' }],
    });
    tc.newBatch();
    expect((await tc.call(step(), writer().w)).ok).toBe(true);
  });

  it('an open breaker blocks before any record; every blocking reason is listed together', async () => {
    const clock = new ManualClock(0);
    const tc = createToolCaller({
      graph: graphWith({ perMinute: 1, maxBatch: 1 }),
      tools: {
        pay: () => {
          throw new Error('x');
        },
      },
      clock,
      environment: 'staging',
      shadow: false,
      breaker: { failureThreshold: 1, cooldownMs: 1000 },
    });
    await tc.call(step(), writer().w);
    expect(tc.breakerState('pay')).toBe('open');
    const { log, w } = writer();
    expect(await tc.call(step(), w)).toEqual({
      ok: false,
      reasons: [
        { kind: 'breaker-open', tool: 'pay', tier: 'human' },
        { kind: 'rate-limit', tool: 'pay', perMinute: 1, tier: 'human' },
        { kind: 'batch-cap', tool: 'pay', maxBatch: 1, tier: 'human' },
      ],
    });
    expect(log).toEqual([]);
    clock.advance(1000);
    expect(tc.breakerState('pay')).toBe('half-open');
  });

  it('a tool without handler and without rate settings is blocked only for the missing handler', async () => {
    const tc = createToolCaller({
      graph: { tools: {} } as unknown as GraphDoc,
      tools: { other: () => 1 },
      clock: new ManualClock(0),
      environment: 'staging',
      shadow: false,
    });
    expect(await tc.call(step(), writer().w)).toEqual({
      ok: false,
      reasons: [{ kind: 'no-handler', tool: 'pay', tier: 'human' }],
    });
  });
});

describe('tools the graph does not configure', () => {
  const failing = () => {
    throw new Error('down');
  };
  const once = async (graph: GraphDoc) => {
    const clock = new ManualClock(0);
    const { decisions, w } = writer();
    const out = await createToolCaller({
      graph,
      tools: { pay: failing },
      clock,
      environment: 'staging',
      shadow: false,
    }).call(step(), w);
    return { out, decisions: decisions(), sleeps: clock.sleeps };
  };
  const expected = {
    out: { ok: false, reasons: [{ kind: 'tool-failed', tool: 'pay', attempts: 1, tier: 'human' }] },
    decisions: ['note:intent', 'note:call'],
    sleeps: [],
  };

  it('no limits and a single attempt for a tool declared without rate, not declared, or a graph without tools', async () => {
    expect(await once({ tools: { pay: {} } } as unknown as GraphDoc)).toEqual(expected);
    expect(await once({ tools: {} } as unknown as GraphDoc)).toEqual(expected);
    expect(await once({} as unknown as GraphDoc)).toEqual(expected);
  });
});

describe('shadow mode and the crash journal', () => {
  it('shadow: no handler needed, nothing called, a would-call is taken; rate and batch limits still count', async () => {
    const tc = caller({ shadow: true, tools: {}, graph: graphWith({ perMinute: 5, maxBatch: 2 }) });
    const { log, w } = writer();
    expect(await tc.call(step(), w)).toEqual({
      ok: true,
      value: null,
      record: { seq: 0, decision: 'would-call' },
      replayed: false,
    });
    expect(log.map(([how, e]) => [how, e.decision, e.result, e.tool])).toEqual([
      ['take', 'would-call', { shadow: true }, 'pay'],
    ]);
    expect((await tc.call(step(), writer().w)).ok).toBe(true);
    expect(await tc.call(step(), writer().w)).toMatchObject({
      ok: false,
      reasons: [{ kind: 'batch-cap', maxBatch: 2 }],
    });
    const rated = caller({ shadow: true, tools: {}, graph: graphWith({ perMinute: 1 }) });
    expect((await rated.call(step(), writer().w)).ok).toBe(true);
    expect(await rated.call(step(), writer().w)).toMatchObject({
      ok: false,
      reasons: [{ kind: 'rate-limit', perMinute: 1 }],
    });
  });

  it('shadow ignores the journal: a completed call is not replayed, an unknown outcome not escalated', async () => {
    const j = journal({
      completed: new Map([['case-1:pay:1', { seq: 3, value: 'old' }]]),
      unknown: new Map([['case-1:pay:1', { intentSeq: 2 }]]) as never,
    });
    const { decisions, w } = writer();
    expect(await caller({ shadow: true, journal: j }).call(step(), w)).toMatchObject({
      ok: true,
      value: null,
      replayed: false,
    });
    expect(decisions()).toEqual(['take:would-call']);
  });

  it('an intent without an outcome goes to a human: noted as outcome-unknown, no call, no limits consulted', async () => {
    const j = journal({ unknown: new Map([['case-1:pay:1', { intentSeq: 7 }]]) as never });
    const { log, w } = writer();
    const tc = caller({ journal: j, tools: {}, graph: graphWith({ maxBatch: 0 }) });
    expect(await tc.call(step(), w)).toEqual({
      ok: false,
      reasons: [{ kind: 'outcome-unknown', tool: 'pay', idempotencyKey: 'case-1:pay:1', intentSeq: 7, tier: 'human' }],
    });
    expect(log.map(([how, e]) => [how, e.decision, e.result, e.idempotencyKey])).toEqual([
      ['note', 'outcome-unknown', { intentSeq: 7 }, 'case-1:pay:1'],
    ]);
  });

  it('a completed call is replayed even when today its limits would block it, and does not use up the batch', async () => {
    const j = journal({ completed: new Map([['case-1:pay:1', { seq: 4, value: { id: 'tx' } }]]) });
    const tc = caller({ journal: j, tools: {}, graph: graphWith({ maxBatch: 1 }) });
    const { log, w } = writer();
    expect(await tc.call(step(), w)).toEqual({
      ok: true,
      value: { id: 'tx' },
      record: { seq: 0, decision: 'replayed' },
      replayed: true,
    });
    expect(log.map(([how, e]) => [how, e.decision, e.result])).toEqual([
      ['take', 'replayed', { ok: true, value: { id: 'tx' }, fromSeq: 4 }],
    ]);
    // another key is a real call: it still has the whole batch (1) available, but no handler
    expect(await tc.call(step({ idempotencyKey: 'other' }), writer().w)).toEqual({
      ok: false,
      reasons: [{ kind: 'no-handler', tool: 'pay', tier: 'human' }],
    });
  });
});
