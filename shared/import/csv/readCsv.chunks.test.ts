/**
 * readCsv fed chunks cut at chosen points: CR / CRLF across chunk boundaries, rows held back until
 * the date-order sample is complete (and handed on as soon as it is), cases yielded while the
 * input is still being read, quoted line breaks counted in every parse path, files longer than
 * one 16 MiB line, progress, and the column roles at column 0. Expected values are written out
 * from the input by hand.
 */
import { describe, expect, it } from 'vitest';
import type { RecordedCase } from '../../model/types';
import { traces } from '../testing';
import { newSummary, type ImportOptions, type ImportSummary } from '../types';
import { readCsv } from './readCsv';

const CSV = { format: 'csv' } as const;

interface Run {
  cases: RecordedCase[];
  summary: ImportSummary;
  error?: Error;
  /** How many chunks the reader had pulled when each case arrived. */
  pulledAt: number[];
}

/** Reads `texts` as chunks, one by one, noting how far the input had been read at each case. */
async function read(texts: Iterable<string>, options: ImportOptions = CSV): Promise<Run> {
  let pulled = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const t of texts) {
      pulled++;
      yield new TextEncoder().encode(t);
    }
  }
  const out: Run = { cases: [], summary: newSummary(), pulledAt: [] };
  try {
    for await (const c of readCsv(source(), options, out.summary)) {
      out.cases.push(c);
      out.pulledAt.push(pulled);
    }
  } catch (e) {
    out.error = e as Error;
  }
  return out;
}

const NOV_5 = Date.UTC(2011, 10, 5, 10);
const NOV_13 = Date.UTC(2011, 10, 13, 10);

/** `n` rows, one case each (c1, c2, …), all dated 11/05/2011 10:00 (day or month first). */
function ambiguousRows(n: number, from = 1): string {
  let s = '';
  for (let k = from; k < from + n; k++) s += `c${k},A,11/05/2011 10:00\n`;
  return s;
}

describe('CSV line breaks across chunk boundaries', () => {
  it('lone CR line endings, each chunk ending on its CR', async () => {
    const { cases, error } = await read(['case,activity\r', 'k,A\r', 'k,B\r']);
    expect(error).toBeUndefined();
    expect(traces(cases)).toEqual({ k: ['A', 'B'] });
  });

  it('a lone CR file ending in CR, in one piece: the last activity is "B", not "B\\n"', async () => {
    const { cases } = await read(['case,activity\rk,A\rk,B\r']);
    expect(cases[0]!.events.map((e) => e.activity)).toEqual(['A', 'B']);
  });

  it('a lone CR file whose first chunk has no line break', async () => {
    const { cases } = await read(['case,act', 'ivity', '\rk,A\rk,B\r']);
    expect(traces(cases)).toEqual({ k: ['A', 'B'] });
  });

  it('a CR at the end of one chunk and the LF at the start of the next are one line break', async () => {
    const { cases, error } = await read(['case,activity,note\r', '\nk,A,x\r', '\nk,,y\r', '\n']);
    expect(error!.message).toBe('line 3: missing activity'); // not line 5: no blank lines in between
    const ok = await read(['case,activity,note\r', '\nk,A,x\r', '\nk,B,y\r', '\n']);
    expect(ok.cases).toEqual([
      {
        caseId: 'k',
        attributes: { note: 'x' },
        events: [
          { activity: 'A', timestamp: undefined, resource: undefined, attributes: { note: 'x' } },
          { activity: 'B', timestamp: undefined, resource: undefined, attributes: { note: 'y' } },
        ],
      },
    ]);
    expect(cases).toEqual([]);
  });
});

describe('CSV a chunk cut just after a closing quote, before the delimiter is complete', () => {
  /** Every way of cutting `text` in two. */
  const cuts = (text: string) =>
    Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]);
  const mapped = (delimiter: string): ImportOptions => ({
    format: 'csv',
    mapping: { caseId: 'case', activity: 'activity', delimiter },
  });

  it('a two-character delimiter ";;" after a quoted field, cut between its two characters', async () => {
    const { cases, error } = await read(['case;;activity\n"k";', ';"A"\n'], mapped(';;'));
    expect(error).toBeUndefined(); // was: line 2: Trailing quote on quoted field is malformed
    expect(traces(cases)).toEqual({ k: ['A'] });
  });

  it.each([
    ['case;;activity\nk;;A', ';;'],
    ['"case";;"activity"\n"k";;"A"\n', ';;'],
    ['case||activity||note\n"k"||"A"||"x||y"\n', '||'],
  ])('%j with delimiter %j, cut anywhere: one case k with event A', async (text, delimiter) => {
    for (const parts of cuts(text)) {
      const { cases, error } = await read(parts, mapped(delimiter));
      expect(error, JSON.stringify(parts)).toBeUndefined();
      expect(traces(cases)).toEqual({ k: ['A'] });
    }
  });

  it('spaces between a closing quote and the delimiter (papaparse allows them), cut before the ","', async () => {
    const { cases, error } = await read(['case,activity\n"k"  ', ',"A"\n']);
    expect(error).toBeUndefined();
    expect(traces(cases)).toEqual({ k: ['A'] });
  });

  it('a quote really followed by text is still refused on its line, wherever the input is cut', async () => {
    for (const parts of cuts('case,activity\nk,A\n"k";B\n')) {
      const { error } = await read(parts);
      expect(error?.message).toBe('line 3: Trailing quote on quoted field is malformed');
    }
  });
});

describe('CSV rows held back for the date-order sample', () => {
  it('cases come out as soon as 2,000 rows after the header have arrived, before the next chunk is read', async () => {
    const first = 'case,activity,timestamp\n' + ambiguousRows(2000);
    const { cases, pulledAt } = await read([first, ambiguousRows(1, 2001)], { format: 'csv', maxOpenEvents: 4 });
    expect(cases.length).toBe(2001);
    expect(pulledAt[0]).toBe(1);
    expect(pulledAt[2000]).toBe(2);
  });

  it('with 1,999 rows in the first chunk nothing is handed on before the second', async () => {
    const first = 'case,activity,timestamp\n' + ambiguousRows(1999);
    const { pulledAt } = await read([first, ambiguousRows(10, 2000)], { format: 'csv', maxOpenEvents: 4 });
    expect(pulledAt[0]).toBe(2);
  });

  it('a header whose first name is empty (a pandas index column) is still the header', async () => {
    const first = ',case,activity\n' + Array.from({ length: 2000 }, (_, i) => `${i},c${i},A\n`).join('');
    const { cases, pulledAt } = await read([first, '2000,z,A\n'], { format: 'csv', maxOpenEvents: 4 });
    expect(cases.length).toBe(2001);
    expect(pulledAt[0]).toBe(1);
  });

  it('blank lines before the header are not the header: a deciding date in row 2,000 still counts', async () => {
    // the first chunk holds a blank line, the header and 1,999 ambiguous rows; the 2,000th row,
    // in the next chunk, is 11/13/2011, so all are month-first
    const { cases, error } = await read([
      '\ncase,activity,timestamp\n' + ambiguousRows(1999),
      'last,B,11/13/2011 10:00\n',
    ]);
    expect(error).toBeUndefined();
    const stamps = cases.flatMap((c) => c.events.map((e) => e.timestamp));
    expect(stamps.length).toBe(2000);
    expect(stamps.filter((t) => t === NOV_5).length).toBe(1999);
    expect(stamps[1999]).toBe(NOV_13);
  });

  it('the sample reads a start timestamp column when there is no timestamp column', async () => {
    const text = 'case,activity,start_timestamp\nk,A,11/05/2011 10:00\nk,B,11/13/2011 10:00\n';
    const { cases, error } = await read([text]);
    expect(error).toBeUndefined();
    expect(cases[0]!.events.map((e) => e.start)).toEqual([NOV_5, NOV_13]);
  });

  it('the timestamp, resource and start columns may be column 0', async () => {
    const ts = await read(['timestamp,case,activity\n11/05/2011 10:00,k,A\n11/13/2011 10:00,k,B\n']);
    expect(ts.cases[0]!.events.map((e) => e.timestamp)).toEqual([NOV_5, NOV_13]);
    const res = await read(['resource,case,activity\nann,k,A\n']);
    expect(res.cases[0]!.events[0]!.resource).toBe('ann');
    const start = await read(['start_timestamp,case,activity\n2024-01-01T10:00:00Z,k,A\n']);
    expect(Object.keys(start.cases[0]!.events[0]!)).toEqual([
      'activity',
      'timestamp',
      'start',
      'resource',
      'attributes',
    ]);
    expect(start.cases[0]!.events[0]!.start).toBe(Date.UTC(2024, 0, 1, 10));
  });

  it('an event without a start timestamp column has no start key', async () => {
    const { cases } = await read(['case,activity,timestamp\nk,A,2024-01-01T10:00:00Z\n']);
    expect(Object.keys(cases[0]!.events[0]!)).toEqual(['activity', 'timestamp', 'resource', 'attributes']);
  });
});

describe('CSV line numbers after quoted line breaks, in every parse path', () => {
  it('after the first 2,000 rows (no longer held), a quoted field starting the chunk', async () => {
    const head = 'note,case,activity\n' + Array.from({ length: 2000 }, () => 'n,c,A\n').join('');
    // lines: 1 header, 2–2001 rows, 2002–2003 the quoted field "x\ny", 2004 the row without an activity
    const { error } = await read([head, '"x\ny",k,B\nn,k,\n']);
    expect(error!.message).toBe('line 2004: missing activity');
  });

  it('rows that arrive while an open quote waits for the text to double are counted at the end', async () => {
    const head = 'note,case,activity\n' + Array.from({ length: 2000 }, () => 'n,c,A\n').join('');
    // '"aaa…\n' is parsed with its quote open (22 characters); 'b\n' and the last chunk together stay
    // under double that, so they are parsed only when the input ends, as one batch
    const { error } = await read([head, '"' + 'a'.repeat(20) + '\n', 'b\n', 'c",k,A\nn,k,\n']);
    // lines: 1 header, 2–2001 rows, 2002–2004 the quoted note, 2005 the row without an activity
    expect(error!.message).toBe('line 2005: missing activity');
  });
});

describe('CSV files longer than 16 MiB', () => {
  it.each(['\n', '\r'])('are read row by row (line break %j)', async (br) => {
    const filler = 'x'.repeat(1000);
    const chunks = ['case,activity,note' + br];
    const n = 17_500; // about 17.5 MB in all
    let piece = '';
    for (let i = 0; i < n; i++) {
      piece += `c${i},A,${filler}${br}`;
      if (piece.length > 60_000) {
        chunks.push(piece);
        piece = '';
      }
    }
    chunks.push(piece);
    const { cases, error, pulledAt } = await read(chunks);
    expect(error).toBeUndefined();
    expect(cases.length).toBe(n);
    expect(cases[n - 1]!.caseId).toBe(`c${n - 1}`);
    expect(pulledAt[0]).toBeLessThan(chunks.length); // the first cases came before the input ended
  });
});

describe('CSV a long row followed by many short ones', () => {
  it('a 9 MiB row, then 8.5 MB of ordinary rows: all read (the long row does not hold back the rest)', async () => {
    const chunks = ['case,activity,note\nk0,A,'];
    for (let i = 0; i < 144; i++) chunks.push('a'.repeat(64 * 1024)); // 9 MiB, no line break
    const filler = 'x'.repeat(1000);
    const n = 8500;
    let piece = '\n';
    for (let i = 1; i <= n; i++) {
      piece += `c${i},A,${filler}\n`;
      if (piece.length > 60_000) {
        chunks.push(piece);
        piece = '';
      }
    }
    chunks.push(piece);
    const { cases, error } = await read(chunks);
    expect(error).toBeUndefined();
    expect(cases.length).toBe(n + 1);
    expect((cases[0]!.events[0]!.attributes!.note as string).length).toBe(9 * 1024 * 1024);
    expect(cases[n]!.caseId).toBe(`c${n}`);
  });
});

describe('CSV progress, notes, classifier', () => {
  it('reports bytes read, events and cases after each chunk and at the end', async () => {
    const seen: unknown[] = [];
    const { cases } = await read(['case,activity\nk,A\n', 'k,B\nm,C\n'], {
      format: 'csv',
      onProgress: (p) => seen.push({ ...p }),
    });
    expect(traces(cases)).toEqual({ k: ['A', 'B'], m: ['C'] });
    // the rows are held for the date-order sample until the input ends
    expect(seen).toEqual([
      { bytes: 18, events: 0, cases: 0 },
      { bytes: 26, events: 0, cases: 0 },
      { bytes: 26, events: 3, cases: 2 },
    ]);
  });

  it('stops when aborted after the last chunk was read', async () => {
    const controller = new AbortController();
    async function* source(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('case,activity\nk,A\n');
      controller.abort();
    }
    const cases = [];
    let error: Error | undefined;
    try {
      for await (const c of readCsv(source(), { format: 'csv', signal: controller.signal }, newSummary()))
        cases.push(c);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/aborted/);
    expect(cases).toEqual([]);
  });

  it('says that times without an offset were read in UTC, and that starts were folded', async () => {
    const text =
      'case,activity,timestamp,lifecycle:transition\nk,A,2024-01-01 10:00:00,start\nk,A,2024-01-01 11:00:00,complete\n';
    const { summary, cases } = await read([text]);
    expect(cases[0]!.events.length).toBe(1);
    expect(summary.notes).toEqual([
      '2 timestamp(s) carry no UTC offset and were read in UTC (choose another time zone at import if they are local times)',
      '1 lifecycle start event(s) folded into the complete event that follows them (one event per activity instance)',
    ]);
  });

  it('names activities by the classifier, with mapped column names as aliases', async () => {
    const text = 'case,activity,lifecycle:transition\nk,A,start\nk,A,complete\n';
    const byName = await read([text], { format: 'csv', classifier: 'name+lifecycle' });
    expect(traces(byName.cases)).toEqual({ k: ['A+start', 'A+complete'] });
    const mapped = await read(['id,step,phase\nk,A,start\nk,A,complete\n'], {
      format: 'csv',
      mapping: { caseId: 'id', activity: 'step', lifecycle: 'phase' },
      classifier: 'step phase',
    });
    expect(traces(mapped.cases)).toEqual({ k: ['A+start', 'A+complete'] });
  });
});
