/** What the service answers, as the console reads it (service/openapi.json describes the routes). */
import type { AuditRecord } from '../../../shared/runtime/audit';

export interface LiveSnapshot {
  counts: Array<{ state: string; status: string; n: number }>;
  inbox: string[];
  controls: { rollout: string; draining: boolean; paused: string[] };
}

export interface InboxItem {
  id: string;
  kind: 'suggest' | 'human';
  caseId: string;
  state: string;
  goal: string;
  proposal: { transitionId: string; target: string; tool: string | null; params: unknown } | null;
  options: Array<{ transitionId: string; event: string | null; target: string; activity: string }>;
  tier: string;
  reasons: Array<{ kind: string; [k: string]: unknown }>;
  roles: string[];
  fields: Record<string, unknown>;
  deadline: string | null;
}

export interface CaseView {
  caseId: string;
  status: string;
  state: string;
  waitingOn: string | null;
  auditRecords: number;
  updatedAt: string;
}

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

export interface UndoPreview {
  caseId: string;
  state: string;
  tool: string;
  params: unknown;
  at: string;
  undoTool: string | null;
  impossible: string | null;
}

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

export type { AuditRecord };
