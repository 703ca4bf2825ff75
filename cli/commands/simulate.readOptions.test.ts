/**
 * `simulate --classifier / --time-zone / --date-order` read the log as `stats` does. Expected
 * figures are counted by hand from the tiny logs written below.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from './simulate';

const dir = mkdtempSync(join(tmpdir(), 'sop-simulate-read-'));
// A → B → done, every branch human
const graph = join(dir, 'ab.sop.json');
writeFileSync(
  graph,
  JSON.stringify({
    format: 'sop-studio/graph@1',
    name: 'ab',
    version: 1,
    rollout: 'observe',
    caseSchema: {},
    agents: {},
    tools: {},
    layout: {},
    machine: {
      id: 'ab',
      initial: 'A',
      states: {
        A: { meta: { activity: 'A' }, on: { B: { target: 'B', meta: { tier: 'human' } } } },
        B: { meta: { activity: 'B' }, on: { END: { target: 'done', meta: { tier: 'human' } } } },
        done: { type: 'final' },
      },
    },
  }),
);
const write = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
};

async function totals(...args: string[]) {
  const io = memoryIo();
  const code = await run([graph, ...args, '--json'], io);
  expect(code, io.stderr.join('\n')).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as {
    totals: { cases: number; conformant: number };
    totalsExtra: { elapsed: { medianCaseMs: number } };
  };
}

describe('simulate reads the log with the stats options', () => {
  it('--classifier: start/complete pairs fold by default; name+lifecycle keeps them apart (and the case deviates)', async () => {
    const log = write('pairs.csv', [
      'case_id,activity,lifecycle,timestamp',
      'c1,A,start,2024-01-01T09:00:00Z',
      'c1,A,complete,2024-01-01T09:10:00Z',
      'c1,B,start,2024-01-01T09:20:00Z',
      'c1,B,complete,2024-01-01T09:30:00Z',
    ]);
    expect((await totals(log)).totals).toMatchObject({ cases: 1, conformant: 1 });
    expect((await totals(log, '--classifier', 'name')).totals).toMatchObject({ cases: 1, conformant: 1 });
    expect((await totals(log, '--classifier', 'name+lifecycle')).totals).toMatchObject({ cases: 1, conformant: 0 });
  });

  it('--date-order decides 01/02 vs 02/01; --time-zone reads local times across a DST change', async () => {
    const dates = write('dates.csv', ['case_id,activity,timestamp', 'c1,A,01/02/2024 10:00', 'c1,B,03/02/2024 10:00']);
    // day first: 1 Feb → 3 Feb = 2 days; month first: 2 Jan → 2 Mar = 60 days (2024 is a leap year)
    expect((await totals(dates, '--date-order', 'dmy')).totalsExtra.elapsed.medianCaseMs).toBe(2 * 86_400_000);
    expect((await totals(dates, '--date-order', 'mdy')).totalsExtra.elapsed.medianCaseMs).toBe(60 * 86_400_000);
    // Amsterdam moves to summer time on 31 March 2024: noon to noon is 23 hours there, 24 in UTC
    const dst = write('dst.csv', [
      'case_id,activity,timestamp',
      'c1,A,2024-03-30 12:00:00',
      'c1,B,2024-03-31 12:00:00',
    ]);
    expect((await totals(dst)).totalsExtra.elapsed.medianCaseMs).toBe(24 * 3_600_000);
    expect((await totals(dst, '--time-zone', 'Europe/Amsterdam')).totalsExtra.elapsed.medianCaseMs).toBe(
      23 * 3_600_000,
    );
  });

  it('refuses a bad --date-order or a missing value (exit 2)', async () => {
    for (const bad of [['--date-order', 'ymd'], ['--classifier'], ['--time-zone']]) {
      const io = memoryIo();
      expect(await run([graph, join(dir, 'dates.csv'), ...bad], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/--(date-order|classifier|time-zone) needs/);
    }
  });
});
