/**
 * Import an XState machine JSON that SOP Studio exported (see xstateJson.ts): the machine config
 * is the graph's `machine`, and the SOP wrapper (name, version, rollout, caseSchema, agents,
 * tools, layout) comes back from the root `meta.sop`. What the exporter filled in (a derived
 * root id, explicit compound initials) is taken back out, so the round trip is invisible.
 *
 * The release the file came from is restored as the graph's export history only when the file
 * is unchanged since export (its sealed `fileHash`) or the content still hashes to the release's
 * hash: then exporting it again names the same release; an edited file starts a new one.
 */
import { isObject, withDefaults } from '../model/defaults';
import type { DocumentError } from '../model/parse';
import type { GraphDoc, StateConfig } from '../model/types';
import { contentHash, hashedContent, sha256Json } from './contentHash';
import type { ExportRecord } from './gate';
import { unsealedConfig, type ImplicitParts, type ReleaseRecord } from './xstateJson';

type Json = Record<string, unknown>;

/** True for a machine config carrying the `meta.sop` wrapper (not a graph document). */
export function isExportedXState(value: Json): boolean {
  return (
    value.format === undefined && value.machine === undefined && isObject(value.meta) && value.meta.sop !== undefined
  );
}

/** The state config at a dot-path key ('' = root), or undefined. */
function stateAt(root: StateConfig, key: string): StateConfig | undefined {
  if (key === '') return root;
  let node: StateConfig | undefined = root;
  // keys are dot paths and state names hold no dots (XState gives '.' a meaning)
  for (const name of key.split('.'))
    node = node?.states && Object.hasOwn(node.states, name) ? node.states[name] : undefined;
  return node;
}

function undoImplicit(machine: StateConfig, implicit: unknown): void {
  if (!isObject(implicit)) return;
  const parts = implicit as ImplicitParts;
  if (parts.id === true) delete machine.id;
  for (const key of Array.isArray(parts.initials) ? parts.initials : []) {
    const state = typeof key === 'string' ? stateAt(machine, key) : undefined;
    if (state) delete state.initial;
  }
}

/**
 * The export history to restore: the release, when the file is unchanged since it was written
 * (its `fileHash` still matches) or the content still hashes to the release's hash.
 */
async function historyOf(doc: GraphDoc, value: Json, release: unknown): Promise<ExportRecord[] | undefined> {
  if (!isObject(release) || typeof release.contentHash !== 'string' || typeof release.version !== 'number')
    return undefined;
  if (release.version !== doc.version) return undefined;
  const sealed = typeof release.fileHash === 'string' && release.fileHash === (await sha256Json(unsealedConfig(value)));
  if (!sealed && (await contentHash(doc)) !== release.contentHash) return undefined;
  const { fileHash: _fileHash, ...record } = release as unknown as ReleaseRecord;
  return [{ ...record, diff: null, snapshot: structuredClone(hashedContent(doc)) }];
}

/** Rebuild the graph document of an exported machine (`isExportedXState`). */
export async function importXStateConfig(
  value: Json,
): Promise<{ ok: true; doc: GraphDoc } | { ok: false; errors: DocumentError[] }> {
  const machine = structuredClone(value) as StateConfig & { meta: Json };
  const sop = machine.meta.sop;
  if (!isObject(sop))
    return {
      ok: false,
      errors: [{ path: ['meta', 'sop'], message: 'meta.sop must be an object (the SOP facts of an exported graph)' }],
    };
  const { implicit, release, layout, ...facts } = sop;
  delete machine.meta.sop;
  if (Object.keys(machine.meta).length === 0) delete (machine as StateConfig).meta;
  undoImplicit(machine, implicit);
  const doc = withDefaults({ ...facts, ...(layout !== undefined ? { layout } : {}), machine });
  const exports = await historyOf(doc, value, release);
  if (exports) doc.exports = exports;
  return { ok: true, doc };
}
