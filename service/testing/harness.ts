/**
 * Test harness for the service: the service as a real child process (`sop-studio serve`, so a
 * test can restart it or kill -9 it), a graph file, tokens, and a small HTTP client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { GraphDoc } from '../../shared/model/types';
import { startTestPostgres, type TestPostgres } from './pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'bin', 'sop-studio.mjs');
export const RECORDING_TOOLS = path.join(ROOT, 'service', 'testing', 'recordingTools.mjs');

export function writeGraph(graph: GraphDoc): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sop-svc-')), 'graph.sop.json');
  writeFileSync(file, JSON.stringify(graph));
  return file;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, or null for a worker. */
  url: string | null;
  output(): string;
  /** SIGTERM and wait for the exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** SIGKILL (kill -9) and wait for the exit. */
  kill9(): Promise<void>;
}

/** Start `sop-studio serve` and resolve once it says it listens (or runs as a worker). */
export function spawnService(args: string[], env: Record<string, string> = {}): Promise<ServiceProcess> {
  // SOP_SERVE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): node flags for profiling a run
  const nodeArgs = process.env.SOP_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m || /worker running/.test(out)) {
        resolve({
          child,
          url: m ? m[1]! : null,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            // a clean stop that hangs is ended hard: the tests never depend on a graceful exit
            const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(hard);
          },
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before it was ready:\n${out}`)));
  });
}

/** Run `sop-studio serve … --issue-token role:name` and return the token. */
export function issueToken(graphFile: string, db: string, roleAndName: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', graphFile, '--db', db, '--issue-token', roleAndName], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`issue-token exited ${code}: ${err}`)),
    );
  });
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export function client(baseUrl: string, token?: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
  ): Promise<ApiResponse<T>> => {
    const res = await fetch(baseUrl + url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed as T, text };
  };
  return {
    get: <T = Record<string, unknown>>(url: string) => call<T>('GET', url),
    post: <T = Record<string, unknown>>(url: string, body: unknown = {}) => call<T>('POST', url, body),
    put: <T = Record<string, unknown>>(url: string, body: unknown) => call<T>('PUT', url, body),
  };
}

export interface ServiceFixtureOptions {
  /** The database's name in the test cluster (one per test file). */
  name: string;
  graph: GraphDoc;
  /** `role:name` specs to issue tokens for, e.g. 'operator:olive', 'approver:payments-ops:anna'. */
  tokens: string[];
  /** Extra `serve` arguments (executor id, concurrency, claim grace…), after the graph, db, port and tools. */
  serve?: string[];
  env?: Record<string, string>;
  /** Create the recording tools' `test_settings` table before the service starts. */
  testSettings?: boolean;
}

export interface ServiceFixture {
  cluster: TestPostgres;
  db: string;
  pool: pg.Pool;
  graphFile: string;
  /** Tokens by spec without the name: 'operator', 'viewer', 'approver:payments-ops'. */
  tokens: Record<string, string>;
  /** The token for one of those roles; a clear error for a role the fixture was not given. */
  token(role: string): string;
  /** The last service started (by the fixture or by `start`). */
  readonly service: ServiceProcess;
  /** Start the service again (after kill9 or stop), with extra `serve` arguments if given. */
  start(extra?: string[]): Promise<ServiceProcess>;
  /** Stop every process the fixture started, end the pool, stop the cluster. */
  close(): Promise<void>;
}

/**
 * The set-up every service test repeats: a throwaway PostgreSQL, one database, a pool on it,
 * the graph file, tokens, and `serve` with the recording tools. Call it in beforeAll and
 * `close()` in afterAll.
 */
export async function startServiceFixture(opts: ServiceFixtureOptions): Promise<ServiceFixture> {
  const cluster = await startTestPostgres();
  const procs: ServiceProcess[] = [];
  let pool: pg.Pool | undefined;
  try {
    const db = cluster.database(opts.name);
    pool = new pg.Pool({ connectionString: db, max: 4 });
    if (opts.testSettings)
      await pool.query('CREATE TABLE IF NOT EXISTS test_settings (key text PRIMARY KEY, value text NOT NULL)');
    const graphFile = writeGraph(opts.graph);
    const tokens: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const spec of opts.tokens)
      tokens[spec.split(':').slice(0, -1).join(':')] = await issueToken(graphFile, db, spec);
    let current: ServiceProcess | null = null;
    const start = async (extra: string[] = []): Promise<ServiceProcess> => {
      const p = await spawnService(
        [graphFile, '--db', db, '--port', '0', '--tools', RECORDING_TOOLS, ...(opts.serve ?? []), ...extra],
        { SOP_TEST_DB: db, ...opts.env },
      );
      procs.push(p);
      current = p;
      return p;
    };
    await start();
    const openPool = pool;
    return {
      cluster,
      db,
      pool: openPool,
      graphFile,
      tokens,
      token: (role) => {
        const t = tokens[role];
        if (t === undefined)
          throw new Error(`no token for "${role}": the fixture issued ${Object.keys(tokens).join(', ')}`);
        return t;
      },
      get service() {
        return current!;
      },
      start,
      close: async () => {
        for (const p of procs) await p.stop();
        await openPool.end();
        cluster.stop();
      },
    };
  } catch (e) {
    // a failed set-up leaves no process or cluster behind (afterAll has no fixture to close)
    for (const p of procs) await p.stop();
    await pool?.end();
    cluster.stop();
    throw e;
  }
}
