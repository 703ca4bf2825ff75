/**
 * Dataset figures computed incrementally while cases stream in, so the dataset page never has to
 * re-read millions of events: cases, events, activity counts, variants (activity sequences in the
 * stored order), the most common variants and the time range.
 */
import type { RecordedCase } from '../../../shared/model/types';
import type { DatasetStats } from '../simulation/db';
import { StatsCollector } from '../../../shared/import/stats';
import { AttributeProfiler } from './attributeProfile';

/** The shared figures (shared/import/stats.ts, as the CLI computes them) plus the attribute profile. */
export class DatasetStatsAccumulator {
  private readonly figures = new StatsCollector();
  private readonly attributes = new AttributeProfiler();

  add(c: RecordedCase): void {
    this.figures.add(c);
    this.attributes.add(c);
  }

  get caseCount(): number {
    return this.figures.cases;
  }

  get eventCount(): number {
    return this.figures.events;
  }

  /** Snapshot of the figures; the `top` most common variants (ties: first seen first). */
  result(top = 10): DatasetStats {
    const f = this.figures;
    return {
      cases: f.cases,
      events: f.events,
      activities: Object.fromEntries(f.activityCounts().map(({ activity, events }) => [activity, events])),
      variants: f.variantCount,
      topVariants: f.topVariants(top).map(({ activities, cases }) => ({ variant: activities, cases })),
      firstTimestamp: f.firstMs(),
      lastTimestamp: f.lastMs(),
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
