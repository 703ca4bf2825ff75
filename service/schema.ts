/**
 * The service's own tables (schema `sop`), beside DBOS's system tables (schema `dbos`) in the same
 * database. DBOS owns workflow state (steps, messages, queues); these tables hold what the API
 * reads and what operators change: cases, the approval inbox, controls (kill switches, rollout,
 * drain), the actions an agent took (for rollback), the shared rate-limit log, tokens and the audit.
 *
 * The audit trail is one hash chain PER CASE (sop.audit keyed by case id and seq). Why per case:
 * a case is the business object an auditor follows; each case's chain is appended by its own
 * workflow, so hundreds of cases on several workers never queue behind one global head row (a
 * per-graph chain would serialise every step of every case through one lock); and one case's
 * export is a complete log that `sop-studio audit verify` checks on its own. The chain head and
 * count live on the case row, locked for each append, so a second writer (a rollback) is safe.
 */
import type pg from 'pg';

export const DDL = `
CREATE SCHEMA IF NOT EXISTS sop;
CREATE TABLE IF NOT EXISTS sop.cases (
  case_id text PRIMARY KEY,
  graph text NOT NULL,
  attributes jsonb NOT NULL,
  status text NOT NULL DEFAULT 'running',
  state text NOT NULL DEFAULT '',
  waiting_on text,
  path jsonb NOT NULL DEFAULT '[]',
  audit_count integer NOT NULL DEFAULT 0,
  audit_head text NOT NULL DEFAULT '${'0'.repeat(64)}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS sop.audit (
  case_id text NOT NULL,
  seq integer NOT NULL,
  entry_key text NOT NULL UNIQUE,
  line text NOT NULL,
  decision text NOT NULL,
  ts timestamptz NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TABLE IF NOT EXISTS sop.approvals (
  id text PRIMARY KEY,
  case_id text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL,
  item jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  decided_by text,
  deadline timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS approvals_pending ON sop.approvals (status, created_at);
CREATE TABLE IF NOT EXISTS sop.controls (
  scope text NOT NULL,
  name text NOT NULL,
  paused boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_by text,
  PRIMARY KEY (scope, name)
);
CREATE TABLE IF NOT EXISTS sop.settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS sop.actions (
  idempotency_key text PRIMARY KEY,
  case_id text NOT NULL,
  state text NOT NULL,
  agent text,
  actor text NOT NULL,
  tool text NOT NULL,
  params jsonb NOT NULL,
  result jsonb,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  undone_at timestamptz,
  n bigserial
);
CREATE TABLE IF NOT EXISTS sop.rate_log (
  tool text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS rate_log_tool_at ON sop.rate_log (tool, at);
CREATE TABLE IF NOT EXISTS sop.tokens (
  sha256 text PRIMARY KEY,
  role text NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

/** Create the tables (idempotent; an advisory lock keeps two workers starting at once apart). */
export async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(727001)');
    await client.query(DDL);
  } finally {
    await client.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    client.release();
  }
}
