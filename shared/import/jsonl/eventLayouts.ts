/**
 * Key layouts of JSONL event lines (issue #18). The lines of a log usually come out of JSON.parse
 * with the same keys in the same (for-in) order, and everything the reader decides from the keys
 * alone — which key is the case id, the activity, … (the first of each role's names the line
 * holds), which are ignored, which are case attributes (and their names without "case:") —
 * depends on those keys only. So it is decided once per layout: the reader then walks a line's
 * keys comparing each with the layout's key at that position (JSON.parse's keys are internalized
 * strings: a pointer compare) instead of probing up to 5 names per role and testing every key
 * against the reserved names and "case:" (together a quarter of the reader's own time on the
 * 1M-event bench log). A line whose keys differ is read by another layout, or the plain way.
 */
import { FORBIDDEN_NAMES } from '../dictionaries';
import type { ColumnMapping } from '../types';

type Json = Record<string, unknown>;

/** The names each role may have in an event line, in priority order, and the ignored ones. */
export interface EventKeys {
  caseId: string[];
  activity: string[];
  timestamp: string[];
  resource: string[];
  lifecycle: string[];
  startTimestamp: string[];
  ignore: Set<string>;
}

export function eventKeys(mapping: ColumnMapping | undefined): EventKeys {
  if (mapping) {
    const one = (k: string | undefined): string[] => (k ? [k] : []);
    return {
      caseId: [mapping.caseId],
      activity: [mapping.activity],
      timestamp: one(mapping.timestamp),
      resource: one(mapping.resource),
      lifecycle: one(mapping.lifecycle),
      startTimestamp: one(mapping.startTimestamp),
      ignore: new Set(mapping.ignore ?? []),
    };
  }
  return {
    caseId: ['caseId', 'case:concept:name', 'case_id', 'CaseID', 'case'],
    activity: ['activity', 'concept:name', 'Activity', 'ActivityID'],
    timestamp: ['timestamp', 'time:timestamp', 'CompleteTimestamp'],
    resource: ['resource', 'org:resource'],
    lifecycle: ['lifecycle', 'lifecycle:transition'],
    startTimestamp: ['start', 'start_timestamp', 'start:timestamp'],
    ignore: new Set(),
  };
}

/**
 * The first of `names` the line holds. Event lines keep JSON.parse's prototype, so a mapped name
 * like "toString" must not find an inherited member: JSON holds no functions, and an own
 * `__proto__` key is refused (eventLine).
 */
export function pick(obj: Json, names: string[]): string | undefined {
  for (const n of names) {
    const v = obj[n];
    if (v !== undefined && typeof v !== 'function' && n !== '__proto__') return n;
  }
  return undefined;
}

/** What a key of a layout is for. */
export const ROLE = 0;
const IGNORED = 1;
export const ATTR = 2;
export const CASE_ATTR = 3;
/** The key "attributes": its value's keys are the event's when it is an object, else it is one attribute. */
export const ATTRIBUTES = 4;

export interface Layout {
  /** The keys, in for-in order. */
  readonly keys: readonly string[];
  /** What each key is for (ROLE … ATTRIBUTES). */
  readonly uses: readonly number[];
  /** Each key's attribute name: a case attribute's without "case:". */
  readonly names: readonly string[];
  /** The index in `keys` of the key each role takes, -1 for none (one key may take several roles). */
  readonly caseId: number;
  readonly activity: number;
  readonly timestamp: number;
  readonly resource: number;
  readonly lifecycle: number;
  readonly start: number;
}

/** Layouts kept per read: more than this many, and the others' lines are read the plain way. */
const MAX_LAYOUTS = 64;
/** Lines of no kept layout after which layouts are no longer looked up (a log of ever-changing keys). */
const MAX_MISSES = 1000;

/** The layouts met so far in one read, and the one the last event line had. */
export class Layouts {
  current: Layout | undefined;
  private readonly known = new Map<string, Layout>();
  private misses = 0;

  constructor(private readonly names: EventKeys) {}

  /**
   * The layout of `obj` (met before or made now), which becomes the current one; undefined when the
   * line holds a reserved key (the plain way refuses it, in its order) or is of no kept layout.
   */
  find(obj: Json): Layout | undefined {
    if (this.misses >= MAX_MISSES) return undefined;
    const keys: string[] = [];
    for (const k in obj) {
      if (FORBIDDEN_NAMES.has(k)) return undefined;
      keys.push(k);
    }
    const id = JSON.stringify(keys);
    let layout = this.known.get(id);
    if (layout === undefined) {
      if (this.known.size >= MAX_LAYOUTS) {
        this.misses++;
        return undefined;
      }
      layout = makeLayout(obj, keys, this.names);
      this.known.set(id, layout);
    }
    return (this.current = layout);
  }
}

/** What the plain way (eventLine's pick and key tests) makes of each of `obj`'s keys. */
function makeLayout(obj: Json, keys: string[], names: EventKeys): Layout {
  const role = [
    pick(obj, names.caseId),
    pick(obj, names.activity),
    pick(obj, names.timestamp),
    pick(obj, names.resource),
    pick(obj, names.lifecycle),
    pick(obj, names.startTimestamp),
  ];
  const uses = keys.map((k) =>
    role.includes(k)
      ? ROLE
      : names.ignore.has(k)
        ? IGNORED
        : k === 'attributes'
          ? ATTRIBUTES
          : k.startsWith('case:')
            ? CASE_ATTR
            : ATTR,
  );
  // -1 also for a name pick() found on Object.prototype (a non-function member some code gave it):
  // the line has no such key, as the plain reader (readJsonlPlain, its copy inherits nothing) sees it
  const at = (k: string | undefined) => (k === undefined ? -1 : keys.indexOf(k));
  return {
    keys,
    uses,
    names: keys.map((k, i) => (uses[i] === CASE_ATTR ? k.slice(5) : k)),
    caseId: at(role[0]),
    activity: at(role[1]),
    timestamp: at(role[2]),
    resource: at(role[3]),
    lifecycle: at(role[4]),
    start: at(role[5]),
  };
}
