/**
 * Export a graph as XState v5 machine JSON.
 *
 * The output is ONE object that is both (a) a config `createMachine` takes unchanged and (b) valid
 * against XState's own machine JSON schema (`machine.schema.json`, the shape of
 * `machine.toJSON()`). We cannot ship `machine.toJSON()` itself: it drops `always` transitions,
 * guards and transition `meta` (tiers) — exactly the parts an SOP is about. So the exporter
 * writes the config in the schema's normalized form instead:
 * - every state has `id` (its XState id), `key` and an explicit `type`; atomic states carry `on`;
 * - every transition is an object with `target: string[]` of absolute `#id` references,
 *   `actions: object[]`, `source: '#id'` and (in `on`) `eventType`, plus `guard`, `meta`, …;
 * - a compound `initial` is `{ target: [childKey], source, actions: [] }`. XState looks the
 *   child up with `states[initial.target]`; a one-element array is a property key equal to its
 *   element, so the same object satisfies the schema and `createMachine` (pinned by tests).
 * CEL guards stay `{ type: 'cel', params: { expr } }`: the runtime supplies the one `cel` guard.
 * The SOP facts a runtime needs (rollout, caseSchema, agents, tools) ride in the root
 * `meta.sop`, so the file alone is enough to run the graph.
 */
import { flattenMachine, type FlatGraph, type FlatState } from '../model/flatten';
import type { GraphDoc, StateConfig, TransitionConfig, TransitionSpec } from '../model/types';

type Json = Record<string, unknown>;

/** Fields of a state config the exporter rewrites; any other field is passed through as is. */
const STATE_REWRITTEN = new Set(['id', 'key', 'type', 'initial', 'states', 'on', 'always', 'after', 'entry', 'exit']);
const TRANSITION_REWRITTEN = new Set(['target', 'actions', 'source', 'eventType']);

/** What the machine root id is when the document names none: a safe slug of the graph name. */
export function machineIdOf(doc: GraphDoc): string {
  if (typeof doc.machine.id === 'string' && doc.machine.id) return doc.machine.id;
  const slug = doc.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'sop';
}

/** Actions as the schema wants them: an array of `{ type, … }` objects. */
function actionObjects(actions: unknown): Json[] {
  if (actions === undefined || actions === null) return [];
  const list = Array.isArray(actions) ? actions : [actions];
  return list.map((a) => (typeof a === 'string' ? { type: a } : (a as Json)));
}

/** A transition spec as a list of configs (a string is a target), for the exporters. */
export function transitionList(spec: TransitionSpec | undefined): TransitionConfig[] {
  if (spec === undefined || spec === null) return [];
  return (Array.isArray(spec) ? spec : [spec]).map((t) => (typeof t === 'string' ? { target: t } : t));
}

class Exporter {
  private readonly flat: FlatGraph;
  private readonly rootId: string;

  constructor(private readonly doc: GraphDoc) {
    this.rootId = machineIdOf(doc);
    this.flat = flattenMachine({ ...doc.machine, id: this.rootId });
  }

  /** The XState id of a state: its own `id`, else `<machine>.<dot path>` (XState's default). */
  stateId(key: string): string {
    const config = this.flat.states.get(key)?.config;
    return typeof config?.id === 'string' && config.id ? config.id : `${this.rootId}.${key}`;
  }

  private transitions(source: FlatState | null, kind: 'always' | 'on' | 'after', event: string | null, spec: TransitionSpec | undefined): Json[] {
    const sourceKey = source?.key ?? '';
    // flattenMachine already resolved every target; reuse it so resolution lives in one place
    const flatList = source ? (this.flat.outgoing.get(sourceKey) ?? []).filter((t) => t.kind === kind && t.event === event) : [];
    return transitionList(spec).map((config, i) => {
      const flat = flatList[i];
      const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !TRANSITION_REWRITTEN.has(k)));
      const target = flat ? [...flat.targets.map((k) => `#${this.stateId(k)}`), ...flat.unresolved] : config.target === undefined ? [] : ([] as string[]).concat(config.target);
      const out: Json = { target, actions: actionObjects(config.actions), source: source ? `#${this.stateId(sourceKey)}` : `#${this.rootId}` };
      if (kind === 'on' && event !== null) out.eventType = event;
      return { ...out, ...rest };
    });
  }

  private transitionMap(source: FlatState | null, kind: 'on' | 'after', map: Record<string, TransitionSpec> | undefined): Json {
    return Object.fromEntries(Object.entries(map ?? {}).map(([event, spec]) => [event, this.transitions(source, kind, event, spec)]));
  }

  state(key: string): Json {
    const s = this.flat.states.get(key)!;
    return this.node(s.config, s, s.name, this.stateId(key));
  }

  private node(config: StateConfig, s: FlatState | null, name: string, id: string): Json {
    const type = s?.type ?? (config.type === 'parallel' ? 'parallel' : 'compound');
    const out: Json = { id, key: name, type };
    const childKeys = s ? s.children : Object.keys(config.states ?? {});
    if (type === 'compound' && childKeys.length > 0) {
      const initialKey = s ? s.initial : this.flat.initial;
      const initialName = initialKey ? initialKey.slice(initialKey.lastIndexOf('.') + 1) : null;
      if (initialName) out.initial = { target: [initialName], source: `#${id}`, actions: [] };
    }
    if (childKeys.length > 0) out.states = Object.fromEntries(childKeys.map((k) => [k.slice(k.lastIndexOf('.') + 1), this.state(k)]));
    if (type !== 'final' && type !== 'history') out.on = this.transitionMap(s, 'on', config.on);
    if (config.always !== undefined) out.always = this.transitions(s, 'always', null, config.always);
    if (config.after !== undefined) out.after = this.transitionMap(s, 'after', config.after);
    if (config.entry !== undefined) out.entry = actionObjects(config.entry);
    if (config.exit !== undefined) out.exit = actionObjects(config.exit);
    if (type === 'history') out.history = config.history ?? 'shallow';
    for (const [k, v] of Object.entries(config)) if (!STATE_REWRITTEN.has(k) && !(k in out)) out[k] = v;
    return out;
  }

  machine(): Json {
    const { machine } = this.doc;
    const root = this.node(machine, null, this.rootId, this.rootId);
    const sop = { format: this.doc.format, name: this.doc.name, version: this.doc.version, rollout: this.doc.rollout, caseSchema: this.doc.caseSchema, agents: this.doc.agents, tools: this.doc.tools };
    root.meta = { ...(machine.meta ?? {}), sop };
    return root;
  }
}

/** The normalized XState config object (see the module comment for its shape). */
export function toXStateConfig(doc: GraphDoc): Record<string, unknown> {
  return new Exporter(doc).machine();
}

/** XState machine JSON text, pretty-printed, ending in a newline. */
export function exportXStateJson(doc: GraphDoc): string {
  return JSON.stringify(toXStateConfig(doc), null, 2) + '\n';
}
