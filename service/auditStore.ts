/**
 * The audit trail in PostgreSQL: one hash chain per case (see schema.ts for why), records in the
 * exact format of shared/runtime/audit.ts, so a case's export is a JSONL log that
 * `sop-studio audit verify` checks.
 *
 * Appends are idempotent by `entryKey`: a workflow step re-run after a crash (DBOS runs a step
 * at least once) finds its record already written and gets it back, never a second one.
 *
 * Fast path (one round trip): a case's workflow is nearly always its chain's only writer, so it
 * passes the head it got back from its previous append; one statement moves the head only if it
 * is still that one and inserts the record in the same statement. Anything else — a rollback
 * appended in between, a re-run step whose record exists, no known head — takes the locked path.
 * This cut a case's audit cost from six round trips per record to one (see the README bench).
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

/** The chain's head after a record: the next record's seq and its prevHash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

const headAfter = (r: AuditRecord): ChainHead => ({ seq: r.seq + 1, hash: r.hash });

/** Append, trying the one-statement path when the caller knows the head; returns the new head. */
export async function appendAuditFast(
  pool: pg.Pool,
  entryKey: string,
  entry: AuditEntry,
  patch: CaseStatusPatch,
  expected: ChainHead | undefined,
): Promise<ChainHead> {
  if (expected) {
    const body = JSON.parse(
      canonicalJson({ ...entry, seq: expected.seq, ts: new Date().toISOString(), prevHash: expected.hash }),
    ) as Omit<AuditRecord, 'hash'>;
    const record = { ...body, hash: await hashRecord(body) };
    try {
      const r = await pool.query(
        `WITH head AS (
           UPDATE sop.cases SET audit_count = $2 + 1, audit_head = $3, updated_at = clock_timestamp(),
             status = COALESCE($4, status), state = COALESCE($5, state),
             waiting_on = CASE WHEN $6::boolean THEN $7 ELSE waiting_on END, path = COALESCE($8::jsonb, path)
           WHERE case_id = $1 AND audit_count = $2 AND audit_head = $9 RETURNING case_id)
         INSERT INTO sop.audit (case_id, seq, entry_key, line, decision, ts) SELECT case_id, $2, $10, $11, $12, $13 FROM head`,
        [
          entry.caseId,
          expected.seq,
          record.hash,
          patch.status ?? null,
          patch.state ?? null,
          patch.waitingOn !== undefined,
          patch.waitingOn ?? null,
          patch.path ? JSON.stringify(patch.path) : null,
          expected.hash,
          entryKey,
          canonicalJson(record),
          record.decision,
          record.ts,
        ],
      );
      if (r.rowCount === 1) return headAfter(record);
    } catch (e) {
      // a unique entry key already written (a re-run step): the locked path returns that record
      if ((e as { code?: string }).code !== '23505') throw e;
    }
  }
  const existing = await appendAudit(pool, entryKey, entry, patch);
  // the head after this record, or the real head if later records exist (the next fast try fails and re-reads)
  return headAfter(existing);
}

export async function appendAudit(
  pool: pg.Pool,
  entryKey: string,
  entry: AuditEntry,
  patch: CaseStatusPatch = {},
): Promise<AuditRecord> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // the case row is the chain's head: locking it orders every writer of this case's chain
    const head = await client.query<{ audit_count: number; audit_head: string }>(
      'SELECT audit_count, audit_head FROM sop.cases WHERE case_id = $1 FOR UPDATE',
      [entry.caseId],
    );
    if (head.rowCount === 0) throw new Error(`audit: no case ${entry.caseId}`);
    const existing = await client.query<{ line: string }>('SELECT line FROM sop.audit WHERE entry_key = $1', [
      entryKey,
    ]);
    if (existing.rowCount) {
      await client.query('COMMIT');
      return JSON.parse(existing.rows[0]!.line) as AuditRecord;
    }
    const { audit_count: seq, audit_head: prevHash } = head.rows[0]!;
    const body = JSON.parse(canonicalJson({ ...entry, seq, ts: new Date().toISOString(), prevHash })) as Omit<
      AuditRecord,
      'hash'
    >;
    const record = { ...body, hash: await hashRecord(body) };
    await client.query(
      'INSERT INTO sop.audit (case_id, seq, entry_key, line, decision, ts) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.caseId, seq, entryKey, canonicalJson(record), record.decision, record.ts],
    );
    await client.query(
      `UPDATE sop.cases SET audit_count = $2, audit_head = $3, updated_at = clock_timestamp(),
         status = COALESCE($4, status), state = COALESCE($5, state),
         waiting_on = CASE WHEN $6::boolean THEN $7 ELSE waiting_on END, path = COALESCE($8::jsonb, path)
       WHERE case_id = $1`,
      [
        entry.caseId,
        seq + 1,
        record.hash,
        patch.status ?? null,
        patch.state ?? null,
        patch.waitingOn !== undefined,
        patch.waitingOn ?? null,
        patch.path ? JSON.stringify(patch.path) : null,
      ],
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
export async function exportCaseAudit(
  pool: pg.Pool,
  caseId: string,
): Promise<{ text: string; head: string; records: number } | null> {
  const head = await pool.query<{ audit_head: string; audit_count: number }>(
    'SELECT audit_head, audit_count FROM sop.cases WHERE case_id = $1',
    [caseId],
  );
  if (!head.rowCount) return null;
  const rows = await pool.query<{ line: string }>('SELECT line FROM sop.audit WHERE case_id = $1 ORDER BY seq', [
    caseId,
  ]);
  return {
    text: rows.rows.map((r) => `${r.line}\n`).join(''),
    head: head.rows[0]!.audit_head,
    records: head.rows[0]!.audit_count,
  };
}

export async function caseRecords(pool: pg.Pool, caseId: string): Promise<AuditRecord[]> {
  const rows = await pool.query<{ line: string }>('SELECT line FROM sop.audit WHERE case_id = $1 ORDER BY seq', [
    caseId,
  ]);
  return rows.rows.map((r) => JSON.parse(r.line) as AuditRecord);
}
