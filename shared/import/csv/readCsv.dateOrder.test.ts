/**
 * The day/month order of dates such as 11/05/2011 is decided from the first 2,000 rows after the
 * header, before any is read. The decision must not depend on where the input's chunks were cut:
 * a file whose first chunk held only the header was read day-first and then refused.
 */
import { describe, expect, it } from 'vitest';
import { readCases } from '../index';
import { readAll, readError } from '../testing';
import { newSummary } from '../types';

const CSV = { format: 'csv' } as const;
const HEADER = 'case,activity,timestamp\n';

async function* parts(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const t of texts) yield new TextEncoder().encode(t);
}

async function timestamps(...texts: string[]): Promise<number[]> {
  const out: number[] = [];
  for await (const c of readCases(parts(...texts), CSV, newSummary())) for (const e of c.events) out.push(e.timestamp!);
  return out;
}

/** `n` rows of case k (one event each) dated 11/05/2011, then one dated 11/13/2011. */
function rows(n: number): string {
  let s = '';
  for (let k = 1; k <= n; k++) s += `c${k},A,11/05/2011 10:00\n`;
  return s + 'last,B,11/13/2011 10:00\n';
}

const NOV_5 = Date.UTC(2011, 10, 5, 10);
const NOV_13 = Date.UTC(2011, 10, 13, 10);

describe('CSV date order: decided from the first 2,000 rows, whatever the chunks', () => {
  it('the header alone in the first chunk: still read month-first, as the whole file is', async () => {
    const body = 'c1,A,11/05/2011 10:00\nc1,B,11/13/2011 10:00\n';
    expect(await timestamps(HEADER + body)).toEqual([NOV_5, NOV_13]);
    expect(await timestamps(HEADER, body)).toEqual([NOV_5, NOV_13]);
    expect(await timestamps(HEADER, 'c1,A,11/05/2011 10:00\n', 'c1,B,11/13/2011 10:00\n')).toEqual([NOV_5, NOV_13]);
  });

  it('a deciding date in row 2,000 counts, in 64-byte chunks as in one piece', async () => {
    const file = HEADER + rows(1999); // the 11/13 row is the 2,000th after the header
    for (const chunk of [64, 1 << 20]) {
      const { cases } = await readAll(file, CSV, chunk);
      const all = cases.flatMap((c) => c.events.map((e) => e.timestamp));
      expect(all.length).toBe(2000);
      expect(all.filter((t) => t === NOV_5).length).toBe(1999);
      expect(all.filter((t) => t === NOV_13).length).toBe(1);
    }
  });

  it('one in row 2,001 is past the sample: the same refusal at the same line for every chunking', async () => {
    const file = HEADER + rows(2000); // the 11/13 row is the 2,001st after the header: line 2,002
    const expected =
      'line 2002: timestamp "11/13/2011 10:00" can only be month-first, but 2000 earlier date(s) such as "11/05/2011 10:00" were read day-first; choose the date order at import (--date-order mdy)';
    for (const chunk of [64, 4096, 1 << 20]) expect((await readError(file, CSV, chunk)).message).toBe(expected);
  });
});
