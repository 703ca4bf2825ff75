/**
 * Streaming CSV reader: one row per event. papaparse's low-level Parser runs on each text chunk
 * with `ignoreLastRow`, and the unparsed tail (a partial row: a quoted newline, a CRLF split
 * across chunks) is carried into the next chunk, the way papaparse's own streamers do it.
 * Quote-free chunks take papaparse's fast path (split only).
 */
import Papa from 'papaparse';
import type { RecordedCase, RecordedEvent } from '../../model/types';
import { CaseAssembler } from '../assemble';
import { eachCase } from '../batches';
import { newAttrs } from '../dictionaries';
import { CaseShaper } from '../lifecycle';
import { decodeText, lineTooLong, MAX_LINE_CHARS, throwIfAborted } from '../text';
import { badRow, ImportError, type ImportOptions, type ImportSummary } from '../types';
import { PRIME_SAMPLE, TimestampReader } from '../time/timestampReader';
import { typeCell } from '../values';
import { planColumns, type RowPlan } from './columns';
import { EventAttributes } from './eventAttributes';
import { ArrayRow, LineRow, type RowCells } from './rowCells';
import { DELIMITERS, guessDelimiter, guessNewline } from './mapping';

const CRLF = /\r\n/g;

interface PapaResult {
  data: string[][];
  errors: Array<{ code: string; message: string; row?: number }>;
  meta: { cursor: number };
}

export function readCsv(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase> {
  return eachCase(readCsvBatches(bytes, options, summary));
}

/** {@link readCsv}'s cases, a batch per text chunk (batches.ts). */
export async function* readCsvBatches(
  bytes: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary,
): AsyncGenerator<RecordedCase[]> {
  const counter = { bytes: 0 };
  const m = options.mapping;
  const shaper = new CaseShaper(
    {
      classifier: options.classifier,
      aliases: { activity: m?.activity, lifecycle: m?.lifecycle, resource: m?.resource },
    },
    summary,
  );
  const asm = new CaseAssembler(options.maxOpenEvents, !!options.sortByTimestamp, shaper, options.maxEventsPerCase);
  const skip = !!options.skipInvalid;
  const time = new TimestampReader(options);
  let parser: RowParser | undefined;
  let plan: RowPlan | undefined;
  let cells: EventAttributes | undefined;
  const arrayRow = new ArrayRow();
  let lineRow: LineRow | undefined;
  let pending = '';
  let stuckAt = 0;
  let line = 0; // line number of the last row handled (1 = header)
  // The day/month order is looked for in the first PRIME_SAMPLE rows after the header (see
  // TimestampReader.prime). Parsed rows are held back until that many have arrived (or the input
  // ends), so the sample never depends on where the chunks happened to be cut: with the header
  // alone in the first chunk, 11/05/2011 … 11/13/2011 was read day-first and then refused.
  let held: string[][][] | undefined = [];

  const handle = (result: PapaResult, quoted: boolean): void => {
    // only the low-level Parser's quote errors (MissingQuotes, InvalidQuotes) can occur here:
    // delimiter detection (UndetectableDelimiter) belongs to papaparse's ParserHandle, not used
    const errors = result.errors;
    if (errors.length > 0) {
      release(); // so that `line` counts the held rows
      const e = errors[0]!;
      // e.row counts rows of this parse; the rows before it may hold quoted line breaks
      let at = line + 1;
      for (let r = 0; r < (e.row ?? 0); r++) at += linesOf(result.data[r]!, quoted);
      throw new ImportError(`line ${at}: ${e.code === 'MissingQuotes' ? 'a quoted field never closes' : e.message}`, {
        line: at,
      });
    }
    if (held === undefined) return addRows(result.data, quoted);
    held.push(result.data);
    if (rowsAfterHeader(held) >= PRIME_SAMPLE) release();
  };

  /** Hands the held rows on, as one batch: the header's branch primes the reader with all of them. */
  const release = (): void => {
    if (held === undefined) return;
    const rows = held.length === 1 ? held[0]! : held.flat();
    held = undefined;
    addRows(rows, true);
  };

  /** The row being read is too long: its line number counts the held rows too. */
  const tooLong = (): ImportError => {
    release();
    return lineTooLong(line + 1);
  };

  const addRows = (rows: string[][], quoted: boolean): void => {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const startLine = line + 1;
      line += linesOf(row, quoted);
      if (row.length === 1 && row[0] === '') continue; // blank line
      if (plan === undefined) {
        plan = planColumns(row, options.mapping, summary);
        const p = plan;
        time.prime(rows.slice(r + 1).map((next) => next[p.timestamp >= 0 ? p.timestamp : p.startTimestamp] ?? ''));
        continue;
      }
      arrayRow.row = row;
      const problem = addRow(arrayRow, plan, asm, startLine, time, (cells ??= new EventAttributes(plan)));
      if (problem !== undefined) badRow(summary, skip, startLine, problem);
    }
  };

  /** The rows of quote-free `text[0, end)`, each line ended by the newline: as addRows, without papaparse. */
  const addLines = (text: string, end: number, row: LineRow): void => {
    const newline = parser!.newline;
    const p = plan!;
    row.begin(text);
    for (let from = 0; from < end;) {
      const to = text.indexOf(newline, from);
      line++;
      if (to > from) {
        row.split(from, to);
        const problem = addRow(row, p, asm, line, time, (cells ??= new EventAttributes(p)));
        if (problem !== undefined) badRow(summary, skip, line, problem);
      } // else a blank line
      from = to + newline.length;
    }
  };

  let carryCr = false;
  for await (const raw of decodeText(bytes, options, counter)) {
    // CRLF → LF before parsing, so a file mixing CRLF and LF neither glues rows nor keeps "\r" in
    // a last field (a CRLF inside a quoted field becomes LF too). A "\r" ending a slice may be
    // half a CRLF: it waits for the next slice.
    let text = carryCr ? '\r' + raw : raw;
    carryCr = false;
    // Stryker disable next-line StringLiteral: indexOf("") is 0, so the block always runs; without a "\r" in the text it changes nothing
    if (text.indexOf('\r') >= 0) {
      if (text.charCodeAt(text.length - 1) === 13) {
        carryCr = true;
        text = text.slice(0, -1);
      }
      text = text.replace(CRLF, '\n');
    }
    const hasBreak = text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    pending = pending === '' ? text : pending + text;
    if (!hasBreak && parser !== undefined) {
      // no row can have ended: don't re-parse the growing tail (a 50 MB line must not go quadratic)
      if (pending.length > MAX_LINE_CHARS) throw tooLong();
      continue;
    }
    if (parser === undefined) {
      // the line break is decided by the first one; a lone "\r" at the end may be half a CRLF
      if (!hasBreak || (pending.indexOf('\n') < 0 && pending.indexOf('\r') === pending.length - 1)) {
        if (pending.length > MAX_LINE_CHARS) throw lineTooLong(1);
        continue;
      }
      parser = makeParser(pending, options);
    }
    // A row still open after a parse (a long quoted field) is re-parsed only once the text has
    // doubled since: linear total work, not quadratic, on a quote that never closes.
    // Stryker disable next-line BlockStatement: re-parsing the open row now gives the same rows, and the same 16 MiB check runs after the parse; the skip only bounds the work
    if (pending.length < 2 * stuckAt) {
      if (pending.length > MAX_LINE_CHARS) throw tooLong();
      continue;
    }
    const quoted = pending.indexOf('"') >= 0;
    if (!quoted && plan !== undefined && held === undefined) {
      // quote-free text past the header and the date sample: split by position (rowCells.ts)
      const cut = pending.lastIndexOf(parser.newline) + 1;
      stuckAt = cut === 0 ? pending.length : 0;
      addLines(pending, cut, (lineRow ??= new LineRow(parser.delimiter, plan.width)));
      pending = pending.substring(cut);
    } else {
      const result = parser.parse(pending, 0, true);
      stuckAt = result.meta.cursor === 0 ? pending.length : 0;
      pending = pending.substring(result.meta.cursor);
      handle(result, quoted);
    }
    if (pending.length > MAX_LINE_CHARS) throw tooLong();
    if (asm.out.length) {
      const ready = asm.out;
      asm.out = [];
      yield ready;
    }
    options.onProgress?.({ bytes: counter.bytes, events: asm.events, cases: asm.cases });
  }
  throwIfAborted(options.signal);
  // a carried "\r" at the very end of the input ended the last row: nothing to add (appending "\n"
  // glued it onto the last field of a file whose line break is a lone "\r")
  if (pending !== '') {
    parser ??= makeParser(pending, options);
    handle(parser.parse(pending, 0, false), pending.indexOf('"') >= 0);
  }
  release();
  if (plan === undefined) throw new ImportError('the CSV file is empty: no header row');
  asm.finish();
  summary.notes.push(...time.notes());
  shaper.finish();
  if (asm.out.length) yield asm.out;
  options.onProgress?.({ bytes: counter.bytes, events: asm.events, cases: asm.cases });
}

function makeParser(sample: string, options: ImportOptions): RowParser {
  const head = sample.slice(0, 64 * 1024);
  const explicit = options.mapping?.delimiter;
  if (
    explicit !== undefined &&
    (explicit.length === 0 || explicit === '"' || explicit.includes('\n') || explicit.includes('\r'))
  ) {
    throw new ImportError(
      `delimiter ${JSON.stringify(explicit)} is not usable (try one of ${DELIMITERS.map((d) => JSON.stringify(d)).join(' ')})`,
    );
  }
  const newline = guessNewline(head);
  const delimiter = explicit ?? guessDelimiter(head);
  const parser = new Papa.Parser({ delimiter, newline });
  return {
    delimiter,
    newline,
    // With ignoreLastRow papaparse still looks at the partial last row, and a closing quote at the
    // end of the text must be followed there by the whole delimiter (or newline): a text cut inside
    // ";;", or between `"k"` and the spaces before its ",", was refused as a malformed quote. The
    // rows that end before the last line break parse the same without the text after it.
    parse: (text, base, ignoreLastRow) =>
      parser.parse(
        ignoreLastRow ? text.slice(0, text.lastIndexOf(newline) + 1) : text,
        base,
        ignoreLastRow,
      ) as PapaResult,
  };
}

/** The part of papaparse's low-level Parser that readCsv uses. */
interface RowParser {
  readonly delimiter: string;
  readonly newline: string;
  parse(text: string, baseIndex: number, ignoreLastRow: boolean): PapaResult;
}

/** Adds one data row as an event; returns what is wrong with it instead, if anything. */
function addRow(
  row: RowCells,
  plan: RowPlan,
  asm: CaseAssembler,
  line: number,
  time: TimestampReader,
  cells: EventAttributes,
): string | undefined {
  if (row.width !== plan.width) return `${row.width} fields where the header has ${plan.width}`;
  // the case id is cut out of the text only when the case changes
  const current = asm.currentCaseId;
  const caseId = current !== undefined && row.is(plan.caseId, current) ? current : row.text(plan.caseId);
  if (caseId === '') return 'missing case id';
  const activity = row.text(plan.activity);
  if (activity === '') return 'missing activity';
  let timestamp: number | undefined;
  if (plan.timestamp >= 0 && !row.isEmpty(plan.timestamp)) {
    timestamp = row.time(plan.timestamp, time);
    if (timestamp === undefined) return `timestamp "${clip(row.text(plan.timestamp))}" ${time.problem}`;
  }
  let start: number | undefined;
  if (plan.startTimestamp >= 0 && !row.isEmpty(plan.startTimestamp)) {
    start = row.time(plan.startTimestamp, time);
    if (start === undefined) return `start timestamp "${clip(row.text(plan.startTimestamp))}" ${time.problem}`;
  }
  const resource = plan.resource >= 0 && !row.isEmpty(plan.resource) ? row.text(plan.resource) : undefined;
  const attributes = cells.of(row);
  const event: RecordedEvent =
    start === undefined
      ? { activity, timestamp, resource, attributes }
      : { activity, timestamp, start, resource, attributes };
  const c = asm.add(caseId, event, line);
  // without case: columns the case gets no case-level object at all (buildCase needs none)
  if (c.caseAttrs === undefined && plan.caseCols.length > 0) {
    const attrs = newAttrs();
    for (let i = 0; i < plan.caseCols.length; i++) {
      const v = row.text(plan.caseCols[i]!);
      if (v !== '') attrs[plan.caseNames[i]!] = typeCell(v);
    }
    c.caseAttrs = attrs;
  }
  return undefined;
}

/** How many lines a parsed row spans: one, plus the line breaks inside its (quoted) fields. */
function linesOf(row: string[], quoted: boolean): number {
  let n = 1;
  if (quoted) for (const f of row) for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  return n;
}

/** Rows after the first non-blank one (the header), counting blank ones as prime does. */
function rowsAfterHeader(batches: string[][][]): number {
  let header = false;
  let after = 0;
  for (const rows of batches) {
    for (const row of rows) {
      if (header) after++;
      else header = !(row.length === 1 && row[0] === '');
    }
  }
  return after;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}
