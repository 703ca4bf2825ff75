/**
 * Kill -9 trials: a real `sop-studio run --execute` child process dies by SIGKILL inside its 1st,
 * 40th and 100th tool call; a rerun over the same audit log must resume. The oracle is
 * independent of the runner: the tools module appends every call it receives to a file, so a
 * repeated call shows up as a repeated idempotency key there, whatever the audit log says.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run as audit } from './audit';

const CASES = 120;
let dir: string;
let graph: string;
let cases: string;
let tools: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sop-crash-'));
  graph = path.join(dir, 'pay.sop.json');
  await writeFile(
    graph,
    JSON.stringify({
      format: 'sop-studio/graph@1',
      name: 'Pay',
      version: 1,
      rollout: 'autonomy',
      caseSchema: { amount: { type: 'number' } },
      agents: { payer: { owner: 'ops', reads: ['amount'], tools: ['pay'] } },
      tools: { pay: { system: 'bank', risk: 'low', reversible: false } },
      machine: {
        id: 'pay',
        initial: 'check',
        states: {
          check: { meta: { activity: 'Check', agent: 'payer' }, always: [{ target: 'pay', meta: { tier: 'auto' } }] },
          pay: { meta: { activity: 'Pay', tool: 'pay' }, always: { target: 'done' } },
          done: { type: 'final' },
        },
      },
    }),
  );
  cases = path.join(dir, 'cases.jsonl');
  const lines = Array.from({ length: CASES }, (_, i) =>
    JSON.stringify({
      caseId: `c${i + 1}`,
      attributes: { amount: i },
      events: [{ activity: 'Check' }, { activity: 'Pay' }],
    }),
  );
  await writeFile(cases, lines.join('\n') + '\n');
  tools = path.join(dir, 'tools.mjs');
  await writeFile(
    tools,
    `import { appendFileSync } from 'node:fs';
let n = 0;
export const tools = {
  pay: async (params, ctx) => {
    appendFileSync(process.env.CALLS_FILE, ctx.idempotencyKey + '\\n');
    if (++n === Number(process.env.KILL_AT)) process.kill(process.pid, 'SIGKILL');
    return { paid: params.caseId };
  },
};
`,
  );
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function runCli(log: string, calls: string, killAt: number | null, extra: string[] = []) {
  return spawnSync(
    process.execPath,
    ['bin/sop-studio.mjs', 'run', graph, '--cases', cases, '--tools', tools, '--execute', '--audit', log, ...extra],
    {
      encoding: 'utf8',
      env: { ...process.env, CALLS_FILE: calls, KILL_AT: killAt === null ? '' : String(killAt) },
    },
  );
}

const callKeys = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);

describe('run --execute after kill -9', () => {
  it.each([1, 40, 100])(
    'killed in call %i: the rerun makes 0 repeated calls, reports the dangling intent, and the audit verifies',
    async (killAt) => {
      const log = path.join(dir, `audit-${killAt}.jsonl`);
      const calls = path.join(dir, `calls-${killAt}.txt`);
      const first = runCli(log, calls, killAt);
      expect(first.signal).toBe('SIGKILL');
      expect(await callKeys(calls)).toHaveLength(killAt);

      const second = runCli(log, calls, null);
      expect(second.stderr).toBe('');
      expect(second.status).toBe(0);
      const keys = await callKeys(calls);
      expect(keys.length - new Set(keys).size).toBe(0); // no call was made twice
      expect(new Set(keys).size).toBe(CASES); // and every case's call was made once
      expect(second.stdout).toContain(`outcome unknown (handed to a human, not retried): c${killAt}:check:1 pay`);
      expect(second.stdout).toMatch(new RegExp(`resumed: ${killAt - 1} cases already finished were skipped`));
      const v = memoryIo();
      expect(await audit(['verify', log], v)).toBe(0);

      // a third run finds every case finished: nothing is called at all
      const third = runCli(log, calls, null);
      expect(third.status).toBe(0);
      expect(await callKeys(calls)).toHaveLength(CASES);
      expect(third.stdout).toContain(`resumed: ${CASES} cases already finished were skipped`); // the dangling one too, settled by the recorded human choice
    },
  );

  it('a torn final line (a crash mid-write) is refused, and recovered only with --repair-torn-tail, audited', async () => {
    const log = path.join(dir, 'audit-torn.jsonl');
    const calls = path.join(dir, 'calls-torn.txt');
    expect(runCli(log, calls, 5).signal).toBe('SIGKILL');
    const text = await readFile(log, 'utf8');
    const lastLine = text.trimEnd().split('\n').at(-1)!;
    await appendFile(log, lastLine.slice(0, 37)); // half a record, no newline: what a torn write leaves

    const refused = runCli(log, calls, null);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/line \d+ is torn \(37 bytes after the last newline.*--repair-torn-tail/);
    expect(await readFile(log, 'utf8')).toBe(text + lastLine.slice(0, 37)); // nothing was changed
    expect(await callKeys(calls)).toHaveLength(5);

    const repaired = runCli(log, calls, null, ['--repair-torn-tail']);
    expect(repaired.status).toBe(0);
    expect(repaired.stderr).toMatch(/cut a torn final line \(37 bytes\)/);
    const keys = await callKeys(calls);
    expect(keys.length).toBe(new Set(keys).size);
    const after = (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { decision: string; result: { droppedBytes?: number } });
    expect(after.filter((r) => r.decision === 'repair').map((r) => r.result.droppedBytes)).toEqual([37]);
    expect(await audit(['verify', log], memoryIo())).toBe(0);
  });
});
