/**
 * readCaseBatches hands on the cases readCases gives, in the same order, cut into batches that are
 * never empty; and the summary is complete once the batches end. The texts are small logs of each
 * format, read in chunks of several sizes (a batch is what one chunk completed).
 */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../model/types';
import { readCaseBatches, readCases } from './index';
import { chunked } from './testing';
import { newSummary, type ImportOptions } from './types';

const csv =
  'case,activity,timestamp,tier\n' +
  Array.from({ length: 30 }, (_, i) => `k${i >> 1},A${i % 3},2024-01-0${1 + (i % 9)}T10:00:00Z,${i % 4}`).join('\n') +
  '\nbad-row\n';
const jsonl = Array.from({ length: 30 }, (_, i) =>
  JSON.stringify({ caseId: `k${i >> 2}`, activity: `A${i % 3}`, n: i }),
).join('\n');
const xes = `<log>${Array.from(
  { length: 12 },
  (_, t) =>
    `<trace><string key="concept:name" value="t${t}"/>${Array.from(
      { length: 1 + (t % 3) },
      (_, e) => `<event><string key="concept:name" value="E${e}"/><int key="n" value="${t * e}"/></event>`,
    ).join('')}</trace>`,
).join('\n')}</log>`;

const logs: Array<[string, string, ImportOptions]> = [
  ['csv', csv, { format: 'csv', skipInvalid: true }],
  ['jsonl', jsonl, { format: 'jsonl' }],
  ['xes', xes, { format: 'xes' }],
];

describe('readCaseBatches', () => {
  it.each(logs)(
    'gives readCases’ cases in order, in non-empty batches, with the same summary (%s)',
    async (_f, text, options) => {
      for (const chunk of [1, 13, 64, 1 << 20]) {
        const oneByOne: RecordedCase[] = [];
        const plainSummary = newSummary();
        for await (const c of readCases(chunked(text, chunk), options, plainSummary)) oneByOne.push(c);
        const batches: RecordedCase[][] = [];
        const summary = newSummary();
        for await (const b of readCaseBatches(chunked(text, chunk), options, summary)) batches.push(b);
        expect(batches.every((b) => b.length > 0)).toBe(true);
        expect(batches.flat()).toEqual(oneByOne);
        expect(summary).toEqual(plainSummary);
        expect(oneByOne.length).toBeGreaterThan(5);
        // XES hands on each trace as its chunk closes it (CSV and JSONL hold the first 2,000 rows to
        // prime the date order, and open cases until 4,096 events wait: one batch for logs this small)
        if (options.format === 'xes' && chunk === 13) expect(batches.length).toBeGreaterThan(1);
      }
    },
  );

  it('fails on an unknown format when read, as readCases does', async () => {
    const batches = readCaseBatches(chunked('x'), { format: 'tsv' as ImportOptions['format'] });
    await expect(batches.next()).rejects.toThrow('unknown log format "tsv"');
  });
});
