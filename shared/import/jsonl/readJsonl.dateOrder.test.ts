/**
 * JSONL decides the day/month order of dates such as 11/05/2011 as CSV does: from the first
 * 2,000 lines, before any is read, whatever the chunks (readCsv.dateOrder.test.ts is the CSV
 * side). Without that, 11/05/2011 then 11/13/2011 was read day-first and then refused. Expected
 * times are written out with Date.UTC from the dates in the input.
 */
import { describe, expect, it } from 'vitest';
import { readAll, readError } from '../testing';
import type { ImportOptions } from '../types';

const JSONL = { format: 'jsonl' } as const;
const CSV = { format: 'csv' } as const;
const CHUNKS = [1, 7, 1 << 20];

const NOV_5 = Date.UTC(2011, 10, 5, 10);
const NOV_13 = Date.UTC(2011, 10, 13, 10);

const event = (caseId: string, activity: string, timestamp: string) =>
  JSON.stringify({ caseId, activity, timestamp }) + '\n';

/** `n` lines of one event each (cases c1, c2, …) dated 11/05/2011, then one dated 11/13/2011. */
function lines(n: number): string {
  let s = '';
  for (let k = 1; k <= n; k++) s += event(`c${k}`, 'A', '11/05/2011 10:00');
  return s + event('last', 'B', '11/13/2011 10:00');
}

async function times(text: string, options: ImportOptions, chunk: number): Promise<number[]> {
  const { cases } = await readAll(text, options, chunk);
  return cases.flatMap((c) => c.events.map((e) => e.timestamp!));
}

describe('JSONL date order: decided from the first 2,000 lines, whatever the chunks', () => {
  it.each(CHUNKS)('11/05/2011 then 11/13/2011 is month-first from the start (chunks of %i bytes)', async (chunk) => {
    const text = event('c1', 'A', '11/05/2011 10:00') + event('c1', 'B', '11/13/2011 10:00');
    const { cases, summary } = await readAll(text, JSONL, chunk);
    expect(cases.flatMap((c) => c.events.map((e) => e.timestamp))).toEqual([NOV_5, NOV_13]);
    expect(summary.notes).toContain('dates read month-first (decided by "11/13/2011 10:00")');
  });

  it.each(CHUNKS)('within one whole-case line too (chunks of %i bytes)', async (chunk) => {
    const text =
      JSON.stringify({
        caseId: 'k',
        events: [
          { activity: 'A', timestamp: '11/05/2011 10:00' },
          { activity: 'B', timestamp: '11/13/2011 10:00' },
        ],
      }) + '\n';
    expect(await times(text, JSONL, chunk)).toEqual([NOV_5, NOV_13]);
  });

  it.each(CHUNKS)('start times decide when no line has a timestamp (chunks of %i bytes)', async (chunk) => {
    const text =
      '{"caseId":"k","activity":"A","start":"11/05/2011 10:00"}\n{"caseId":"k","activity":"B","start":"11/13/2011 10:00"}\n';
    const { cases } = await readAll(text, JSONL, chunk);
    expect(cases[0]!.events.map((e) => e.start)).toEqual([NOV_5, NOV_13]);
  });

  it.each(CHUNKS)('a deciding date on line 2,000 counts (chunks of %i bytes)', async (chunk) => {
    const all = await times(lines(1999), JSONL, chunk); // the 11/13 line is line 2,000
    expect(all.length).toBe(2000);
    expect(all.filter((t) => t === NOV_5).length).toBe(1999);
    expect(all.filter((t) => t === NOV_13).length).toBe(1);
  });

  it('one on line 2,001 is past the sample: the same refusal at the same line for every chunking', async () => {
    const expected =
      'line 2001: timestamp "11/13/2011 10:00" can only be month-first, but 2000 earlier date(s) such as "11/05/2011 10:00" were read day-first; choose the date order at import (--date-order mdy)';
    for (const chunk of CHUNKS) expect((await readError(lines(2000), JSONL, chunk)).message).toBe(expected);
  });

  it('held lines are still reported in order: a bad line 2 before a line 3 that is not JSON', async () => {
    const text = event('k', 'A', '11/05/2011 10:00') + '{"caseId":"k"}\n{oops\n';
    expect((await readError(text, JSONL, 7)).message).toBe('line 2: missing activity');
  });
});

describe('CSV and JSONL of the same events read the same times', () => {
  // both are compared with the values written out, not with each other
  const csv = 'case,activity,timestamp\nc1,A,11/05/2011 10:00\nc1,B,11/13/2011 10:00\nc2,A,03/04/2011 10:00\n';
  const jsonl =
    event('c1', 'A', '11/05/2011 10:00') + event('c1', 'B', '11/13/2011 10:00') + event('c2', 'A', '03/04/2011 10:00');
  const expected = [NOV_5, NOV_13, Date.UTC(2011, 2, 4, 10)]; // 03/04 month-first: 4 March

  it.each(CHUNKS)('month-first for both (chunks of %i bytes)', async (chunk) => {
    expect(await times(csv, CSV, chunk)).toEqual(expected);
    expect(await times(jsonl, JSONL, chunk)).toEqual(expected);
  });
});
