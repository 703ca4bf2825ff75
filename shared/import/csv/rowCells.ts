/**
 * The fields of one CSV row, as readCsv's row handling sees them: either an array papaparse
 * parsed ({@link ArrayRow}), or, for text without a quote character, positions in the text itself
 * ({@link LineRow}). Quote-free CSV is split on the delimiter and nothing else (papaparse's own
 * fast path is `split(newline)`, then `split(delimiter)`); a LineRow finds the same fields with
 * one `indexOf` per delimiter and cuts out only the fields a row needs as strings: the case id
 * when the case changes, the activity, a cell whose text differs from the row before. Timestamps
 * are read where they stand. On the 1M-event bench log the split alone took 172 ms where
 * papaparse's took 370 (and its 12M field strings and 1M row arrays were most of the GC).
 */
import type { TimestampReader } from '../time/timestampReader';

export interface RowCells {
  /** Number of fields. */
  readonly width: number;
  text(col: number): string;
  isEmpty(col: number): boolean;
  /** Whether field `col` is the text `s`. */
  is(col: number, s: string): boolean;
  /** Field `col` read as a timestamp (TimestampReader.read of its text). */
  time(col: number, reader: TimestampReader): number | undefined;
  /**
   * Fields `first`..`last` as one text, delimiters included, when that text tells its fields apart
   * (no field holds the delimiter); undefined otherwise.
   */
  span(first: number, last: number): string | undefined;
  /** Whether fields `first`..`last` are a {@link span} equal to `s`. */
  spanIs(first: number, last: number, s: string): boolean;
}

/** A row papaparse parsed: one string per field. */
export class ArrayRow implements RowCells {
  row: string[] = [];
  get width(): number {
    return this.row.length;
  }
  text(col: number): string {
    return this.row[col]!;
  }
  isEmpty(col: number): boolean {
    return this.row[col] === '';
  }
  is(col: number, s: string): boolean {
    return this.row[col] === s;
  }
  time(col: number, reader: TimestampReader): number | undefined {
    return reader.read(this.row[col]!);
  }
  /** A parsed field may hold the delimiter (it was quoted): joined fields would not tell "a,b" + "c" from "a" + "b,c". */
  span(): undefined {
    return undefined;
  }
  spanIs(): boolean {
    return false;
  }
}

/**
 * One line of quote-free text, split on the delimiter by position. The positions of up to
 * `keep` + 1 fields are stored (keep: the header's width); further delimiters are only counted,
 * since a row of another width is refused with its field count and nothing else.
 */
export class LineRow implements RowCells {
  width = 0;
  private text_ = '';
  /** starts[i]: where field i begins; field i ends `delimiter.length` before starts[i + 1]. */
  private readonly starts: Int32Array;
  /** The first delimiter after the last line split (-1: none until the end of the text). */
  private nextDelimiter = -1;

  constructor(
    private readonly delimiter: string,
    private readonly keep: number,
  ) {
    this.starts = new Int32Array(keep + 2);
  }

  /** Starts on a new text: its lines are then handed to {@link split} in order. */
  begin(text: string): void {
    this.text_ = text;
    this.nextDelimiter = text.indexOf(this.delimiter);
  }

  /**
   * Takes the line `text[from, to)` of the text given to {@link begin} (no line break inside).
   * Lines come in order, after the line break that ended the previous one (a delimiter holds no
   * line break, so the next delimiter found is never before `from`). The delimiter search only moves
   * forward through the text: a text with few delimiters is searched once, not once per line.
   */
  split(from: number, to: number): void {
    const text = this.text_;
    const d = this.delimiter;
    const dl = d.length;
    const starts = this.starts;
    const keep = this.keep;
    let next = this.nextDelimiter;
    let n = 0;
    starts[0] = from;
    while (next >= 0 && next < to) {
      const start = next + dl;
      if (++n <= keep) starts[n] = start;
      next = text.indexOf(d, start);
    }
    this.nextDelimiter = next;
    this.width = n + 1;
    if (n <= keep) starts[n + 1] = to + dl;
  }

  private end(col: number): number {
    return this.starts[col + 1]! - this.delimiter.length;
  }

  text(col: number): string {
    return this.text_.substring(this.starts[col]!, this.end(col));
  }
  isEmpty(col: number): boolean {
    return this.starts[col] === this.end(col);
  }
  is(col: number, s: string): boolean {
    return this.spanIs(col, col, s);
  }
  time(col: number, reader: TimestampReader): number | undefined {
    return reader.readAt(this.text_, this.starts[col]!, this.end(col));
  }
  span(first: number, last: number): string {
    return this.text_.substring(this.starts[first]!, this.end(last));
  }
  /**
   * Cut out and compared with ===, not `startsWith(s, start)`: V8's startsWith took 2–5× as long
   * (27–175 ns against 12–38 ns for 8- to 40-character fields, Node 22), and the cut string dies young.
   */
  spanIs(first: number, last: number, s: string): boolean {
    const start = this.starts[first]!;
    const end = this.end(last);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: the length check only saves cutting out a text that cannot equal s
    return end - start === s.length && this.text_.substring(start, end) === s;
  }
}
