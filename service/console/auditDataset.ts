/**
 * The whole audit trail for "use as dataset": every case's records in chain order, plus what the
 * agent proposed for each inbox item (the item's draft names the branch; the audit record of a
 * suggestion names only the tool), so the simulator can replay production with the agent's
 * proposals as a recorded policy.
 */
import type { AuditRecord } from '../../shared/runtime/audit';
import type { ServiceContext } from '../context';

/** At most this many records per export: a larger trail is cut and the answer says so. */
const MAX_EXPORT_RECORDS = 200_000;

export async function auditForDataset(
  ctx: ServiceContext,
  since: Date | null,
): Promise<{ records: AuditRecord[]; proposals: Record<string, string>; truncated: boolean }> {
  const r = await ctx.pool.query<{ line: string }>(
    `SELECT line FROM sop.audit WHERE case_id IN (SELECT case_id FROM sop.cases WHERE $1::timestamptz IS NULL OR created_at >= $1) ORDER BY case_id, seq LIMIT $2`,
    [since, MAX_EXPORT_RECORDS + 1],
  );
  const records = r.rows.slice(0, MAX_EXPORT_RECORDS).map((x) => JSON.parse(x.line) as AuditRecord);
  const items = await ctx.pool.query<{ id: string; target: string | null }>(
    `SELECT id, item->'proposal'->>'target' AS target FROM sop.approvals WHERE item->'proposal' IS NOT NULL AND item->'proposal' <> 'null'::jsonb`,
  );
  const proposals: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const it of items.rows) {
    const state = it.target ? ctx.g.stateIds.get(it.target) : undefined;
    if (state !== undefined) proposals[it.id] = ctx.g.states[state]!.activity;
  }
  return { records, proposals: { ...proposals }, truncated: r.rows.length > MAX_EXPORT_RECORDS };
}
