/**
 * `sop-studio serve <graph.sop.json> --db postgres://… [--host 127.0.0.1] [--port 8787] [--worker]`:
 * run a released graph as a durable service (DBOS on PostgreSQL). See service/service.ts.
 */
import pg from 'pg';
import type { Environment, ToolHandler } from '../../shared/runtime/runner';
import { migrate } from '../../service/schema';
import { startService } from '../../service/service';
import { issueToken, parseRole, type Role } from '../../service/tokens';
import type { CliIo } from '../io';
import { startGraphCommand } from '../graphCommand';
import { UNKNOWN_OPTION, walkArgs } from '../options';
import { loadTools } from './run';

export const HELP = `usage: sop-studio serve <graph.sop.json> --db <postgres://…> [options]

Runs the graph as a service: each case a durable DBOS workflow in PostgreSQL, tool calls as steps
never repeated once completed, suggestions as durable waits in an approval inbox, kill switches,
rollout and limits read from the database at every step, the audit trail hash-chained per case.

  --db <url>             PostgreSQL connection URL (DBOS system tables and the service's tables)
  --tools <module>       ES module exporting tool handlers (as for \`run --execute\`)
  --host <addr>          bind address (default 127.0.0.1)
  --port <n>             HTTP port (default 8787; 0: any free port)
  --worker               run cases from the shared queue only, no HTTP API
  --executor-id <id>     this process's DBOS executor id (default "local"); a restarted process
                         with the same id resumes the cases it had in flight
  --concurrency <n>      cases this process runs at once (default 100; cases waiting for a
                         person are parked and hold no slot)
  --graph-concurrency <n>
                         cases of this graph running at once across all processes
  --tool-concurrency <tool>=<n>
                         calls of that tool at once across all processes (repeatable)
  --breaker-failures <n> consecutive failed calls of a tool that open its circuit breaker
                         (default 5; operators change it with PUT /controls/breaker)
  --breaker-cooldown <s> seconds an open breaker refuses calls before one trial (default 60)
  --approval-timeout <s> seconds a suggestion waits before it escalates to a human (default 86400)
  --claim-grace <s>      seconds after which any process resumes a decision claimed by a process
                         that died before starting its continuation (default 30)
  --environment <env>    staging | production (default staging)
  --issue-token <role>:<name>
                         print a new bearer token for role operator | viewer | approver:<role>
                         (stored hashed) and exit

exit codes: 0 stopped cleanly, 2 unreadable graph or tools module, bad options, no database`;

interface Options {
  graph: string;
  db: string;
  tools?: string;
  host: string;
  port: number;
  worker: boolean;
  executorId?: string;
  concurrency: number;
  graphConcurrency?: number;
  toolConcurrency: Record<string, number>;
  breakerFailures?: number;
  breakerCooldown?: number;
  approvalTimeout?: number;
  claimGrace?: number;
  environment: Environment;
  issue?: { role: Role; name: string };
}

const positiveInt = (v: string, what: string, max: number): number | string =>
  /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= max ? Number(v) : `${what} needs a whole number from 1 to ${max}`;

function parseArgs(args: string[]): Options | string {
  const o: Partial<Options> = {
    host: '127.0.0.1',
    port: 8787,
    worker: false,
    concurrency: 100,
    environment: 'staging',
    toolConcurrency: Object.create(null) as Record<string, number>,
  };
  const files = walkArgs(args, (a, value) => {
    let n: number | string;
    if (a === '--db') o.db = value();
    else if (a === '--tools') o.tools = value();
    else if (a === '--host') o.host = value();
    else if (a === '--worker') o.worker = true;
    else if (a === '--executor-id') o.executorId = value();
    else if (a === '--port') {
      const v = value();
      // 0: any free port (the address is printed)
      if (v !== '0' && typeof (n = positiveInt(v, '--port', 65535)) === 'string') return n;
      o.port = Number(v);
    } else if (a === '--concurrency') {
      if (typeof (n = positiveInt(value(), '--concurrency', 1000)) === 'string') return n;
      o.concurrency = n;
    } else if (a === '--graph-concurrency') {
      if (typeof (n = positiveInt(value(), '--graph-concurrency', 100_000)) === 'string') return n;
      o.graphConcurrency = n;
    } else if (a === '--tool-concurrency') {
      const m = /^([^=]+)=(\d+)$/.exec(value());
      if (!m || typeof (n = positiveInt(m[2]!, '--tool-concurrency', 100_000)) === 'string')
        return '--tool-concurrency needs <tool>=<n>, n from 1 to 100000';
      o.toolConcurrency![m[1]!] = n;
    } else if (a === '--breaker-failures') {
      if (typeof (n = positiveInt(value(), '--breaker-failures', 1000)) === 'string') return n;
      o.breakerFailures = n;
    } else if (a === '--breaker-cooldown') {
      if (typeof (n = positiveInt(value(), '--breaker-cooldown', 86400)) === 'string') return n;
      o.breakerCooldown = n;
    } else if (a === '--approval-timeout') {
      if (typeof (n = positiveInt(value(), '--approval-timeout', 365 * 86400)) === 'string') return n;
      o.approvalTimeout = n;
    } else if (a === '--claim-grace') {
      if (typeof (n = positiveInt(value(), '--claim-grace', 86400)) === 'string') return n;
      o.claimGrace = n;
    } else if (a === '--environment') {
      const v = value();
      if (v !== 'staging' && v !== 'production') return '--environment needs staging or production';
      o.environment = v;
    } else if (a === '--issue-token') {
      const v = value();
      const at = v.lastIndexOf(':');
      const role = at > 0 ? parseRole(v.slice(0, at)) : null;
      if (!role) return '--issue-token needs <role>:<name>, role operator, viewer or approver:<role>';
      o.issue = { role, name: v.slice(at + 1) };
    } else return UNKNOWN_OPTION;
  });
  if (typeof files === 'string') return files;
  if (files.length !== 1) return 'give exactly one graph file';
  if (!o.db) return '--db <postgres://…> is required';
  if (!/^postgres(ql)?:\/\//.test(o.db)) return '--db needs a postgres:// URL';
  return { ...o, graph: files[0]! } as Options;
}

/** Only the host part of a URL (never the password) in messages. */
const where = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

export async function run(args: string[], io: CliIo): Promise<number> {
  const start = await startGraphCommand('serve', args, io, HELP, parseArgs);
  if (typeof start === 'number') return start;
  const { opts, doc } = start;
  if (opts.issue) {
    const pool = new pg.Pool({ connectionString: opts.db, max: 1 });
    try {
      await migrate(pool);
      io.out(await issueToken(pool, opts.issue.role, opts.issue.name));
      return 0;
    } catch (e) {
      io.err(`serve: cannot issue a token on ${where(opts.db)}: ${(e as Error).message}`);
      return 2;
    } finally {
      await pool.end();
    }
  }
  let tools: Record<string, ToolHandler> = {};
  if (opts.tools) {
    try {
      tools = await loadTools(opts.tools);
    } catch (e) {
      io.err(`serve: cannot load tools from ${opts.tools}: ${(e as Error).message}`);
      return 2;
    }
  }
  let service;
  try {
    service = await startService({
      graph: doc,
      databaseUrl: opts.db,
      tools,
      worker: opts.worker,
      host: opts.host,
      port: opts.port,
      executorId: opts.executorId,
      concurrency: opts.concurrency,
      ...(opts.graphConcurrency ? { graphConcurrency: opts.graphConcurrency } : {}),
      toolConcurrency: opts.toolConcurrency,
      ...(opts.claimGrace ? { claimGraceMs: opts.claimGrace * 1000 } : {}),
      settings: {
        environment: opts.environment,
        ...(opts.approvalTimeout ? { approvalTimeoutSeconds: opts.approvalTimeout } : {}),
        ...(opts.breakerFailures ? { breakerFailures: opts.breakerFailures } : {}),
        ...(opts.breakerCooldown ? { breakerCooldownMs: opts.breakerCooldown * 1000 } : {}),
      },
    });
  } catch (e) {
    io.err(`serve: cannot start on ${where(opts.db)}: ${(e as Error).message}`);
    return 2;
  }
  const name = doc.name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  io.out(
    service.url
      ? `serve: ${name} v${doc.version} listening on ${service.url}`
      : `serve: ${name} v${doc.version} worker running`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.close();
  // a tools module may keep handles open (its own database pool): the service has stopped, so exit
  setTimeout(() => process.exit(0), 200).unref();
  return 0;
}
