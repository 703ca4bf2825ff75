/**
 * The policies an analyst picks for an agent comparison, as plain data: what the Agents tab
 * sends to the agents worker and what is saved with the run (AgentRunRow.policies). A model
 * policy's API key is deliberately NOT part of a spec — it travels beside it (ModelSecret) for the
 * one comparison and is never written to IndexedDB, a document, an export or a log.
 */
import {
  learnedPolicy,
  learnedPolicyFromModel,
  modelPolicy,
  printableUrl,
  recordedPolicy,
  RULES,
  type AnyPolicy,
  type ResponseStore,
} from '../../../../shared/agents';
import type { ModelProgress } from '../../../../shared/agents/model';

export interface ModelSettings {
  /** OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1 */
  baseUrl: string;
  model: string;
  /** Below this confidence the model agent abstains. */
  threshold: number;
  concurrency: number;
  timeoutMs: number;
  /** Most HTTP requests (retries included); null = unlimited. */
  maxCalls: number | null;
  /** Most tokens (prompt + completion, as the endpoint reports them); null = unlimited. */
  maxTokens: number | null;
}

export type PolicySpec =
  | { kind: 'rules' }
  | { kind: 'learned' }
  | { kind: 'recorded'; column: string }
  /** A learned agent's saved model, re-applied without retraining. */
  | { kind: 'saved-learned'; agentRunId: string; policy: string }
  | ({ kind: 'model' } & ModelSettings);

/** Held in memory for the browser session only; never stored. */
export interface ModelSecret {
  apiKey?: string;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  baseUrl: 'http://127.0.0.1:11434/v1',
  model: 'llama3.1',
  threshold: 0,
  concurrency: 4,
  timeoutMs: 30_000,
  maxCalls: 500,
  maxTokens: null,
};

/** Why a model base URL cannot be used from the browser build ('' when it can). */
export function modelUrlProblem(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL (e.g. http://127.0.0.1:11434/v1)';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http(s) endpoints';
  if (u.username || u.password) return 'put no user name or password in the URL (use the key field)';
  // the browser build's CSP allows connect-src to this machine only (renderer/index.html)
  if (!['127.0.0.1', 'localhost'].includes(u.hostname) || u.protocol !== 'http:')
    return 'the browser build connects to http://127.0.0.1 or http://localhost only (its CSP); run a local endpoint or a proxy there';
  return '';
}

/** What an IndexedDB response cache needs: get/put by key. */
export interface ResponseTable {
  get(key: string): Promise<{ text: string } | undefined>;
  put(row: { key: string; text: string; createdAt: number }): Promise<unknown>;
}

/** The model response cache over a table, namespaced by endpoint so two servers never share answers. */
export function responseStore(table: ResponseTable, baseUrl: string): ResponseStore {
  const prefix = `${printableUrl(baseUrl)} `;
  return {
    get: async (key) => (await table.get(prefix + key))?.text,
    set: async (key, text) => void (await table.put({ key: prefix + key, text, createdAt: Date.now() })),
  };
}

export interface PolicyDeps {
  secret: ModelSecret;
  cache: (baseUrl: string) => ResponseStore;
  fetch: typeof fetch;
  /** Saved learned models by agent-run id and policy name. */
  savedModel: (agentRunId: string, policy: string) => Promise<unknown>;
  /** Cancels a model agent's calls (the rest is left unanswered: partial results). */
  signal?: AbortSignal;
  onModelProgress?: (p: ModelProgress) => void;
}

/** Display name of a spec (the comparison's policy label). */
export function specName(s: PolicySpec): string {
  switch (s.kind) {
    case 'rules':
      return 'rules';
    case 'learned':
      return 'learned';
    case 'recorded':
      return `recorded:${s.column}`;
    case 'saved-learned':
      return `${s.policy} (saved)`;
    case 'model':
      return s.threshold ? `model:${s.threshold}` : 'model';
  }
}

export async function policyFromSpec(s: PolicySpec, deps: PolicyDeps): Promise<AnyPolicy> {
  switch (s.kind) {
    case 'rules':
      return RULES;
    case 'learned':
      return learnedPolicy();
    case 'recorded':
      return recordedPolicy(s.column);
    case 'saved-learned': {
      const json = await deps.savedModel(s.agentRunId, s.policy);
      if (json === undefined) throw new Error(`the saved model of ${s.policy} is no longer stored`);
      return learnedPolicyFromModel(json, { name: specName(s) });
    }
    case 'model':
      return modelPolicy({
        baseUrl: s.baseUrl,
        model: s.model,
        ...(deps.secret.apiKey ? { apiKey: deps.secret.apiKey } : {}),
        threshold: s.threshold,
        concurrency: s.concurrency,
        timeoutMs: s.timeoutMs,
        ...(s.maxCalls !== null ? { maxCalls: s.maxCalls } : {}),
        ...(s.maxTokens !== null ? { maxTokens: s.maxTokens } : {}),
        ...(deps.signal ? { signal: deps.signal } : {}),
        ...(deps.onModelProgress ? { onProgress: deps.onModelProgress } : {}),
        cache: deps.cache(s.baseUrl),
        fetch: deps.fetch,
      });
  }
}
