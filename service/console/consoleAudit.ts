/**
 * Every console action, audited with the token's identity: each request to an `operate` or
 * `decide` route — allowed or refused — is written to sop.console_actions (who, role, what,
 * which case, the outcome). The case's own hash chain already records what the decision did to
 * the case; this table adds the actions that are not on a case (kill switches, drain, rollout,
 * rollback requests) and the refused attempts, so the flight recorder can say who tried what.
 */
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Principal } from '../tokens';
import { roleText } from '../tokens';
import type { ConsoleAction } from '../../shared/runtime/consoleWire';

export type { ConsoleAction };

export const CONSOLE_DDL = `
CREATE TABLE IF NOT EXISTS sop.console_actions (
  n bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  case_id text,
  detail jsonb NOT NULL,
  status integer NOT NULL
);
CREATE INDEX IF NOT EXISTS console_actions_case ON sop.console_actions (case_id, n);
`;

/** The case an action concerns: a case route's id, or the case of an inbox item (`<caseId>#<n>`). */
function caseOfRequest(
  params: Record<string, string> | undefined,
  body: Record<string, unknown> | undefined,
): string | null {
  if (params?.caseId) return params.caseId;
  if (params?.itemId) return params.itemId.replace(/#[^#]*$/, '');
  return typeof body?.caseId === 'string' ? body.caseId : null;
}

/** The request body as stored: at most 4 KB of JSON (a larger body is cut and said to be). */
function detailOf(body: unknown): Record<string, unknown> {
  const text = JSON.stringify(body ?? {});
  if (text.length <= 4096) return { body: body ?? {} };
  return { truncated: true, bodyPrefix: text.slice(0, 4096) };
}

export async function recordConsoleAction(
  pool: pg.Pool,
  who: Principal | null,
  action: string,
  req: FastifyRequest,
  status: number,
): Promise<void> {
  const params = req.params as Record<string, string> | undefined;
  const body = req.body as Record<string, unknown> | undefined;
  await pool.query(
    'INSERT INTO sop.console_actions (actor, role, action, case_id, detail, status) VALUES ($1, $2, $3, $4, $5, $6)',
    [
      who?.name ?? '(no token)',
      who ? roleText(who.role) : '',
      action,
      caseOfRequest(params, body),
      JSON.stringify(detailOf(body)),
      status,
    ],
  );
}

/** Newest first; with `caseId`, that case's actions plus the actions on no case (switches, drain). */
export async function listConsoleActions(pool: pg.Pool, caseId: string | null, limit = 200): Promise<ConsoleAction[]> {
  const r = await pool.query<{
    n: string;
    at: Date;
    actor: string;
    role: string;
    action: string;
    case_id: string | null;
    detail: Record<string, unknown>;
    status: number;
  }>(
    'SELECT * FROM sop.console_actions WHERE ($1::text IS NULL OR case_id = $1 OR case_id IS NULL) ORDER BY n DESC LIMIT $2',
    [caseId, limit],
  );
  return r.rows.map((x) => ({
    n: Number(x.n),
    at: x.at.toISOString(),
    actor: x.actor,
    role: x.role,
    action: x.action,
    caseId: x.case_id,
    detail: x.detail,
    status: x.status,
  }));
}
