/**
 * The run book, generated from the graph: who owns each agent and state, where each branch
 * escalates (the human branches and the people who decide them), and what each kill switch
 * changes — so the person on call reads the answer instead of the graph.
 */
import type { FlatGraph } from '../../../shared/model/flatten';
import type { GraphDoc } from '../../../shared/model/types';

export interface RunbookSwitch {
  scope: 'agent' | 'tool' | 'graph';
  name: string;
  owner: string | null;
  /** What pausing it changes, in words. */
  effect: string;
}

interface RunbookEscalation {
  state: string;
  activity: string;
  /** Who decides there (state owner, else its agent's owner). */
  decidedBy: string | null;
  /** The human branches out of the state. */
  humanBranches: string[];
}

export interface Runbook {
  switches: RunbookSwitch[];
  escalations: RunbookEscalation[];
}

const list = (xs: string[]) => (xs.length ? xs.join(', ') : 'none');

export function buildRunbook(doc: GraphDoc, flat: FlatGraph): Runbook {
  const agents = doc.agents ?? {};
  const tools = doc.tools ?? {};
  const statesOf = (pred: (agent: string | undefined, tool: string | undefined) => boolean) =>
    flat.stateOrder.filter((k) => {
      const meta = flat.states.get(k)!.config.meta ?? {};
      return pred(
        typeof meta.agent === 'string' ? meta.agent : undefined,
        typeof meta.tool === 'string' ? meta.tool : undefined,
      );
    });
  const switches: RunbookSwitch[] = [
    {
      scope: 'graph',
      name: 'graph',
      owner: null,
      effect:
        'Every automatic step of every case becomes a suggestion a person approves; cases in flight keep their place.',
    },
  ];
  for (const [name, a] of Object.entries(agents)) {
    const at = statesOf((agent) => agent === name);
    switches.push({
      scope: 'agent',
      name,
      owner: a.owner ?? null,
      effect: `Auto steps in ${list(at)} become suggestions; its tools (${list(a.tools ?? [])}) are called only after approval.`,
    });
  }
  for (const [name, t] of Object.entries(tools)) {
    const at = statesOf((_agent, tool) => tool === name);
    const undo =
      t.reversible === false ? 'not reversible' : typeof t.undo === 'string' ? `undone by ${t.undo}` : 'no undo tool';
    switches.push({
      scope: 'tool',
      name,
      owner: null,
      effect: `No automatic ${name} call (${t.system ?? 'system?'}, risk ${t.risk ?? '?'}, ${undo}); steps entering ${list(at)} wait for approval.`,
    });
  }
  const escalations: RunbookEscalation[] = [];
  for (const key of flat.stateOrder) {
    const s = flat.states.get(key)!;
    const meta = s.config.meta ?? {};
    const defaultTier = meta.tier;
    const out = flat.outgoing.get(key) ?? [];
    // the only, unguarded way on is a pass, not a decision: nobody is asked
    if (out.length === 1 && out[0]!.kind === 'always' && !out[0]!.guardExpr && !out[0]!.otherGuard) continue;
    const human = out.filter((t) => (t.tier ?? defaultTier ?? 'human') === 'human');
    if (!human.length) continue;
    const agentOwner = typeof meta.agent === 'string' ? agents[meta.agent]?.owner : undefined;
    escalations.push({
      state: key,
      activity: s.activity,
      decidedBy: (typeof meta.owner === 'string' ? meta.owner : undefined) ?? agentOwner ?? null,
      humanBranches: human.map(
        (t) =>
          `${t.event ?? 'always'} → ${t.targets.map((x) => flat.states.get(x)?.activity ?? x).join(', ') || '(stays)'}`,
      ),
    });
  }
  return { switches, escalations };
}
