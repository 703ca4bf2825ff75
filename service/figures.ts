/**
 * Live figures per branch (state → target), read from the audit records of every case: steps the
 * agent took on its own, suggestions and how people answered them (approved, overridden: rejected
 * or edited), automatic actions later undone (auto errors), and guardrail trips (a guardrail, a
 * limit, a kill switch or a runtime limit lowered the tier or stopped the call).
 */
import type pg from 'pg';
import type { BranchFigures } from '../shared/runtime/consoleWire';

export type { BranchFigures };

const TRIPS = ['guardrail', 'limit', 'kill-switch', 'rate-limit', 'batch-cap', 'breaker-open', 'deadline'];

/** `since`: only records written since then (the console's evidence window); null: all. */
export async function branchFigures(pool: pg.Pool, since: Date | null = null): Promise<BranchFigures[]> {
  const r = await pool.query<{
    state: string;
    target: string | null;
    decision: string;
    actor: string;
    trips: boolean;
    n: string;
  }>(
    `SELECT rec->>'state' AS state, COALESCE(rec->'target'->>'state', rec->'params'->'original'->>'tool') AS target, rec->>'decision' AS decision,
            split_part(rec->>'actor', ':', 1) AS actor,
            EXISTS (SELECT 1 FROM jsonb_array_elements(rec->'reasons') x WHERE x->>'kind' = ANY($1)) AS trips, count(*) AS n
       FROM (SELECT line::jsonb AS rec FROM sop.audit WHERE $2::timestamptz IS NULL OR ts >= $2) a
      WHERE rec->>'decision' IN ('route', 'call', 'suggest', 'handoff', 'approve', 'edit', 'reject', 'undo')
      GROUP BY 1, 2, 3, 4, 5`,
    [TRIPS, since],
  );
  const out = new Map<string, BranchFigures>();
  for (const row of r.rows) {
    const target = ['suggest', 'handoff', 'approve', 'reject', 'edit', 'undo'].includes(row.decision)
      ? null
      : row.target;
    const key = `${row.state}\u0000${target ?? ''}`;
    const f = out.get(key) ?? {
      state: row.state,
      target,
      auto: 0,
      suggested: 0,
      approved: 0,
      overridden: 0,
      handedOff: 0,
      autoErrors: 0,
      guardrailTrips: 0,
    };
    const n = Number(row.n);
    if ((row.decision === 'route' || row.decision === 'call') && row.actor === 'agent') f.auto += n;
    if (row.decision === 'suggest') f.suggested += n;
    if (row.decision === 'approve') f.approved += n;
    if (row.decision === 'reject' || row.decision === 'edit') f.overridden += n;
    if (row.decision === 'handoff') f.handedOff += n;
    if (row.decision === 'undo') f.autoErrors += n;
    if (row.trips && (row.decision === 'suggest' || row.decision === 'handoff')) f.guardrailTrips += n;
    out.set(key, f);
  }
  return [...out.values()].sort(
    (a, b) => a.state.localeCompare(b.state) || String(a.target).localeCompare(String(b.target)),
  );
}
