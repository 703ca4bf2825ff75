/**
 * Roll back an agent's (or a case's) last N tool actions, newest first, through each tool's
 * registered `undo` tool, as a DBOS workflow (id given by the caller, so a retried request runs
 * once). Each undo is one step that claims the action, calls the undo handler and marks it undone
 * in one transaction: an action is undone once even across crashes and concurrent requests.
 * An irreversible action (or one without an undo handler) is listed and audited, never skipped
 * silently. Every attempt goes on the case's audit chain.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import type { AuditEntry } from '../shared/runtime/audit';
import type { ToolContext } from '../shared/runtime/runner';
import { jsonSafe, messageOf } from '../shared/runtime/safeJson';
import { appendAudit } from './auditStore';
import type { ServiceContext } from './context';

export type RollbackScope = { agent: string } | { caseId: string };

export interface RollbackOutcome {
  idempotencyKey: string;
  caseId: string;
  tool: string;
  undoTool: string | null;
  ok: boolean;
  error?: string;
}

interface ActionRow {
  idempotency_key: string;
  case_id: string;
  state: string;
  tool: string;
  params: Record<string, unknown>;
  result: unknown;
}

async function undoOne(ctx: ServiceContext, a: ActionRow, actor: string, rollbackId: string): Promise<RollbackOutcome> {
  const def = ctx.graph.tools?.[a.tool];
  const undoTool = typeof def?.undo === 'string' && def.undo ? def.undo : null;
  const handler = undoTool ? ctx.tools[undoTool] : undefined;
  const params = { original: { tool: a.tool, params: a.params, result: a.result, idempotencyKey: a.idempotency_key } };
  const entry = (e: Pick<AuditEntry, 'decision' | 'result'> & Partial<AuditEntry>): AuditEntry => ({
    caseId: a.case_id,
    state: a.state,
    goal: a.state,
    inputs: {},
    tool: undoTool ?? a.tool,
    params,
    tier: null,
    reasons: [],
    target: null,
    environment: ctx.settings.environment,
    actor,
    ...e,
  });
  const key = `rollback:${rollbackId}:${a.idempotency_key}`;
  if (def?.reversible === false || !undoTool || typeof handler !== 'function') {
    const why =
      def?.reversible === false
        ? `${a.tool} is not reversible`
        : !undoTool
          ? `${a.tool} has no undo tool`
          : `no handler registered for ${undoTool}`;
    await appendAudit(ctx.pool, key, entry({ decision: 'undo-impossible', result: { ok: false, error: why } }));
    return { idempotencyKey: a.idempotency_key, caseId: a.case_id, tool: a.tool, undoTool, ok: false, error: why };
  }
  const idempotencyKey = `undo:${a.idempotency_key}`;
  const client = await ctx.pool.connect();
  let outcome: RollbackOutcome;
  try {
    await client.query('BEGIN');
    const claim = await client.query(
      'SELECT 1 FROM sop.actions WHERE idempotency_key = $1 AND undone_at IS NULL FOR UPDATE',
      [a.idempotency_key],
    );
    if (!claim.rowCount) {
      await client.query('ROLLBACK');
      return {
        idempotencyKey: a.idempotency_key,
        caseId: a.case_id,
        tool: a.tool,
        undoTool,
        ok: false,
        error: 'already undone',
      };
    }
    const toolCtx: ToolContext = Object.freeze({
      caseId: a.case_id,
      state: a.state,
      tool: undoTool,
      idempotencyKey,
      attempt: 0,
      environment: ctx.settings.environment,
      actor,
    });
    try {
      const value = jsonSafe(await handler(structuredClone(params), toolCtx));
      await client.query('UPDATE sop.actions SET undone_at = clock_timestamp() WHERE idempotency_key = $1', [
        a.idempotency_key,
      ]);
      await client.query('COMMIT');
      outcome = { idempotencyKey: a.idempotency_key, caseId: a.case_id, tool: a.tool, undoTool, ok: true };
      await appendAudit(ctx.pool, key, entry({ decision: 'undo', idempotencyKey, result: { ok: true, value } }));
    } catch (e) {
      await client.query('ROLLBACK');
      outcome = {
        idempotencyKey: a.idempotency_key,
        caseId: a.case_id,
        tool: a.tool,
        undoTool,
        ok: false,
        error: messageOf(e),
      };
      await appendAudit(
        ctx.pool,
        key,
        entry({ decision: 'undo', idempotencyKey, result: { ok: false, error: messageOf(e) } }),
      );
    }
  } finally {
    client.release();
  }
  return outcome;
}

async function runRollback(
  ctx: ServiceContext,
  rollbackId: string,
  scope: RollbackScope,
  n: number,
  actor: string,
): Promise<RollbackOutcome[]> {
  const targets = await DBOS.runStep(
    async () => {
      const where = 'agent' in scope ? `actor = $1` : `case_id = $1`;
      const value = 'agent' in scope ? `agent:${scope.agent}` : scope.caseId;
      const r = await ctx.pool.query<ActionRow>(
        `SELECT idempotency_key, case_id, state, tool, params, result FROM sop.actions WHERE ${where} AND undone_at IS NULL ORDER BY n DESC LIMIT $2`,
        [value, n],
      );
      return r.rows;
    },
    { name: 'select-actions' },
  );
  const out: RollbackOutcome[] = [];
  for (const a of targets)
    out.push(await DBOS.runStep(() => undoOne(ctx, a, actor, rollbackId), { name: `undo:${a.tool}` }));
  return out;
}

export function registerRollbackWorkflow(ctx: ServiceContext) {
  return DBOS.registerWorkflow(
    (rollbackId: string, scope: RollbackScope, n: number, actor: string) =>
      runRollback(ctx, rollbackId, scope, n, actor),
    { name: 'sopRollback' },
  );
}
