/**
 * Resuming after a crash: what an existing audit trail says about the tool calls already made, so
 * a rerun over the same log never calls a completed step again and never silently retries one
 * whose outcome is unknown.
 *
 * The runner writes `intent` (fsynced) before every call and `call` after it. Reading the trail
 * back, per idempotency key (`caseId:state:visit`, the same on every rerun of a case):
 * - a `call` with `ok: true` → **completed**: the recorded result is reused, the tool not called;
 * - an `intent` with no `call` after it → **outcome unknown**: the process died while the tool ran
 *   (it may or may not have acted). It goes to a human, never back to the tool;
 * - `call`s with `ok: false` → failed attempts: they count against `maxRetries` on the rerun.
 * A case whose last run (started in execute mode) reached `final` or `stuck` is **finished**.
 */
import type { AuditRecord } from './audit';

interface CompletedCall {
  /** seq of the `call` record holding the result. */
  seq: number;
  value: unknown;
}

interface UnknownOutcome {
  /** seq of the `intent` record with no outcome. */
  intentSeq: number;
  caseId: string;
  tool: string | null;
}

export interface ResumeJournal {
  readonly completed: ReadonlyMap<string, CompletedCall>;
  readonly unknown: ReadonlyMap<string, UnknownOutcome>;
  /** Failed attempts already made per key. */
  readonly failedAttempts: ReadonlyMap<string, number>;
  /** Cases that reached final/stuck in an execute-mode run: nothing left to do. */
  readonly finished: ReadonlySet<string>;
}

/** Read the journal from verified records (in log order). */
export function resumeJournal(records: Iterable<AuditRecord>): ResumeJournal {
  const completed = new Map<string, CompletedCall>();
  const unknown = new Map<string, UnknownOutcome>();
  const failedAttempts = new Map<string, number>();
  const open = new Map<string, UnknownOutcome>();
  const finished = new Set<string>();
  const executing = new Set<string>();
  for (const r of records) {
    const key = r.idempotencyKey;
    if (r.decision === 'start') {
      finished.delete(r.caseId);
      if (isExecuteStart(r)) executing.add(r.caseId);
      else executing.delete(r.caseId);
    } else if ((r.decision === 'final' || r.decision === 'stuck') && executing.has(r.caseId)) {
      finished.add(r.caseId);
    }
    if (!key) continue;
    if (r.decision === 'intent') open.set(key, { intentSeq: r.seq, caseId: r.caseId, tool: r.tool });
    else if (r.decision === 'call') {
      open.delete(key);
      const result = r.result as { ok?: unknown; value?: unknown } | null;
      if (result?.ok === true) completed.set(key, { seq: r.seq, value: result.value ?? null });
      else failedAttempts.set(key, (failedAttempts.get(key) ?? 0) + 1);
    } else if (r.decision === 'outcome-unknown') {
      // already marked on an earlier rerun: it stays unknown until a human settles it
      open.delete(key);
      unknown.set(key, {
        intentSeq: (r.result as { intentSeq?: number } | null)?.intentSeq ?? r.seq,
        caseId: r.caseId,
        tool: r.tool,
      });
    }
  }
  for (const [key, u] of open) if (!completed.has(key)) unknown.set(key, u);
  return { completed, unknown, failedAttempts, finished };
}

/** Start records say whether the run called tools (`result.mode`); older logs: shadow unless tools were called. */
function isExecuteStart(r: AuditRecord): boolean {
  return (r.result as { mode?: unknown } | null)?.mode === 'execute';
}

export const emptyJournal: ResumeJournal = resumeJournal([]);
