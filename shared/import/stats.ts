import type { RecordedCase } from '../model/types';
import type { LogStats } from './types';

export interface VariantCount {
  activities: string[];
  cases: number;
}

/** Separator for variant keys: a control character that real activity names don't contain. */
const SEP = '\u0001';

/**
 * Incremental log figures: feed cases one by one (e.g. from a Web Worker as they stream in).
 * Memory grows with distinct activities and variants, never with the number of cases.
 */
export class StatsCollector {
  cases = 0;
  events = 0;
  private readonly activities = new Map<string, number>();
  private readonly variants = new Map<string, number>();
  private first = Infinity;
  private last = -Infinity;

  add(c: RecordedCase): void {
    this.cases++;
    const events = c.events;
    this.events += events.length;
    let key = '';
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const a = e.activity;
      // "" is an event without an activity (XES 2.0 files, keepUnnamedEvents): an event, not an activity
      if (a !== '') this.activities.set(a, (this.activities.get(a) ?? 0) + 1);
      key += SEP + a; // every event adds SEP: a case of one unnamed event ("") is not the empty case ("")
      const t = e.timestamp;
      // a finite number only: Infinity would make result()'s toISOString throw
      if (typeof t === 'number' && Number.isFinite(t)) {
        if (t < this.first) this.first = t;
        if (t > this.last) this.last = t;
      }
    }
    this.variants.set(key, (this.variants.get(key) ?? 0) + 1);
  }

  result(): LogStats {
    const first = this.firstMs();
    const last = this.lastMs();
    return {
      cases: this.cases,
      events: this.events,
      activities: this.activities.size,
      variants: this.variants.size,
      firstTimestamp: first === null ? null : new Date(first).toISOString(),
      lastTimestamp: last === null ? null : new Date(last).toISOString(),
    };
  }

  /** Distinct variants so far. */
  get variantCount(): number {
    return this.variants.size;
  }

  /** The earliest event time (epoch ms), or null when no event has one. */
  firstMs(): number | null {
    return this.first === Infinity ? null : this.first;
  }

  /** The latest event time (epoch ms), or null when no event has one. */
  lastMs(): number | null {
    return this.last === -Infinity ? null : this.last;
  }

  /** The `limit` most frequent variants, most frequent first (ties: first seen first). */
  topVariants(limit = 10): VariantCount[] {
    return [...this.variants]
      .map(([key, cases], order) => ({ key, cases, order }))
      .sort((a, b) => b.cases - a.cases || a.order - b.order)
      .slice(0, limit)
      .map(({ key, cases }) => ({ activities: key === '' ? [] : key.slice(1).split(SEP), cases }));
  }

  /** Every activity with its event count, most frequent first. */
  activityCounts(): Array<{ activity: string; events: number }> {
    return [...this.activities].map(([activity, events]) => ({ activity, events })).sort((a, b) => b.events - a.events);
  }
}

/** Cases, events, distinct activities, variants (activity sequences as given) and time span. */
export async function computeStats(cases: AsyncIterable<RecordedCase> | Iterable<RecordedCase>): Promise<LogStats> {
  const collector = new StatsCollector();
  for await (const c of cases) collector.add(c);
  return collector.result();
}

/** The most frequent variants of a set of cases. */
export async function topVariants(
  cases: AsyncIterable<RecordedCase> | Iterable<RecordedCase>,
  limit = 10,
): Promise<VariantCount[]> {
  const collector = new StatsCollector();
  for await (const c of cases) collector.add(c);
  return collector.topVariants(limit);
}

/** Event count per activity, most frequent first. */
export async function activityCounts(
  cases: AsyncIterable<RecordedCase> | Iterable<RecordedCase>,
): Promise<Array<{ activity: string; events: number }>> {
  const collector = new StatsCollector();
  for await (const c of cases) collector.add(c);
  return collector.activityCounts();
}
