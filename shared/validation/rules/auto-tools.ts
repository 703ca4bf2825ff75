/** Shared by the auto-into-… rules: every (auto branch, tool it enters) pair. */
import type { FlatState, FlatTransition } from '../../model/flatten';
import type { ToolDef } from '../../model/types';
import type { ValidationContext } from '../context';

export interface AutoToolStep {
  transition: FlatTransition;
  state: FlatState;
  tool: string;
  def: ToolDef;
}

/** Auto-tier branches (as marked) and the defined tools of the states they enter. */
export function autoToolSteps(ctx: ValidationContext): AutoToolStep[] {
  const out: AutoToolStep[] = [];
  // the machine root's own branches too: an auto root branch enters its target from any state
  for (const t of [...ctx.graph.transitions, ...ctx.rootTransitions]) {
    if (ctx.markedTier(t) !== 'auto') continue;
    for (const target of t.targets) {
      for (const state of ctx.entered(target)) {
        const tool = ctx.toolOf(state);
        if (tool?.def && typeof tool.def === 'object')
          out.push({ transition: t, state, tool: tool.name, def: tool.def });
      }
    }
  }
  return out;
}
