/**
 * The model agent: a language model behind an OpenAI-compatible chat-completions endpoint
 * (OpenAI, Azure, vLLM, Ollama, llama.cpp server), called with plain fetch. The prompt carries the
 * state's activity and notes, its branches (guards as written, tier, tools with their risk) and
 * the case's readable fields — nothing else — and asks for JSON-schema structured output
 * {branch | "abstain", confidence, reason}. An answer that does not fit is an invalid abstention.
 * Responses are cached by the sha256 of the request body (the key is not in the body), so reruns
 * are reproducible and free; calls are bounded: concurrency, timeout, retries with exponential
 * backoff on 429 / 5xx / timeouts, and a call budget after which the rest is left unanswered and
 * the result marked partial. The API key goes only into the Authorization header.
 */
import { canonicalJson, sha256Hex } from '../runtime/canonicalJson';
import type { AgentPolicy, Decision, StepView } from './types';

/** Where cached responses live (on disk for the CLI, in memory for tests). */
export interface ResponseStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface ModelOptions {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 */
  baseUrl: string;
  model: string;
  apiKey?: string;
  threshold?: number;
  /** Most HTTP requests (retries included) this run may make; default unlimited. */
  maxCalls?: number;
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  cache?: ResponseStore;
  fetch?: typeof fetch;
  /** Injected so tests do not wait for real backoff. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ModelStats {
  requests: number;
  cacheHits: number;
  retries: number;
  invalid: number;
  failures: number;
  /** Decisions not asked because the call budget ran out. */
  skippedForBudget: number;
  partial: boolean;
}

const SYSTEM = [
  'You are an operations agent following a standard operating procedure (SOP).',
  'At the current step, choose which branch to take for this case, or abstain when unsure or when the SOP says a human decides.',
  'Only the case fields shown are available to you. Answer with JSON: {"branch": <branch number> or "abstain", "confidence": 0..1, "reason": one line}.',
].join(' ');

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['branch', 'confidence', 'reason'],
  properties: {
    branch: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['abstain'] }] },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    reason: { type: 'string' },
  },
};

/** The chat-completions request body for one step (deterministic: same view → same body). */
export function requestBody(model: string, view: StepView): Record<string, unknown> {
  const step = {
    activity: view.activity,
    ...(view.notes ? { notes: view.notes } : {}),
    branches: view.branches.map((b) => ({
      branch: b.index,
      leadsTo: b.activity,
      ...(b.event ? { event: b.event } : {}),
      when: b.guard ?? 'always (no condition)',
      tier: b.tier,
      ...(b.notes ? { notes: b.notes } : {}),
      ...(b.tools.length ? { tools: b.tools } : {}),
    })),
    caseFields: { ...view.fields },
  };
  return {
    model,
    temperature: 0,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: JSON.stringify(step) },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'sop_decision', strict: true, schema: SCHEMA } },
  };
}

/** Parse a chat-completions response into a Decision (invalid when it does not fit the schema). */
export function parseAnswer(text: string, branches: number): Decision {
  try {
    const body = JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    const a = JSON.parse(typeof content === 'string' ? content : '') as { branch?: unknown; confidence?: unknown; reason?: unknown };
    const confidence = typeof a.confidence === 'number' && a.confidence >= 0 && a.confidence <= 1 ? a.confidence : undefined;
    const reason = typeof a.reason === 'string' ? a.reason.slice(0, 300) : undefined;
    const extra = { ...(confidence !== undefined ? { confidence } : {}), ...(reason !== undefined ? { reason } : {}) };
    if (a.branch === 'abstain') return { branch: null, ...extra };
    if (typeof a.branch === 'number' && Number.isInteger(a.branch) && a.branch >= 0 && a.branch < branches && confidence !== undefined) return { branch: a.branch, ...extra };
    return { branch: null, invalid: true, ...extra };
  } catch {
    return { branch: null, invalid: true };
  }
}

/** A base URL fit to print: no user info, no query. */
export function printableUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

export function modelPolicy(o: ModelOptions): AgentPolicy {
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const retries = Math.max(0, o.retries ?? 3);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const backoff = o.backoffMs ?? 500;
  const url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const stats: ModelStats = { requests: 0, cacheHits: 0, retries: 0, invalid: 0, failures: 0, skippedForBudget: 0, partial: false };
  let active = 0;
  const queue: Array<() => void> = [];
  const acquire = () => (active < concurrency ? (active++, Promise.resolve()) : new Promise<void>((r) => queue.push(r)));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  const budgetLeft = () => o.maxCalls === undefined || stats.requests < o.maxCalls;

  async function call(body: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      if (!budgetLeft()) {
        stats.skippedForBudget++;
        stats.partial = true;
        throw new Error('call budget used up');
      }
      stats.requests++;
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      let retry: boolean;
      let why: string;
      try {
        const res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) }, body, signal: ctl.signal });
        const text = await res.text();
        if (res.ok) return text;
        retry = RETRYABLE(res.status);
        why = `HTTP ${res.status}`;
      } catch (e) {
        retry = true;
        why = (e as Error)?.name === 'AbortError' ? 'timeout' : 'network error';
      } finally {
        clearTimeout(timer);
      }
      if (!retry || attempt >= retries) {
        stats.failures++;
        stats.partial = true;
        throw new Error(`model call failed: ${why}`);
      }
      stats.retries++;
      await sleep(backoff * 2 ** attempt);
    }
  }

  const threshold = o.threshold ?? 0;
  return {
    name: threshold ? `model:${threshold}` : 'model',
    kind: 'model',
    threshold,
    async decide(view: StepView): Promise<Decision> {
      const body = canonicalJson(requestBody(o.model, view));
      const key = await sha256Hex(body);
      let text = o.cache ? await o.cache.get(key) : undefined;
      if (text !== undefined) stats.cacheHits++;
      else {
        await acquire();
        try {
          text = await call(body);
        } finally {
          release();
        }
        const d = parseAnswer(text, view.branches.length);
        // every answer the endpoint gave is kept (invalid ones too), so a rerun makes no request
        if (o.cache) await o.cache.set(key, text);
        if (d.invalid) stats.invalid++;
        return d;
      }
      const d = parseAnswer(text, view.branches.length);
      if (d.invalid) stats.invalid++;
      return d;
    },
    summary() {
      return { model: o.model, endpoint: printableUrl(o.baseUrl), ...stats };
    },
  };
}
