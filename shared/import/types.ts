/**
 * Public types of the event-log importers (CSV, XES, JSONL → {@link RecordedCase}).
 * Stable API: the replay helper, the CLI and the simulator's Web Worker depend on it.
 */
import type { RecordedCase } from '../model/types';
import type { DateOrder } from './time/formats';

export type { RecordedCase, DateOrder };

export type LogFormat = 'csv' | 'xes' | 'jsonl';

/** Which CSV columns (or JSONL event keys) carry what. Saved with a project so imports repeat. */
export interface ColumnMapping {
  caseId: string;
  activity: string;
  timestamp?: string;
  resource?: string;
  lifecycle?: string;
  /** When the activity instance started (pm4py's `start_timestamp`): fills {@link RecordedEvent.start}. */
  startTimestamp?: string;
  /** Columns dropped entirely (neither event nor case attributes). */
  ignore?: string[];
  /** CSV only: `,`, `;`, `\t`, `|`. Guessed from the header when absent. */
  delimiter?: string;
}

interface ImportProgress {
  /** Compressed or raw bytes consumed so far (whatever the byte stream delivered). */
  bytes: number;
  events: number;
  cases: number;
}

export interface ImportOptions {
  format: LogFormat;
  /** CSV/JSONL-events: explicit column mapping; without one, common names are recognised. */
  mapping?: ColumnMapping;
  /** Stable sort of each case's events by timestamp; default keeps file order. */
  sortByTimestamp?: boolean;
  /** Drop invalid events/rows and count them in {@link ImportSummary.skipped} instead of throwing. */
  skipInvalid?: boolean;
  /**
   * The activity classifier: `name` (concept:name, default), `name+lifecycle`, a classifier the
   * XES log declares (by its name), or attribute keys separated by spaces. Unless it includes the
   * lifecycle, start/complete pairs become one event per activity instance (see lifecycle.ts).
   */
  classifier?: string;
  /** Most events one case may hold (default 100,000): beyond it, an ImportError naming the case. */
  maxEventsPerCase?: number;
  /** Day/month order of dates like `05/11/2011`; detected from the data when absent (see timestampReader.ts). */
  dateOrder?: DateOrder;
  /** IANA time zone for timestamps written without an offset; default UTC (said in {@link ImportSummary.notes}). */
  timeZone?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /**
   * CSV/JSONL-events only: rows of one case need not be contiguous. Cases stay open until this
   * many events are held in open cases; then the least recently seen case is emitted. A case that
   * reappears after it was emitted is an {@link ImportError}, never a silent split. Default: 4,096
   * while the log looks case-contiguous, 250,000 once it is seen to interleave (see assemble.ts).
   */
  maxOpenEvents?: number;
  /**
   * XES only: keep an event that has no concept:name with the activity "" (counted in a warning)
   * instead of failing. For figures about a log (`stats`), where XES 2.0 files may carry events
   * without a name; replay keeps the default (an error naming the trace and event).
   */
  keepUnnamedEvents?: boolean;
  /**
   * Makes the UTF-8 decoder for the bytes (default: TextDecoder). The CLI passes Node's, which
   * copies ASCII slices instead of decoding them (cli/node/utf8Decoder.ts); the text is the same.
   */
  utf8Decoder?: () => Utf8Decoder;
}

/**
 * A streaming UTF-8 decoder with the semantics of `new TextDecoder('utf-8', { fatal: true })`:
 * a leading BOM dropped, invalid bytes thrown, a character cut between two `stream` calls kept
 * whole, a call without `stream` ending the stream. A platform may bring a faster one
 * ({@link ImportOptions.utf8Decoder}); TextDecoder itself is one.
 */
export interface Utf8Decoder {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}

/** Filled in by readCases as it goes; complete once the generator has finished. */
export interface ImportSummary {
  skipped: number;
  /** The first {@link MAX_SKIPPED_LISTED} rows/events skipped with skipInvalid: where and why. */
  skippedRows: Array<{ line: number; reason: string }>;
  ordering: 'file' | 'timestamp';
  warnings: string[];
  /** How values were read (time zone assumed, date order, epoch units): said, not warned. */
  notes: string[];
  /** Events per lifecycle:transition value (before start/complete pairing); no prototype. */
  lifecycle: Record<string, number>;
  /** Classifiers the XES log declares (`<classifier name keys>`), in file order, duplicates dropped. */
  classifiers: Array<{ name: string; keys: string[] }>;
}

/**
 * A log that cannot be read. The message names the line (CSV/JSONL/XES) or trace where known.
 * `skippable`: one row or event is bad, and skipInvalid would skip and count it instead.
 */
export class ImportError extends Error {
  line?: number;
  trace?: string;
  skippable?: boolean;
  constructor(message: string, where: { line?: number; trace?: string; skippable?: boolean; cause?: unknown } = {}) {
    super(message, where.cause === undefined ? undefined : { cause: where.cause });
    this.name = 'ImportError';
    if (where.line !== undefined) this.line = where.line;
    if (where.trace !== undefined) this.trace = where.trace;
    if (where.skippable) this.skippable = true;
  }
}

const MAX_SKIPPED_LISTED = 10;

/**
 * One bad row or event: an error (strict, the default) or skipped and counted (skipInvalid).
 * The message starts "line N: " unless `trace` is given (XES reasons name trace and event).
 */
export function badRow(
  summary: ImportSummary,
  skip: boolean | undefined,
  line: number,
  reason: string,
  trace?: string,
): void {
  if (!skip)
    throw new ImportError(trace === undefined ? `line ${line}: ${reason}` : reason, { line, trace, skippable: true });
  summary.skipped++;
  if (summary.skippedRows.length < MAX_SKIPPED_LISTED) summary.skippedRows.push({ line, reason });
}

/** Figures of a log, as `sop-studio stats` prints them. Timestamps are ISO 8601 (UTC). */
export interface LogStats {
  cases: number;
  events: number;
  activities: number;
  variants: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

export function newSummary(): ImportSummary {
  return {
    skipped: 0,
    skippedRows: [],
    ordering: 'file',
    warnings: [],
    notes: [],
    lifecycle: Object.create(null) as Record<string, number>,
    classifiers: [],
  };
}
