/**
 * Dataset figures computed incrementally while cases stream in, so the dataset page never has to
 * re-read millions of events: cases, events, activity counts, variants (activity sequences in the
 * stored order), the most common variants and the time range.
 */
import type { RecordedCase } from '../../../shared/model/types';
import type { DatasetStats } from '../simulation/db';
import { AttributeProfiler } from './attributeProfile';

const SEP = '\u0001';

export class DatasetStatsAccumulator {
  private cases = 0;
  private events = 0;
  private readonly activities = new Map<string, number>();
  private readonly variants = new Map<string, number>();
  private first: number | null = null;
  private last: number | null = null;
  private readonly attributes = new AttributeProfiler();

  add(c: RecordedCase): void {
    this.cases++;
    this.attributes.add(c);
    this.events += c.events.length;
    const names: string[] = [];
    for (const e of c.events) {
      names.push(e.activity);
      this.activities.set(e.activity, (this.activities.get(e.activity) ?? 0) + 1);
      const t = e.timestamp;
      if (typeof t === 'number' && Number.isFinite(t)) {
        if (this.first === null || t < this.first) this.first = t;
        if (this.last === null || t > this.last) this.last = t;
      }
    }
    // every event adds SEP: a case of one unnamed event is not the empty case (both joined to '')
    const key = names.length === 0 ? '' : SEP + names.join(SEP);
    this.variants.set(key, (this.variants.get(key) ?? 0) + 1);
  }

  get caseCount(): number {
    return this.cases;
  }

  get eventCount(): number {
    return this.events;
  }

  /** Snapshot of the figures; `top` most common variants, ties broken by sequence for stable output. */
  result(top = 10): DatasetStats {
    const ranked = [...this.variants.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return {
      cases: this.cases,
      events: this.events,
      activities: Object.fromEntries([...this.activities.entries()].sort((a, b) => b[1] - a[1])),
      variants: this.variants.size,
      topVariants: ranked.slice(0, top).map(([k, n]) => ({ variant: k === '' ? [] : k.slice(1).split(SEP), cases: n })),
      firstTimestamp: this.first,
      lastTimestamp: this.last,
      attributes: this.attributes.result(),
    };
  }
}

/**
 * SOP gaps: recorded activities no state of the graph maps to (by `meta.activity`, else the state
 * name), most frequent first. These are the things people do that the SOP does not describe.
 */
export function sopGaps(
  stats: DatasetStats,
  stateActivities: Iterable<string>,
): Array<{ activity: string; events: number }> {
  const mapped = new Set(stateActivities);
  return Object.entries(stats.activities)
    .filter(([a]) => !mapped.has(a))
    .map(([activity, events]) => ({ activity, events }))
    .sort((a, b) => b.events - a.events);
}
