/**
 * Column planning (columns.ts) and the CSV sniffing helpers (mapping.ts): which column takes
 * which role, what is refused in a header (with the exact message) and how delimiter and line
 * break are guessed. Expected plans are written out by hand from the header.
 */
import { describe, expect, it } from 'vitest';
import { ImportError, newSummary, type ColumnMapping } from '../types';
import { planColumns } from './columns';
import { guessDelimiter, guessNewline, previewCsv, recogniseColumns } from './mapping';

const RESERVED = 'is not allowed (__proto__, constructor and prototype are reserved names); rename it in the source';

function planError(headers: string[], mapping?: ColumnMapping): ImportError {
  try {
    planColumns(headers, mapping, newSummary());
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    expect((e as ImportError).line).toBe(1);
    return e as ImportError;
  }
  throw new Error('expected planColumns to refuse the header');
}

describe('planColumns', () => {
  it('recognised names take their roles; case: columns are case attributes; lifecycle travels under its XES name', () => {
    const summary = newSummary();
    const plan = planColumns(
      [
        'case:concept:name',
        'concept:name',
        'time:timestamp',
        'org:resource',
        'lifecycle:transition',
        'start_timestamp',
        'case:region',
        ' amount ',
      ],
      undefined,
      summary,
    );
    expect(plan).toEqual({
      width: 8,
      caseId: 0,
      activity: 1,
      timestamp: 2,
      resource: 3,
      lifecycle: 4,
      startTimestamp: 5,
      eventCols: [4, 7],
      eventNames: ['lifecycle:transition', 'amount'],
      caseCols: [6],
      caseNames: ['region'],
    });
    expect(summary.warnings).toEqual([]);
  });

  it('an explicit mapping: the lifecycle column is renamed, ignored columns dropped, absent roles are -1', () => {
    const plan = planColumns(
      ['id', 'step', 'state', 'drop', 'case:x', 'keep'],
      { caseId: 'id', activity: 'step', lifecycle: 'state', ignore: ['drop', 'case:x'] },
      newSummary(),
    );
    expect(plan).toEqual({
      width: 6,
      caseId: 0,
      activity: 1,
      timestamp: -1,
      resource: -1,
      lifecycle: 2,
      startTimestamp: -1,
      eventCols: [2, 5],
      eventNames: ['lifecycle:transition', 'keep'],
      caseCols: [],
      caseNames: [],
    });
  });

  it('columns without a header name are ignored with a warning naming them (1-based)', () => {
    const summary = newSummary();
    const plan = planColumns(['', 'case', 'activity', ' ', 'x'], undefined, summary);
    expect(plan.eventCols).toEqual([4]);
    expect(plan.eventNames).toEqual(['x']);
    expect(summary.warnings).toEqual(['column 1, 4 has no header name and was ignored (e.g. a pandas index)']);
  });

  it('no case id or activity column: says whether the mapping or the recognition found none', () => {
    expect(planError(['a', 'b']).message).toBe(
      'line 1: no case id column: none of the recognised names is in the header (header: a, b); map the columns explicitly',
    );
    expect(planError(['case', 'b']).message).toBe(
      'line 1: no activity column: none of the recognised names is in the header (header: case, b); map the columns explicitly',
    );
    expect(planError(['a', 'b'], { caseId: '', activity: 'b' }).message).toBe(
      'line 1: no case id column: the mapping names none (header: a, b); map the columns explicitly',
    );
  });

  it('a mapped column missing from the header is named with its role', () => {
    expect(planError(['a', 'b'], { caseId: 'a', activity: 'b', timestamp: 't' }).message).toBe(
      'line 1: column "t" (mapped as timestamp) is not in the header: a, b',
    );
    expect(planError(['a', 'b'], { caseId: 'a', activity: 'b', startTimestamp: 's' }).message).toBe(
      'line 1: column "s" (mapped as start timestamp) is not in the header: a, b',
    );
    expect(planError(['a', 'b'], { caseId: 'c', activity: 'b' }).message).toBe(
      'line 1: column "c" (mapped as case id) is not in the header: a, b',
    );
  });

  it('reserved names, also behind case:, and duplicate names are refused', () => {
    expect(planError(['case', 'activity', 'constructor']).message).toBe(`line 1: column "constructor" ${RESERVED}`);
    expect(planError(['case', 'activity', 'case:__proto__']).message).toBe(`line 1: column "__proto__" ${RESERVED}`);
    expect(planError(['case', 'activity', 'x', 'y', ' x']).message).toBe(
      'line 1: columns 3 and 5 are both named "x"; rename one, so neither value is lost',
    );
    // several unnamed columns are not duplicates
    expect(planColumns(['', 'case', '', 'activity'], undefined, newSummary()).activity).toBe(3);
  });
});

describe('recogniseColumns', () => {
  it('the first name of each role in priority order; roles with none are absent', () => {
    expect(
      recogniseColumns(['case', 'CaseID', 'ActivityID', 'CompleteTimestamp', 'StartTimestamp', 'lifecycle']),
    ).toEqual({
      caseId: 'CaseID',
      activity: 'ActivityID',
      timestamp: 'CompleteTimestamp',
      lifecycle: 'lifecycle',
      startTimestamp: 'StartTimestamp',
    });
    expect(recogniseColumns(['case_id', 'case', 'activity', 'Activity', 'start:timestamp', 'resource'])).toEqual({
      caseId: 'case_id',
      activity: 'activity',
      resource: 'resource',
      startTimestamp: 'start:timestamp',
    });
    expect(recogniseColumns(['Case', 'ACTIVITY'])).toEqual({});
  });
});

describe('guessNewline and guessDelimiter', () => {
  it.each([
    ['a,b\r\nc,d\n', '\r\n'],
    ['\r\na', '\r\n'],
    ['a,b\nc,d\r\n', '\n'],
    ['\nabc', '\n'],
    ['a,b\rc,d', '\r'],
    ['\rab', '\r'],
    ['a,b', '\n'],
    ['', '\n'],
  ])('%j → %j', (text, expected) => {
    expect(guessNewline(text)).toBe(expected);
  });

  it.each([
    ['a;b;c\n1;2;3\n4;5;6', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['a|b|c\n1|2|3', '|'],
    ['a,b;c\n1,2;3\n4,5;6', ','],
    ['abc\ndef', ','],
  ])('%j → %j', (text, expected) => {
    expect(guessDelimiter(text)).toBe(expected);
  });
});

describe('previewCsv', () => {
  it('an empty text has no header, rows or mapping', () => {
    expect(previewCsv('')).toEqual({ headers: [], rows: [], delimiter: ',', guessed: {} });
  });

  it('old Mac line breaks, at most maxRows rows, rows of another width left out', () => {
    const text = 'case|activity\rk|A\rk|B|extra\rk|C\rk|D\r';
    expect(previewCsv(text, 2)).toEqual({
      headers: ['case', 'activity'],
      rows: [
        ['k', 'A'],
        ['k', 'C'],
      ],
      delimiter: '|',
      guessed: { caseId: 'case', activity: 'activity' },
    });
  });
});
