/**
 * The approval inbox, HTTP side: list what a caller may decide, and hand a decision to the case's
 * workflow. The item is claimed first (pending → deciding, one UPDATE), so two approvers racing get
 * one 202 and one 409; the decision then starts the parked case's continuation workflow, whose id
 * is derived from the item (so it runs once). The workflow checks nothing again: the route checked
 * the role and the branch.
 */
import type pg from 'pg';
import type { ApprovalItem } from '../shared/runtime/approvals';
import type { CaseWorkflows } from './caseWorkflow';

/** An inbox item: the runner's approval item plus the case fields the approver may see. */
export interface InboxItem extends ApprovalItem {
  fields: Record<string, unknown>;
}

export interface Decision {
  itemId: string;
  action: 'approve' | 'edit' | 'reject' | 'decide';
  role: string;
  by: string;
  transitionId?: string;
  params?: Record<string, unknown>;
  reason?: string;
}

export class InboxError extends Error {
  constructor(
    readonly status: 404 | 403 | 409 | 400,
    message: string,
  ) {
    super(message);
  }
}

export async function getItem(pool: pg.Pool, id: string): Promise<(InboxItem & { deadline: string | null }) | null> {
  const r = await pool.query<{ item: InboxItem; status: ApprovalItem['status']; decided_by: string | null; deadline: Date | null }>('SELECT item, status, decided_by, deadline FROM sop.approvals WHERE id = $1', [id]);
  if (!r.rowCount) return null;
  const row = r.rows[0]!;
  return { ...row.item, status: row.status, ...(row.decided_by ? { decidedBy: row.decided_by } : {}), deadline: row.deadline?.toISOString() ?? null };
}

/** Pending items; with `role`, only those that role may decide (items naming no role: any). */
export async function listPending(pool: pg.Pool, role: string | null, limit = 200): Promise<Array<InboxItem & { deadline: string | null }>> {
  const r = await pool.query<{ item: InboxItem; deadline: Date | null }>(
    `SELECT item, deadline FROM sop.approvals WHERE status = 'pending'
       AND ($1::text IS NULL OR jsonb_array_length(item->'roles') = 0 OR item->'roles' ? $1) ORDER BY created_at LIMIT $2`,
    [role, limit],
  );
  return r.rows.map((row) => ({ ...row.item, deadline: row.deadline?.toISOString() ?? null }));
}

export function mayDecide(item: Pick<ApprovalItem, 'roles'>, role: string): boolean {
  return item.roles.length === 0 || item.roles.includes(role);
}

/** Check and claim the item, then start the parked case's continuation with the decision. */
export async function submitDecision(pool: pg.Pool, d: Decision, resume: CaseWorkflows['resume']): Promise<InboxItem> {
  const item = await getItem(pool, d.itemId);
  if (!item) throw new InboxError(404, `no inbox item "${d.itemId}"`);
  if (!mayDecide(item, d.role)) throw new InboxError(403, `role "${d.role}" may not decide ${d.itemId} (allowed: ${item.roles.join(', ')})`);
  if ((d.action === 'approve' || d.action === 'edit') && item.kind !== 'suggest') throw new InboxError(400, `${d.itemId} is a hand-off: choose a branch (decide or send an event)`);
  if (d.action === 'decide' && !d.transitionId) throw new InboxError(400, 'decide needs a transitionId');
  if (d.transitionId !== undefined && !item.options.some((o) => o.transitionId === d.transitionId)) {
    throw new InboxError(400, `"${d.transitionId}" is not a branch of ${item.state} (branches: ${item.options.map((o) => o.transitionId).join(', ')})`);
  }
  const claimed = await pool.query(`UPDATE sop.approvals SET status = 'deciding', decided_by = $2 WHERE id = $1 AND status = 'pending'`, [d.itemId, `${d.role}:${d.by}`]);
  if (!claimed.rowCount) throw new InboxError(409, `${d.itemId} is already ${(await getItem(pool, d.itemId))?.status ?? 'gone'}`);
  try {
    await resume(item.caseId, { itemId: d.itemId, decision: d });
  } catch (e) {
    await pool.query(`UPDATE sop.approvals SET status = 'pending', decided_by = NULL WHERE id = $1 AND status = 'deciding'`, [d.itemId]);
    throw e;
  }
  return item;
}

/** An event (e.g. APPROVE) for a case's pending hand-off: the branch it names is chosen. */
export async function decisionForEvent(pool: pg.Pool, caseId: string, event: string): Promise<{ item: InboxItem; transitionId: string }> {
  const r = await pool.query<{ id: string }>(`SELECT id FROM sop.approvals WHERE case_id = $1 AND status = 'pending' ORDER BY created_at DESC LIMIT 1`, [caseId]);
  if (!r.rowCount) throw new InboxError(409, `case ${caseId} is not waiting for an event`);
  const item = (await getItem(pool, r.rows[0]!.id))!;
  const option = item.options.find((o) => o.event === event);
  if (!option) throw new InboxError(400, `case ${caseId} at ${item.state} has no branch for event "${event}" (events: ${item.options.map((o) => o.event).filter(Boolean).join(', ') || 'none'})`);
  return { item, transitionId: option.transitionId };
}
