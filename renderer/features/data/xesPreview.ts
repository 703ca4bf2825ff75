/**
 * What the XES import step offers before the whole log is read: the classifiers the log declares
 * (`<classifier>`), the event attribute keys seen in its first traces (any of them can be the
 * classifier) and whether it carries lifecycle transitions. Read with the same shared/import
 * reader as the import, over the head of the file; the head ends mid-trace, so the reader's
 * "truncated" error is expected and what was read before it is kept.
 */
import { newSummary, readCases } from '../../../shared/import';

export interface XesPreview {
  classifiers: Array<{ name: string; keys: string[] }>;
  /** Event attribute keys of the first traces, most frequent first (org:resource included when seen). */
  eventKeys: string[];
  /** Lifecycle values of the first traces with their event counts. */
  lifecycle: Record<string, number>;
  tracesRead: number;
}

const MAX_TRACES = 200;

export async function previewXes(head: AsyncIterable<Uint8Array>): Promise<XesPreview> {
  const summary = newSummary();
  // name+lifecycle: the head's events are counted as they are, no start/complete pairing needed
  const cases = readCases(
    head,
    { format: 'xes', classifier: 'name+lifecycle', keepUnnamedEvents: true, skipInvalid: true },
    summary,
  );
  const keys = new Map<string, number>();
  let tracesRead = 0;
  try {
    for await (const c of cases) {
      tracesRead++;
      for (const e of c.events) {
        if (e.resource !== undefined) keys.set('org:resource', (keys.get('org:resource') ?? 0) + 1);
        for (const k of Object.keys(e.attributes ?? {})) keys.set(k, (keys.get(k) ?? 0) + 1);
      }
      if (tracesRead >= MAX_TRACES) break;
    }
  } catch {
    // the head is cut short on purpose; a log that cannot be read at all is reported by the import itself
  }
  return {
    classifiers: summary.classifiers,
    eventKeys: [...keys.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
    lifecycle: { ...summary.lifecycle },
    tracesRead,
  };
}

/** A classifier string for one attribute key (quoted when it holds spaces, as XES 2.0 writes keys). */
export function classifierForKey(key: string): string {
  return /\s/.test(key) ? `'${key}'` : key;
}
