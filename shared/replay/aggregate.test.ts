/** simulate(): inputs (sync / async), progress, abort, periods. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { graph, kase, payMachine } from './testGraphs';
import { monthIndex, monthLabel } from './walk';

const doc = graph(payMachine);
const cases: RecordedCase[] = Array.from({ length: 25 }, (_, i) =>
  kase(`c${i}`, { amount: i * 9, risk: (i % 5) / 5 }, i % 2 ? ['Receive', 'Pay'] : ['Receive', 'Check', 'Deny'], [
    Date.UTC(2024, i % 3, 5),
    Date.UTC(2024, i % 3, 5, 1),
    Date.UTC(2024, i % 3, 5, 2),
  ]),
);

describe('simulate', () => {
  it('gives the same result for an async stream as for an array', async () => {
    async function* stream() {
      for (const c of cases) yield c;
    }
    expect(await simulate(doc, stream())).toEqual(await simulate(doc, cases));
  });

  it('reports progress and stops on abort', async () => {
    const seen: number[] = [];
    await simulate(doc, cases, { progressEvery: 10, onProgress: (p) => seen.push(p.cases) });
    expect(seen).toEqual([10, 20, 25]);
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(simulate(doc, cases, { signal: ctrl.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const late = new AbortController();
    const run = simulate(doc, cases, {
      signal: late.signal,
      progressEvery: 5,
      onProgress: (p) => p.cases === 5 && late.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('files per-state counts under the month the case started', async () => {
    const r = await simulate(doc, cases);
    const periods = r.perState.start!.byPeriod;
    expect(Object.keys(periods)).toEqual(['2024-01', '2024-02', '2024-03']);
    const sum = Object.values(periods).reduce((n, p) => n + p.visits, 0);
    expect(sum).toBe(r.perState.start!.visits);
  });

  it('monthIndex agrees with Date for any timestamp', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000_000_000_000, max: 30_000_000_000_000 }), (ms) => {
        const d = new Date(ms);
        expect(monthLabel(monthIndex(ms))).toBe(
          `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
        );
      }),
    );
  });
});
