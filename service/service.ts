/**
 * Start the service: tables, DBOS (system tables in the same PostgreSQL database), the case and
 * rollback workflows, the shared queue, and — unless this is a `--worker` — the HTTP API.
 *
 * Scale-out: every process on one database dequeues from the graph's DBOS queue
 * `sop-cases:<graph name>`: `workerConcurrency` cases at once per process, and with
 * `graphConcurrency` at most that many across all processes. A tool given a bound in
 * `toolConcurrency` runs each call as a child workflow on its own queue `sop-tool:<tool>`
 * (`globalConcurrency`: calls at once across all processes). Each process needs its own executor
 * id: DBOS recovers a crashed process's in-flight workflows when a process with the same id starts.
 *
 * A case waiting for a person holds no slot: it parks (caseWorkflow.ts) and its workflow ends; the
 * decision enqueues its continuation on the same queue. So the bounds count running cases only.
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { contentHash } from '../shared/export/contentHash';
import type { AttrValue, GraphDoc } from '../shared/model/types';
import type { ToolHandler } from '../shared/runtime/runner';
import { continuationId, registerCaseWorkflow } from './caseWorkflow';
import { createContext, type ServiceContext, type ServiceSettings } from './context';
import { seedControls } from './controls';
import { registerRollbackWorkflow, type RollbackScope } from './rollback';
import { recoverClaims } from './inbox';
import { migrate } from './schema';
import { buildServer } from './server';

/** The graph's case queue (per graph: its concurrency bound is the graph's). */
const caseQueueName = (graph: GraphDoc) => `sop-cases:${graph.name}`;
const toolQueueName = (tool: string) => `sop-tool:${tool}`;

export interface ServiceOptions {
  graph: GraphDoc;
  databaseUrl: string;
  tools: Record<string, ToolHandler>;
  /** No HTTP API: only run cases from the queue. */
  worker?: boolean;
  host?: string;
  port?: number;
  executorId?: string;
  /** Cases one process runs at once (waiting ones are parked and do not count). */
  concurrency?: number;
  /** Cases of this graph running at once across every process (DBOS globalConcurrency). */
  graphConcurrency?: number;
  /** Per tool: calls at once across every process (a DBOS queue per tool). */
  toolConcurrency?: Record<string, number>;
  /** A claimed decision with no continuation after this long is resumed by any process (default 30 s). */
  claimGraceMs?: number;
  /** How often each process polls the queues (DBOS default 1000 ms). */
  pollingMs?: number;
  settings?: Partial<ServiceSettings>;
  logLevel?: string;
}

export interface RunningService {
  ctx: ServiceContext;
  app: FastifyInstance | null;
  /** The HTTP address, when the API runs. */
  url: string | null;
  close(): Promise<void>;
}

export async function startService(o: ServiceOptions): Promise<RunningService> {
  const concurrency = o.concurrency ?? 100;
  const unknownTool = Object.keys(o.toolConcurrency ?? {}).find((t) => !Object.hasOwn(o.graph.tools ?? {}, t));
  if (unknownTool !== undefined)
    throw new Error(`tool concurrency for "${unknownTool}", a tool the graph does not declare`);
  // a tool call holds a connection for its transaction: the pool bounds calls at once per process
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: Math.min(concurrency, 40) + 10 });
  pool.on('error', (e) => DBOS.logger?.error?.(e));
  await migrate(pool);
  await seedControls(pool, o.graph);
  const ctx = createContext(pool, o.graph, o.tools, o.settings);
  const toolQueues = new Map(Object.entries(o.toolConcurrency ?? {}).map(([tool]) => [tool, toolQueueName(tool)]));
  const cases = registerCaseWorkflow(ctx, caseQueueName(o.graph), toolQueues);
  const rollbackWorkflow = registerRollbackWorkflow(ctx);
  DBOS.setConfig({
    name: 'sop-studio',
    systemDatabaseUrl: o.databaseUrl,
    systemDatabasePoolSize: Math.max(10, Math.ceil(concurrency / 2) + 4),
    logLevel: o.logLevel ?? 'warn',
    // a case belongs to one release: only a process running the same graph content resumes it
    applicationVersion: `sop-${(await contentHash(o.graph)).slice(0, 16)}`,
    ...(o.executorId ? { executorID: o.executorId } : {}),
  });
  await DBOS.launch();
  const pollingMs = o.pollingMs ?? 200;
  await DBOS.registerQueue(caseQueueName(o.graph), {
    workerConcurrency: concurrency,
    ...(o.graphConcurrency ? { globalConcurrency: o.graphConcurrency } : {}),
    minPollingIntervalMs: pollingMs,
    onConflict: 'always_update',
  });
  for (const [tool, n] of Object.entries(o.toolConcurrency ?? {}))
    await DBOS.registerQueue(toolQueueName(tool), {
      globalConcurrency: n,
      minPollingIntervalMs: pollingMs,
      onConflict: 'always_update',
    });
  // decisions claimed but never handed to their continuation (a crash in between): this process's
  // own claims now, anyone's past the grace period from then on
  const graceMs = o.claimGraceMs ?? 30_000;
  const recover = (own: string | null) =>
    recoverClaims(pool, cases.resume.bind(cases), continuationId, own, graceMs).then((r) => {
      if (r.resumed.length + r.released.length)
        DBOS.logger.warn(
          `recovered claimed decisions: resumed ${r.resumed.length}, released ${r.released.length} (claimed before decisions were stored)`,
        );
    });
  await recover(DBOS.executorID);
  const sweep = setInterval(
    () => void recover(null).catch((e: unknown) => DBOS.logger.error(e)),
    Math.max(1000, graceMs / 2),
  );
  sweep.unref();
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (!o.worker) {
    app = buildServer(ctx, {
      startCase: (caseId: string, attributes: Record<string, AttrValue>) => cases.start(caseId, attributes),
      resumeCase: (caseId, r) => cases.resume(caseId, r),
      async rollback(id: string, scope: RollbackScope, n: number, actor: string) {
        const handle = await DBOS.startWorkflow(rollbackWorkflow, { workflowID: id })(id, scope, n, actor);
        return handle.getResult();
      },
    });
    url = await app.listen({ host: o.host ?? '127.0.0.1', port: o.port ?? 8787 });
  }
  return {
    ctx,
    app,
    url,
    async close() {
      clearInterval(sweep);
      await app?.close();
      await DBOS.shutdown();
      await pool.end();
    },
  };
}
