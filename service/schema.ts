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

const DDL = `
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
ALTER TABLE sop.approvals ADD COLUMN IF NOT EXISTS resume jsonb;
-- a claimed decision (status deciding) is stored with its claimant, so a crash before the
-- continuation started is recovered from the row (inbox.ts, recoverClaims)
ALTER TABLE sop.approvals ADD COLUMN IF NOT EXISTS decision jsonb;
ALTER TABLE sop.approvals ADD COLUMN IF NOT EXISTS claimed_by text;
ALTER TABLE sop.approvals ADD COLUMN IF NOT EXISTS claimed_at timestamptz;
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
CREATE TABLE IF NOT EXISTS sop.breakers (
  tool text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  opened_at timestamptz,
  trial_at timestamptz
);
-- Admit one call of a tool, for every worker on the database, in one round trip: the circuit
-- breaker (open: refuse; past its cool-down: one trial call at a time), then the per-minute rate
-- under a per-tool advisory lock. A volatile PL/pgSQL function takes a new snapshot per statement,
-- so the count after the lock sees every call the previous lock holder logged.
CREATE OR REPLACE FUNCTION sop.admit_call(p_tool text, p_per_minute integer, p_cooldown_ms integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  b sop.breakers%ROWTYPE;
  used bigint;
  cooldown interval;
BEGIN
  -- the operators' setting (PUT /controls/breaker) wins over the service's default
  cooldown := make_interval(secs => COALESCE((SELECT (value #>> '{}')::numeric FROM sop.settings WHERE key = 'breakerCooldownMs'), p_cooldown_ms) / 1000.0);
  INSERT INTO sop.breakers (tool) VALUES (p_tool) ON CONFLICT DO NOTHING;
  SELECT * INTO b FROM sop.breakers WHERE tool = p_tool FOR UPDATE;
  IF b.opened_at IS NOT NULL THEN
    IF clock_timestamp() - b.opened_at < cooldown THEN RETURN 'breaker-open'; END IF;
    -- half-open: one trial at a time (a trial that never reported is given up after a cool-down)
    IF b.trial_at IS NOT NULL AND clock_timestamp() - b.trial_at < GREATEST(cooldown, interval '1 minute') THEN RETURN 'breaker-open'; END IF;
    UPDATE sop.breakers SET trial_at = clock_timestamp() WHERE tool = p_tool;
  END IF;
  IF p_per_minute IS NOT NULL AND p_per_minute > 0 THEN
    PERFORM pg_advisory_xact_lock(hashtext('rate:' || p_tool));
    SELECT count(*) INTO used FROM sop.rate_log WHERE tool = p_tool AND at > clock_timestamp() - interval '1 minute';
    IF used >= p_per_minute THEN
      UPDATE sop.breakers SET trial_at = NULL WHERE tool = p_tool AND b.opened_at IS NOT NULL;
      RETURN 'rate-limit';
    END IF;
    INSERT INTO sop.rate_log (tool) VALUES (p_tool);
  END IF;
  RETURN 'ok';
END $$;
-- A failed call (an admitted one: the handler threw): it counts, and opens the breaker at the
-- threshold or when it was the half-open trial. A success closes it (toolCall.ts, with the action).
CREATE OR REPLACE FUNCTION sop.record_failure(p_tool text, p_threshold integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  b sop.breakers%ROWTYPE;
  threshold integer := COALESCE((SELECT (value #>> '{}')::integer FROM sop.settings WHERE key = 'breakerFailures'), p_threshold);
BEGIN
  INSERT INTO sop.breakers (tool) VALUES (p_tool) ON CONFLICT DO NOTHING;
  SELECT * INTO b FROM sop.breakers WHERE tool = p_tool FOR UPDATE;
  IF b.failures + 1 >= threshold OR b.opened_at IS NOT NULL THEN
    UPDATE sop.breakers SET failures = b.failures + 1, opened_at = clock_timestamp(), trial_at = NULL WHERE tool = p_tool;
    RETURN 'open';
  END IF;
  UPDATE sop.breakers SET failures = b.failures + 1 WHERE tool = p_tool;
  RETURN 'closed';
END $$;
-- The kill switches that could stop a call, taken shared and then read (a new snapshot after the
-- locks sees a pause committed before they were granted; see toolCall.ts and controls.ts).
CREATE OR REPLACE FUNCTION sop.switch_gate(p_agent text, p_tool text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  hit text;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('sop-switch:graph:graph')), pg_advisory_xact_lock_shared(hashtext('sop-switch:agent:' || p_agent)),
          pg_advisory_xact_lock_shared(hashtext('sop-switch:tool:' || p_tool));
  SELECT CASE WHEN scope = 'graph' THEN 'graph' ELSE scope || ':' || name END INTO hit FROM sop.controls
   WHERE paused AND ((scope = 'graph' AND name = 'graph') OR (scope = 'agent' AND name = p_agent) OR (scope = 'tool' AND name = p_tool)) ORDER BY scope, name LIMIT 1;
  RETURN hit;
END $$;
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
