/**
 * Edits to the graph's case schema, tools and agents (GraphDoc → GraphDoc). Renames keep the
 * order of entries and follow references: a renamed tool is renamed in agents' tool lists, in
 * states' `meta.tool` and in other tools' `undo`; a renamed case field in agents' `reads`.
 * CEL expressions are text and are not rewritten; the validator reports stale field names.
 */
import { flattenMachine } from '../../../shared/model/flatten';
import { setIn } from '../../../shared/model/edits';
import type { AgentDef, CaseField, GraphDoc, ToolDef } from '../../../shared/model/types';

export type Section = 'caseSchema' | 'tools' | 'agents';
type Entry<S extends Section> = S extends 'caseSchema' ? CaseField : S extends 'tools' ? ToolDef : AgentDef;

const NAME_PATTERN = /^[A-Za-z_][\w.-]*$/;

/** Why `name` cannot be used in `section` (null when it can). */
export function nameProblem(doc: GraphDoc, section: Section, name: string, current?: string): string | null {
  if (!name) return 'A name is required';
  if (!NAME_PATTERN.test(name)) return 'Start with a letter or _; then letters, digits, _ . -';
  if (name !== current && Object.prototype.hasOwnProperty.call(doc[section], name)) return `"${name}" already exists`;
  return null;
}

/** Replace (or, with a patch of undefined values, drop) keys of one entry. */
export function patchEntry<S extends Section>(
  doc: GraphDoc,
  section: S,
  name: string,
  patch: Partial<Entry<S>>,
): GraphDoc {
  const current = (doc[section] as Record<string, Entry<S>>)[name];
  if (!current) return doc;
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') delete next[k];
    else next[k] = v;
  }
  return setIn(doc, [section, name], next);
}

/** Add an entry with a fresh name (base, base2, …); returns the doc and the name used. */
export function addEntry<S extends Section>(
  doc: GraphDoc,
  section: S,
  base: string,
  value: Entry<S>,
): { doc: GraphDoc; name: string } {
  const taken = doc[section] as Record<string, unknown>;
  let name = base;
  for (let i = 2; Object.prototype.hasOwnProperty.call(taken, name); i++) name = `${base}${i}`;
  return { doc: { ...doc, [section]: { ...taken, [name]: value } }, name };
}

/** Remove an entry (references to it are left for the validator to report). */
export function removeEntry(doc: GraphDoc, section: Section, name: string): GraphDoc {
  const rest = { ...(doc[section] as Record<string, unknown>) };
  delete rest[name];
  return { ...doc, [section]: rest };
}

function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

const swap = (list: string[] | undefined, from: string, to: string) =>
  list?.includes(from) ? list.map((x) => (x === from ? to : x)) : list;

/** Rename an entry in place (order kept) and follow references. Throws on an invalid name. */
export function renameEntry(doc: GraphDoc, section: Section, from: string, to: string): GraphDoc {
  if (from === to) return doc;
  const problem = nameProblem(doc, section, to, from);
  if (problem) throw new Error(problem);
  let next: GraphDoc = { ...doc, [section]: renameKey(doc[section] as Record<string, unknown>, from, to) };
  if (section === 'caseSchema') {
    next.agents = Object.fromEntries(
      Object.entries(next.agents).map(([k, a]) => [
        k,
        a.reads?.includes(from) ? { ...a, reads: swap(a.reads, from, to) } : a,
      ]),
    );
  }
  if (section === 'tools') {
    next.agents = Object.fromEntries(
      Object.entries(next.agents).map(([k, a]) => [
        k,
        a.tools?.includes(from) ? { ...a, tools: swap(a.tools, from, to) } : a,
      ]),
    );
    next.tools = Object.fromEntries(
      Object.entries(next.tools).map(([k, t]) => [k, t.undo === from ? { ...t, undo: to } : t]),
    );
  }
  if (section === 'tools' || section === 'agents') {
    const metaKey = section === 'tools' ? 'tool' : 'agent';
    for (const s of flattenMachine(next.machine).states.values()) {
      if (s.config.meta?.[metaKey] === from) next = setIn(next, [...s.path, 'meta', metaKey], to);
    }
  }
  return next;
}
