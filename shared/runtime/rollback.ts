/**
 * Rollback: undo the last N tool actions of a case or of an agent, newest first, through each
 * tool's registered `undo` tool. The undo handler gets `{ original: { params, result } }` and an
 * idempotency key derived from the original call's. Rollback undoes side effects in the systems
 * of record; it does not move the case back in the graph. Every attempt is on the audit trail.
 */
import type { GraphDoc } from '../model/types';
import type { AuditEntry } from './audit';
import type { Clock } from './clock';
import type { Environment, ToolContext, ToolHandler } from './runnerTypes';
import { jsonSafe, messageOf } from './safeJson';

export interface ActionRecord {
  /** seq of the audit record of the successful call. */
  seq: number;
  caseId: string;
  state: string;
  agent: string | null;
  tool: string;
  params: Record<string, unknown>;
  result: unknown;
  idempotencyKey: string;
  undone: boolean;
}

export type RollbackScope = { caseId: string } | { agent: string };

export interface RollbackResult {
  caseId: string;
  tool: string;
  undoTool: string | null;
  ok: boolean;
  error?: string;
}

export interface RollbackDeps {
  actions: ActionRecord[];
  scope: RollbackScope;
  n: number;
  graph: GraphDoc;
  tools: Readonly<Record<string, ToolHandler>>;
  clock: Clock;
  environment: Environment;
  actor: string;
  write(caseId: string, entry: Partial<AuditEntry> & Pick<AuditEntry, 'decision' | 'actor'>): Promise<unknown>;
}

export async function rollbackActions(d: RollbackDeps): Promise<RollbackResult[]> {
  if (!Number.isInteger(d.n) || d.n < 1) throw new Error(`rollback: n must be a positive integer, got ${d.n}`);
  const inScope = (a: ActionRecord) => ('caseId' in d.scope ? a.caseId === d.scope.caseId : a.agent === d.scope.agent);
  const targets = d.actions
    .filter((a) => !a.undone && inScope(a))
    .slice(-d.n)
    .reverse();
  const out: RollbackResult[] = [];
  for (const a of targets) {
    const def = d.graph.tools?.[a.tool];
    const undoTool = typeof def?.undo === 'string' && def.undo ? def.undo : null;
    const handler = undoTool ? d.tools[undoTool] : undefined;
    const base = {
      state: a.state,
      actor: d.actor,
      tool: undoTool ?? a.tool,
      params: { original: { tool: a.tool, params: a.params, result: a.result, seq: a.seq } },
    };
    if (def?.reversible === false || !undoTool || typeof handler !== 'function') {
      const why =
        def?.reversible === false
          ? `${a.tool} is not reversible`
          : !undoTool
            ? `${a.tool} has no undo tool`
            : `no handler registered for ${undoTool}`;
      await d.write(a.caseId, { ...base, decision: 'undo-impossible', result: { ok: false, error: why } });
      out.push({ caseId: a.caseId, tool: a.tool, undoTool, ok: false, error: why });
      continue;
    }
    const idempotencyKey = `undo:${a.idempotencyKey}`;
    const ctx: ToolContext = Object.freeze({
      caseId: a.caseId,
      state: a.state,
      tool: undoTool,
      idempotencyKey,
      attempt: 0,
      environment: d.environment,
      actor: d.actor,
    });
    try {
      const value = await handler(structuredClone(base.params), ctx);
      a.undone = true;
      await d.write(a.caseId, {
        ...base,
        idempotencyKey,
        decision: 'undo',
        result: { ok: true, value: jsonSafe(value) },
      });
      out.push({ caseId: a.caseId, tool: a.tool, undoTool, ok: true });
    } catch (e) {
      await d.write(a.caseId, {
        ...base,
        idempotencyKey,
        decision: 'undo',
        result: { ok: false, error: messageOf(e) },
      });
      out.push({ caseId: a.caseId, tool: a.tool, undoTool, ok: false, error: messageOf(e) });
    }
  }
  return out;
}
