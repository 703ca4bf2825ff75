/**
 * Writing transition targets: a resolved state key → the raw string XState expects from a given
 * source (sibling name, ".child" or "#machine.key"), and rewriting all targets after a rename.
 */
import { flattenMachine } from '../flatten';
import type { GraphDoc, TransitionConfig } from '../types';
import { getIn, parentKey, setIn } from './paths';

/** The raw target string that resolves from `source` to `target` (see flattenMachine). */
export function targetRef(doc: GraphDoc, source: string, target: string): string {
  const sp = parentKey(source);
  if (sp === null) {
    if (!target.includes('.')) return target;
  } else if (target.startsWith(`${sp}.`)) return target.slice(sp.length + 1);
  if (target.startsWith(`${source}.`)) return `.${target.slice(source.length + 1)}`;
  if (sp === null) return target; // top-level source: dotted paths descend from the root
  return `#${doc.machine.id ?? '(machine)'}.${target}`;
}

/**
 * Map every resolved target through `rename` (old key → new key) and write back the raw string
 * for transitions whose target moves. Other transitions keep their exact raw form.
 */
export function rewriteTargets(doc: GraphDoc, rename: (key: string) => string): GraphDoc {
  const flat = flattenMachine(doc.machine);
  let next = doc;
  for (const t of flat.transitions) {
    if (t.targets.length === 0) continue;
    const newSource = rename(t.source);
    // refs are relative to the source's parent or absolute, so only a moved target needs a rewrite
    if (!t.targets.some((k) => rename(k) !== k)) continue;
    const refs = t.targets.map((k) => targetRef(doc, newSource, rename(k)));
    const raw = getIn(next, t.path);
    const value = refs.length === 1 ? refs[0] : refs;
    next = setIn(next, t.path, typeof raw === 'string' ? value : { ...(raw as TransitionConfig), target: value });
  }
  return next;
}
