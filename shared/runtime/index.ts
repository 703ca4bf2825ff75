/**
 * The runtime: execute a graph's cases on XState with tiers enforced outside the model, approvals,
 * runtime guardrails, kill switches, rollback and a hash-chained audit trail.
 */
export { createRunner } from './runner';
export type {
  Runner,
  RunnerOptions,
  RunnerConfig,
  CaseInput,
  CaseStatus,
  ToolHandler,
  ToolContext,
  Environment,
} from './runner';
export {
  AuditLog,
  GENESIS_HASH,
  memoryAuditSink,
  verifyAudit,
  verifyAuditText,
  verifyAuditBytes,
  parseAuditText,
} from './audit';
export type {
  AuditRecord,
  AuditEntry,
  AuditDecision,
  AuditReason,
  AuditSink,
  VerifyResult,
  VerifyOptions,
  TamperKind,
} from './audit';
export { importAuditKey, newAuditKeyText, type AuditKey } from './auditKey';
export { makeAnchor, parseAnchor, type AuditAnchor } from './auditAnchor';
export { resumeJournal, type ResumeJournal } from './resume';
export { auditToCases } from './auditToCases';
export { memoryApprovalQueue, ApprovalError } from './approvals';
export type { ApprovalItem, ApprovalQueue, BranchOption, Decider } from './approvals';
export { ManualClock, systemClock } from './clock';
export type { Clock } from './clock';
export type { RollbackResult, RollbackScope } from './rollback';
export { canonicalJson, sha256Hex } from './canonicalJson';
