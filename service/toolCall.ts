/**
 * One tool call, as the body of a DBOS step. In one transaction it:
 * 1. takes the shared advisory locks of the graph's, the agent's and the tool's kill switches,
 *    then reads them, and for an automatic call stops if one is paused. Pausing a switch commits
 *    `paused`, then takes that switch's lock exclusively (controls.ts): it waits for the calls in
 *    flight, and calls that start later queue behind it and then read `paused`. So once the flip
 *    returns, no automatic call is running and none starts. (Row locks FOR SHARE would not do:
 *    new share lockers may overtake a waiting UPDATE, which can then starve.)
 * 2. checks the tool's per-minute rate in sop.rate_log under a per-tool advisory lock, so the
 *    limit holds across every worker on the database;
 * 3. calls the handler and records the action (for rollback) before committing.
 * DBOS checkpoints the step's result, so a completed call is never made again after a crash;
 * a crash mid-call re-runs it with the same idempotency key, which the tool uses to deduplicate.
 */
import type { AuditReason } from '../shared/runtime/audit';
import type { ToolContext } from '../shared/runtime/runner';
import { jsonSafe, messageOf } from '../shared/runtime/safeJson';
import { GRAPH_SWITCH, switchLockKey } from './controls';
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
  | { kind: 'ok'; value: unknown }
  | { kind: 'error'; error: string }
  | { kind: 'blocked'; reasons: AuditReason[] };

export async function guardedToolCall(ctx: ServiceContext, r: ToolCallRequest): Promise<ToolCallOutcome> {
  const handler = ctx.tools[r.tool];
  if (typeof handler !== 'function') return { kind: 'blocked', reasons: [{ kind: 'no-handler', tool: r.tool, tier: 'human' }] };
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const keys = [switchLockKey('graph', GRAPH_SWITCH), switchLockKey('agent', r.agent ?? ''), switchLockKey('tool', r.tool)];
    await client.query('SELECT pg_advisory_xact_lock_shared(hashtext($1)), pg_advisory_xact_lock_shared(hashtext($2)), pg_advisory_xact_lock_shared(hashtext($3))', keys);
    // read after the locks: a new snapshot sees a pause committed before they were granted
    const switches = await client.query<{ scope: string; name: string; paused: boolean }>(
      `SELECT scope, name, paused FROM sop.controls
        WHERE (scope = 'graph' AND name = $1) OR (scope = 'agent' AND name = $2) OR (scope = 'tool' AND name = $3) ORDER BY scope, name`,
      [GRAPH_SWITCH, r.agent ?? '', r.tool],
    );
    const paused = switches.rows.find((s) => s.paused);
    if (r.automatic && paused) {
      await client.query('ROLLBACK');
      const target = paused.scope === 'graph' ? GRAPH_SWITCH : `${paused.scope}:${paused.name}`;
      return { kind: 'blocked', reasons: [{ kind: 'kill-switch', target, tier: 'suggest' }] };
    }
    const perMinute = ctx.graph.tools?.[r.tool]?.rate?.perMinute;
    if (typeof perMinute === 'number' && perMinute > 0) {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rate:${r.tool}`]);
      const used = await client.query<{ n: string }>(`SELECT count(*) AS n FROM sop.rate_log WHERE tool = $1 AND at > clock_timestamp() - interval '1 minute'`, [r.tool]);
      if (Number(used.rows[0]!.n) >= perMinute) {
        await client.query('ROLLBACK');
        return { kind: 'blocked', reasons: [{ kind: 'rate-limit', tool: r.tool, perMinute, tier: 'human' }] };
      }
      await client.query('INSERT INTO sop.rate_log (tool) VALUES ($1)', [r.tool]);
    }
    const toolCtx: ToolContext = Object.freeze({ caseId: r.caseId, state: r.state, tool: r.tool, idempotencyKey: r.idempotencyKey, attempt: r.attempt, environment: ctx.settings.environment, actor: r.actor });
    let value: unknown;
    try {
      value = jsonSafe(await handler(structuredClone(r.params), toolCtx));
    } catch (e) {
      // the attempt counts against the rate (it reached the system of record)
      await client.query('COMMIT');
      return { kind: 'error', error: messageOf(e) };
    }
    await client.query(
      `INSERT INTO sop.actions (idempotency_key, case_id, state, agent, actor, tool, params, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [r.idempotencyKey, r.caseId, r.state, r.agent, r.actor, r.tool, JSON.stringify(r.params), JSON.stringify(value ?? null)],
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
