/**
 * The approval inbox, HTTP side: list what a caller may decide, and hand a decision to the case's
 * workflow. The item is claimed first (pending → deciding, one UPDATE), so two approvers racing get
 * one 202 and one 409; the decision then starts the parked case's continuation workflow, whose id
 * is derived from the item (so it runs once). The workflow checks nothing again: the route checked
 * the role and the branch.
 *
 * A crash between the claim and the continuation's start (the process died after the UPDATE, before
 * DBOS recorded the workflow) used to leave the item `deciding` for ever, with nothing to resume it.
 * So the claim stores the decision itself and who claimed it (the DBOS executor id), and
 * `recoverClaims` starts the continuation of every claim that has none: at start-up for this
 * executor's own claims (its previous life is gone), and periodically for anyone's claim older than
 * a grace period (a claimant that never comes back). Starting it twice is harmless: the
 * continuation's workflow id is derived from the item, so DBOS runs it once.
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
  const r = await pool.query<{
    item: InboxItem;
    status: ApprovalItem['status'];
    decided_by: string | null;
    deadline: Date | null;
  }>('SELECT item, status, decided_by, deadline FROM sop.approvals WHERE id = $1', [id]);
  if (!r.rowCount) return null;
  const row = r.rows[0]!;
  return {
    ...row.item,
    status: row.status,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    deadline: row.deadline?.toISOString() ?? null,
  };
}

/** Pending items; with `role`, only those that role may decide (items naming no role: any). */
export async function listPending(
  pool: pg.Pool,
  role: string | null,
  limit = 200,
): Promise<Array<InboxItem & { deadline: string | null }>> {
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
export async function submitDecision(
  pool: pg.Pool,
  d: Decision,
  resume: CaseWorkflows['resume'],
  executorId: string,
): Promise<InboxItem> {
  const item = await getItem(pool, d.itemId);
  if (!item) throw new InboxError(404, `no inbox item "${d.itemId}"`);
  if (!mayDecide(item, d.role))
    throw new InboxError(403, `role "${d.role}" may not decide ${d.itemId} (allowed: ${item.roles.join(', ')})`);
  if ((d.action === 'approve' || d.action === 'edit') && item.kind !== 'suggest')
    throw new InboxError(400, `${d.itemId} is a hand-off: choose a branch (decide or send an event)`);
  if (d.action === 'decide' && !d.transitionId) throw new InboxError(400, 'decide needs a transitionId');
  if (d.transitionId !== undefined && !item.options.some((o) => o.transitionId === d.transitionId)) {
    throw new InboxError(
      400,
      `"${d.transitionId}" is not a branch of ${item.state} (branches: ${item.options.map((o) => o.transitionId).join(', ')})`,
    );
  }
  if (!(await claimItem(pool, d, executorId)))
    throw new InboxError(409, `${d.itemId} is already ${(await getItem(pool, d.itemId))?.status ?? 'gone'}`);
  try {
    await resume(item.caseId, { itemId: d.itemId, decision: d });
  } catch (e) {
    await pool.query(
      `UPDATE sop.approvals SET status = 'pending', decided_by = NULL, decision = NULL, claimed_by = NULL, claimed_at = NULL WHERE id = $1 AND status = 'deciding'`,
      [d.itemId],
    );
    throw e;
  }
  return item;
}

/** Claim a pending item for a decision (pending → deciding), storing the decision; false if it is not pending. */
export async function claimItem(pool: pg.Pool, d: Decision, executorId: string): Promise<boolean> {
  const claimed = await pool.query(
    `UPDATE sop.approvals SET status = 'deciding', decided_by = $2, decision = $3, claimed_by = $4, claimed_at = clock_timestamp() WHERE id = $1 AND status = 'pending'`,
    [d.itemId, `${d.role}:${d.by}`, JSON.stringify(d), executorId],
  );
  return claimed.rowCount === 1;
}

export interface RecoveredClaims {
  /** Items whose continuation was started from the stored decision. */
  resumed: string[];
  /** Items claimed before decisions were stored (no decision to carry out): back to pending. */
  released: string[];
}

/**
 * Start the continuation of each `deciding` item that has no continuation workflow: those claimed
 * by `ownExecutorId` (null: none) at once, anyone's once claimed `graceMs` ago.
 */
export async function recoverClaims(
  pool: pg.Pool,
  resume: CaseWorkflows['resume'],
  continuationId: (caseId: string, itemId: string) => string,
  ownExecutorId: string | null,
  graceMs: number,
): Promise<RecoveredClaims> {
  const r = await pool.query<{ id: string; case_id: string; decision: Decision | null }>(
    `SELECT a.id, a.case_id, a.decision FROM sop.approvals a
      WHERE a.status = 'deciding' AND (a.claimed_by IS NOT DISTINCT FROM $1 OR a.claimed_at IS NULL OR a.claimed_at < clock_timestamp() - make_interval(secs => $2 / 1000.0))`,
    [ownExecutorId, graceMs],
  );
  const out: RecoveredClaims = { resumed: [], released: [] };
  for (const row of r.rows) {
    const wf = await pool.query('SELECT 1 FROM dbos.workflow_status WHERE workflow_uuid = $1', [
      continuationId(row.case_id, row.id),
    ]);
    if (wf.rowCount) continue;
    if (row.decision) {
      await resume(row.case_id, { itemId: row.id, decision: row.decision });
      out.resumed.push(row.id);
    } else {
      const released = await pool.query(
        `UPDATE sop.approvals SET status = 'pending', decided_by = NULL, claimed_by = NULL, claimed_at = NULL WHERE id = $1 AND status = 'deciding' AND decision IS NULL`,
        [row.id],
      );
      if (released.rowCount) out.released.push(row.id);
    }
  }
  return out;
}

/** An event (e.g. APPROVE) for a case's pending hand-off: the branch it names is chosen. */
export async function decisionForEvent(
  pool: pg.Pool,
  caseId: string,
  event: string,
): Promise<{ item: InboxItem; transitionId: string }> {
  const r = await pool.query<{ id: string }>(
    `SELECT id FROM sop.approvals WHERE case_id = $1 AND status = 'pending' ORDER BY created_at DESC LIMIT 1`,
    [caseId],
  );
  if (!r.rowCount) throw new InboxError(409, `case ${caseId} is not waiting for an event`);
  const item = (await getItem(pool, r.rows[0]!.id))!;
  const option = item.options.find((o) => o.event === event);
  if (!option)
    throw new InboxError(
      400,
      `case ${caseId} at ${item.state} has no branch for event "${event}" (events: ${
        item.options
          .map((o) => o.event)
          .filter(Boolean)
          .join(', ') || 'none'
      })`,
    );
  return { item, transitionId: option.transitionId };
}
