/**
 * The model agent end to end against a local OpenAI-compatible server started here on 127.0.0.1:
 * it records every request and answers deterministically from the case fields, returns one 429
 * and stalls one request past the timeout (both retried); a budget stops cleanly with partial
 * results; a second run with the same cache makes no request; no request carries a field outside
 * the agent's reads, and the key never appears in any output. Then the CLI with --agent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAgents, modelPolicy, RULES, type ResponseStore } from '../../shared/agents';
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

const read = (req: IncomingMessage) => new Promise<string>((r) => {
  let s = '';
  req.on('data', (c: Buffer) => (s += c.toString()));
  req.on('end', () => r(s));
});

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await read(req)) as Seen['body'];
    seen.push({ body, auth: req.headers.authorization });
    const n = ++served;
    if (n === 2) return res.writeHead(429).end('slow down');
    if (n === 4) return; // stalls: the client's timeout fires, and it retries
    const step = JSON.parse(body.messages[1]!.content) as { caseFields: { amount?: number } };
    const amount = step.caseFields.amount ?? 0;
    // deterministic answers: small amounts refund (branch 0), large ones abstain, 150–200 is malformed
    const content = amount >= 150 && amount < 200 ? 'not json' : JSON.stringify(amount < 150 ? { branch: 0, confidence: 0.9, reason: 'small' } : { branch: 'abstain', confidence: 0.2, reason: 'large' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content } }] }));
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

describe('model agent against a local OpenAI-compatible server', () => {
  it('retries 429 and a timeout, scores the answers, caches them, and leaks neither fields nor key', async () => {
    const cache = memoryStore();
    const policy = modelPolicy({ baseUrl: base, model: 'test-model', apiKey: KEY, cache, timeoutMs: 2000, retries: 3, sleep: noWait, concurrency: 2 });
    const cmp = await compareAgents(refundGraph, cases, [policy]);
    const report = cmp.policies[0]!;
    const stats = report.summary as { requests: number; retries: number; cacheHits: number; invalid: number; partial: boolean };
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
    const malformed = cases.filter((c) => (c.attributes.amount as number) >= 150 && (c.attributes.amount as number) < 200).length;
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

    // a second run with the same cache: no request at all, same figures
    const before = served;
    const again = await compareAgents(refundGraph, cases, [modelPolicy({ baseUrl: base, model: 'test-model', apiKey: KEY, cache, sleep: noWait })]);
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
      const code = await run([graph, log, '--agent', 'rules', '--agent', 'model', '--model-url', base, '--model', 'cli-model', '--cache', join(dir, 'cache'), '--json'], io);
      expect(code).toBe(0);
      const out = JSON.parse(io.stdout.join('\n')) as { agents: { policies: Array<{ policy: string; result: { totals: { cases: number } } }> } };
      expect(out.agents.policies.map((p) => p.policy)).toEqual(['rules', 'model']);
      expect(out.agents.policies[1]!.result.totals.cases).toBe(40);
      const text = memoryIo();
      const before = served;
      expect(await run([graph, log, '--agent', 'rules', '--agent', 'model', '--model-url', base, '--model', 'cli-model', '--cache', join(dir, 'cache')], text)).toBe(0);
      expect(served).toBe(before); // the disk cache answered everything
      expect(text.stdout.join('\n')).toMatch(/^model\s+\d+/m);
      expect([...io.stdout, ...io.stderr, ...text.stdout, ...text.stderr].join('\n')).not.toContain(KEY);
    } finally {
      delete process.env.SOP_MODEL_KEY;
    }
    const bad = memoryIo();
    expect(await run([graph, log, '--agent', 'model'], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/--model-url/);
  });
});
