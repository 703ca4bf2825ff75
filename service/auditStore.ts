/**
 * The audit trail in PostgreSQL: one hash chain per case (see schema.ts for why), records in the
 * exact format of shared/runtime/audit.ts, so a case's export is a JSONL log that
 * `sop-studio audit verify` checks.
 *
 * Appends are idempotent by `entryKey`: a workflow step re-run after a crash (DBOS runs a step
 * at least once) finds its record already written and gets it back, never a second one.
 */
import type pg from 'pg';
import { hashRecord, type AuditEntry, type AuditRecord } from '../shared/runtime/audit';
import { canonicalJson } from '../shared/runtime/canonicalJson';

/** What the case row shows after the step (written in the same transaction as the record). */
export interface CaseStatusPatch {
  status?: 'running' | 'waiting' | 'done' | 'stuck';
  state?: string;
  waitingOn?: string | null;
  path?: string[];
}

export async function appendAudit(pool: pg.Pool, entryKey: string, entry: AuditEntry, patch: CaseStatusPatch = {}): Promise<AuditRecord> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // the case row is the chain's head: locking it orders every writer of this case's chain
    const head = await client.query<{ audit_count: number; audit_head: string }>('SELECT audit_count, audit_head FROM sop.cases WHERE case_id = $1 FOR UPDATE', [entry.caseId]);
    if (head.rowCount === 0) throw new Error(`audit: no case ${entry.caseId}`);
    const existing = await client.query<{ line: string }>('SELECT line FROM sop.audit WHERE entry_key = $1', [entryKey]);
    if (existing.rowCount) {
      await client.query('COMMIT');
      return JSON.parse(existing.rows[0]!.line) as AuditRecord;
    }
    const { audit_count: seq, audit_head: prevHash } = head.rows[0]!;
    const body = JSON.parse(canonicalJson({ ...entry, seq, ts: new Date().toISOString(), prevHash })) as Omit<AuditRecord, 'hash'>;
    const record = { ...body, hash: await hashRecord(body) } as AuditRecord;
    await client.query('INSERT INTO sop.audit (case_id, seq, entry_key, line, decision, ts) VALUES ($1, $2, $3, $4, $5, $6)', [entry.caseId, seq, entryKey, canonicalJson(record), record.decision, record.ts]);
    await client.query(
      `UPDATE sop.cases SET audit_count = $2, audit_head = $3, updated_at = clock_timestamp(),
         status = COALESCE($4, status), state = COALESCE($5, state),
         waiting_on = CASE WHEN $6::boolean THEN $7 ELSE waiting_on END, path = COALESCE($8::jsonb, path)
       WHERE case_id = $1`,
      [entry.caseId, seq + 1, record.hash, patch.status ?? null, patch.state ?? null, patch.waitingOn !== undefined, patch.waitingOn ?? null, patch.path ? JSON.stringify(patch.path) : null],
    );
    await client.query('COMMIT');
    return record;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** A case's chain as JSONL (one canonical record per line, each ending in "\n"), and its head. */
export async function exportCaseAudit(pool: pg.Pool, caseId: string): Promise<{ text: string; head: string; records: number } | null> {
  const head = await pool.query<{ audit_head: string; audit_count: number }>('SELECT audit_head, audit_count FROM sop.cases WHERE case_id = $1', [caseId]);
  if (!head.rowCount) return null;
  const rows = await pool.query<{ line: string }>('SELECT line FROM sop.audit WHERE case_id = $1 ORDER BY seq', [caseId]);
  return { text: rows.rows.map((r) => `${r.line}\n`).join(''), head: head.rows[0]!.audit_head, records: head.rows[0]!.audit_count };
}

export async function caseRecords(pool: pg.Pool, caseId: string): Promise<AuditRecord[]> {
  const rows = await pool.query<{ line: string }>('SELECT line FROM sop.audit WHERE case_id = $1 ORDER BY seq', [caseId]);
  return rows.rows.map((r) => JSON.parse(r.line) as AuditRecord);
}
