/**
 * The model agent end to end against a local OpenAI-compatible server started here on 127.0.0.1:
 * it records every request and answers deterministically from the case fields, returns one 429
 * (with Retry-After: 3, honoured) and stalls one request past the timeout (both retried); call,
 * token and cost budgets and a cancel stop cleanly with partial results; a second run with the
 * same cache makes no request; no request — and no view the policy is given — carries a field
 * outside the agent's reads, and the key never appears in any output. Then the CLI with --agent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAgents, modelPolicy, type AgentPolicy, type ResponseStore, type StepView } from '../../shared/agents';
import { plantedHistory, refundGraph } from '../../shared/agents/testHistory';
import { memoryIo } from '../io';
import { run } from './simulate';

const KEY = 'sk-test-DO-NOT-PRINT-1234';
interface Seen {
  body: { messages: Array<{ content: string }>; response_format: { type: string } };
  auth: string | undefined;
}
const seen: Seen[] = [];
let served = 0;
let server: Server;
let base = '';

const read = (req: IncomingMessage) =>
  new Promise<string>((r) => {
    let s = '';
    req.on('data', (c: Buffer) => (s += c.toString()));
    req.on('end', () => r(s));
  });

beforeAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- test server: a handler that rejects leaves the request hanging and the test fails on it
  server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Seen['body'];
    seen.push({ body, auth: req.headers.authorization });
    const n = ++served;
    if (n === 2) return res.writeHead(429, { 'retry-after': '3' }).end('slow down');
    if (n === 4) return; // stalls: the client's timeout fires, and it retries
    const step = JSON.parse(body.messages[1]!.content) as { caseFields: { amount?: number } };
    const amount = step.caseFields.amount ?? 0;
    // deterministic answers: small amounts refund (branch 0), large ones abstain, 150–200 is malformed
    const content =
      amount >= 150 && amount < 200
        ? 'not json'
        : JSON.stringify(
            amount < 150
              ? { branch: 0, confidence: 0.9, reason: 'small' }
              : { branch: 'abstain', confidence: 0.2, reason: 'large' },
          );
    // every answer reports the same usage, so token and cost budgets have known arithmetic
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(
        JSON.stringify({ choices: [{ message: { content } }], usage: { prompt_tokens: 100, completion_tokens: 20 } }),
      );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const memoryStore = (): ResponseStore & { size: () => number } => {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), size: () => m.size };
};
const cases = plantedHistory(40, 3);
const noWait = async () => {};
/** A sleep that returns at once and keeps the delays asked for. */
const recordingSleep = () => {
  const asked: number[] = [];
  return { asked, sleep: async (ms: number) => void asked.push(ms) };
};
/** The policy with every view it is given kept for inspection. */
function spyViews(p: AgentPolicy): { policy: AgentPolicy; views: StepView[] } {
  const views: StepView[] = [];
  return { policy: { ...p, decide: (v: StepView) => (views.push(v), p.decide(v)) }, views };
}

describe('model agent against a local OpenAI-compatible server', () => {
  it('retries 429 and a timeout, scores the answers, caches them, and leaks neither fields nor key', async () => {
    const cache = memoryStore();
    const slept = recordingSleep();
    const inner = modelPolicy({
      baseUrl: base,
      model: 'test-model',
      apiKey: KEY,
      cache,
      timeoutMs: 2000,
      retries: 3,
      sleep: slept.sleep,
      concurrency: 1,
      backoffMs: 500,
    });
    const { policy, views } = spyViews(inner);
    const cmp = await compareAgents(refundGraph, cases, [policy]);
    // one at a time, so the order is fixed: request 2 (429, Retry-After 3 s, longer than the first
    // backoff of 500 ms) waits 3 s; request 4 (stalled past the timeout) is a first attempt: 500 ms
    expect([...slept.asked].sort((a, b) => a - b)).toEqual([500, 3000]);
    const report = cmp.policies[0]!;
    const stats = report.summary as {
      requests: number;
      retries: number;
      cacheHits: number;
      invalid: number;
      partial: boolean;
    };
    // asked once per visit of a decision state (triage, and review for reviewed cases); pass-through
    // states are not asked. Identical requests share one cache entry.
    const reviewed = cases.filter((c) => c.events[1]!.activity === 'Review').length;
    const decisions = cases.length + reviewed;
    expect(stats.retries).toBe(2);
    expect(stats.requests).toBe(decisions + 2);
    expect(stats.partial).toBe(false);
    // the expected figures, from the same rule the server answers by, counted over the cases
    const small = cases.filter((c) => (c.attributes.amount as number) < 150);
    const triage = report.result.perState.triage!;
    expect(report.accuracy.triage!.proposals).toBe(small.length);
    const reviewedSmall = small.filter((c) => c.events[1]!.activity === 'Review').length;
    expect(triage.agree).toBe(small.length - reviewedSmall);
    const malformed = cases.filter(
      (c) => (c.attributes.amount as number) >= 150 && (c.attributes.amount as number) < 200,
    ).length;
    expect(stats.invalid).toBeGreaterThanOrEqual(malformed);
    // every request: structured output asked for, the key only in the header, only readable fields
    for (const r of seen) {
      expect(r.body.response_format.type).toBe('json_schema');
      expect(r.auth).toBe(`Bearer ${KEY}`);
      const text = JSON.stringify(r.body);
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toContain(KEY);
      const fields = Object.keys((JSON.parse(r.body.messages[1]!.content) as { caseFields: object }).caseFields);
      expect(fields.every((f) => f === 'amount' || f === 'tier')).toBe(true);
    }
    expect(JSON.stringify(cmp)).not.toContain(KEY);
    // everything the policy itself was given: only the reads, in a prototype-less object
    expect(views.length).toBe(decisions);
    for (const v of views) {
      expect(JSON.stringify(v)).not.toContain('s3cr3t');
      expect(Object.keys(v.fields).sort()).toEqual(['amount', 'tier']);
      expect(Object.getPrototypeOf(v.fields)).toBeNull();
    }
    expect(stats).toMatchObject({ promptTokens: 100 * decisions, completionTokens: 20 * decisions, stoppedBy: null });

    // a second run with the same cache: no request at all, same figures
    const before = served;
    const again = await compareAgents(refundGraph, cases, [
      modelPolicy({ baseUrl: base, model: 'test-model', apiKey: KEY, cache, sleep: noWait }),
    ]);
    expect(served).toBe(before);
    expect((again.policies[0]!.summary as { requests: number; cacheHits: number }).requests).toBe(0);
    expect((again.policies[0]!.summary as { cacheHits: number }).cacheHits).toBe(decisions);
    expect(cache.size()).toBeLessThanOrEqual(decisions);
    expect(again.policies[0]!.result).toEqual(report.result);
  });

  it('a call budget stops cleanly: the rest abstains, counted, and the result is marked partial', async () => {
    const before = served;
    const policy = modelPolicy({ baseUrl: base, model: 'budget-model', maxCalls: 5, sleep: noWait });
    const report = (await compareAgents(refundGraph, cases, [policy])).policies[0]!;
    expect(served - before).toBe(5);
    expect(report.summary).toMatchObject({ requests: 5, partial: true });
    expect(report.unanswered).toBeGreaterThan(0);
    expect(report.result.totals.cases).toBe(cases.length);
    expect(report.summary).toMatchObject({ stoppedBy: 'calls' });
  });

  it('token and cost budgets stop the run after the call that crossed them (usage from the responses)', async () => {
    // 120 tokens per answer: under 500 after 4 calls, so a 5th is made and then no more
    let before = served;
    const tokens = (
      await compareAgents(refundGraph, cases, [
        modelPolicy({ baseUrl: base, model: 'token-model', maxTokens: 500, concurrency: 1, sleep: noWait }),
      ])
    ).policies[0]!;
    expect(served - before).toBe(5);
    expect(tokens.summary).toMatchObject({
      requests: 5,
      promptTokens: 500,
      completionTokens: 100,
      partial: true,
      stoppedBy: 'tokens',
    });
    expect(tokens.unanswered).toBe(cases.length + cases.filter((c) => c.events[1]!.activity === 'Review').length - 5);
    // 100 in at 2/M + 20 out at 10/M = 0.0004 a call: under 0.001 after 2 calls, so a 3rd is made
    before = served;
    const cost = (
      await compareAgents(refundGraph, cases, [
        modelPolicy({
          baseUrl: base,
          model: 'cost-model',
          maxCost: 0.001,
          price: { inputPerMTok: 2, outputPerMTok: 10 },
          concurrency: 1,
          sleep: noWait,
        }),
      ])
    ).policies[0]!;
    expect(served - before).toBe(3);
    const s = cost.summary as { estCost: number; stoppedBy: string; partial: boolean };
    expect(s.estCost).toBeCloseTo(0.0012, 10);
    expect([s.stoppedBy, s.partial]).toEqual(['cost', true]);
  });

  it('cancel: no request after the abort, the rest unanswered and the result partial; progress reports calls and hits', async () => {
    const ctl = new AbortController();
    const seenProgress: number[] = [];
    const before = served;
    const policy = modelPolicy({
      baseUrl: base,
      model: 'cancel-model',
      concurrency: 1,
      sleep: noWait,
      signal: ctl.signal,
      onProgress: (p) => {
        seenProgress.push(p.answered);
        if (p.answered === 3) ctl.abort();
      },
    });
    const report = (await compareAgents(refundGraph, cases, [policy])).policies[0]!;
    expect(served - before).toBe(3);
    expect(seenProgress).toEqual([1, 2, 3]);
    expect(report.summary).toMatchObject({ requests: 3, partial: true, stoppedBy: 'cancelled' });
    expect(report.unanswered).toBeGreaterThan(0);
  });

  it('the CLI runs rules and model side by side, with a JSON section per policy, and never prints the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sop-agents-'));
    const graph = join(dir, 'refunds.sop.json');
    writeFileSync(graph, JSON.stringify(refundGraph));
    const log = join(dir, 'cases.jsonl');
    writeFileSync(log, cases.map((c) => JSON.stringify(c)).join('\n'));
    process.env.SOP_MODEL_KEY = KEY;
    try {
      const io = memoryIo();
      const code = await run(
        [
          graph,
          log,
          '--agent',
          'rules',
          '--agent',
          'model',
          '--model-url',
          base,
          '--model',
          'cli-model',
          '--cache',
          join(dir, 'cache'),
          '--json',
        ],
        io,
      );
      expect(code).toBe(0);
      const out = JSON.parse(io.stdout.join('\n')) as {
        agents: { policies: Array<{ policy: string; result: { totals: { cases: number } } }> };
      };
      expect(out.agents.policies.map((p) => p.policy)).toEqual(['rules', 'model']);
      expect(out.agents.policies[1]!.result.totals.cases).toBe(40);
      const text = memoryIo();
      const before = served;
      expect(
        await run(
          [
            graph,
            log,
            '--agent',
            'rules',
            '--agent',
            'model',
            '--model-url',
            base,
            '--model',
            'cli-model',
            '--cache',
            join(dir, 'cache'),
          ],
          text,
        ),
      ).toBe(0);
      expect(served).toBe(before); // the disk cache answered everything
      expect(text.stdout.join('\n')).toMatch(/^model\s+\d+/m);
      expect([...io.stdout, ...io.stderr, ...text.stdout, ...text.stderr].join('\n')).not.toContain(KEY);
    } finally {
      delete process.env.SOP_MODEL_KEY;
    }
    // a token budget on the command line: 2 calls of 120 tokens cross 200, the row says why it is partial
    const budget = memoryIo();
    const before = served;
    expect(
      await run(
        [
          graph,
          log,
          '--agent',
          'model',
          '--model-url',
          base,
          '--model',
          'cli-budget',
          '--max-tokens',
          '200',
          '--concurrency',
          '1',
        ],
        budget,
      ),
    ).toBe(0);
    expect(served - before).toBe(2);
    expect(budget.stdout.join('\n')).toMatch(/^model\s+.*yes \(tokens budget\)$/m);
    const bad = memoryIo();
    expect(await run([graph, log, '--agent', 'model'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/--model-url/);
    const noPrice = memoryIo();
    expect(
      await run([graph, log, '--agent', 'model', '--model-url', base, '--model', 'm', '--max-cost', '1'], noPrice),
    ).toBe(2);
    expect(noPrice.stderr.join('\n')).toMatch(/--max-cost needs --price/);
  });
});
