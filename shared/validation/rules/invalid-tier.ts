/** invalid-tier: a state's or transition's meta.tier is not auto, suggest or human. */
import { TIERS } from '../../model/types';
import type { Diagnostic, Rule } from '../types';

const message = (value: unknown, where: string): string =>
  `Tier ${JSON.stringify(value)} on ${where} is not one of ${TIERS.map((t) => `"${t}"`).join(', ')}; the branch is treated as "human"`;

export const invalidTier: Rule = {
  code: 'invalid-tier',
  summary: 'meta.tier is auto, suggest or human',
  check(ctx) {
    const out: Diagnostic[] = [];
    const bad = (v: unknown) => v !== undefined && !(TIERS as readonly unknown[]).includes(v);
    for (const s of ctx.graph.states.values()) {
      const tier = s.config.meta?.tier;
      if (bad(tier))
        out.push({
          code: this.code,
          severity: 'error',
          message: message(tier, `state "${s.key}"`),
          path: [...s.path, 'meta', 'tier'],
          stateKey: s.key,
        });
    }
    // the machine's own meta.tier: the default tier of the root's branches (replay/compile.ts)
    const rootTier = ctx.doc.machine?.meta?.tier;
    if (bad(rootTier))
      out.push({
        code: this.code,
        severity: 'error',
        message: message(rootTier, 'the machine'),
        path: ['machine', 'meta', 'tier'],
      });
    // the machine root's own branches too (the simulator takes them in every state)
    for (const t of [...ctx.graph.transitions, ...ctx.rootTransitions]) {
      const tier = t.config.meta?.tier;
      if (bad(tier))
        out.push({
          code: this.code,
          severity: 'error',
          message: message(tier, ctx.describe(t)),
          path: [...t.path, 'meta', 'tier'],
          // a root branch is in no state and not on the canvas
          ...(t.source ? { stateKey: t.source, transitionId: t.id } : {}),
        });
    }
    return out;
  },
};
