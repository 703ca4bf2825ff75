/**
 * Tool calls, one part of the runner: the runtime guardrails in front of a call (handler present,
 * circuit breaker, rate limit, batch cap), the call itself with retries and backoff on the
 * injected clock, and the crash journal (a completed call is never made again; an intent without
 * an outcome goes to a human). Every attempt is on the record before and after it.
 */
import type { GraphDoc, Tier } from '../model/types';
import type { AuditEntry, AuditReason, AuditRecord } from './audit';
import type { Clock } from './clock';
import { BatchCounter, CircuitBreaker, RateLimiter, type BreakerOptions, type BreakerState } from './guardrails';
import { emptyJournal, type ResumeJournal } from './resume';
import { jsonSafe, messageOf } from './safeJson';
import type { Environment, ToolContext, ToolHandler } from './runnerTypes';

export type StepEntry = Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>;

/** How a call's records reach the case: `note` records only; `take` records and takes the branch. */
interface StepWriter {
  note(entry: StepEntry): Promise<AuditRecord>;
  take(entry: StepEntry): Promise<AuditRecord>;
}

export interface ToolStep {
  caseId: string;
  state: string;
  tool: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  tier: Tier | null;
  reasons: AuditReason[];
  inputs: Record<string, unknown>;
  actor: string;
  item?: string;
}

export type CallOutcome =
  { ok: true; value: unknown; record: AuditRecord; replayed: boolean } | { ok: false; reasons: AuditReason[] };

export interface ToolCallerOptions {
  graph: GraphDoc;
  tools: Readonly<Record<string, ToolHandler>>;
  clock: Clock;
  environment: Environment;
  shadow: boolean;
  breaker?: BreakerOptions;
  /** Backoff between retries: base·2^(n-1), capped. Defaults 500 ms and 30 s. */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  journal?: ResumeJournal;
}

export interface ToolCaller {
  call(step: ToolStep, writer: StepWriter): Promise<CallOutcome>;
  breakerState(tool: string): BreakerState;
  /** A new `runCases` batch: batch caps count again from 0. */
  newBatch(): void;
}

export function createToolCaller(opts: ToolCallerOptions): ToolCaller {
  const { graph, tools, clock, shadow } = opts;
  const journal = opts.journal ?? emptyJournal;
  const rate = new RateLimiter(clock);
  const batch = new BatchCounter();
  const breaker = new CircuitBreaker(clock, opts.breaker);
  const baseDelay = opts.retry?.baseDelayMs ?? 500;
  const maxDelay = opts.retry?.maxDelayMs ?? 30_000;

  function blockers(tool: string): AuditReason[] {
    const rateDef = graph.tools?.[tool]?.rate;
    const out: AuditReason[] = [];
    if (!shadow && typeof tools[tool] !== 'function') out.push({ kind: 'no-handler', tool, tier: 'human' });
    if (!breaker.allows(tool)) out.push({ kind: 'breaker-open', tool, tier: 'human' });
    if (!rate.allows(tool, rateDef?.perMinute))
      // Stryker disable next-line OptionalChaining: equivalent: only reached when the limiter refused, which needs rateDef.perMinute
      out.push({ kind: 'rate-limit', tool, perMinute: rateDef?.perMinute, tier: 'human' });
    if (!batch.allows(tool, rateDef?.maxBatch))
      // Stryker disable next-line OptionalChaining: equivalent: only reached when the limiter refused, which needs rateDef.maxBatch
      out.push({ kind: 'batch-cap', tool, maxBatch: rateDef?.maxBatch, tier: 'human' });
    return out;
  }

  /** The journal first: a step settled before a crash is not subject to today's limits. */
  async function fromJournal(step: ToolStep, base: StepEntry, writer: StepWriter): Promise<CallOutcome | null> {
    if (shadow) return null;
    const done = journal.completed.get(step.idempotencyKey);
    if (done) {
      const record = await writer.take({
        ...base,
        decision: 'replayed',
        result: { ok: true, value: done.value, fromSeq: done.seq },
      });
      return { ok: true, value: done.value, record, replayed: true };
    }
    const unknown = journal.unknown.get(step.idempotencyKey);
    if (unknown) {
      await writer.note({ ...base, decision: 'outcome-unknown', result: { intentSeq: unknown.intentSeq } });
      return {
        ok: false,
        reasons: [
          {
            kind: 'outcome-unknown',
            tool: step.tool,
            idempotencyKey: step.idempotencyKey,
            intentSeq: unknown.intentSeq,
            tier: 'human',
          },
        ],
      };
    }
    return null;
  }

  async function call(step: ToolStep, writer: StepWriter): Promise<CallOutcome> {
    const { tool, params, idempotencyKey, actor } = step;
    // Stryker disable next-line StringLiteral: equivalent: every record spreads base and sets its own decision
    const base: StepEntry = {
      decision: 'intent',
      tool,
      params,
      tier: step.tier,
      reasons: step.reasons,
      inputs: step.inputs,
      actor,
      idempotencyKey,
      ...(step.item ? { item: step.item } : {}),
    };
    const settled = await fromJournal(step, base, writer);
    if (settled) return settled;
    const stop = blockers(tool);
    if (stop.length) return { ok: false, reasons: stop };
    const maxRetries = Math.max(0, Math.floor(graph.tools?.[tool]?.rate?.maxRetries ?? 0));
    batch.record(tool);
    if (shadow) {
      rate.record(tool);
      const record = await writer.take({ ...base, decision: 'would-call', result: { shadow: true } });
      return { ok: true, value: null, record, replayed: false };
    }
    const handler = tools[tool]!;
    // failed attempts before a crash count: a rerun never exceeds maxRetries in total
    for (let attempt = journal.failedAttempts.get(idempotencyKey) ?? 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        if (!breaker.allows(tool)) return { ok: false, reasons: [{ kind: 'breaker-open', tool, tier: 'human' }] };
        await clock.sleep(Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)));
      }
      await writer.note({ ...base, decision: 'intent', result: { attempt } });
      rate.record(tool);
      const ctx: ToolContext = Object.freeze({
        caseId: step.caseId,
        state: step.state,
        tool,
        idempotencyKey,
        attempt,
        environment: opts.environment,
        actor,
      });
      let value: unknown;
      try {
        value = await handler(structuredClone(params), ctx);
      } catch (e) {
        breaker.failure(tool);
        await writer.note({ ...base, decision: 'call', result: { ok: false, attempt, error: messageOf(e) } });
        continue;
      }
      breaker.success(tool);
      const record = await writer.take({
        ...base,
        decision: 'call',
        result: { ok: true, attempt, value: jsonSafe(value) },
      });
      return { ok: true, value, record, replayed: false };
    }
    return { ok: false, reasons: [{ kind: 'tool-failed', tool, attempts: maxRetries + 1, tier: 'human' }] };
  }

  return { call, breakerState: (tool) => breaker.state(tool), newBatch: () => batch.reset() };
}
