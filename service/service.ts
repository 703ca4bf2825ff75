/**
 * Start the service: tables, DBOS (system tables in the same PostgreSQL database), the case and
 * rollback workflows, the shared queue, and — unless this is a `--worker` — the HTTP API.
 *
 * Scale-out: every process on one database dequeues from the `sop-cases` DBOS queue
 * (`workerConcurrency` cases at once per process). Each process needs its own executor id:
 * DBOS recovers a crashed process's in-flight workflows when a process with the same id starts.
 *
 * Known limit: DBOS counts a workflow blocked in `recv` (a case waiting for a person) against the
 * queue's concurrency, so `concurrency` must exceed the cases expected to wait at once; tool calls
 * at once are bounded separately by the connection pool (a call holds one, see toolCall.ts).
 */
import { DBOS } from '@dbos-inc/dbos-sdk';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { contentHash } from '../shared/export/contentHash';
import type { AttrValue, GraphDoc } from '../shared/model/types';
import type { ToolHandler } from '../shared/runtime/runner';
import { registerCaseWorkflow } from './caseWorkflow';
import { createContext, type ServiceContext, type ServiceSettings } from './context';
import { seedControls } from './controls';
import { registerRollbackWorkflow, type RollbackScope } from './rollback';
import { migrate } from './schema';
import { buildServer } from './server';

export const CASE_QUEUE = 'sop-cases';

export interface ServiceOptions {
  graph: GraphDoc;
  databaseUrl: string;
  tools: Record<string, ToolHandler>;
  /** No HTTP API: only run cases from the queue. */
  worker?: boolean;
  host?: string;
  port?: number;
  executorId?: string;
  /** Cases one process runs at once. */
  concurrency?: number;
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
  const concurrency = o.concurrency ?? 200;
  // a tool call holds a connection for its transaction: the pool bounds calls at once per process
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: Math.min(concurrency, 40) + 10 });
  pool.on('error', (e) => DBOS.logger?.error?.(e));
  await migrate(pool);
  await seedControls(pool, o.graph);
  const ctx = createContext(pool, o.graph, o.tools, o.settings);
  const cases = registerCaseWorkflow(ctx, CASE_QUEUE);
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
  await DBOS.registerQueue(CASE_QUEUE, { workerConcurrency: concurrency, onConflict: 'always_update' });
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
      await app?.close();
      await DBOS.shutdown();
      await pool.end();
    },
  };
}
