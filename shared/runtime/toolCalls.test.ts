// The tool caller on its own (no runner): what it returns and records for a blocked, failing,
// shadow and journal-replayed call. Expected outcomes worked out by hand from toolCalls.ts' rules.
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../model/types';
import type { AuditRecord } from './audit';
import { ManualClock } from './clock';
import { createToolCaller, type StepEntry, type ToolStep } from './toolCalls';

const graph = { tools: { pay: { rate: { maxRetries: 2 } } } } as unknown as GraphDoc;
const step: ToolStep = {
  caseId: 'c',
  state: 's',
  tool: 'pay',
  params: { a: 1 },
  idempotencyKey: 'c:s:1',
  tier: 'auto',
  reasons: [],
  inputs: {},
  actor: 'agent:x',
};

function writer() {
  const notes: StepEntry[] = [];
  const taken: StepEntry[] = [];
  const record = (e: StepEntry) => ({ seq: notes.length + taken.length, result: e.result }) as unknown as AuditRecord;
  return {
    notes,
    taken,
    w: {
      note: async (e: StepEntry) => (notes.push(e), record(e)),
      take: async (e: StepEntry) => (taken.push(e), record(e)),
    },
  };
}

describe('createToolCaller', () => {
  it('no handler: blocked with the no-handler reason, nothing recorded', async () => {
    const tc = createToolCaller({ graph, tools: {}, clock: new ManualClock(0), environment: 'staging', shadow: false });
    const { notes, taken, w } = writer();
    expect(await tc.call(step, w)).toEqual({
      ok: false,
      reasons: [{ kind: 'no-handler', tool: 'pay', tier: 'human' }],
    });
    expect([notes.length, taken.length]).toEqual([0, 0]);
  });

  it('a handler that always throws: 1 + maxRetries (2) attempts, backoff 500 then 1000 ms, tool-failed with attempts 3', async () => {
    const clock = new ManualClock(0);
    const tc = createToolCaller({
      graph,
      tools: {
        pay: () => {
          throw new Error('down');
        },
      },
      clock,
      environment: 'staging',
      shadow: false,
    });
    const { notes, w } = writer();
    expect(await tc.call(step, w)).toEqual({
      ok: false,
      reasons: [{ kind: 'tool-failed', tool: 'pay', attempts: 3, tier: 'human' }],
    });
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(notes.map((n) => [n.decision, (n.result as { attempt: number }).attempt])).toEqual([
      ['intent', 0],
      ['call', 0],
      ['intent', 1],
      ['call', 1],
      ['intent', 2],
      ['call', 2],
    ]);
  });

  it('success is not a replay; shadow takes a would-call without calling; the journal replays a completed call', async () => {
    const tc = createToolCaller({
      graph,
      tools: { pay: () => 7 },
      clock: new ManualClock(0),
      environment: 'staging',
      shadow: false,
    });
    expect(await tc.call(step, writer().w)).toMatchObject({ ok: true, value: 7, replayed: false });
    let called = 0;
    const sh = createToolCaller({
      graph,
      tools: { pay: () => ++called },
      clock: new ManualClock(0),
      environment: 'staging',
      shadow: true,
    });
    const s = writer();
    expect(await sh.call(step, s.w)).toMatchObject({ ok: true, value: null, replayed: false });
    expect([called, s.taken.map((e) => [e.decision, e.result])]).toEqual([0, [['would-call', { shadow: true }]]]);
    const journal = {
      completed: new Map([['c:s:1', { seq: 4, value: 9 }]]),
      unknown: new Map(),
      failedAttempts: new Map(),
      finished: new Set<string>(),
    };
    const rj = createToolCaller({
      graph,
      tools: { pay: () => ++called },
      clock: new ManualClock(0),
      environment: 'staging',
      shadow: false,
      journal: journal,
    });
    const r = writer();
    expect(await rj.call(step, r.w)).toMatchObject({ ok: true, value: 9, replayed: true });
    expect([called, r.taken.map((e) => [e.decision, e.result])]).toEqual([
      0,
      [['replayed', { ok: true, value: 9, fromSeq: 4 }]],
    ]);
  });
});
