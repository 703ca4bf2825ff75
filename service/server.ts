/**
 * The Fastify app: mounts the route table (routes.ts) with its schemas, checks the bearer token's
 * role on every route before anything else runs, and maps domain errors to HTTP statuses.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AttrValue } from '../shared/model/types';
import { caseRecords, exportCaseAudit } from './auditStore';
import type { CaseWorkflows } from './caseWorkflow';
import { installConsole } from './console/plugin';
import type { ServiceContext } from './context';
import { readControls, setSetting, setSwitch, type ControlScope } from './controls';
import { branchFigures } from './figures';
import { decisionForEvent, getItem, InboxError, listPending, mayDecide, submitDecision, type Decision } from './inbox';
import { openApiDocument } from './openapi';
import type { RollbackScope } from './rollback';
import { ROUTES, type Access } from './routes';
import { authenticate, roleText, type Principal } from './tokens';

export interface Workflows {
  startCase(caseId: string, attributes: Record<string, AttrValue>): Promise<void>;
  resumeCase: CaseWorkflows['resume'];
  rollback(id: string, scope: RollbackScope, n: number, actor: string): Promise<unknown>;
}

type Handler = (req: FastifyRequest, who: Principal | null, reply: FastifyReply) => Promise<unknown>;

function allowed(access: Access, who: Principal | null): boolean {
  if (access === 'public') return true;
  if (!who) return false;
  if (access === 'read') return true;
  if (access === 'operate') return who.role.kind === 'operator';
  return who.role.kind === 'approver';
}

/** Control characters out of anything echoed back (ids come from callers). */
const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '?');

interface CaseRow {
  case_id: string;
  attributes: Record<string, AttrValue>;
  status: string;
  state: string;
  waiting_on: string | null;
  path: string[];
  audit_count: number;
  audit_head: string;
  created_at: Date;
  updated_at: Date;
}

const caseView = (r: CaseRow) => ({
  caseId: r.case_id,
  status: r.status,
  state: r.state,
  waitingOn: r.waiting_on,
  path: r.path,
  auditRecords: r.audit_count,
  auditHead: r.audit_head,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export function buildServer(ctx: ServiceContext, wf: Workflows, opts: { logger?: boolean } = {}): FastifyInstance {
  // no coercion (a number in a case's attributes stays a number) and unknown fields are errors, not dropped
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  const { pool } = ctx;
  const consoleHandlers = installConsole(app, ctx);
  const getCase = async (caseId: string) => {
    const r = await pool.query<CaseRow>('SELECT * FROM sop.cases WHERE case_id = $1', [caseId]);
    return r.rowCount ? r.rows[0]! : null;
  };
  /** Long poll (for consoles and tests): until the case has one of `statuses` and more than `after` audit records. */
  const waitForCase = async (
    caseId: string,
    first: CaseRow,
    statuses: string[],
    after: number,
    timeoutMs: number,
  ): Promise<CaseRow> => {
    const until = Date.now() + timeoutMs;
    let row = first;
    while (!(statuses.includes(row.status) && row.audit_count > after) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      row = (await getCase(caseId)) ?? row;
    }
    return row;
  };
  const decide = async (
    req: FastifyRequest,
    who: Principal | null,
    reply: FastifyReply,
    action: Decision['action'],
  ) => {
    const { itemId } = req.params as { itemId: string };
    const body = (req.body ?? {}) as {
      transitionId?: string;
      params?: Record<string, unknown>;
      reason?: string;
      choose?: string;
    };
    const role = who!.role.kind === 'approver' ? who!.role.role : '';
    const d: Decision = {
      itemId,
      action,
      role,
      by: who!.name,
      ...(body.transitionId ? { transitionId: body.transitionId } : {}),
      ...(body.choose ? { transitionId: body.choose } : {}),
      ...(body.params ? { params: body.params } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    };
    await submitDecision(pool, d, wf.resumeCase, DBOS.executorID);
    return reply.code(202).send({ accepted: true, itemId, action });
  };

  const handlers: Record<string, Handler> = {
    ...consoleHandlers,
    health: async () => ({ ok: true, graph: ctx.graph.name, version: ctx.graph.version }),
    openapi: async () => openApiDocument(),
    async startCase(req, _who, reply) {
      const { caseId, attributes } = req.body as { caseId: string; attributes?: Record<string, AttrValue> };
      const existing = await getCase(caseId);
      if (existing) {
        // idempotent in DBOS (same workflow id): repairs a start whose workflow was never enqueued, runs nothing twice
        await wf.startCase(caseId, existing.attributes);
        return reply.code(200).send({ created: false, case: caseView(existing) });
      }
      if ((await readControls(pool)).draining)
        return reply.code(503).send({ error: 'the service is draining: no new cases' });
      const inserted = await pool.query(
        'INSERT INTO sop.cases (case_id, graph, attributes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [caseId, `${ctx.graph.name}@${ctx.graph.version}`, JSON.stringify(attributes ?? {})],
      );
      // DBOS dedups by workflow id too: a race between two starts still runs the case once
      await wf.startCase(caseId, attributes ?? {});
      return reply
        .code(inserted.rowCount ? 201 : 200)
        .send({ created: inserted.rowCount === 1, case: caseView((await getCase(caseId))!) });
    },
    async startCases(req, _who, reply) {
      const { cases } = req.body as { cases: Array<{ caseId: string; attributes?: Record<string, AttrValue> }> };
      const seen = new Set<string>();
      const repeated = cases.find((c) => seen.size === seen.add(c.caseId).size);
      if (repeated)
        return reply.code(400).send({ error: `case id "${clean(repeated.caseId)}" appears twice in the batch` });
      const ids = cases.map((c) => c.caseId);
      const known = new Map(
        (
          await pool.query<{ case_id: string; attributes: Record<string, AttrValue> }>(
            'SELECT case_id, attributes FROM sop.cases WHERE case_id = ANY($1)',
            [ids],
          )
        ).rows.map((r) => [r.case_id, r.attributes]),
      );
      const fresh = cases.filter((c) => !known.has(c.caseId));
      if (fresh.length && (await readControls(pool)).draining)
        return reply.code(503).send({ error: 'the service is draining: no new cases' });
      const graph = `${ctx.graph.name}@${ctx.graph.version}`;
      // one statement for every new case; a concurrent start of the same id loses here and starts nothing twice
      const inserted = fresh.length
        ? await pool.query<{ case_id: string }>(
            `INSERT INTO sop.cases (case_id, graph, attributes) SELECT x.case_id, $2, COALESCE(x.attributes, '{}'::jsonb) FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, attributes jsonb) ON CONFLICT DO NOTHING RETURNING case_id`,
            [JSON.stringify(fresh.map((c) => ({ case_id: c.caseId, attributes: c.attributes ?? {} }))), graph],
          )
        : { rows: [] };
      const created = new Set(inserted.rows.map((r) => r.case_id));
      // each case is still its own workflow, keyed by its id (DBOS dedups: an existing one is returned, not re-run)
      for (let i = 0; i < cases.length; i += 50) {
        await Promise.all(
          cases.slice(i, i + 50).map((c) => wf.startCase(c.caseId, known.get(c.caseId) ?? c.attributes ?? {})),
        );
      }
      return reply.code(created.size ? 201 : 200).send({
        created: created.size,
        existing: cases.length - created.size,
        cases: cases.map((c) => ({ caseId: c.caseId, created: created.has(c.caseId) })),
      });
    },
    async listCases(req) {
      const status = (req.query as { status?: string }).status ?? null;
      const r = await pool.query<CaseRow>(
        'SELECT * FROM sop.cases WHERE ($1::text IS NULL OR status = $1) ORDER BY created_at DESC LIMIT 500',
        [status],
      );
      return { cases: r.rows.map(caseView) };
    },
    async getCase(req, _who, reply) {
      const { caseId } = req.params as { caseId: string };
      const q = req.query as { waitFor?: string; after?: string; timeoutMs?: string };
      let row = await getCase(caseId);
      if (row && q.waitFor)
        row = await waitForCase(
          caseId,
          row,
          q.waitFor.split(','),
          Number(q.after ?? -1),
          Math.min(30_000, Number(q.timeoutMs ?? 10_000) || 10_000),
        );
      if (!row) return reply.code(404).send({ error: 'no such case' });
      return { case: caseView(row), waitingOn: row.waiting_on ? await getItem(pool, row.waiting_on) : null };
    },
    async caseHistory(req, _who, reply) {
      const { caseId } = req.params as { caseId: string };
      if (!(await getCase(caseId))) return reply.code(404).send({ error: 'no such case' });
      return { records: await caseRecords(pool, caseId) };
    },
    async sendEvent(req, who, reply) {
      const { caseId } = req.params as { caseId: string };
      const { item, transitionId } = await decisionForEvent(pool, caseId, (req.body as { event: string }).event);
      const role = who!.role.kind === 'approver' ? who!.role.role : '';
      if (!mayDecide(item, role)) throw new InboxError(403, `role "${role}" may not decide ${item.id}`);
      await submitDecision(
        pool,
        { itemId: item.id, action: 'decide', role, by: who!.name, transitionId },
        wf.resumeCase,
        DBOS.executorID,
      );
      return reply.code(202).send({ accepted: true, itemId: item.id, transitionId });
    },
    async inbox(_req, who) {
      return { items: await listPending(pool, who!.role.kind === 'approver' ? who!.role.role : null) };
    },
    approve: (req, who, reply) => decide(req, who, reply, 'approve'),
    editAndApprove: (req, who, reply) => decide(req, who, reply, 'edit'),
    reject: (req, who, reply) => decide(req, who, reply, 'reject'),
    decide: (req, who, reply) => decide(req, who, reply, 'decide'),
    async controls() {
      const c = await readControls(pool);
      const rows = await pool.query<{
        scope: string;
        name: string;
        paused: boolean;
        updated_at: Date;
        updated_by: string | null;
      }>('SELECT * FROM sop.controls ORDER BY scope, name');
      const breakers = await pool.query<{ tool: string; failures: number; opened_at: Date | null }>(
        'SELECT tool, failures, opened_at FROM sop.breakers ORDER BY tool',
      );
      return {
        ...c,
        switches: rows.rows.map((r) => ({
          scope: r.scope,
          name: r.name,
          paused: r.paused,
          updatedAt: r.updated_at.toISOString(),
          updatedBy: r.updated_by,
        })),
        breakers: breakers.rows.map((b) => ({
          tool: b.tool,
          failures: b.failures,
          openedAt: b.opened_at?.toISOString() ?? null,
        })),
      };
    },
    async killSwitch(req, who, reply) {
      const { scope, name, paused } = req.body as { scope: ControlScope; name?: string; paused: boolean };
      const done = await setSwitch(pool, scope, name ?? '', paused, `${roleText(who!.role)}:${who!.name}`);
      if (!done) return reply.code(404).send({ error: `no ${scope} named "${clean(name ?? '')}" in the graph` });
      return { scope, name: scope === 'graph' ? 'graph' : name, paused, ...done };
    },
    async rollout(req) {
      const { rollout } = req.body as { rollout: string };
      await setSetting(pool, 'rollout', rollout);
      return { rollout };
    },
    async drain(req) {
      const { draining } = req.body as { draining: boolean };
      await setSetting(pool, 'draining', draining);
      return { draining };
    },
    async approvalTimeout(req) {
      const { seconds } = req.body as { seconds: number };
      await setSetting(pool, 'approvalTimeoutSeconds', seconds);
      return { seconds };
    },
    async breaker(req) {
      const { failures, cooldownSeconds } = req.body as { failures?: number; cooldownSeconds?: number };
      if (failures !== undefined) await setSetting(pool, 'breakerFailures', failures);
      if (cooldownSeconds !== undefined)
        await setSetting(pool, 'breakerCooldownMs', Math.round(cooldownSeconds * 1000));
      return {
        ...(failures !== undefined ? { failures } : {}),
        ...(cooldownSeconds !== undefined ? { cooldownSeconds } : {}),
      };
    },
    async rollback(req, who, reply) {
      const { agent, caseId, n, requestId } = req.body as {
        agent?: string;
        caseId?: string;
        n: number;
        requestId?: string;
      };
      if ((agent === undefined) === (caseId === undefined))
        return reply.code(400).send({ error: 'give exactly one of agent or caseId' });
      const scope: RollbackScope = agent !== undefined ? { agent } : { caseId: caseId! };
      const results = await wf.rollback(`rollback:${requestId ?? randomUUID()}`, scope, n, `operator:${who!.name}`);
      return { results };
    },
    figures: async () => ({ branches: await branchFigures(pool) }),
    async auditExport(req, _who, reply) {
      const out = await exportCaseAudit(pool, (req.params as { caseId: string }).caseId);
      if (!out) return reply.code(404).send({ error: 'no such case' });
      return reply
        .header('content-type', 'application/x-ndjson; charset=utf-8')
        .header('x-audit-head', out.head)
        .send(out.text);
    },
  };

  app.setErrorHandler((error: Error & { validation?: unknown; statusCode?: number }, _req, reply) => {
    if (error instanceof InboxError) return reply.code(error.status).send({ error: clean(error.message) });
    if (error.validation) return reply.code(400).send({ error: clean(error.message) });
    if (error.statusCode && error.statusCode < 500)
      return reply.code(error.statusCode).send({ error: clean(error.message) });
    DBOS.logger.error(error);
    return reply.code(500).send({ error: 'internal error' });
  });

  for (const r of ROUTES) {
    const handler = handlers[r.name]!;
    app.route({
      method: r.method,
      url: r.url,
      schema: { ...(r.body ? { body: r.body } : {}), ...(r.params ? { params: r.params } : {}) },
      // the token is checked before the body is validated or anything is read or changed
      preValidation: async (req, reply) => {
        if (r.access === 'public') return;
        const who = await authenticate(pool, req.headers.authorization);
        if (!who)
          return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'a bearer token is required' });
        if (!allowed(r.access, who))
          return reply.code(403).send({ error: `role ${roleText(who.role)} may not ${r.name}` });
        (req as FastifyRequest & { who?: Principal }).who = who;
      },
      handler: (req, reply) => handler(req, (req as FastifyRequest & { who?: Principal }).who ?? null, reply),
    });
  }
  return app;
}
