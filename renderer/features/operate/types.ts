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

export type { AuditRecord };

export type { BranchFigures, ConsoleAction, UndoPreview } from '../../../shared/runtime/consoleWire';
