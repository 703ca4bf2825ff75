/** Column recognition, delimiter guessing and the preview the data-import dialog shows. */
import Papa from 'papaparse';
import type { ColumnMapping } from '../types';

/** Recognised header names, in priority order (the first present wins). */
const KNOWN_COLUMNS = {
  caseId: ['case:concept:name', 'case_id', 'CaseID', 'case'],
  activity: ['concept:name', 'activity', 'Activity', 'ActivityID'],
  timestamp: ['time:timestamp', 'timestamp', 'CompleteTimestamp'],
  resource: ['org:resource', 'resource'],
  lifecycle: ['lifecycle:transition', 'lifecycle'],
  startTimestamp: ['start_timestamp', 'start:timestamp', 'StartTimestamp'],
} as const satisfies Record<string, readonly string[]>;

export const DELIMITERS = [',', ';', '\t', '|'];

/** Maps the recognised header names to roles. Roles with no recognised column are absent. */
export function recogniseColumns(headers: readonly string[]): Partial<ColumnMapping> {
  const present = new Set(headers);
  const guessed: Partial<ColumnMapping> = {};
  for (const role of Object.keys(KNOWN_COLUMNS) as Array<keyof typeof KNOWN_COLUMNS>) {
    const name = KNOWN_COLUMNS[role].find((n) => present.has(n));
    if (name !== undefined) guessed[role] = name;
  }
  return guessed;
}

/** Line break of a text: the first `\n` (or `\r`) decides. */
export function guessNewline(text: string): '\n' | '\r\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text.charCodeAt(lf - 1) === 13) return '\r\n';
  if (lf >= 0) return '\n';
  return text.indexOf('\r') >= 0 ? '\r' : '\n';
}

/** Delimiter of a CSV sample, guessed by papaparse among `,` `;` tab `|` (`,` when unsure). */
export function guessDelimiter(sample: string): string {
  const result = Papa.parse<string[]>(sample, { preview: 20, delimitersToGuess: DELIMITERS, skipEmptyLines: true });
  const d = result.meta.delimiter;
  // Stryker disable next-line StringLiteral: papaparse itself falls back to Papa.DefaultDelimiter (",") when it cannot guess, so d is always one of DELIMITERS
  return DELIMITERS.includes(d) ? d : ',';
}

/**
 * The first rows of a CSV text (BOM stripped), its delimiter and the mapping guessed from the
 * header, for the import dialog. `text` may be just the file's first few kilobytes: a partial
 * last line is dropped.
 */
export function previewCsv(
  text: string,
  maxRows = 20,
): { headers: string[]; rows: string[][]; delimiter: string; guessed: Partial<ColumnMapping> } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = guessDelimiter(text);
  const result = Papa.parse<string[]>(text, {
    delimiter,
    newline: guessNewline(text),
    preview: maxRows + 2,
    skipEmptyLines: true,
  });
  const [headers = [], ...rows] = result.data;
  const complete = rows.filter((r) => r.length === headers.length).slice(0, maxRows);
  return { headers, rows: complete, delimiter, guessed: recogniseColumns(headers) };
}
