/** readCsv's event attributes: the cells of consecutive rows typed once (see the class comment). */
import type { AttrValue } from '../../model/types';
import { newAttrs } from '../dictionaries';
import { typeCell } from '../values';
import type { RowPlan } from './columns';
import type { RowCells } from './rowCells';

/**
 * Event attributes of consecutive rows, typed once. Logs repeat a column's value row after row
 * (case attributes written on every event, categories, flags): an equal text gets the value
 * typeCell gave it, without scanning it again (typeCell is a pure function of the text, so this
 * changes no value: readCsv.typing.test.ts compares with typeCell per cell). A row whose event
 * cells all equal the previous row's gets the previous row's attribute object itself: the events
 * of a case usually carry the same attributes, and one object instead of one per event is most of
 * what reading a CSV allocates (1M-event bench log: read CPU −20%). A shared object is frozen,
 * so a consumer that wrote to one event's attributes would fail loudly instead of changing others.
 *
 * Adjacent event columns are compared as one run when the row can give its text as one span
 * (quote-free text, rowCells.ts: no field holds the delimiter, so equal spans split into equal
 * fields): one comparison per run instead of one per cell on the rows that repeat the last one.
 */
export class EventAttributes {
  private readonly text: string[];
  private readonly value: AttrValue[];
  /** The previous row's attributes; `hasPrevious` false before the first row. */
  private previous: Record<string, AttrValue> | undefined;
  private hasPrevious = false;
  private frozen = false;
  /** Runs of adjacent event columns: indices into eventCols, first (inclusive) and end (exclusive). */
  private readonly runStart: number[] = [];
  private readonly runEnd: number[] = [];
  /** Per run, the text of the run in the previous row, when that row could give it as one span. */
  private readonly runText: Array<string | undefined> = [];

  constructor(private readonly plan: RowPlan) {
    // Stryker disable next-line ArrowFunction: any initial text only makes the first row typed afresh (hasPrevious is false)
    this.text = plan.eventCols.map(() => '');
    this.value = plan.eventCols.map(() => '');
    const cols = plan.eventCols;
    for (let i = 0; i < cols.length; i++) {
      if (i === 0 || cols[i] !== cols[i - 1]! + 1) {
        this.runStart.push(i);
        this.runEnd.push(i + 1);
        this.runText.push(undefined);
      } else this.runEnd[this.runEnd.length - 1] = i + 1;
    }
  }

  /** The row's attributes, without prototype. An empty cell is an absent value (as pandas' NaN), not "". */
  of(row: RowCells): Record<string, AttrValue> | undefined {
    const { eventCols: cols, eventNames: names } = this.plan;
    const { text, value, runStart, runEnd, runText } = this;
    let same = this.hasPrevious;
    for (let r = 0; r < runStart.length; r++) {
      const first = runStart[r]!;
      const end = runEnd[r]!;
      const before = runText[r];
      if (before !== undefined && row.spanIs(cols[first]!, cols[end - 1]!, before)) continue;
      // each cell cut out once and compared with the last row's (is() would cut it out as well)
      for (let i = first; i < end; i++) {
        const v = row.text(cols[i]!);
        if (v !== text[i]) {
          same = false;
          text[i] = v;
          value[i] = v === '' ? '' : typeCell(v);
        }
      }
      runText[r] = row.span(cols[first]!, cols[end - 1]!);
    }
    if (same) {
      const p = this.previous;
      if (p !== undefined && !this.frozen) {
        Object.freeze(p);
        this.frozen = true;
      }
      return p;
    }
    let attrs: Record<string, AttrValue> | undefined;
    for (let i = 0; i < cols.length; i++) if (text[i] !== '') (attrs ??= newAttrs())[names[i]!] = value[i]!;
    this.previous = attrs;
    this.hasPrevious = true;
    this.frozen = false;
    return attrs;
  }
}
