/**
 * Export a graph as XState v5 machine JSON: the plain config a developer writes and
 * `createMachine(json)` takes as is — `initial: "intake"`, short targets (`"triage"`,
 * `".child"`, `#id.path` only where a string target could not reach), the document's own
 * transition shapes (a string stays a string), no `source` / `eventType` / normalised arrays.
 *
 * - Every compound state gets an explicit `initial` (XState throws without one; the studio's
 *   default is the first child). Which ones were added is recorded so importing gives back the
 *   document exactly.
 * - CEL guards stay parameterized guards `{ type: 'cel', params: { expr } }`: the runtime
 *   supplies the one `cel` guard implementation.
 * - The SOP facts (name, version, rollout, caseSchema, agents, tools, layout, the release record)
 *   ride in the root `meta.sop`, so the file alone is enough to run — and to reopen — the graph.
 *
 * XState's machine JSON schema describes `machine.toJSON()` (the normalised definition), not a
 * config, so it is checked against `createMachine(exported).toJSON()` (see xstateJson.test.ts).
 */
import { flattenMachine, type FlatGraph, type FlatTransition } from '../model/flatten';
import type { GraphDoc, StateConfig, TransitionConfig, TransitionSpec } from '../model/types';
import { sha256Json } from './contentHash';
import { exportHistory, type ExportRecord } from './gate';

type Json = Record<string, unknown>;

/**
 * The release an exported file belongs to: the export record without its snapshot and diff, plus
 * `fileHash`, the hash of the exported config itself (without `fileHash`), so an import can tell
 * the file is unchanged since it was written.
 */
export type ReleaseRecord = Omit<ExportRecord, 'snapshot' | 'diff'> & { fileHash?: string };

/** What the exporter added that the document did not say, so import can take it back out. */
export interface ImplicitParts {
  /** The root id was derived from the graph name. */
  id?: true;
  /** State keys ('' = root) whose `initial` the exporter filled in. */
  initials?: string[];
}

/** `meta.sop` of an exported machine. */
interface SopMeta {
  format: GraphDoc['format'];
  name: string;
  version: number;
  rollout: GraphDoc['rollout'];
  caseSchema: GraphDoc['caseSchema'];
  agents: GraphDoc['agents'];
  tools: GraphDoc['tools'];
  layout?: GraphDoc['layout'];
  release?: ReleaseRecord;
  implicit?: ImplicitParts;
}

/** What the machine root id is when the document names none: a safe slug of the graph name. */
export function machineIdOf(doc: GraphDoc): string {
  if (typeof doc.machine.id === 'string' && doc.machine.id) return doc.machine.id;
  const slug = doc.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'sop';
}

/** A transition spec as a list of configs (a string is a target), for the exporters. */
export function transitionList(spec: TransitionSpec | undefined): TransitionConfig[] {
  if (spec === undefined || spec === null) return [];
  return (Array.isArray(spec) ? spec : [spec]).map((t) => (typeof t === 'string' ? { target: t } : t));
}

/** The latest release of a document (its last export record), without snapshot and diff. */
export function latestRelease(doc: GraphDoc): ReleaseRecord | undefined {
  const last = exportHistory(doc).at(-1);
  if (!last) return undefined;
  const { snapshot: _snapshot, diff: _diff, ...release } = last;
  return release;
}

class PlainExporter {
  private readonly flat: FlatGraph;
  private readonly rootId: string;
  readonly implicitInitials: string[] = [];

  constructor(doc: GraphDoc) {
    this.rootId = machineIdOf(doc);
    this.flat = flattenMachine({ ...doc.machine, id: this.rootId });
  }

  /**
   * The shortest string XState resolves from `sourceKey` to `targetKey`. XState resolves a plain
   * string among the source's siblings (dots descend), `.x` among its children, `#id` anywhere.
   */
  shortTarget(sourceKey: string, targetKey: string): string {
    const parent = this.flat.states.get(sourceKey)?.parent ?? null;
    const parentPrefix = parent ? `${parent}.` : '';
    // XState reads a backslash in a path as an escape: such names keep the `#` form
    const relative = targetKey.startsWith(`${sourceKey}.`)
      ? targetKey.slice(sourceKey.length)
      : targetKey.startsWith(parentPrefix)
        ? targetKey.slice(parentPrefix.length)
        : null;
    if (relative !== null && !relative.includes('\\')) return relative;
    // the nearest ancestor-or-self with an explicit id anchors the path; else the root id
    for (let k: string | null = targetKey; k; k = this.flat.states.get(k)?.parent ?? null) {
      const id = this.flat.states.get(k)?.config.id;
      if (typeof id === 'string' && id) return `#${id}${targetKey.slice(k.length)}`;
    }
    return `#${this.rootId}.${targetKey}`;
  }

  /** One transition item with its targets shortened; its shape (string or object) is kept. */
  private item(
    sourceKey: string,
    item: string | TransitionConfig,
    flat: FlatTransition | undefined,
  ): string | TransitionConfig {
    if (!flat) return item;
    const raw =
      typeof item === 'string' ? [item] : item.target === undefined ? [] : ([] as unknown[]).concat(item.target);
    // an unresolved target is left as written (validation reports it)
    if (flat.unresolved.length > 0 || raw.length !== flat.targets.length) return item;
    const targets = flat.targets.map((k) => this.shortTarget(sourceKey, k));
    if (typeof item === 'string') return targets[0]!;
    return { ...item, target: Array.isArray(item.target) ? targets : targets[0] };
  }

  private spec(
    sourceKey: string,
    kind: FlatTransition['kind'],
    event: string | null,
    spec: TransitionSpec,
  ): TransitionSpec {
    const flatList = (this.flat.outgoing.get(sourceKey) ?? []).filter((t) => t.kind === kind && t.event === event);
    if (!Array.isArray(spec)) return this.item(sourceKey, spec, flatList[0]);
    return spec.map((item, i) => this.item(sourceKey, item, flatList[i]));
  }

  private specMap(
    sourceKey: string,
    kind: 'on' | 'after',
    map: Record<string, TransitionSpec>,
  ): Record<string, TransitionSpec> {
    const out: Record<string, TransitionSpec> = {};
    for (const [event, spec] of Object.entries(map)) out[event] = this.spec(sourceKey, kind, event, spec);
    return out;
  }

  /** A state config with targets shortened and compound initials made explicit. */
  state(config: StateConfig, key: string): StateConfig {
    const out: StateConfig = { ...config };
    const children = Object.entries(config.states ?? {});
    const isCompound =
      config.type !== 'parallel' && (config.type === 'compound' || (config.type === undefined && children.length > 0));
    // a wrong `initial` is left as written (validation reports it); only a missing one is filled
    if (isCompound && children.length > 0 && config.initial === undefined) {
      out.initial = children[0]![0];
      this.implicitInitials.push(key);
    }
    if (children.length > 0) {
      const states: Record<string, StateConfig> = {};
      for (const [name, child] of children) states[name] = this.state(child ?? {}, key ? `${key}.${name}` : name);
      out.states = states;
    }
    // the root's own transitions stay as written: XState resolves root targets differently
    if (key) {
      if (config.always !== undefined) out.always = this.spec(key, 'always', null, config.always);
      if (config.on) out.on = this.specMap(key, 'on', config.on);
      if (config.after) out.after = this.specMap(key, 'after', config.after);
    }
    return out;
  }
}

/** The plain XState config of a document (see the module comment). */
export function toXStateConfig(doc: GraphDoc): Record<string, unknown> {
  const exporter = new PlainExporter(doc);
  const root: Json = { ...exporter.state(doc.machine, ''), id: machineIdOf(doc) };
  const implicit: ImplicitParts = {};
  if (!(typeof doc.machine.id === 'string' && doc.machine.id)) implicit.id = true;
  if (exporter.implicitInitials.length > 0) implicit.initials = exporter.implicitInitials;
  const release = latestRelease(doc);
  const sop: SopMeta = {
    format: doc.format,
    name: doc.name,
    version: doc.version,
    rollout: doc.rollout,
    caseSchema: doc.caseSchema,
    agents: doc.agents,
    tools: doc.tools,
    ...(Object.keys(doc.layout ?? {}).length > 0 ? { layout: doc.layout } : {}),
    ...(release ? { release } : {}),
    ...(Object.keys(implicit).length > 0 ? { implicit } : {}),
  };
  root.meta = { ...(doc.machine.meta ?? {}), sop };
  return root;
}

/** XState machine JSON text, pretty-printed, ending in a newline. */
export function exportXStateJson(doc: GraphDoc): string {
  return JSON.stringify(toXStateConfig(doc), null, 2) + '\n';
}

/** The config with its release's `fileHash` left out: what `fileHash` covers. */
export function unsealedConfig(config: Record<string, unknown>): Record<string, unknown> {
  const meta = config.meta as { sop?: { release?: Record<string, unknown> } } | undefined;
  const release = meta?.sop?.release;
  if (!release || typeof release !== 'object') return config;
  const { fileHash: _fileHash, ...rest } = release;
  return { ...config, meta: { ...meta, sop: { ...meta.sop, release: rest } } };
}

/** XState machine JSON text whose release carries the `fileHash` of the file (what export writes). */
export async function exportSealedXStateJson(doc: GraphDoc): Promise<string> {
  const config = toXStateConfig(doc);
  const sop = (config.meta as { sop: SopMeta }).sop;
  if (sop.release) sop.release.fileHash = await sha256Json(config);
  return JSON.stringify(config, null, 2) + '\n';
}
