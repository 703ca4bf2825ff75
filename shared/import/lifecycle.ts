/**
 * Activity classifier and lifecycle pairing, applied to each case as it is built (DESIGN "Time":
 * replay reads one event per activity instance).
 *
 * - The classifier names an event's activity from attribute keys, joined with "+" as XES and
 *   pm4py do: `name` (concept:name, the default), `name+lifecycle`, a classifier the XES log
 *   declares (`<classifier name=… keys=…>`), or keys separated by spaces.
 * - Unless the classifier includes the lifecycle, a `start` is folded into the `complete` of the
 *   same activity that follows it (per activity, first in first out, as pm4py's interval
 *   conversion pairs them): the complete is kept and its `start` is the start's time. A start
 *   with no complete after it stays as the instance (no handling time) and is counted in a
 *   warning; every other lifecycle value (schedule, suspend, "In Progress" …) is left alone.
 */
import type { RecordedEvent } from '../model/types';
import { LIFECYCLE_KEY } from './assemble';
import type { ImportSummary } from './types';
import { valueText } from './values';

const NAME = 'concept:name';
const RESOURCE = 'org:resource';

export interface ClassifierOptions {
  /** `name` (default), `name+lifecycle`, a declared XES classifier's name, or space-separated keys. */
  classifier?: string;
  /** Column names the CSV mapping gave the activity / lifecycle / resource roles (aliases of the XES keys). */
  aliases?: { activity?: string; lifecycle?: string; resource?: string };
}

export class CaseShaper {
  private keys: string[] | undefined;
  private pair = true;
  /** Classifiers the XES log declares, by name (filled by the XES reader while reading the header). */
  readonly declared = new Map<string, string[]>();
  private unmatchedStarts = 0;
  private folded = 0;

  constructor(
    private readonly options: ClassifierOptions,
    private readonly summary: ImportSummary,
  ) {}

  /** The case's events, classified and with start/complete pairs folded; counts lifecycle values. */
  shape(events: RecordedEvent[]): RecordedEvent[] {
    const keys = (this.keys ??= this.resolve());
    const counts = this.summary.lifecycle;
    let lifecycles = 0;
    for (const e of events) {
      const lc = e.attributes?.[LIFECYCLE_KEY];
      if (lc !== undefined) {
        const k = valueText(lc);
        counts[k] = (counts[k] ?? 0) + 1;
        lifecycles++;
      }
    }
    if (keys.length !== 1 || keys[0] !== NAME) for (const e of events) e.activity = this.classify(e, keys);
    return this.pair && lifecycles ? this.fold(events) : events;
  }

  /** Warnings and notes for the summary, once the log is read. */
  finish(): void {
    if (this.folded)
      this.summary.notes.push(
        `${this.folded.toLocaleString('en-US')} lifecycle start event(s) folded into the complete event that follows them (one event per activity instance)`,
      );
    if (this.unmatchedStarts)
      this.summary.warnings.push(
        `${this.unmatchedStarts.toLocaleString('en-US')} lifecycle start event(s) have no complete after them; each stays as its activity instance, without a handling time`,
      );
  }

  private fold(events: RecordedEvent[]): RecordedEvent[] {
    const open = new Map<string, number[]>(); // activity → indices of its starts not yet completed
    const claimed = new Uint8Array(events.length);
    let starts = 0;
    events.forEach((e, i) => {
      const lc = lifecycleOf(e);
      if (lc === 'start') {
        starts++;
        const queue = open.get(e.activity);
        if (queue) queue.push(i);
        else open.set(e.activity, [i]);
      } else if (lc === 'complete') {
        const s = open.get(e.activity)?.shift();
        if (s === undefined) return;
        claimed[s] = 1;
        this.folded++;
        starts--;
        const t = events[s]!.timestamp;
        if (t !== undefined && e.start === undefined) e.start = t;
      }
    });
    this.unmatchedStarts += starts;
    return events.filter((_, i) => claimed[i] === 0);
  }

  private classify(e: RecordedEvent, keys: string[]): string {
    let s = '';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = k === NAME ? e.activity : k === RESOURCE ? e.resource : e.attributes?.[k];
      s += (i ? '+' : '') + (v === undefined || v === null ? '' : valueText(v));
    }
    return s;
  }

  /** The classifier's keys, in XES names (CSV role columns map to them). */
  private resolve(): string[] {
    const c = (this.options.classifier ?? 'name').trim();
    let keys: string[];
    if (c === 'name' || c === '') keys = [NAME];
    else if (c === 'name+lifecycle') keys = [NAME, LIFECYCLE_KEY];
    else keys = this.declared.get(c) ?? splitKeys(c);
    const a = this.options.aliases ?? {};
    keys = keys.map((k) =>
      k === a.activity ? NAME : k === a.lifecycle ? LIFECYCLE_KEY : k === a.resource ? RESOURCE : k,
    );
    this.pair = !keys.includes(LIFECYCLE_KEY);
    return keys;
  }
}

function lifecycleOf(e: RecordedEvent): string | undefined {
  const v = e.attributes?.[LIFECYCLE_KEY];
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

/** XES classifier keys: separated by spaces, a key with spaces in single quotes (XES 2.0). */
export function splitKeys(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2]!);
  return out;
}
