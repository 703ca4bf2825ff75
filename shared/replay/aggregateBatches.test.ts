/** simulate() on cases delivered in batches (readCaseBatches), mixed with single cases. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { simulate } from './aggregate';
import { graph, kase, payMachine } from './testGraphs';

const doc = graph(payMachine);
const cases: RecordedCase[] = Array.from({ length: 40 }, (_, i) =>
  kase(`c${i}`, { amount: i * 7, risk: (i % 4) / 4 }, i % 3 ? ['Receive', 'Pay'] : ['Receive', 'Check', 'Deny'], [
    Date.UTC(2024, i % 5, 5),
    Date.UTC(2024, i % 5, 5, 1 + (i % 2)),
    Date.UTC(2024, i % 5, 5, 3),
  ]),
);

/** `cases` cut at the given sizes (0 = an empty batch), a size of -1 handing one case on its own. */
async function* delivered(sizes: number[]): AsyncGenerator<RecordedCase | RecordedCase[]> {
  let at = 0;
  for (const size of sizes) {
    if (at >= cases.length) break;
    if (size < 0) yield cases[at++]!;
    else {
      yield cases.slice(at, at + size);
      at += size;
    }
  }
  if (at < cases.length) yield cases.slice(at);
}

describe('simulate on batches', () => {
  it('gives the result of the same cases one by one, however they are cut', async () => {
    const plain = await simulate(doc, cases);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1, max: 9 }), { maxLength: 20 }), async (sizes) => {
        expect(await simulate(doc, delivered(sizes))).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('counts progress by cases and stops on abort inside a batch', async () => {
    const seen: number[] = [];
    await simulate(doc, delivered([25, 15]), { progressEvery: 10, onProgress: (p) => seen.push(p.cases) });
    expect(seen).toEqual([10, 20, 30, 40, 40]);
    const late = new AbortController();
    let last = 0;
    const run = simulate(doc, delivered([40]), {
      signal: late.signal,
      progressEvery: 5,
      onProgress: (p) => {
        last = p.cases;
        if (p.cases === 5) late.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(last).toBe(5);
  });
});
