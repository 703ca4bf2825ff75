/**
 * One tool call, as the body of a DBOS step, every guard shared by all workers on the database:
 * 1. admission, one statement (`sop.admit_call`, schema.ts): the tool's circuit breaker (open →
 *    refused; after its cool-down one trial call at a time) and its per-minute rate, counted in
 *    sop.rate_log under a per-tool advisory lock held only for that statement — not during the
 *    call, so calls of one tool run in parallel. An admitted call counts against the rate even if
 *    a kill switch then stops it (conservative: the limit is never exceeded).
 * 2. in one transaction: the kill switches' shared advisory locks, then their values
 *    (`sop.switch_gate`); an automatic call stops if one is paused. Pausing a switch commits
 *    `paused`, then takes that switch's lock exclusively (controls.ts): it waits for the calls in
 *    flight, and calls that start later queue behind it and then read `paused`. So once the flip
 *    returns, no automatic call is running and none starts. (Row locks FOR SHARE would not do:
 *    new share lockers may overtake a waiting UPDATE, which can then starve.)
 * 3. the handler; its action is recorded (for rollback) and the breaker closed, or the failure
 *    counted (`sop.record_failure`), before committing.
 * DBOS checkpoints the step's result, so a completed call is never made again after a crash;
 * a crash mid-call re-runs it with the same idempotency key, which the tool uses to deduplicate.
 */
import type { AuditReason } from '../shared/runtime/audit';
import type { ToolContext } from '../shared/runtime/runner';
import { jsonSafe, messageOf } from '../shared/runtime/safeJson';
import type { ServiceContext } from './context';

export interface ToolCallRequest {
  caseId: string;
  state: string;
  tool: string;
  agent: string | null;
  actor: string;
  params: Record<string, unknown>;
  idempotencyKey: string;
  attempt: number;
  /** An agent's own call (tier auto): kill switches stop it. A human-approved call goes ahead. */
  automatic: boolean;
}

export type ToolCallOutcome =
  { kind: 'ok'; value: unknown } | { kind: 'error'; error: string } | { kind: 'blocked'; reasons: AuditReason[] };

export async function guardedToolCall(ctx: ServiceContext, r: ToolCallRequest): Promise<ToolCallOutcome> {
  const handler = ctx.tools[r.tool];
  if (typeof handler !== 'function')
    return { kind: 'blocked', reasons: [{ kind: 'no-handler', tool: r.tool, tier: 'human' }] };
  const perMinute = ctx.graph.tools?.[r.tool]?.rate?.perMinute;
  const limit = typeof perMinute === 'number' && perMinute > 0 ? Math.floor(perMinute) : null;
  const admitted = await ctx.pool.query<{ v: string }>('SELECT sop.admit_call($1, $2, $3) AS v', [
    r.tool,
    limit,
    ctx.settings.breakerCooldownMs,
  ]);
  const verdict = admitted.rows[0]!.v;
  if (verdict === 'rate-limit')
    return { kind: 'blocked', reasons: [{ kind: 'rate-limit', tool: r.tool, perMinute: limit!, tier: 'human' }] };
  if (verdict === 'breaker-open')
    return { kind: 'blocked', reasons: [{ kind: 'breaker-open', tool: r.tool, tier: 'human' }] };
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const gate = await client.query<{ hit: string | null }>('SELECT sop.switch_gate($1, $2) AS hit', [
      r.agent ?? '',
      r.tool,
    ]);
    const paused = gate.rows[0]!.hit;
    if (r.automatic && paused) {
      await client.query('ROLLBACK');
      return { kind: 'blocked', reasons: [{ kind: 'kill-switch', target: paused, tier: 'suggest' }] };
    }
    const toolCtx: ToolContext = Object.freeze({
      caseId: r.caseId,
      state: r.state,
      tool: r.tool,
      idempotencyKey: r.idempotencyKey,
      attempt: r.attempt,
      environment: ctx.settings.environment,
      actor: r.actor,
    });
    let value: unknown;
    try {
      value = jsonSafe(await handler(structuredClone(r.params), toolCtx));
    } catch (e) {
      await client.query('SELECT sop.record_failure($1, $2)', [r.tool, ctx.settings.breakerFailures]);
      await client.query('COMMIT');
      return { kind: 'error', error: messageOf(e) };
    }
    await client.query(
      `WITH closed AS (
         UPDATE sop.breakers SET failures = 0, opened_at = NULL, trial_at = NULL
          WHERE tool = $6 AND (failures <> 0 OR opened_at IS NOT NULL OR trial_at IS NOT NULL) RETURNING 1)
       INSERT INTO sop.actions (idempotency_key, case_id, state, agent, actor, tool, params, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        r.idempotencyKey,
        r.caseId,
        r.state,
        r.agent,
        r.actor,
        r.tool,
        JSON.stringify(r.params),
        JSON.stringify(value ?? null),
      ],
    );
    await client.query('COMMIT');
    return { kind: 'ok', value: value ?? null };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
