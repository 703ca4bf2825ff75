/**
 * readCsv's quote-free path (rowCells.ts LineRow: fields found by position, not by papaparse) on
 * generated logs long enough to reach it: it is taken only after the header and the date sample
 * (PRIME_SAMPLE rows), so each log starts with that many padding rows. Oracle: the generated values
 * (events, typed cells, case attributes) and, for the bad rows mixed in, the line and reason each
 * is skipped with, computed from where the generator put it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../model/types';
import { readAll, typedCells } from '../testing';
import { PRIME_SAMPLE } from '../time/timestampReader';
import { typeCell } from '../values';

const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString();

/** Cells without quote, line break or any delimiter used here (`,` `;` tab). */
const cell = fc.oneof(
  fc.constantFrom('', 'x', '7', '007', '-0', '1e3', '.5', 'true', 'FALSE', ' 12', 'é漢🙂', 'a b'),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.stringMatching(/^[a-z0-9. ]{0,5}$/),
);
const event = fc.record({ activity: fc.constantFrom('Open', 'Pay', 'Réviser 漢'), a: cell, b: cell, resource: cell });
const bad = fc.constantFrom('narrow', 'wide', 'no id', 'no activity', 'bad time', 'blank');
const log = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t'),
  cases: fc.array(
    fc.record({ events: fc.array(event, { minLength: 1, maxLength: 4 }), tier: cell, before: fc.option(bad) }),
    { minLength: 1, maxLength: 12 },
  ),
  chunk: fc.constantFrom(5, 97, 4096, 65536),
});

describe('CSV reader, quote-free rows past the date sample (oracle: the generated values)', () => {
  it('reads every event and skips every bad row with its line and reason', async () => {
    await fc.assert(
      fc.asyncProperty(log, async ({ delimiter, cases, chunk }) => {
        const d = delimiter;
        const lines = [['case_id', 'activity', 'timestamp', 'resource', 'a', 'b', 'case:tier'].join(d)];
        const want: RecordedCase[] = [];
        const skipped: Array<{ line: number; reason: string }> = [];
        const pad = { caseId: 'pad', attributes: {}, events: [] as RecordedCase['events'] };
        for (let i = 0; i <= PRIME_SAMPLE; i++) {
          lines.push(['pad', 'Open', iso(T0 + i), '', '', '', ''].join(d));
          pad.events.push({ activity: 'Open', timestamp: T0 + i, resource: undefined, attributes: undefined });
        }
        want.push(pad);
        let t = T0 + 10_000_000;
        cases.forEach(({ events, tier, before }, i) => {
          const id = `c${i}`;
          if (before !== null) {
            const line = lines.length + 1;
            const row = {
              narrow: [id, 'Open'],
              wide: [id, 'Open', iso(t), '', '', '', '', 'extra'],
              'no id': ['', 'Open', iso(t), '', '', '', ''],
              'no activity': [id, '', iso(t), '', '', '', ''],
              'bad time': [id, 'Open', 'soon', '', '', '', ''],
              blank: [''],
            }[before];
            lines.push(row.join(d));
            const reason = {
              narrow: '2 fields where the header has 7',
              wide: '8 fields where the header has 7',
              'no id': 'missing case id',
              'no activity': 'missing activity',
              'bad time': 'timestamp "soon" is not a date/time',
              blank: '',
            }[before];
            if (reason !== '') skipped.push({ line, reason });
          }
          for (const e of events) lines.push([id, e.activity, iso(++t), e.resource, e.a, e.b, tier].join(d));
          const first =
            typedCells([
              ['a', events[0]!.a],
              ['b', events[0]!.b],
            ]) ?? {};
          want.push({
            caseId: id,
            attributes: tier === '' ? first : { ...first, tier: typeCell(tier) },
            events: events.map((e, k) => ({
              activity: e.activity,
              timestamp: t - events.length + 1 + k,
              resource: e.resource || undefined,
              attributes: typedCells([
                ['a', e.a],
                ['b', e.b],
              ]),
            })),
          });
        });
        const { cases: read, summary } = await readAll(
          lines.join('\n') + '\n',
          {
            format: 'csv',
            skipInvalid: true,
            mapping: {
              caseId: 'case_id',
              activity: 'activity',
              timestamp: 'timestamp',
              resource: 'resource',
              delimiter,
            },
          },
          chunk,
        );
        expect(read).toEqual(want);
        // every bad row is counted; the summary lists the first 10 (types.ts, MAX_SKIPPED_LISTED)
        expect(summary.skipped).toBe(skipped.length);
        expect(summary.skippedRows).toEqual(skipped.slice(0, 10));
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
