/**
 * The JSON shapes the runtime service's console routes send and the app's Operate view reads: one
 * definition for both sides (the service builds them from PostgreSQL rows, the renderer only reads).
 */

/** Live figures of one branch (state → target), from the audit records of every case. */
export interface BranchFigures {
  state: string;
  target: string | null;
  auto: number;
  suggested: number;
  approved: number;
  overridden: number;
  handedOff: number;
  autoErrors: number;
  guardrailTrips: number;
}

/** One console request as the service audited it, with the token's identity. */
export interface ConsoleAction {
  n: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  caseId: string | null;
  detail: Record<string, unknown>;
  status: number;
}

/** One action a rollback of the last N would select, and the undo call it would make. */
export interface UndoPreview {
  caseId: string;
  state: string;
  tool: string;
  params: unknown;
  at: string;
  undoTool: string | null;
  /** Why this action would be listed but not undone. */
  impossible: string | null;
}
