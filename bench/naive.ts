/**
 * The naïve baseline the replay is compared with: every case on a fresh XState actor, every
 * decision asked of XState. The agent's choice is the transition XState takes (eventless probe,
 * then each of the state's events); the human's choice is found by letting XState take each
 * candidate transition and comparing where it lands with the next event; the actor then takes it.
 * Tiers are computed per step with effectiveTier, CEL from the shared environment. It produces
 * the same counts as simulate() (checked by the bench), just the straightforward way.
 */
import { assign, createActor, getNextSnapshot, setup } from 'xstate';
import { CelEnvironment, guardHolds } from '../shared/expr/cel';
import { ancestorsOf, flattenMachine, type FlatTransition } from '../shared/model/flatten';
import type { GraphDoc, Guardrail, RecordedCase, Rollout } from '../shared/model/types';
import { compileGraph } from '../shared/replay/compile';
import { celVarsFor } from '../shared/replay/evaluate';
import { buildOracleConfig } from '../shared/replay/xstateOracle';
import { effectiveTier } from '../shared/tier/effectiveTier';

interface Ctx {
  vars: Record<string, unknown>;
  mode: 'agent' | 'human';
  pick: string | null;
  frozen: boolean;
  taken: string | null;
}

export interface NaiveCounts {
  cases: number;
  conformant: number;
  steps: number;
  agree: number;
  autoSteps: number;
  suggestSteps: number;
  overrides: number;
  autoErrors: number;
  guardrailTrips: number;
}

function leafKey(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${leafKey(v)}`;
}

export function naiveReplay(doc: GraphDoc, cases: RecordedCase[], rollout: Rollout = doc.rollout): NaiveCounts {
  const flat = flattenMachine(doc.machine);
  const env = new CelEnvironment(doc.caseSchema);
  const holds = (expr: string, vars: Record<string, unknown>) => {
    const c = env.compile(expr);
    return c.ok && guardHolds(c.compiled, vars).holds;
  };
  const config = buildOracleConfig(doc.machine, flat.transitions);
  const machine = setup({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- XState's documented `types: {} as {...}` idiom: the assertion IS the type declaration (autofix would erase the machine's types)
    types: {} as { context: Ctx; input: { vars: Record<string, unknown> }; events: { type: string; pick?: string } },
    guards: {
      g: ({ context }, params: { id: string; expr: string | null }) => {
        if (context.frozen) return false;
        if (context.mode === 'human') return context.pick === params.id;
        return params.expr === null || holds(params.expr, context.vars);
      },
    },
    actions: { take: assign((_, params: { id: string }) => ({ frozen: true, taken: params.id })) },
  }).createMachine({
    ...(config as object),
    // human mode with no pick: nothing fires on start (else eventless transitions would run at once)
    context: ({ input }: { input: { vars: Record<string, unknown> } }) => ({
      vars: input.vars,
      mode: 'human',
      pick: null,
      frozen: false,
      taken: null,
    }),
    on: {
      SET: {
        actions: assign(({ event }) => ({
          mode: 'human' as const,
          pick: (event.pick as string | undefined) ?? null,
          frozen: false,
          taken: null,
        })),
      },
    },
  } as never);
  const out: NaiveCounts = {
    cases: 0,
    conformant: 0,
    steps: 0,
    agree: 0,
    autoSteps: 0,
    suggestSteps: 0,
    overrides: 0,
    autoErrors: 0,
    guardrailTrips: 0,
  };
  const candidates = (leaf: string): FlatTransition[] => {
    const chain = [leaf, ...ancestorsOf(flat, leaf)];
    const list: FlatTransition[] = [];
    for (const kind of ['always', 'on', 'after'] as const)
      for (const k of chain)
        for (const t of flat.outgoing.get(k) ?? []) if (t.kind === kind && t.targets.length) list.push(t);
    return list;
  };
  const byId = new Map(flat.transitions.map((t) => [t.id, t]));
  // the same case variables as the replay (dotted schema fields become maps), for every schema field
  const varsGraph = compileGraph(doc);
  const roots = [...new Set(Object.keys(doc.caseSchema).map((k) => k.split('.')[0]!))];

  for (const c of cases) {
    out.cases++;
    const vars = celVarsFor(varsGraph, c.attributes, roots.length ? roots : Object.keys(c.attributes));
    const actor = createActor(machine, { input: { vars } }).start();
    let i = 0;
    const first = leafKey(actor.getSnapshot().value);
    if (c.events.length && c.events[0]!.activity === flat.states.get(first)!.activity) i = 1;
    for (let guard = 0; guard < 10_000; guard++) {
      const snap = actor.getSnapshot();
      if (snap.status === 'done') {
        out.conformant++;
        break;
      }
      const leaf = leafKey(snap.value);
      const at = (patch: Partial<Ctx>) =>
        machine.resolveState({ value: snap.value, context: { ...snap.context, frozen: false, taken: null, ...patch } });
      // agent: what XState does on its own, else for each event in document order
      const list = candidates(leaf);
      let agent: string | null = getNextSnapshot(machine, at({ mode: 'agent' }), { type: '__probe__' }).context.taken;
      if (agent === null) {
        for (const e of new Set(list.filter((t) => t.kind === 'on').map((t) => t.event!))) {
          agent = getNextSnapshot(machine, at({ mode: 'agent' }), { type: e }).context.taken;
          if (agent !== null) break;
        }
      }
      // human: the first candidate XState lands on the next event's activity (or a final state)
      let human: FlatTransition | null = null;
      for (const t of list) {
        const next = getNextSnapshot(machine, at({ mode: 'human', pick: t.id }), { type: t.event ?? '__probe__' });
        if (next.context.taken !== t.id) continue;
        const landed = flat.states.get(leafKey(next.value))!;
        if (i < c.events.length ? landed.activity === c.events[i]!.activity : landed.type === 'final') {
          human = t;
          break;
        }
      }
      if (!human) break; // deviation
      const a = agent ? byId.get(agent)! : null;
      const source = flat.states.get(a ? a.source : leaf)!;
      const guardrails: Array<Guardrail & { on: 'state' | 'transition' }> = [leaf, ...ancestorsOf(flat, leaf)].flatMap(
        (k) => (flat.states.get(k)!.config.meta?.guardrails ?? []).map((g) => ({ ...g, on: 'state' as const })),
      );
      for (const g of a?.config.meta?.guardrails ?? []) guardrails.push({ ...g, on: 'transition' });
      const toolState = a ? flat.states.get(a.targets[0]!) : undefined;
      const tool = toolState?.config.meta?.tool;
      const limit = tool ? doc.tools[tool]?.limit : undefined;
      const tier = effectiveTier({
        transitionTier: a?.tier,
        stateTier: source.config.meta?.tier,
        rollout,
        heldGuardrails: guardrails.filter((g) => holds(g.when, vars)),
        failedLimit: limit && !holds(limit, vars) ? { tool: tool!, limit } : undefined,
      });
      const agree = agent === human.id;
      out.steps++;
      if (agree) out.agree++;
      if (tier.tier === 'auto') out.autoSteps++;
      if (tier.tier === 'suggest') out.suggestSteps++;
      if (!agree && tier.tier === 'auto') out.autoErrors++;
      if (!agree && tier.tier === 'suggest') out.overrides++;
      if (tier.tripped) out.guardrailTrips++;
      actor.send({ type: 'SET', pick: human.id });
      actor.send({ type: human.event ?? '__probe__' });
      if (i < c.events.length) i++;
    }
    actor.stop();
  }
  return out;
}
