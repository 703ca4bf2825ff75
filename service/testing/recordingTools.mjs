// A tools module for the service tests: every call of every tool is recorded in the test database
// (table test_calls, created here), with the idempotency key, so tests count calls independently
// of the service's own tables. SOP_TEST_DB: the database URL; SOP_TEST_TOOL_DELAY_MS: time each
// call takes (so a worker can be killed mid-flight), overridden at run time by the row
// ('delayMs', n) of table test_settings.
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.SOP_TEST_DB, max: 20 });
const ready = pool.query(`CREATE TABLE IF NOT EXISTS test_calls (
  id bigserial PRIMARY KEY, tool text NOT NULL, case_id text NOT NULL, idempotency_key text NOT NULL,
  actor text NOT NULL, pid integer NOT NULL, params jsonb NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
  CREATE TABLE IF NOT EXISTS test_settings (key text PRIMARY KEY, value text NOT NULL)`);
const defaultDelay = Number(process.env.SOP_TEST_TOOL_DELAY_MS ?? 0);

const record = (tool) => async (params, ctx) => {
  await ready;
  await pool.query('INSERT INTO test_calls (tool, case_id, idempotency_key, actor, pid, params) VALUES ($1, $2, $3, $4, $5, $6)', [tool, ctx.caseId, ctx.idempotencyKey, ctx.actor, process.pid, JSON.stringify(params)]);
  const row = await pool.query(`SELECT value FROM test_settings WHERE key = 'delayMs'`);
  const delay = row.rowCount ? Number(row.rows[0].value) : defaultDelay;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  return { tool, ref: `${tool}-${ctx.idempotencyKey}` };
};

export const tools = {
  issueRefund: record('issueRefund'),
  reverseRefund: record('reverseRefund'),
};
