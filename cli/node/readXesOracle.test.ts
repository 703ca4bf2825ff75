/**
 * The XES scanner reader against the saxes-based reader it replaced (the oracle, kept for
 * tests) on every XES log of the outside data set (fixtures/outside/logs, copies of
 * ../shared/data/logs): same cases, attribute order included, same summary. Generated XES with
 * every construct is compared in shared/import/xes/readXes.equality.test.ts.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../shared/model/types';
import { newSummary, type ImportOptions } from '../../shared/import';
import { readXes } from '../../shared/import/xes/readXes';
import { readXesSaxes } from '../../shared/import/xes/readXesSaxes';
import { openLog } from './openFile';

const dir = resolve(import.meta.dirname, '../../fixtures/outside/logs');
const logs = readdirSync(dir).filter((f) => /\.xes(\.gz)?$/.test(f));

function ordered(v: unknown): unknown {
  if (v instanceof Date) return { date: v.toISOString() };
  if (Array.isArray(v)) return v.map(ordered);
  if (v !== null && typeof v === 'object')
    return Object.keys(v).map((k) => [k, ordered((v as Record<string, unknown>)[k])]);
  return v;
}

async function read(reader: typeof readXes, path: string, options: ImportOptions) {
  const summary = newSummary();
  const cases: RecordedCase[] = [];
  for await (const c of reader((await openLog(path)).bytes, options, summary)) cases.push(c);
  return { cases, summary };
}

describe('XES scanner reader equals the saxes reader on the outside logs', () => {
  it('finds the logs', () => expect(logs.length).toBeGreaterThanOrEqual(10));
  it.each(logs)(
    '%s',
    async (name) => {
      for (const options of [
        { format: 'xes', keepUnnamedEvents: true },
        { format: 'xes', classifier: 'name+lifecycle', sortByTimestamp: true, keepUnnamedEvents: true },
      ] as ImportOptions[]) {
        const oracle = await read(readXesSaxes, join(dir, name), options);
        const fast = await read(readXes, join(dir, name), options);
        expect(oracle.cases.length).toBeGreaterThan(0);
        expect(fast.summary).toEqual(oracle.summary);
        expect(ordered(fast.cases)).toEqual(ordered(oracle.cases));
      }
    },
    240_000,
  );
});
