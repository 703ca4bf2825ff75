/**
 * Controls operators change while cases run — kill switches (per agent, tool, or the whole graph),
 * the rollout stage and drain — kept in PostgreSQL so every worker reads the same values, and read
 * at every step of every case.
 */
import type pg from 'pg';
import { ROLLOUTS, type GraphDoc, type Rollout } from '../shared/model/types';

export type ControlScope = 'agent' | 'tool' | 'graph';

export interface Controls {
  rollout: Rollout;
  draining: boolean;
  /** "agent:<name>", "tool:<name>", "graph" of every paused switch. */
  paused: string[];
}

const GRAPH_SWITCH = 'graph';

/** One row per switch the graph can have, so a tool call can lock its rows (see toolCall.ts). */
export async function seedControls(pool: pg.Pool, graph: GraphDoc): Promise<void> {
  const rows: Array<[ControlScope, string]> = [['graph', GRAPH_SWITCH]];
  for (const a of Object.keys(graph.agents ?? {})) rows.push(['agent', a]);
  for (const t of Object.keys(graph.tools ?? {})) rows.push(['tool', t]);
  for (const [scope, name] of rows)
    await pool.query('INSERT INTO sop.controls (scope, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [scope, name]);
  await pool.query(
    `INSERT INTO sop.settings (key, value) VALUES ('rollout', $1), ('draining', 'false') ON CONFLICT DO NOTHING`,
    [JSON.stringify(graph.rollout ?? 'observe')],
  );
}

export async function readControls(db: Pick<pg.Pool, 'query'>): Promise<Controls> {
  // one round trip: this runs at every step of every case
  const r = await db.query<{ settings: Record<string, unknown> | null; paused: string[] }>(
    `SELECT (SELECT jsonb_object_agg(key, value) FROM sop.settings) AS settings,
            ARRAY(SELECT CASE WHEN scope = 'graph' THEN 'graph' ELSE scope || ':' || name END FROM sop.controls WHERE paused ORDER BY scope, name) AS paused`,
  );
  const byKey = new Map(Object.entries(r.rows[0]?.settings ?? {}));
  const rollout = byKey.get('rollout');
  return {
    rollout: ROLLOUTS.includes(rollout as Rollout) ? (rollout as Rollout) : 'observe',
    draining: byKey.get('draining') === true,
    paused: r.rows[0]?.paused ?? [],
  };
}

/** The switch that pauses this step, if any: the graph's, the agent's, then the tool's. */
export function pausedBy(controls: Pick<Controls, 'paused'>, agent: string | null, tool: string | null): string | null {
  const hits = [GRAPH_SWITCH, agent ? `agent:${agent}` : null, tool ? `tool:${tool}` : null];
  return hits.find((h) => h !== null && controls.paused.includes(h)) ?? null;
}

/** The advisory lock a tool call holds shared on each switch that could stop it (toolCall.ts; the same keys in sop.switch_gate, schema.ts). */
const switchLockKey = (scope: ControlScope, name: string) => `sop-switch:${scope}:${name}`;

/**
 * Flip a switch. `updatedAt`: when the change committed; `effectiveAt`: when no automatic call
 * that read the old value was still running (a pause waits for the calls in flight).
 */
export async function setSwitch(
  pool: pg.Pool,
  scope: ControlScope,
  name: string,
  paused: boolean,
  by: string,
): Promise<{ updatedAt: string; effectiveAt: string } | null> {
  const key = scope === 'graph' ? GRAPH_SWITCH : name;
  const r = await pool.query<{ updated_at: Date }>(
    'UPDATE sop.controls SET paused = $3, updated_at = clock_timestamp(), updated_by = $4 WHERE scope = $1 AND name = $2 RETURNING updated_at',
    [scope, key, paused, by],
  );
  if (!r.rowCount) return null;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [switchLockKey(scope, key)]);
    const at = await client.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    await client.query('COMMIT');
    return { updatedAt: r.rows[0]!.updated_at.toISOString(), effectiveAt: at.rows[0]!.now.toISOString() };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Seconds a suggestion waits before it escalates: the operators' setting, else the service default. */
export async function approvalTimeoutSeconds(db: Pick<pg.Pool, 'query'>, fallback: number): Promise<number> {
  const r = await db.query<{ value: unknown }>(`SELECT value FROM sop.settings WHERE key = 'approvalTimeoutSeconds'`);
  const v = r.rows[0]?.value;
  return typeof v === 'number' && v > 0 ? v : fallback;
}

export async function setSetting(
  pool: pg.Pool,
  key: 'rollout' | 'draining' | 'approvalTimeoutSeconds' | 'breakerFailures' | 'breakerCooldownMs',
  value: unknown,
): Promise<void> {
  await pool.query(
    'INSERT INTO sop.settings (key, value, updated_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
    [key, JSON.stringify(value)],
  );
}
