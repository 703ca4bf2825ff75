/**
 * The model agent: a language model behind an OpenAI-compatible chat-completions endpoint
 * (OpenAI, Azure, vLLM, Ollama, llama.cpp server), called with plain fetch. The prompt carries the
 * state's activity and notes, its branches (guards as written, tier, tools with their risk) and
 * the case's readable fields — nothing else — and asks for JSON-schema structured output
 * {branch | "abstain", confidence, reason}. An answer that does not fit is an invalid abstention.
 * Responses are cached by the sha256 of the request body (the key is not in the body), so reruns
 * are reproducible and free; calls are bounded: concurrency, timeout, retries with exponential
 * backoff on 429 / 5xx / timeouts (a Retry-After header, seconds or HTTP date, is honoured when it
 * asks for longer), and a budget — calls, tokens (the response's `usage`), estimated cost — after
 * which the rest is left unanswered and the result marked partial; an AbortSignal cancels the same
 * way. The API key goes only into the Authorization header.
 *
 * Why a hand-written retry loop and not cockatiel: every attempt must be charged to the budget
 * before it is made, the delay depends on the failed response (Retry-After), and tests inject the
 * sleep to assert the exact delays without waiting — ~40 lines here, where cockatiel's backoff
 * would need a custom IBackoff, a result-handling policy and its own timers that tests cannot
 * replace.
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
  /** Most tokens (prompt + completion, from the responses' `usage`) this run may spend. */
  maxTokens?: number;
  /** Most estimated cost (in the unit of `price`, e.g. USD) this run may spend; needs `price`. */
  maxCost?: number;
  /** Price per million tokens, for the estimated cost. */
  price?: { inputPerMTok: number; outputPerMTok: number };
  /** Longest Retry-After honoured (default 60 s); a longer ask waits this long. */
  maxRetryAfterMs?: number;
  /** Cancels the run: no new request, in-flight ones aborted, the rest unanswered (partial). */
  signal?: AbortSignal;
  /** Called after every answered decision (from the endpoint or the cache). */
  onProgress?: (p: ModelProgress) => void;
  /** Clock for Retry-After dates and calls/s (injected by tests). */
  now?: () => number;
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
  /** Decisions not asked because the budget ran out or the run was cancelled. */
  skippedForBudget: number;
  partial: boolean;
  promptTokens: number;
  completionTokens: number;
  /** Estimated cost from `price` (null without a price). */
  estCost: number | null;
  /** What ended the run early: a budget, a cancel, or null (it ran to the end). */
  stoppedBy: 'calls' | 'tokens' | 'cost' | 'cancelled' | null;
}

export interface ModelProgress extends ModelStats {
  /** Decisions answered so far (endpoint + cache). */
  answered: number;
  /** HTTP requests per second since the first one (null before any). */
  callsPerSecond: number | null;
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
    branch: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', enum: ['abstain'] },
      ],
    },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    reason: { type: 'string' },
  },
};

/** The chat-completions request body for one step (deterministic: same view → same body). */
function requestBody(model: string, view: StepView): Record<string, unknown> {
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
function parseAnswer(text: string, branches: number): Decision {
  try {
    const body = JSON.parse(text) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    const a = JSON.parse(typeof content === 'string' ? content : '') as {
      branch?: unknown;
      confidence?: unknown;
      reason?: unknown;
    };
    const confidence =
      typeof a.confidence === 'number' && a.confidence >= 0 && a.confidence <= 1 ? a.confidence : undefined;
    const reason = typeof a.reason === 'string' ? a.reason.slice(0, 300) : undefined;
    const extra = { ...(confidence !== undefined ? { confidence } : {}), ...(reason !== undefined ? { reason } : {}) };
    if (a.branch === 'abstain') return { branch: null, ...extra };
    if (
      typeof a.branch === 'number' &&
      Number.isInteger(a.branch) &&
      a.branch >= 0 &&
      a.branch < branches &&
      confidence !== undefined
    )
      return { branch: a.branch, ...extra };
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

/** Milliseconds a Retry-After header asks for (delta seconds or an HTTP date); null when absent or unreadable. */
function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const h = header.trim();
  if (/^\d+(\.\d+)?$/.test(h)) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Token counts of a chat-completions response (`usage`), 0 when it does not say. */
function usageOf(text: string): { prompt: number; completion: number } {
  try {
    const u = (JSON.parse(text) as { usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } }).usage;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
    return { prompt: n(u?.prompt_tokens), completion: n(u?.completion_tokens) };
  } catch {
    return { prompt: 0, completion: 0 };
  }
}

export function modelPolicy(o: ModelOptions): AgentPolicy {
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const retries = Math.max(0, o.retries ?? 3);
  const timeoutMs = o.timeoutMs ?? 30_000;
  const backoff = o.backoffMs ?? 500;
  const maxRetryAfter = o.maxRetryAfterMs ?? 60_000;
  const url = `${o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const stats: ModelStats = {
    requests: 0,
    cacheHits: 0,
    retries: 0,
    invalid: 0,
    failures: 0,
    skippedForBudget: 0,
    partial: false,
    promptTokens: 0,
    completionTokens: 0,
    estCost: o.price ? 0 : null,
    stoppedBy: null,
  };
  let answered = 0;
  let firstCallAt: number | null = null;
  let active = 0;
  const queue: Array<() => void> = [];
  const acquire = () =>
    active < concurrency ? (active++, Promise.resolve()) : new Promise<void>((r) => queue.push(r));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  /** Why no further request may be made (checked before every attempt), or null. */
  const exhausted = (): ModelStats['stoppedBy'] => {
    if (o.signal?.aborted) return 'cancelled';
    if (o.maxCalls !== undefined && stats.requests >= o.maxCalls) return 'calls';
    if (o.maxTokens !== undefined && stats.promptTokens + stats.completionTokens >= o.maxTokens) return 'tokens';
    if (o.maxCost !== undefined && stats.estCost !== null && stats.estCost >= o.maxCost) return 'cost';
    return null;
  };
  const charge = (text: string) => {
    const u = usageOf(text);
    stats.promptTokens += u.prompt;
    stats.completionTokens += u.completion;
    if (o.price && stats.estCost !== null)
      stats.estCost += (u.prompt * o.price.inputPerMTok + u.completion * o.price.outputPerMTok) / 1e6;
  };
  const progress = () => {
    answered++;
    if (!o.onProgress) return;
    const secs = firstCallAt === null ? 0 : (now() - firstCallAt) / 1000;
    o.onProgress({
      ...stats,
      answered,
      callsPerSecond: firstCallAt === null ? null : secs > 0 ? stats.requests / secs : null,
    });
  };

  async function call(body: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const stop = exhausted();
      if (stop) {
        stats.skippedForBudget++;
        stats.partial = true;
        stats.stoppedBy ??= stop;
        throw new Error(stop === 'cancelled' ? 'cancelled' : `${stop} budget used up`);
      }
      stats.requests++;
      firstCallAt ??= now();
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      const onCancel = () => ctl.abort();
      o.signal?.addEventListener('abort', onCancel);
      let retry: boolean;
      let why: string;
      let wait: number | null = null;
      try {
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
          body,
          signal: ctl.signal,
        });
        const text = await res.text();
        if (res.ok) {
          charge(text);
          return text;
        }
        retry = RETRYABLE(res.status);
        why = `HTTP ${res.status}`;
        wait = retryAfterMs(res.headers.get('retry-after'), now());
      } catch (e) {
        retry = !o.signal?.aborted;
        why = o.signal?.aborted ? 'cancelled' : (e as Error)?.name === 'AbortError' ? 'timeout' : 'network error';
      } finally {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onCancel);
      }
      if (!retry || attempt >= retries) {
        stats.failures++;
        stats.partial = true;
        throw new Error(`model call failed: ${why}`);
      }
      stats.retries++;
      // the server's Retry-After when it asks for longer than our own backoff (capped)
      await sleep(Math.max(backoff * 2 ** attempt, Math.min(wait ?? 0, maxRetryAfter)));
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
        // every answer the endpoint gave is kept (invalid ones too), so a rerun makes no request
        if (o.cache) await o.cache.set(key, text);
      }
      const d = parseAnswer(text, view.branches.length);
      if (d.invalid) stats.invalid++;
      progress();
      return d;
    },
    summary() {
      return { model: o.model, endpoint: printableUrl(o.baseUrl), ...stats };
    },
  };
}
