/**
 * What a rollback of the last N actions would do, before anyone presses the button: the actions it
 * would select (the same selection and the same reasons to refuse as rollback.ts: newest first, not yet undone) and the undo call
 * each one would make, or why it cannot be undone. Reads only.
 */
import type pg from 'pg';
import type { GraphDoc } from '../../shared/model/types';
import type { RollbackScope } from '../rollback';
import type { UndoPreview } from '../../shared/runtime/consoleWire';

export type { UndoPreview };

export async function previewRollback(
  pool: pg.Pool,
  graph: GraphDoc,
  handlers: Readonly<Record<string, unknown>>,
  scope: RollbackScope,
  n: number,
): Promise<UndoPreview[]> {
  const where = 'agent' in scope ? 'actor = $1' : 'case_id = $1';
  const value = 'agent' in scope ? `agent:${scope.agent}` : scope.caseId;
  const r = await pool.query<{ case_id: string; state: string; tool: string; params: unknown; at: Date }>(
    `SELECT case_id, state, tool, params, at FROM sop.actions WHERE ${where} AND undone_at IS NULL ORDER BY n DESC LIMIT $2`,
    [value, n],
  );
  return r.rows.map((a) => {
    const def = graph.tools?.[a.tool];
    const undoTool = typeof def?.undo === 'string' && def.undo ? def.undo : null;
    const impossible =
      def?.reversible === false
        ? `${a.tool} is not reversible`
        : !undoTool
          ? `${a.tool} has no undo tool`
          : typeof handlers[undoTool] !== 'function'
            ? `no handler registered for ${undoTool}`
            : null;
    return {
      caseId: a.case_id,
      state: a.state,
      tool: a.tool,
      params: a.params,
      at: a.at.toISOString(),
      undoTool: impossible ? null : undoTool,
      impossible,
    };
  });
}
