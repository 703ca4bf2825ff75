/**
 * readCsv's refusals: papaparse's quote errors (with the line the bad row starts on, counting the
 * line breaks inside earlier quoted fields), blank lines, over-long lines at exactly the limit
 * and one past it, and the cut-off of a long timestamp in a message. Expected texts are written
 * out by hand from the input.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS } from '../text';
import { readAll, readError, traces } from '../testing';
import { ImportError, newSummary, type ImportOptions } from '../types';
import { readCsv } from './readCsv';

const CSV = { format: 'csv' } as const;
const SKIP = { format: 'csv', skipInvalid: true } as const;

async function* parts(texts: Iterable<string>): AsyncGenerator<Uint8Array> {
  for (const t of texts) yield new TextEncoder().encode(t);
}

/** Reads the chunks given, one by one; the error it ends with, or the cases. */
async function readParts(texts: Iterable<string>, options: ImportOptions = CSV) {
  const summary = newSummary();
  const cases = [];
  try {
    for await (const c of readCsv(parts(texts), options, summary)) cases.push(c);
  } catch (e) {
    return { error: e as ImportError, cases, summary };
  }
  return { error: undefined, cases, summary };
}

/** `n` characters of `c`, in chunks of at most 64 KiB (one decode slice each). */
function* run(c: string, n: number): Generator<string> {
  const piece = c.repeat(64 * 1024);
  for (; n > piece.length; n -= piece.length) yield piece;
  if (n > 0) yield c.repeat(n);
}

const TOO_LONG = 'longer than 16 MiB without a line break; this does not look like an event log';

describe('CSV quote errors name the line of the bad row', () => {
  const invalid = 'case,activity,note\nk,A,x\nk,B,"bad"x\nk,C,y\n'; // the third line: "bad" then x

  it.each([1 << 20, 1, 5])('a closed quote followed by more text: line 3 (chunks of %i bytes)', async (size) => {
    for (const options of [CSV, SKIP]) {
      const e = (await readError(invalid, options, size)) as ImportError;
      expect(e).toBeInstanceOf(ImportError);
      expect(e.message).toBe('line 3: Trailing quote on quoted field is malformed');
      expect(e.line).toBe(3);
      expect(e.skippable).toBeUndefined(); // not a row that skipInvalid could drop
    }
  });

  it.each([1 << 20, 1, 3])('a quote that never closes: line 3 (chunks of %i bytes)', async (size) => {
    const text = 'case,activity,note\nk,A,x\nk,B,"never\nclosed\n';
    for (const options of [CSV, SKIP]) {
      const e = (await readError(text, options, size)) as ImportError;
      expect(e.message).toBe('line 3: a quoted field never closes');
      expect(e.line).toBe(3);
    }
  });

  it('counts the line breaks inside an earlier quoted field of the same chunk (the bad row is on line 5)', async () => {
    // line 1 header, lines 2–4 the row k,A with "a\nb\nc", line 5 the malformed row
    const text = 'case,activity,note\nk,A,"a\nb\nc"\nk,B,"bad"x\nk,C,y\n';
    for (const size of [1 << 20, 1, 4]) {
      const e = (await readError(text, CSV, size)) as ImportError;
      expect(e.message).toBe('line 5: Trailing quote on quoted field is malformed');
      expect(e.line).toBe(5);
    }
    // the same input cut after the multi-line row
    const { error } = await readParts(['case,activity,note\n', 'k,A,"a\nb\nc"\n', 'k,B,"bad"x\nk,C,y\n']);
    expect(error!.line).toBe(5);
  });

  it('a quoted field that starts with a line break counts it too', async () => {
    // line 2–3: k,A,"\nx"; line 4: the row without an activity
    const e = (await readError('case,activity,note\nk,A,"\nx"\nk,,y\n', CSV, 1 << 20)) as ImportError;
    expect(e.message).toBe('line 4: missing activity');
  });
});

describe('CSV blank lines', () => {
  it('are skipped but counted, before the header and between rows', async () => {
    const text = '\n\ncase,activity\nk,A\n\nk,B\nk,\n\n';
    // lines: 1–2 blank, 3 header, 4 k,A, 5 blank, 6 k,B, 7 the row without an activity
    expect((await readError(text, CSV, 1 << 20)).message).toBe('line 7: missing activity');
    expect((await readError(text, CSV, 2)).message).toBe('line 7: missing activity');
    const { cases, summary } = await readAll(text, SKIP, 3);
    expect(traces(cases)).toEqual({ k: ['A', 'B'] });
    expect(summary.skippedRows).toEqual([{ line: 7, reason: 'missing activity' }]);
  });

  it('a header alone, without a line break, is a log without cases (not an empty file)', async () => {
    for (const size of [1 << 20, 4]) expect((await readAll('case,activity', CSV, size)).cases).toEqual([]);
    expect((await readError('\n\n', CSV)).message).toBe('the CSV file is empty: no header row');
  });
});

describe('CSV lines at the 16 MiB limit', () => {
  it('a header of exactly 16 MiB before its line break is read; one character more is refused as line 1', async () => {
    const lead = 'case,activity,'; // then a third column whose name fills the line
    const ok = await readParts([lead, ...run('h', MAX_LINE_CHARS - lead.length), '\nk,A,v\n']);
    expect(ok.error).toBeUndefined();
    expect(traces(ok.cases)).toEqual({ k: ['A'] });
    const over = await readParts([lead, ...run('h', MAX_LINE_CHARS - lead.length + 1), '\nk,A,v\n']);
    expect(over.error!.message).toMatch(`line 1: ${TOO_LONG}`);
    expect(over.error!.line).toBe(1);
  });

  it('a row of exactly 16 MiB arriving in pieces without a line break is read; one more is refused', async () => {
    // "k,A," + 'a' × (MAX − 4) is exactly MAX_LINE_CHARS; the chunk after it starts with its line break
    const ok = await readParts(['case,activity,note\nk,A,', ...run('a', MAX_LINE_CHARS - 4), '\nk,B,b\n']);
    expect(ok.error).toBeUndefined();
    expect(traces(ok.cases)).toEqual({ k: ['A', 'B'] });
    expect((ok.cases[0]!.events[0]!.attributes!.note as string).length).toBe(MAX_LINE_CHARS - 4);
    const over = await readParts(['case,activity,note\nk,A,', ...run('a', MAX_LINE_CHARS - 3), '\nk,B,b\n']);
    expect(over.error!.message).toMatch(`line 2: ${TOO_LONG}`);
    expect(over.error!.line).toBe(2);
  });

  it('the same with lone CR line endings', async () => {
    const ok = await readParts(['case,activity,note\rk,A,', ...run('a', MAX_LINE_CHARS - 4), '\rk,B,b\r']);
    expect(ok.error).toBeUndefined();
    expect(traces(ok.cases)).toEqual({ k: ['A', 'B'] });
  });

  it('a quoted row of exactly 16 MiB that is still open after a parse is read; one more is refused', async () => {
    // 'k,A,"' (5) + 'a' × n + '\na"' (3): the last chunk has a line break (inside the quote), so it is
    // parsed, and the row stays open until the input ends (papaparse holds the last row back)
    const ok = await readParts(['case,activity,note\nk,A,"', ...run('a', MAX_LINE_CHARS - 8), '\na"']);
    expect(ok.error).toBeUndefined();
    const note = ok.cases[0]!.events[0]!.attributes!.note as string;
    expect(note.length).toBe(MAX_LINE_CHARS - 6);
    expect(note.endsWith('a\na')).toBe(true);
    const over = await readParts(['case,activity,note\nk,A,"', ...run('a', MAX_LINE_CHARS - 7), '\na"']);
    expect(over.error!.message).toMatch(`line 2: ${TOO_LONG}`);
  });

  it('an open quote that waits for the text to double may reach exactly 16 MiB; one more is refused', async () => {
    // 'k,A,"' + 'a' × (MAX − 16) + '\n' is MAX − 10 long, parsed with the quote open; the last chunk
    // 'bbbbbbb\nc"' (10) brings the row to exactly MAX without a re-parse (less than double)
    const head = ['case,activity,note\nk,A,"', ...run('a', MAX_LINE_CHARS - 16), '\n'];
    const ok = await readParts([...head, 'bbbbbbb\nc"']);
    expect(ok.error).toBeUndefined();
    const note = ok.cases[0]!.events[0]!.attributes!.note as string;
    expect(note.length).toBe(MAX_LINE_CHARS - 6);
    expect(note.endsWith('a\nbbbbbbb\nc')).toBe(true);
    const over = await readParts([...head, 'bbbbbbbb\nc"']);
    expect(over.error!.message).toMatch(`line 2: ${TOO_LONG}`);
  });
});

describe('CSV timestamps in messages', () => {
  it('are cut to 60 characters, with an ellipsis', async () => {
    const sixty = 'x'.repeat(60);
    const e60 = await readError(`case,activity,timestamp\nk,A,${sixty}\n`, CSV);
    expect(e60.message).toMatch(`line 2: timestamp "${sixty}" is not`);
    const e61 = await readError(`case,activity,timestamp\nk,A,${sixty}yz\n`, CSV);
    expect(e61.message).toMatch(`line 2: timestamp "${sixty}…" is not`);
  });

  it('a bad start timestamp is named as such', async () => {
    const e = await readError('case,activity,start_timestamp,timestamp\nk,A,soon,2024-01-01T00:00:00Z\n', CSV);
    expect(e.message).toMatch(/^line 2: start timestamp "soon" is not/);
  });
});

describe('CSV explicit delimiters that cannot work', () => {
  it.each(['', '"', '\n', ';\r', 'a\nb'])('%j is refused, naming the usable ones', async (delimiter) => {
    for (const size of [1 << 20, 3]) {
      const e = await readError(
        'case;activity\nk;A\n',
        { format: 'csv', mapping: { caseId: 'case', activity: 'activity', delimiter } },
        size,
      );
      expect(e).toBeInstanceOf(ImportError);
      expect(e.message).toBe(`delimiter ${JSON.stringify(delimiter)} is not usable (try one of "," ";" "\\t" "|")`);
    }
  });
});

describe('CSV start timestamps', () => {
  it('an empty start cell is no start', async () => {
    const { cases } = await readAll('case,activity,start_timestamp\nk,A,\n', CSV);
    expect(cases[0]!.events).toEqual([
      { activity: 'A', timestamp: undefined, resource: undefined, attributes: undefined },
    ]);
    expect(Object.keys(cases[0]!.events[0]!)).toEqual(['activity', 'timestamp', 'resource', 'attributes']);
  });
});
