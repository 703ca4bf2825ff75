/**
 * The attributes guards can use, profiled while cases stream in (issue #10): each case and event
 * attribute with its inferred case-schema type, how many cases have it (an event attribute counts
 * once per case that has it on any event) and a few distinct sample values. Keys come from the
 * log, so every table is a Map (no prototype keys to trip over).
 */
import type { AttrValue, FieldType, RecordedCase } from '../../../shared/model/types';

export interface AttributeInfo {
  name: string;
  scope: 'case' | 'event';
  type: FieldType;
  /** Cases that have a non-null value of it. */
  cases: number;
  samples: string[];
}

const MAX_SAMPLES = 5;
const MAX_SAMPLE_CHARS = 40;
/** Past this many attributes per scope the rest are not profiled (a log with a column per row). */
const MAX_ATTRIBUTES = 500;

type Kind = 'int' | 'number' | 'bool' | 'timestamp' | 'string' | 'list' | 'map';

function kindOf(v: AttrValue): Kind {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'number';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof Date) return 'timestamp';
  if (Array.isArray(v)) return 'list';
  return 'map';
}

/** The type that holds both: int widens to number; anything else mixed reads as string. */
function widen(a: Kind, b: Kind): Kind {
  if (a === b) return a;
  if ((a === 'int' && b === 'number') || (a === 'number' && b === 'int')) return 'number';
  return 'string';
}

function sampleText(v: AttrValue): string {
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > MAX_SAMPLE_CHARS ? `${s.slice(0, MAX_SAMPLE_CHARS - 1)}…` : s;
}

class Tally {
  kind: Kind | null = null;
  cases = 0;
  lastCase = -1;
  readonly samples = new Set<string>();

  see(v: AttrValue, caseIndex: number): void {
    if (v === null || v === undefined) return;
    const k = kindOf(v);
    this.kind = this.kind === null ? k : widen(this.kind, k);
    if (this.lastCase !== caseIndex) {
      this.lastCase = caseIndex;
      this.cases++;
    }
    if (this.samples.size < MAX_SAMPLES) this.samples.add(sampleText(v));
  }
}

export class AttributeProfiler {
  private readonly caseAttrs = new Map<string, Tally>();
  private readonly eventAttrs = new Map<string, Tally>();
  private index = 0;

  add(c: RecordedCase): void {
    const i = this.index++;
    for (const [k, v] of Object.entries(c.attributes)) tally(this.caseAttrs, k).see(v, i);
    for (const e of c.events) {
      if (e.resource !== undefined) tally(this.eventAttrs, 'org:resource').see(e.resource, i);
      if (e.attributes) for (const [k, v] of Object.entries(e.attributes)) tally(this.eventAttrs, k).see(v, i);
    }
  }

  /** Case attributes first, then event attributes; each by coverage (most cases first), then name. */
  result(): AttributeInfo[] {
    const list = (scope: 'case' | 'event', m: Map<string, Tally>): AttributeInfo[] =>
      [...m.entries()]
        .filter(([, t]) => t.kind !== null)
        .map(([name, t]) => ({ name, scope, type: t.kind as FieldType, cases: t.cases, samples: [...t.samples] }))
        .sort((a, b) => b.cases - a.cases || (a.name < b.name ? -1 : 1));
    return [...list('case', this.caseAttrs), ...list('event', this.eventAttrs)];
  }
}

/** Where values of attributes past MAX_ATTRIBUTES go: never in a map, so never reported. */
const DROPPED = new Tally();

function tally(m: Map<string, Tally>, key: string): Tally {
  let t = m.get(key);
  if (!t) {
    if (m.size >= MAX_ATTRIBUTES) return DROPPED;
    m.set(key, (t = new Tally()));
  }
  return t;
}
