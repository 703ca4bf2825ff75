/**
 * An agent comparison as the agents worker runs it, over a dataset stored in (fake) IndexedDB,
 * with the model agent behind an in-memory OpenAI-compatible endpoint (injected fetch) that
 * answers from the case fields it receives and records every request. The expected figures come
 * from the endpoint's rule and the planted history's rule, counted over the cases — not from the
 * code under test. (The same over real HTTP on 127.0.0.1: e2e/web.agents.model.spec.ts.)
 */
import { describe, expect, it } from 'vitest';
import { learnedPolicyFromModel, splitByTime, type AgentComparison } from '../../../../shared/agents';
import { plantedHistory, refundGraph } from '../../../../shared/agents/testHistory';
import { chunkRow, DataDb } from '../db';
import { runAgentComparison, type AgentRunInput } from './agentRun';
import { DEFAULT_MODEL_SETTINGS, responseStore, type ModelSettings, type PolicySpec } from './agentSpecs';
import { modelReasons } from './modelReasons';

const KEY = 'sk-test-NEVER-STORED-42';
const history = plantedHistory(60, 5);

interface Endpoint {
  fetch: typeof fetch;
  bodies: Array<{ caseFields: Record<string, unknown>; raw: string }>;
  auth: Array<string | null>;
}

/** amount ≤ 300 → branch 0 (refund), else branch 1 (review); 10 tokens per answer. */
function endpoint(): Endpoint {
  const e: Endpoint = { bodies: [], auth: [], fetch: async () => new Response() };
  e.fetch = async (_url, init) => {
    const raw = init?.body as string;
    const body = JSON.parse(raw) as { messages: Array<{ content: string }> };
    const step = JSON.parse(body.messages[1]!.content) as { caseFields: Record<string, unknown> };
    e.bodies.push({ caseFields: step.caseFields, raw });
    e.auth.push(new Headers(init?.headers).get('authorization'));
    const amount = Number(step.caseFields.amount);
    const answer =
      amount <= 300
        ? { branch: 0, confidence: 0.9, reason: `amount ${amount} is small` }
        : { branch: 1, confidence: 0.6, reason: `amount ${amount} needs review` };
    return new Response(
      JSON.stringify({
        choices: [{ message: { content: JSON.stringify(answer) } }],
        usage: { prompt_tokens: 8, completion_tokens: 2 },
      }),
      { status: 200 },
    );
  };
  return e;
}

async function dbWithHistory(): Promise<DataDb> {
  const db = new DataDb(`agents-${crypto.randomUUID()}`);
  await db.datasets.put({
    id: 'ds',
    name: 'planted',
    fileName: 'p.csv',
    format: 'csv',
    gzip: false,
    status: 'ready',
    createdAt: 1,
    chunkCount: 2,
    stats: {
      cases: history.length,
      events: 0,
      activities: {},
      variants: 0,
      topVariants: [],
      firstTimestamp: null,
      lastTimestamp: null,
    },
  });
  await db.caseChunks.bulkPut([chunkRow('ds', 0, history.slice(0, 30)), chunkRow('ds', 1, history.slice(30))]);
  return db;
}

const model = (over: Partial<typeof DEFAULT_MODEL_SETTINGS> = {}): PolicySpec => ({
  kind: 'model',
  ...DEFAULT_MODEL_SETTINGS,
  baseUrl: 'http://127.0.0.1:9/v1',
  model: 'm',
  concurrency: 1,
  maxCalls: null,
  ...over,
});
const input = (policies: PolicySpec[], id = 'ar-1'): AgentRunInput => ({
  agentRunId: id,
  runId: 'run-1',
  datasetId: 'ds',
  graph: refundGraph,
  rollout: 'autonomy',
  policies,
  options: { threshold: 0.05, minCases: 5, trainShare: 0.7 },
});
const modelReport = (c: unknown) => (c as AgentComparison).policies.find((p) => p.kind === 'model')!;

describe('agent comparison saved with the run', () => {
  it('stores specs, figures and the learned model, never the key; the model sees only reads', async () => {
    const db = await dbWithHistory();
    const ep = endpoint();
    const row = await runAgentComparison(db, input([{ kind: 'rules' }, { kind: 'learned' }, model()]), {
      secret: { apiKey: KEY },
      fetch: ep.fetch,
    });
    const stored = await db.agentRuns.get('ar-1');
    expect(stored?.runId).toBe('run-1');
    expect((stored!.comparison as AgentComparison).policies.map((p) => p.policy)).toEqual([
      'rules',
      'learned',
      'model',
    ]);
    // the key went only into the Authorization header, never into the stored row or the cache
    expect(ep.auth.every((a) => a === `Bearer ${KEY}`)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(KEY);
    expect(JSON.stringify(await db.modelResponses.toArray())).not.toContain(KEY);
    // no request carried a field outside the agent's reads (the planted secret never left)
    expect(ep.bodies.length).toBeGreaterThan(10);
    for (const b of ep.bodies) {
      expect(Object.keys(b.caseFields).every((k) => k === 'amount' || k === 'tier')).toBe(true);
      expect(b.raw).not.toContain('s3cr3t');
    }
    // figures: scored on the later 30% by time; the endpoint's rule is wrong exactly where
    // 300 < amount ≤ 500 and the customer is not silver (people refund those)
    const later = splitByTime(history, 0.7).test;
    const wrong = later.filter(
      (c) =>
        (c.attributes.amount as number) > 300 &&
        (c.attributes.amount as number) <= 500 &&
        c.attributes.tier !== 'silver',
    ).length;
    expect(modelReport(row.comparison).accuracy.triage).toMatchObject({
      proposals: later.length,
      correct: later.length - wrong,
    });
    expect(modelReport(row.comparison).summary).toMatchObject({
      endpointRequests: ep.bodies.length,
      tokens: 10 * ep.bodies.length,
    });
    expect(row.partial).toBeNull();
    // the learned agent's model is stored and loads again
    expect(() => learnedPolicyFromModel(stored!.learnedModels.learned)).not.toThrow();
    db.close();
  });

  it('a second run answers from the IndexedDB cache with zero requests and the same figures', async () => {
    const db = await dbWithHistory();
    const firstEp = endpoint();
    const first = await runAgentComparison(db, input([model()], 'a'), { secret: {}, fetch: firstEp.fetch });
    const again = endpoint();
    const second = await runAgentComparison(db, input([model()], 'b'), { secret: {}, fetch: again.fetch });
    expect(again.bodies).toHaveLength(0);
    expect(modelReport(second.comparison).result).toEqual(modelReport(first.comparison).result);
    expect(modelReport(second.comparison).summary).toMatchObject({ endpointRequests: 0 });
    // another endpoint never shares those answers: it is asked every distinct request again
    const other = endpoint();
    await runAgentComparison(db, input([model({ baseUrl: 'http://localhost:9/v1' })], 'c'), {
      secret: {},
      fetch: other.fetch,
    });
    const distinct = (e: Endpoint) => [...new Set(e.bodies.map((b) => b.raw))].sort();
    expect(distinct(other)).toEqual(distinct(firstEp));
    db.close();
  });

  it('call budget, token budget and cancel stop the run cleanly with partial results marked', async () => {
    const db = await dbWithHistory();
    const calls = endpoint();
    const byCalls = await runAgentComparison(db, input([model({ maxCalls: 3 })], 'x'), {
      secret: {},
      fetch: calls.fetch,
    });
    expect(calls.bodies).toHaveLength(3);
    expect(byCalls.partial).toEqual({ reason: 'budget' });
    expect(modelReport(byCalls.comparison).unanswered).toBeGreaterThan(0);

    const db2 = await dbWithHistory();
    const tokens = endpoint();
    // 10 tokens per answer: after the third (30 ≥ 25) the meter stops the run
    const byTokens = await runAgentComparison(db2, input([model({ maxTokens: 25 })], 'y'), {
      secret: {},
      fetch: tokens.fetch,
    });
    expect(tokens.bodies).toHaveLength(3);
    expect(byTokens.partial).toEqual({ reason: 'budget' });

    const db3 = await dbWithHistory();
    const ep = endpoint();
    const cancelled = await runAgentComparison(db3, input([model()], 'z'), {
      secret: {},
      fetch: ep.fetch,
      cancelled: () => ep.bodies.length >= 2,
    });
    expect(ep.bodies).toHaveLength(2);
    expect(cancelled.partial).toEqual({ reason: 'cancelled' });
    expect((await db3.agentRuns.get('z'))?.partial).toEqual({ reason: 'cancelled' });
    for (const d of [db, db2, db3]) d.close();
  });

  it('re-applies a saved learned model without retraining', async () => {
    const db = await dbWithHistory();
    const first = await runAgentComparison(db, input([{ kind: 'learned' }], 'l1'), {
      secret: {},
      fetch: endpoint().fetch,
    });
    const again = await runAgentComparison(
      db,
      input([{ kind: 'saved-learned', agentRunId: 'l1', policy: 'learned' }], 'l2'),
      { secret: {}, fetch: endpoint().fetch },
    );
    const [a, b] = [first, again].map((r) => (r.comparison as AgentComparison).policies[0]!);
    expect(b!.policy).toBe('learned (saved)');
    expect(b!.result.totals).toEqual(a!.result.totals);
    await expect(
      runAgentComparison(db, input([{ kind: 'saved-learned', agentRunId: 'gone', policy: 'learned' }], 'l3'), {
        secret: {},
        fetch: endpoint().fetch,
      }),
    ).rejects.toThrow(/no longer stored/);
    db.close();
  });
});

describe('model reasons in the case explorer', () => {
  it('come from the saved answers only: the endpoint’s own reason per decision, no request made', async () => {
    const db = await dbWithHistory();
    const ep = endpoint();
    const spec = model() as ModelSettings & { kind: 'model' };
    await runAgentComparison(db, input([spec], 'r'), { secret: {}, fetch: ep.fetch });
    const asked = ep.bodies.length;
    // a reviewed case over 500 and a small refunded one (each decision was asked in the run)
    const big = history.find((c) => (c.attributes.amount as number) > 500)!;
    const small = history.find((c) => (c.attributes.amount as number) <= 300)!;
    const bigReasons = await modelReasons(
      refundGraph,
      'autonomy',
      big,
      spec,
      responseStore(db.modelResponses, spec.baseUrl),
    );
    expect(bigReasons[0]).toMatchObject({
      state: 'triage',
      proposed: 'Review',
      confidence: 0.6,
      reason: `amount ${JSON.stringify(big.attributes.amount)} needs review`,
      cached: true,
    });
    const smallReasons = await modelReasons(
      refundGraph,
      'autonomy',
      small,
      spec,
      responseStore(db.modelResponses, spec.baseUrl),
    );
    expect(smallReasons).toEqual([
      {
        state: 'triage',
        proposed: 'Refund',
        confidence: 0.9,
        reason: `amount ${JSON.stringify(small.attributes.amount)} is small`,
        invalid: false,
        cached: true,
      },
    ]);
    expect(ep.bodies.length).toBe(asked);
    // another endpoint's cache holds nothing: listed as not cached
    const none = await modelReasons(
      refundGraph,
      'autonomy',
      small,
      { ...spec, baseUrl: 'http://localhost:1/v1' },
      responseStore(db.modelResponses, 'http://localhost:1/v1'),
    );
    expect(none).toEqual([
      { state: 'triage', proposed: null, confidence: null, reason: null, invalid: false, cached: false },
    ]);
    db.close();
  });
});
