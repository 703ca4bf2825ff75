/**
 * What the operations console needs from the service, installed on the Fastify app: CORS for the
 * app's own origins (the desktop app's app:// page, the browser build on 127.0.0.1/localhost),
 * the console-actions table and its audit hook, the live-events stream and the read-only routes.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { ServiceContext } from '../context';
import type { RollbackScope } from '../rollback';
import { ROUTES } from '../routes';
import { authenticate, roleText, type Principal } from '../tokens';
import { branchFigures } from '../figures';
import { auditForDataset } from './auditDataset';
import { CONSOLE_DDL, listConsoleActions, recordConsoleAction } from './consoleAudit';
import { LiveWatcher, sseFrame } from './liveEvents';
import { previewRollback } from './rollbackPreview';

type ConsoleHandler = (req: FastifyRequest, who: Principal | null, reply: FastifyReply) => Promise<unknown>;

/** Origins the console runs at: the desktop app, and the browser build served from this machine. */
function isConsoleOrigin(origin: string | undefined): boolean {
  if (!origin) return false;
  return origin === 'app://sop-studio' || /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?$/.test(origin);
}

const KEEPALIVE_MS = 15_000;

export function installConsole(app: FastifyInstance, ctx: ServiceContext): Record<string, ConsoleHandler> {
  const { pool } = ctx;
  const watcher = new LiveWatcher(pool);
  const streams = new Set<ServerResponse>();
  const accessOf = new Map(ROUTES.map((r) => [`${r.method} ${r.url}`, r]));

  void app.register(cors, {
    origin: (origin, cb) => cb(null, isConsoleOrigin(origin)),
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type'],
    exposedHeaders: ['x-audit-head'],
    maxAge: 600,
  });
  app.addHook('onReady', async () => {
    await pool.query(CONSOLE_DDL);
  });
  // Every operate/decide request, allowed or refused, with the identity of its token. Written in
  // onSend, before the answer leaves: a client that reads the actions right after its own request
  // must find it there (onResponse ran after the reply, and a fast reader missed the newest row).
  app.addHook('onSend', async (req, reply, payload) => {
    const route = accessOf.get(`${req.method} ${req.routeOptions.url ?? ''}`);
    if (!route || (route.access !== 'operate' && route.access !== 'decide')) return payload;
    const attached = (req as FastifyRequest & { who?: Principal }).who ?? null;
    const who = attached ?? (reply.statusCode === 403 ? await authenticate(pool, req.headers.authorization) : null);
    // the action itself has already happened: a failed audit write is logged, not turned into a failed answer
    await recordConsoleAction(pool, who, route.name, req, reply.statusCode).catch((err: unknown) =>
      req.log.error({ err, action: route.name }, 'console action not recorded'),
    );
    return payload;
  });
  // an open event stream would keep close() waiting for ever
  app.addHook('preClose', async () => {
    watcher.stop();
    for (const s of streams) s.end();
  });

  return {
    whoami: async (_req, who) => ({ name: who!.name, role: roleText(who!.role) }),
    async liveEvents(req, _who, reply) {
      reply.hijack();
      const cors = Object.fromEntries(
        Object.entries(reply.getHeaders()).filter(([k]) => k.startsWith('access-control-') || k === 'vary'),
      );
      reply.raw.writeHead(200, {
        ...cors,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
      });
      streams.add(reply.raw);
      const unsubscribe = await watcher.subscribe((m) => reply.raw.write(sseFrame(m)));
      const keepalive = setInterval(() => reply.raw.write(': keep-alive\n\n'), KEEPALIVE_MS);
      req.raw.once('close', () => {
        clearInterval(keepalive);
        unsubscribe();
        streams.delete(reply.raw);
      });
    },
    async consoleActions(req) {
      const caseId = (req.query as { caseId?: string }).caseId;
      return { actions: await listConsoleActions(pool, typeof caseId === 'string' && caseId ? caseId : null) };
    },
    async figuresWindow(req, _who, reply) {
      const text = (req.query as { minutes?: string }).minutes;
      const minutes = text === undefined ? null : Number(text);
      if (minutes !== null && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= 525_600))
        return reply.code(400).send({ error: 'minutes is a whole number from 1 to 525600' });
      const since = minutes === null ? null : new Date(Date.now() - minutes * 60_000);
      return { since: since?.toISOString() ?? null, branches: await branchFigures(pool, since) };
    },
    async auditForDataset(req, _who, reply) {
      const since = (req.query as { since?: string }).since;
      const at = since ? new Date(since) : null;
      if (at && Number.isNaN(at.getTime())) return reply.code(400).send({ error: 'since is an ISO 8601 time' });
      return auditForDataset(ctx, at);
    },
    async rollbackPreview(req, _who, reply) {
      const q = req.query as { agent?: string; caseId?: string; n?: string };
      const n = Number(q.n);
      if (!Number.isInteger(n) || n < 1 || n > 1000)
        return reply.code(400).send({ error: 'n is a whole number from 1 to 1000' });
      if (!q.agent === !q.caseId) return reply.code(400).send({ error: 'give exactly one of agent or caseId' });
      const scope: RollbackScope = q.agent ? { agent: q.agent } : { caseId: q.caseId! };
      return { calls: await previewRollback(pool, ctx.graph, ctx.tools, scope, n) };
    },
  };
}
