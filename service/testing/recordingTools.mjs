// A tools module for the service tests: every call of every tool is recorded in the test database
// (table test_calls, created here), with the idempotency key, so tests count calls independently
// of the service's own tables. SOP_TEST_DB: the database URL; SOP_TEST_TOOL_DELAY_MS: time each
// call takes (so a worker can be killed mid-flight), overridden at run time by the row
// ('delayMs', n) of table test_settings; the row ('fail', 'true') makes every call throw after it is
// recorded. done_at: when the call returned (so a test can count calls at once).
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.SOP_TEST_DB, max: 20 });
const ready = pool.query(`CREATE TABLE IF NOT EXISTS test_calls (
  id bigserial PRIMARY KEY, tool text NOT NULL, case_id text NOT NULL, idempotency_key text NOT NULL,
  actor text NOT NULL, pid integer NOT NULL, params jsonb NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp(), done_at timestamptz);
  CREATE TABLE IF NOT EXISTS test_settings (key text PRIMARY KEY, value text NOT NULL)`);
const defaultDelay = Number(process.env.SOP_TEST_TOOL_DELAY_MS ?? 0);

const record = (tool) => async (params, ctx) => {
  await ready;
  const call = await pool.query(
    'INSERT INTO test_calls (tool, case_id, idempotency_key, actor, pid, params) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [tool, ctx.caseId, ctx.idempotencyKey, ctx.actor, process.pid, JSON.stringify(params)],
  );
  const rows = await pool.query(`SELECT key, value FROM test_settings WHERE key IN ('delayMs', 'fail')`);
  const setting = (k) => rows.rows.find((r) => r.key === k)?.value;
  const delay = setting('delayMs') !== undefined ? Number(setting('delayMs')) : defaultDelay;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  await pool.query('UPDATE test_calls SET done_at = clock_timestamp() WHERE id = $1', [call.rows[0].id]);
  if (setting('fail') === 'true') throw new Error(`${tool} is down (test)`);
  return { tool, ref: `${tool}-${ctx.idempotencyKey}` };
};

export const tools = {
  issueRefund: record('issueRefund'),
  reverseRefund: record('reverseRefund'),
};
