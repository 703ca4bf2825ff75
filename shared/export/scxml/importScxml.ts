/**
 * Import W3C SCXML into a graph document (and so into an XState config).
 *
 * Mapping: `<state>` / `<parallel>` / `<final>` / `<history>` keep their ids as state names (a
 * dot path id written by the exporter, "review.collect", becomes the name "collect" under
 * "review"); `<transition>` becomes `always` (no event), `on` (one entry per event token) or,
 * when the `sop:` marks say so, `after` / `onDone`. `done.state.X` becomes XState's own
 * `xstate.done.state.<id>` event. Targets are written as a sibling name or `#<machine>.<key>`.
 *
 * Conditions are never evaluated as code. With `datamodel="cel"` (what the exporter writes) a
 * `cond` is a CEL guard. Otherwise only forms that need no expression engine are understood:
 * `true`, `false`, `In('id')`, `!In('id')`. Executable content maps to parameterized actions
 * (`scxml.raise`, `scxml.send`, `scxml.cancel`) when it carries no expression; `<log>` is dropped
 * (it changes no state). Everything else — ECMAScript `cond`/`expr`, `<assign>`, `<script>`,
 * `<if>`, `<foreach>`, `<invoke>`, `<donedata>`, datamodel values, deep initial states — is
 * reported in `unsupported` (the document still imports, without that behaviour).
 *
 * Event descriptors: SCXML's "foo" also matches "foo.bar"; in XState that is "foo.*" (which
 * matches "foo" too). Documents written by SOP Studio keep their event names exactly.
 */
import { withDefaults } from '../../model/defaults';
import { hostileShapeProblems, MAX_STATE_DEPTH } from '../../model/hostileShape';
import type { GraphDoc, MachineConfig, StateConfig, TransitionConfig } from '../../model/types';
import { META_ATTRS, SCXML_NS, SOP_NS } from './exportScxml';
import { parseXml, type XmlElement } from './xmlTree';

export interface ScxmlImportResult {
  doc: GraphDoc;
  /** Behaviour that has no faithful expression-free form, with how often it occurs. Empty: fully imported. */
  unsupported: string[];
  /** SCXML id → state key, and back. */
  keyOf: Map<string, string>;
  scxmlIdOf: Map<string, string>;
  /** True when the file carries `<sop:document>` (written by SOP Studio). */
  fromSop: boolean;
}

export class ScxmlImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScxmlImportError';
  }
}

const STATE_TAGS = new Set(['state', 'parallel', 'final', 'history']);
const SEND_OK_ATTRS = new Set(['event', 'delay', 'id', 'target', 'type']);
const SCXML_PROCESSOR = 'http://www.w3.org/TR/scxml/#SCXMLEventProcessor';

interface Node {
  el: XmlElement;
  id: string;
  key: string;
  name: string;
  parent: Node | null;
  children: Node[];
  extra: Record<string, unknown>;
}

const sopAttr = (el: XmlElement, name: string): string | undefined => el.attrs[`{${SOP_NS}}${name}`];
const isScxml = (el: XmlElement) => el.ns === SCXML_NS || el.ns === '';

function jsonChild(el: XmlElement, name: string): Record<string, unknown> {
  const child = el.children.find((c) => c.ns === SOP_NS && c.name === name);
  if (!child) return {};
  try {
    // a "__proto__" key here would become an object's prototype once copied with Object.assign
    const value = JSON.parse(child.text, (key, v: unknown) => {
      if (key === '__proto__') throw new ScxmlImportError(`<sop:${name}> has a "__proto__" key (not allowed)`);
      return v;
    }) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch (e) {
    if (e instanceof ScxmlImportError) throw e;
    throw new ScxmlImportError(`<sop:${name}> is not valid JSON`);
  }
}

/** A JSON-valued `sop:` attribute written by the exporter. */
function jsonAttr(text: string): string {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'string') return v;
  } catch {
    // fall through
  }
  throw new ScxmlImportError(`invalid JSON string in a sop: attribute: ${text.slice(0, 40)}`);
}

/** CSS2 time ("1s", "500ms", ".5s") → milliseconds; null when not a time. */
function delayMs(text: string): number | null {
  const m = /^\s*(\d*\.?\d+)\s*(ms|s)?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return Math.round(m[2] === 's' ? n * 1000 : n);
}

class Importer {
  readonly unsupported = new Map<string, number>();
  readonly keyOf = new Map<string, string>();
  readonly scxmlIdOf = new Map<string, string>();
  private readonly byKey = new Map<string, Node>();
  private generated = 0;
  readonly fromSop: boolean;
  private readonly celConds: boolean;
  private machineId = 'scxml';

  constructor(private readonly root: XmlElement) {
    this.fromSop = root.children.some((c) => c.ns === SOP_NS && c.name === 'document');
    this.celConds = root.attrs.datamodel === 'cel';
  }

  private unsupport(reason: string): void {
    this.unsupported.set(reason, (this.unsupported.get(reason) ?? 0) + 1);
  }

  /** Pass 1: ids, names and keys, so targets anywhere can be resolved. */
  private index(el: XmlElement, parent: Node | null, siblings: Set<string>, depth = 1): Node {
    // refused before keys are built: a key repeats its parent's, so deep nesting is quadratic
    if (depth > MAX_STATE_DEPTH)
      throw new ScxmlImportError(
        `states are nested more than ${MAX_STATE_DEPTH} levels deep (at <${el.name}${el.attrs.id ? ` id="${el.attrs.id.slice(0, 40)}"` : ''}>); the limit is ${MAX_STATE_DEPTH} levels`,
      );
    const id = el.attrs.id ?? `_generated_${++this.generated}`;
    const nameJson = sopAttr(el, 'nameJson');
    let name =
      (nameJson !== undefined ? jsonAttr(nameJson) : undefined) ??
      sopAttr(el, 'name') ??
      (parent && id.startsWith(`${parent.id}.`) && !id.slice(parent.id.length + 1).includes('.')
        ? id.slice(parent.id.length + 1)
        : id);
    name = name.replace(/\./g, '_');
    while (siblings.has(name)) name += '_';
    siblings.add(name);
    const key = parent ? `${parent.key}.${name}` : name;
    const node: Node = { el, id, key, name, parent, children: [], extra: jsonChild(el, 'extra') };
    if (this.keyOf.has(id)) throw new ScxmlImportError(`duplicate state id "${id}"`);
    this.keyOf.set(id, key);
    this.scxmlIdOf.set(key, id);
    this.byKey.set(key, node);
    const names = new Set<string>();
    for (const c of el.children)
      if (isScxml(c) && STATE_TAGS.has(c.name)) node.children.push(this.index(c, node, names, depth + 1));
    return node;
  }

  /** How a transition written on `from` (whose targets resolve among `from`'s siblings) names `to`. */
  private targetRef(fromParentKey: string | null, toKey: string): string {
    const to = this.byKey.get(toKey)!;
    if ((to.parent?.key ?? null) === fromParentKey) return to.name;
    return typeof to.extra.id === 'string' ? `#${to.extra.id}` : `#${this.machineId}.${toKey}`;
  }

  private targets(attr: string | undefined, fromParentKey: string | null): { refs: string[]; keys: string[] } {
    const refs: string[] = [];
    const keys: string[] = [];
    for (const id of (attr ?? '').split(/\s+/).filter(Boolean)) {
      const key = this.keyOf.get(id);
      if (key === undefined) throw new ScxmlImportError(`transition target "${id}" is not a state`);
      keys.push(key);
      refs.push(this.targetRef(fromParentKey, key));
    }
    return { refs, keys };
  }

  private meta(el: XmlElement): Record<string, unknown> | undefined {
    const meta: Record<string, unknown> = {};
    for (const k of META_ATTRS) {
      const v = sopAttr(el, k);
      if (v !== undefined) meta[k] = v;
    }
    Object.assign(meta, jsonChild(el, 'meta'));
    return Object.keys(meta).length ? meta : undefined;
  }

  private guard(cond: string): TransitionConfig['guard'] | undefined {
    if (this.celConds) return { type: 'cel', params: { expr: cond } };
    const c = cond.trim();
    if (c === 'true') return undefined;
    if (c === 'false') return { type: 'scxml.literal', params: { value: false } };
    const m = /^(!?)\s*In\(\s*(['"])([^'"]+)\2\s*\)$/.exec(c);
    if (m && this.keyOf.has(m[3]!))
      return { type: m[1] ? 'scxml.notIn' : 'scxml.in', params: { state: this.keyOf.get(m[3]!)! } };
    this.unsupport('ECMAScript cond (not evaluated)');
    return { type: 'scxml.unsupported', params: { cond } };
  }

  /** Executable content → parameterized actions; anything needing an expression is reported. */
  private actions(elements: XmlElement[], where: string): unknown[] {
    const out: unknown[] = [];
    for (const el of elements) {
      if (el.ns === SOP_NS) continue;
      if (!isScxml(el)) {
        this.unsupport(`foreign element <${el.name}> in ${where}`);
        continue;
      }
      const a = el.attrs;
      if (el.name === 'raise' && a.event) out.push({ type: 'scxml.raise', params: { event: a.event } });
      else if (el.name === 'log') continue;
      else if (el.name === 'cancel' && a.sendid !== undefined && this.fromSop && a.sendid.startsWith('sop.after.'))
        continue; // regenerated from `after`
      else if (el.name === 'cancel' && a.sendid !== undefined)
        out.push({ type: 'scxml.cancel', params: { sendid: a.sendid } });
      else if (el.name === 'send') {
        const bad = Object.keys(a).filter((k) => !k.startsWith('{') && !k.includes(':') && !SEND_OK_ATTRS.has(k));
        const delay = a.delay === undefined ? 0 : delayMs(a.delay);
        if (bad.length || el.children.length || !a.event)
          this.unsupport(
            `<send> with ${bad.length ? bad.join('/') : el.children.length ? '<param>/<content>' : 'no event'}`,
          );
        else if (a.target !== undefined && a.target !== '#_internal') this.unsupport(`<send target="${a.target}">`);
        else if (a.type !== undefined && a.type !== SCXML_PROCESSOR && a.type !== 'scxml')
          this.unsupport(`<send type="${a.type}">`);
        else if (delay === null) this.unsupport(`<send delay="${a.delay}">`);
        else if (this.fromSop && a.event.startsWith('sop.after.'))
          continue; // regenerated from `after`
        else
          out.push({
            type: 'scxml.send',
            params: {
              event: a.event,
              ...(delay ? { delay } : {}),
              ...(a.id ? { id: a.id } : {}),
              ...(a.target === '#_internal' ? { internal: true } : {}),
            },
          });
      } else if (el.name === 'cancel') this.unsupport('<cancel sendidexpr>');
      else if (['assign', 'script', 'if', 'foreach'].includes(el.name))
        this.unsupport(`<${el.name}> (needs the ECMAScript datamodel)`);
      else this.unsupport(`<${el.name}> in ${where}`);
    }
    return out;
  }

  private eventKeys(event: string, source: Node): string[] {
    const keys: string[] = [];
    for (const token of event.split(/\s+/).filter(Boolean)) {
      if (this.fromSop) keys.push(token);
      else if (token === '*') keys.push('*');
      else if (token.startsWith('done.state.')) {
        const key = this.keyOf.get(token.slice('done.state.'.length).replace(/\.\*$/, ''));
        if (key === undefined) this.unsupport('done.state event of an unknown state');
        else keys.push(`xstate.done.state.${this.xstateId(key)}`);
      } else if (token.startsWith('done.invoke')) this.unsupport('done.invoke events (<invoke>)');
      else keys.push(token.endsWith('.*') ? token : `${token.replace(/\.$/, '')}.*`);
    }
    void source;
    return keys;
  }

  private xstateId(key: string): string {
    const n = this.byKey.get(key)!;
    return typeof n.extra.id === 'string' ? n.extra.id : `${this.machineId}.${key}`;
  }

  private transition(el: XmlElement, source: Node, fromParentKey: string | null): TransitionConfig {
    const { refs, keys } = this.targets(el.attrs.target, fromParentKey);
    const config: TransitionConfig = {};
    if (refs.length === 1) config.target = refs[0];
    else if (refs.length > 1) config.target = refs;
    // sop:cond keeps the CEL original of a guard exported for the ECMAScript datamodel
    const celOriginal = sopAttr(el, 'cond');
    if (celOriginal !== undefined) config.guard = { type: 'cel', params: { expr: celOriginal } };
    else if (el.attrs.cond !== undefined) {
      const g = this.guard(el.attrs.cond);
      if (g !== undefined) config.guard = g;
    }
    const meta = this.meta(el);
    if (meta) config.meta = meta;
    const actions = this.actions(el.children, '<transition>');
    if (actions.length) config.actions = actions;
    const within = keys.length > 0 && keys.every((k) => k === source.key || k.startsWith(`${source.key}.`));
    if (within && el.attrs.type !== 'internal') config.reenter = true;
    Object.assign(config, jsonChild(el, 'extra'));
    return config;
  }

  private state(node: Node): StateConfig {
    const { el } = node;
    const config: StateConfig = {};
    if (el.name === 'parallel') config.type = 'parallel';
    else if (el.name === 'final') config.type = 'final';
    else if (el.name === 'history') {
      config.type = 'history';
      config.history = el.attrs.type === 'deep' ? 'deep' : 'shallow';
    }
    const meta = this.meta(el);
    if (meta) config.meta = meta;
    this.initialOf(node, config);
    const entry: unknown[] = [];
    const exit: unknown[] = [];
    // event names come from the file: null-prototype dictionaries ("__proto__" is then refused below)
    const on = Object.create(null) as Record<string, TransitionConfig[]>;
    const always: TransitionConfig[] = [];
    const after = Object.create(null) as Record<string, TransitionConfig[]>;
    const onDone: TransitionConfig[] = [];
    const parentKey = node.parent?.key ?? null;
    for (const c of el.children) {
      if (c.ns === SOP_NS) continue;
      if (!isScxml(c)) {
        this.unsupport(`foreign element <${c.name}>`);
        continue;
      }
      if (STATE_TAGS.has(c.name) || c.name === 'initial') continue;
      if (c.name === 'onentry') entry.push(...this.actions(c.children, '<onentry>'));
      else if (c.name === 'onexit') exit.push(...this.actions(c.children, '<onexit>'));
      else if (c.name === 'transition' && el.name === 'history') {
        const { refs } = this.targets(c.attrs.target, parentKey);
        if (refs.length === 1) config.target = refs[0];
        else if (refs.length > 1) this.unsupport('history default with several targets');
        if (c.children.some((x) => x.name !== 'log'))
          this.unsupport('executable content in a history default transition');
      } else if (c.name === 'transition') {
        const t = this.transition(c, node, parentKey);
        const afterDelay = sopAttr(c, 'after');
        if (afterDelay !== undefined) (after[afterDelay] ??= []).push(t);
        else if (sopAttr(c, 'kind') === 'onDone') onDone.push(t);
        else if (c.attrs.event === undefined) always.push(t);
        else if (sopAttr(c, 'event') !== undefined) (on[jsonAttr(sopAttr(c, 'event')!)] ??= []).push(t);
        else
          for (const key of this.eventKeys(c.attrs.event, node)) {
            if (key === `xstate.done.state.${this.xstateId(node.key)}`) onDone.push(t);
            else (on[key] ??= []).push(t);
          }
      } else if (c.name === 'invoke') this.unsupport('<invoke>');
      else if (c.name === 'donedata') this.unsupport('<donedata>');
      else if (c.name === 'datamodel') this.datamodel(c);
      else if (c.name === 'script') this.unsupport('<script>');
      else this.unsupport(`<${c.name}> in <${el.name}>`);
    }
    const compact = (list: TransitionConfig[]) =>
      list.length !== 1
        ? list
        : Object.keys(list[0]!).length === 1 && typeof list[0]!.target === 'string'
          ? list[0]!.target
          : list[0]!;
    if (always.length) config.always = compact(always);
    if (Object.keys(on).length) config.on = Object.fromEntries(Object.entries(on).map(([k, v]) => [k, compact(v)]));
    if (Object.keys(after).length)
      config.after = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, compact(v)]));
    if (onDone.length) config.onDone = compact(onDone);
    if (entry.length) config.entry = entry;
    if (exit.length) config.exit = exit;
    if (node.children.length) config.states = Object.fromEntries(node.children.map((c) => [c.name, this.state(c)]));
    return { ...config, ...node.extra };
  }

  private initialOf(node: Node | { el: XmlElement; children: Node[]; key: string }, config: StateConfig): void {
    const { el } = node;
    if (el.name === 'parallel' || el.name === 'final' || el.name === 'history' || node.children.length === 0) return;
    const childByKey = (key: string | undefined) => node.children.find((c) => c.key === key);
    const initialEl = el.children.find((c) => isScxml(c) && c.name === 'initial');
    let ids: string[] | null = null;
    if (el.attrs.initial !== undefined) ids = el.attrs.initial.split(/\s+/).filter(Boolean);
    else if (initialEl) {
      const t = initialEl.children.find((c) => c.name === 'transition');
      ids = (t?.attrs.target ?? '').split(/\s+/).filter(Boolean);
      if (t && t.children.some((x) => x.ns !== SOP_NS && x.name !== 'log'))
        this.unsupport('executable content in an <initial> transition');
    }
    if (ids === null) {
      // SOP Studio wrote no `initial` when the document had none (XState then takes the first child)
      if (!this.fromSop) config.initial = node.children.find((c) => c.el.name !== 'history')?.name;
      return;
    }
    const child = ids.length === 1 ? childByKey(this.keyOf.get(ids[0]!)) : undefined;
    if (child) config.initial = child.name;
    else {
      this.unsupport(ids.length > 1 ? 'several initial states' : 'deep initial state (not a direct child)');
      config.initial = node.children[0]?.name;
    }
  }

  private datamodel(el: XmlElement): void {
    for (const d of el.children) {
      if (d.attrs.expr !== undefined || d.attrs.src !== undefined || d.text.trim() || d.children.length) {
        this.unsupport('datamodel values (ECMAScript)');
        return;
      }
    }
  }

  run(): GraphDoc {
    const root = this.root;
    const facts = jsonChild(root, 'document');
    const rootExtra = jsonChild(root, 'extra');
    const names = new Set<string>();
    const top: Node[] = [];
    for (const c of root.children) if (isScxml(c) && STATE_TAGS.has(c.name)) top.push(this.index(c, null, names));
    const rawId = typeof rootExtra.id === 'string' ? rootExtra.id : (root.attrs.name ?? 'scxml');
    this.machineId = rawId.replace(/[^A-Za-z0-9_-]/g, '_') || 'scxml';
    const machine: MachineConfig = { id: this.machineId };
    const pseudo = { el: root, children: top, key: '' };
    this.initialOf(pseudo, machine);
    if (sopAttr(root, 'type') === 'parallel') machine.type = 'parallel';
    for (const c of root.children) {
      if (!isScxml(c)) continue;
      if (c.name === 'datamodel') this.datamodel(c);
      else if (c.name === 'script') this.unsupport('<script>');
    }
    machine.states = Object.fromEntries(top.map((n) => [n.name, this.state(n)]));
    Object.assign(machine, rootExtra);
    const name = typeof facts.name === 'string' ? facts.name : (root.attrs.name ?? 'Imported SCXML');
    return withDefaults({ ...facts, name, machine });
  }
}

/** Import SCXML text. Throws ScxmlImportError / XmlError when the file is not usable SCXML. */
export function importScxml(xml: string): ScxmlImportResult {
  const root = parseXml(xml);
  if (root.name !== 'scxml' || !isScxml(root))
    throw new ScxmlImportError(`root element is <${root.name}>, not <scxml>`);
  const importer = new Importer(root);
  const doc = importer.run();
  const hostile = hostileShapeProblems(doc);
  if (hostile.length)
    throw new ScxmlImportError(
      hostile
        .slice(0, 3)
        .map((p) => `${p.path.join('.')}: ${p.message}`)
        .join('; '),
    );
  const unsupported = [...importer.unsupported].map(([reason, n]) => (n > 1 ? `${reason} ×${n}` : reason));
  return { doc, unsupported, keyOf: importer.keyOf, scxmlIdOf: importer.scxmlIdOf, fromSop: importer.fromSop };
}
