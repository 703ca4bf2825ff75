import { describe, expect, it } from 'vitest';
import { previewCsv, recogniseColumns } from './mapping';

describe('previewCsv', () => {
  it('shows the first rows, the delimiter and the guessed mapping; drops a partial last line', () => {
    const text =
      '\uFEFFCaseID;ActivityID;CompleteTimestamp;resource;amount\r\n1;A;2024-01-01 10:00;ann;5\r\n1;B;2024-01-01 11:00;bob;"6;5"\r\n2;A;2024-01-0';
    expect(previewCsv(text, 10)).toEqual({
      headers: ['CaseID', 'ActivityID', 'CompleteTimestamp', 'resource', 'amount'],
      rows: [
        ['1', 'A', '2024-01-01 10:00', 'ann', '5'],
        ['1', 'B', '2024-01-01 11:00', 'bob', '6;5'],
      ],
      delimiter: ';',
      guessed: { caseId: 'CaseID', activity: 'ActivityID', timestamp: 'CompleteTimestamp', resource: 'resource' },
    });
  });

  it('prefers the XES-style names when several are present', () => {
    expect(recogniseColumns(['Activity', 'concept:name', 'case', 'case:concept:name', 'time:timestamp'])).toEqual({
      caseId: 'case:concept:name',
      activity: 'concept:name',
      timestamp: 'time:timestamp',
    });
  });
});
