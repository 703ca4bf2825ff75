/**
 * shadowed-transition: a transition that can never be taken because an earlier unguarded one
 * for the same event (or the same `always` list, or the same delay) always wins. An unguarded
 * `always` with a target also shadows every `on` / `after` of its state: the state is left at once.
 */
import type { FlatTransition } from '../../model/flatten';
import type { Diagnostic, Rule } from '../types';

const unguarded = (t: FlatTransition): boolean => t.config.guard === undefined;

export const shadowedTransition: Rule = {
  code: 'shadowed-transition',
  summary: 'no transition follows an unguarded one for the same event',
  check(ctx) {
    const out: Diagnostic[] = [];
    // the machine root's own list (key "") shadows within itself the same way
    for (const [key, list] of [...ctx.graph.outgoing, ['', ctx.rootTransitions] as const]) {
      const winner = new Map<string, FlatTransition>();
      const transient = list.find(
        (t) => t.kind === 'always' && unguarded(t) && t.targets.length + t.unresolved.length > 0,
      );
      for (const t of list) {
        const group = `${t.kind}|${t.event ?? ''}`;
        const first = winner.get(group) ?? (t.kind !== 'always' ? transient : undefined);
        if (first && first !== t) {
          out.push({
            code: this.code,
            severity: 'warning',
            message: `${ctx.describe(t)} can never be taken: the earlier unguarded ${ctx.describe(first)} always wins`,
            path: t.path,
            // a root branch is in no state and not on the canvas
            ...(key ? { stateKey: key, transitionId: t.id } : {}),
          });
          continue;
        }
        if (unguarded(t) && !winner.has(group)) winner.set(group, t);
      }
    }
    return out;
  },
};
