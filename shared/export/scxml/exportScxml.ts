/**
 * Export a graph document as W3C SCXML (https://www.w3.org/TR/scxml/).
 *
 * Standard SCXML carries the statechart: `<state>` / `<parallel>` / `<final>` / `<history>`,
 * `initial`, and `<transition event cond target type>`. Everything SOP-specific rides in the
 * `sop:` namespace ({@link SOP_NS}), which SCXML allows on any element:
 * - `sop:tier`, `sop:activity`, `sop:agent`, `sop:tool`, `sop:owner` attributes (readable);
 * - `<sop:meta>` (the rest of `meta`: guardrails, notes, …) and `<sop:extra>` (any other config
 *   field) as JSON text, so the round trip SOP → SCXML → SOP is lossless;
 * - `<sop:document>` under `<scxml>`: the document's facts (name, version, rollout, caseSchema,
 *   agents, tools, layout, export history) as JSON.
 * Guards: `cond` holds the CEL expression and the root says `datamodel="cel"` (SCXML lets the
 * datamodel value be platform-specific; CEL is not ECMAScript and must not be run as such).
 * XState `after` delays become the SCXML idiom: a delayed `<send>` on entry, a `<cancel>` on exit
 * and a transition on that internal event, marked `sop:after` so import restores `after`.
 * `onDone` becomes a transition on `done.state.<id>` marked `sop:kind="onDone"`.
 */
import { flattenMachine, type FlatGraph, type FlatState, type FlatTransition } from '../../model/flatten';
import type { GraphDoc, StateConfig, TransitionConfig, TransitionSpec } from '../../model/types';
import { transitionList } from '../xstateJson';
import { escapeText, escapeXml, xmlJson, xmlSafe } from './xmlTree';
import { celToEcmascript } from './celToEcmascript';

export const SCXML_NS = 'http://www.w3.org/2005/07/scxml';
export const SOP_NS = 'https://sop-studio.dev/scxml';

/** Meta fields written as `sop:` attributes when they are strings. */
export const META_ATTRS = ['tier', 'activity', 'agent', 'tool', 'owner'] as const;
/** State config fields with an SCXML form; any other field goes to `<sop:extra>`. */
const STATE_MAPPED = new Set([
  'type',
  'initial',
  'states',
  'on',
  'always',
  'after',
  'meta',
  'history',
  'target',
  'onDone',
]);
const TRANSITION_MAPPED = new Set(['target', 'guard', 'meta']);
const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Id of the internal event an `after` delay becomes. */
function afterEventName(delay: string, stateId: string): string {
  return `sop.after.${delay}.${stateId}`;
}

function attr(name: string, value: string | undefined | null): string {
  return value === undefined || value === null ? '' : ` ${name}="${escapeXml(value)}"`;
}

function jsonElement(name: 'meta' | 'extra', value: Record<string, unknown>, indent: string): string {
  return Object.keys(value).length === 0 ? '' : `${indent}<sop:${name}>${escapeText(xmlJson(value))}</sop:${name}>\n`;
}

/** SCXML export options. */
export interface ScxmlOptions {
  /**
   * `cel` (default): `cond` holds the CEL guard, `datamodel="cel"`. `ecmascript`: for engines
   * that only evaluate ECMAScript — `cond` holds the guard translated to ECMAScript
   * (celToEcmascript; `false` where it cannot be), `datamodel="ecmascript"` with one `<data>` per
   * case field, and the CEL original kept in `sop:cond` (SOP Studio reads that back). The
   * ECMAScript is run by that engine, so it must run in the engine's own sandbox.
   */
  guards?: 'cel' | 'ecmascript';
}

class ScxmlWriter {
  private readonly flat: FlatGraph;
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly doc: GraphDoc,
    private readonly opts: ScxmlOptions = {},
  ) {
    this.flat = flattenMachine(doc.machine);
    // a state's key (dot path) is its SCXML id when it is a valid NCName; else a generated one
    let n = 0;
    const used = new Set(this.flat.stateOrder);
    for (const key of this.flat.stateOrder) {
      let id = key;
      if (!NCNAME.test(key)) {
        do id = `state_${++n}`;
        while (used.has(id));
      }
      this.ids.set(key, id);
    }
  }

  private metaAttrs(meta: Record<string, unknown> | undefined): { attrs: string; rest: Record<string, unknown> } {
    let attrs = '';
    const rest: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(meta ?? {})) {
      if ((META_ATTRS as readonly string[]).includes(k) && typeof v === 'string' && xmlSafe(v))
        attrs += attr(`sop:${k}`, v);
      else rest[k] = v;
    }
    return { attrs, rest };
  }

  private targetIds(t: FlatTransition | undefined, config: TransitionConfig): string | undefined {
    if (t) {
      const all = [...t.targets.map((k) => this.ids.get(k)!), ...t.unresolved];
      return all.length ? all.join(' ') : undefined;
    }
    return config.target === undefined ? undefined : ([] as string[]).concat(config.target).join(' ');
  }

  /**
   * SCXML's `event` is a list of space-separated tokens; an XState event name may hold spaces or
   * characters XML cannot carry. Such names keep their exact text in `sop:event` (JSON).
   */
  private eventAttrs(event: string | undefined): string {
    if (event === undefined) return '';
    const token = event.replace(/\s+/g, '_').replace(/[^\u0020-\uD7FF\uE000-\uFFFD]/gu, '_') || '_';
    return attr('event', token) + (token === event ? '' : attr('sop:event', xmlJson(event)));
  }

  private isWithin(key: string, source: string): boolean {
    return key === source || key.startsWith(`${source}.`);
  }

  private transition(
    source: FlatState,
    t: FlatTransition | undefined,
    config: TransitionConfig,
    indent: string,
    opts: { event?: string; marks?: string } = {},
  ): string {
    const g = config.guard as { type?: string; params?: { expr?: unknown } } | undefined;
    const cel =
      g && typeof g === 'object' && g.type === 'cel' && typeof g.params?.expr === 'string' && xmlSafe(g.params.expr)
        ? g.params.expr
        : undefined;
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (!TRANSITION_MAPPED.has(k)) extra[k] = v;
    if (g !== undefined && cel === undefined) extra.guard = g;
    const targets = t?.targets ?? [];
    // SCXML's default is an external transition (exits the source for a descendant target);
    // XState's default is not to re-enter: say "internal" where the difference matters.
    const internal =
      config.reenter !== true && targets.length > 0 && targets.every((k) => this.isWithin(k, source.key));
    const { attrs, rest } = this.metaAttrs(config.meta);
    const head = `${indent}<transition${this.eventAttrs(opts.event)}${this.condAttrs(cel)}${attr('target', this.targetIds(t, config))}${internal ? ' type="internal"' : ''}${attrs}${opts.marks ?? ''}`;
    const body = jsonElement('meta', rest, indent + '  ') + jsonElement('extra', extra, indent + '  ');
    return body ? `${head}>\n${body}${indent}</transition>\n` : `${head}/>\n`;
  }

  /** `cond` (and, for the ECMAScript datamodel, the CEL original in `sop:cond`). */
  private condAttrs(cel: string | undefined): string {
    if (cel === undefined) return '';
    if (this.opts.guards !== 'ecmascript') return attr('cond', cel);
    return attr('cond', celToEcmascript(cel) ?? 'false') + attr('sop:cond', cel);
  }

  private state(key: string, indent: string): string {
    const s = this.flat.states.get(key)!;
    const config: StateConfig = s.config;
    const id = this.ids.get(key)!;
    const tag =
      s.type === 'parallel' ? 'parallel' : s.type === 'final' ? 'final' : s.type === 'history' ? 'history' : 'state';
    const { attrs, rest } = this.metaAttrs(config.meta);
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config)) if (!STATE_MAPPED.has(k)) extra[k] = v;
    if (config.type === 'atomic' || config.type === 'compound') extra.type = config.type;
    let head = `${indent}<${tag}${attr('id', id)}${id === key ? '' : xmlSafe(s.name) ? attr('sop:name', s.name) : attr('sop:nameJson', xmlJson(s.name))}`;
    if (tag === 'state' && s.initial && config.initial !== undefined) head += attr('initial', this.ids.get(s.initial));
    if (tag === 'history') head += attr('type', typeof config.history === 'string' ? config.history : 'shallow');
    head += attrs;
    const inner = indent + '  ';
    let body = jsonElement('meta', rest, inner) + jsonElement('extra', extra, inner);
    const outgoing = this.flat.outgoing.get(key) ?? [];
    const numericAfters = Object.keys(config.after ?? {}).filter((d) => /^\d+$/.test(d));
    if (numericAfters.length > 0) {
      const sends = numericAfters
        .map(
          (d) =>
            `${inner}  <send event="${escapeXml(afterEventName(d, id))}" id="${escapeXml(afterEventName(d, id))}" delay="${d}ms"/>\n`,
        )
        .join('');
      const cancels = numericAfters
        .map((d) => `${inner}  <cancel sendid="${escapeXml(afterEventName(d, id))}"/>\n`)
        .join('');
      body += `${inner}<onentry>\n${sends}${inner}</onentry>\n${inner}<onexit>\n${cancels}${inner}</onexit>\n`;
    }
    if (tag === 'history') {
      const target = config.target as string | undefined;
      if (target !== undefined) {
        const sibling = s.parent ? `${s.parent}.${target}` : target;
        body += `${inner}<transition target="${escapeXml(this.ids.get(sibling) ?? target)}"/>\n`;
      }
    }
    for (const t of outgoing) {
      if (t.kind === 'always') body += this.transition(s, t, t.config, inner);
      else if (t.kind === 'on') body += this.transition(s, t, t.config, inner, { event: t.event ?? '' });
      else
        body += this.transition(s, t, t.config, inner, {
          event: afterEventName(t.event ?? '', id),
          marks: attr('sop:after', t.event),
        });
    }
    for (const done of transitionList(config.onDone as TransitionSpec | undefined)) {
      body += this.transition(s, this.resolveLoose(s, done), done, inner, {
        event: `done.state.${id}`,
        marks: ' sop:kind="onDone"',
      });
    }
    for (const child of s.children) body += this.state(child, inner);
    return body ? `${head}>\n${body}${indent}</${tag}>\n` : `${head}/>\n`;
  }

  /** Resolve an `onDone` transition (not in the flat view) as XState does: `#id`, `.child`, or a sibling. */
  private resolveLoose(s: FlatState, config: TransitionConfig): FlatTransition | undefined {
    const raws = config.target === undefined ? [] : ([] as string[]).concat(config.target);
    const targets: string[] = [];
    const unresolved: string[] = [];
    for (const raw of raws) {
      let key: string | undefined;
      if (raw.startsWith('#')) key = this.flat.ids.get(raw.slice(1));
      else if (raw.startsWith('.')) key = `${s.key}${raw}`;
      else key = s.parent ? `${s.parent}.${raw}` : raw;
      if (key !== undefined && this.flat.states.has(key)) targets.push(key);
      else unresolved.push(raw);
    }
    return {
      id: `${s.key}|onDone`,
      source: s.key,
      kind: 'on',
      event: null,
      order: 0,
      targets,
      unresolved,
      guardExpr: null,
      otherGuard: null,
      tier: undefined,
      config,
      path: [],
    };
  }

  document(): string {
    const { machine } = this.doc;
    const { machine: _machine, ...facts } = this.doc;
    void _machine;
    const rootExtra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(machine)) if (!['states', 'initial', 'type'].includes(k)) rootExtra[k] = v;
    const initial = machine.initial && this.flat.initial ? attr('initial', this.ids.get(this.flat.initial)) : '';
    let out = `<?xml version="1.0" encoding="UTF-8"?>\n`;
    const name = typeof machine.id === 'string' && xmlSafe(machine.id) ? machine.id : undefined;
    const ecma = this.opts.guards === 'ecmascript';
    out += `<scxml xmlns="${SCXML_NS}" xmlns:sop="${SOP_NS}" version="1.0" datamodel="${ecma ? 'ecmascript' : 'cel'}"${attr('name', name)}${initial}${machine.type === 'parallel' ? ' sop:type="parallel"' : ''}>\n`;
    out += `  <sop:document>${escapeText(xmlJson(facts))}</sop:document>\n`;
    if (ecma) {
      // the case fields guards read, as data the engine's session fills in (top-level names)
      const fields = [...new Set(Object.keys(this.doc.caseSchema ?? {}).map((f) => f.split('.')[0]!))].filter((f) =>
        /^[A-Za-z_][\w]*$/.test(f),
      );
      if (fields.length)
        out += `  <datamodel>\n${fields.map((f) => `    <data${attr('id', f)}/>\n`).join('')}  </datamodel>\n`;
    }
    out += jsonElement('extra', rootExtra, '  ');
    const topLevel = this.flat.stateOrder.filter((k) => this.flat.states.get(k)!.parent === null);
    for (const key of topLevel) out += this.state(key, '  ');
    return out + '</scxml>\n';
  }
}

/** The SCXML text of a graph document. Pure; never throws on a well-typed document. */
export function exportScxml(doc: GraphDoc, opts: ScxmlOptions = {}): string {
  return new ScxmlWriter(doc, opts).document();
}
