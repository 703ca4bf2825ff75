/**
 * The compiled fast path must equal XState's own interpretation of the same machine.
 *
 * For random graphs (compound states, `#id` / relative / sibling targets, eventless and event
 * transitions on leaves and ancestors, CEL guards that hold, fail or error) and random cases, every
 * replayed step is checked against an XState actor placed in that step's state:
 * - eventless: the transition XState takes on its own (probe event) is the first holding `always`
 *   transition in our table (or none);
 * - each event name of the machine: the transition XState takes for it is our first holding
 *   transition for that event (or none) — so tables hold exactly what XState can take, in XState's
 *   priority, with the same guard results;
 * - the agent's choice is one of those, and the human's choice, forced in XState, lands in the
 *   configuration our walk moves to (target resolution and compound initials).
 * Every transition gets a one-shot guard and an `assign` recording its id, so one actor step tells
 * exactly which transition XState selected, with no eventless chains after it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { CelEnvironment, guardHolds, toCelVars } from '../expr/cel';
import { withDefaults } from '../model/defaults';
import type { GraphDoc, MachineConfig, RecordedCase, StateConfig, TransitionConfig } from '../model/types';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { replayCase } from './replayCase';
import { buildOracleConfig } from './xstateOracle';
import { seededPicker } from '../random';

/** The shared seeded PRNG (mulberry32), so a failing seed reproduces. */
const rng = seededPicker;
type Rng = ReturnType<typeof rng>;

const GUARDS = ['x > 0.5', 'x < 0.3', 'y > 0.5', 'x + y > 1.0', 'w > 0.5', 'y <= 0.2 || x >= 0.9'];
const EVENTS = ['A', 'B', 'C', 'D'];
const ACTIVITIES = ['Act1', 'Act2', 'Act3', 'Act4'];
const TIERS = ['auto', 'suggest', 'human'] as const;

/** A random machine: 2–5 top-level states (some compound, nested up to depth 3) and 1–2 finals. */
function randomMachine(r: Rng): MachineConfig {
  const keys: string[] = [];
  const parentOf = new Map<string, string | null>();
  const ids = new Map<string, string>();
  const configs = new Map<string, StateConfig>();
  const make = (key: string, parent: string | null, depth: number): StateConfig => {
    keys.push(key);
    parentOf.set(key, parent);
    const s: StateConfig = {};
    if (r.chance(0.5)) s.meta = { activity: r.pick(ACTIVITIES) };
    if (r.chance(0.3)) s.meta = { ...s.meta, tier: r.pick(TIERS) };
    if (r.chance(0.2)) {
      s.id = `sid${ids.size}`;
      ids.set(key, s.id);
    }
    if (depth < 3 && r.chance(depth === 1 ? 0.35 : 0.2)) {
      s.states = {};
      const n = 1 + r.int(3);
      for (let i = 0; i < n; i++) s.states[`c${i}`] = make(`${key}.c${i}`, key, depth + 1);
      // XState v5 requires `initial` on compound states (flattenMachine would default to the first)
      s.initial = `c${r.int(n)}`;
    }
    configs.set(key, s);
    return s;
  };
  const states: Record<string, StateConfig> = {};
  const n = 2 + r.int(4);
  for (let i = 0; i < n; i++) states[`s${i}`] = make(`s${i}`, null, 1);
  const finals = 1 + r.int(2);
  for (let i = 0; i < finals; i++) {
    keys.push(`f${i}`);
    parentOf.set(`f${i}`, null);
    states[`f${i}`] = { type: 'final', ...(r.chance(0.5) ? { meta: { activity: r.pick(ACTIVITIES) } } : {}) };
    configs.set(`f${i}`, states[`f${i}`]!);
  }
  const ref = (source: string, target: string): string => {
    const tp = parentOf.get(target) ?? null;
    if (tp === (parentOf.get(source) ?? null) && r.chance(0.7)) return target.split('.').pop()!;
    if (tp === source && r.chance(0.7)) return `.${target.split('.').pop()}`;
    if (ids.has(target) && r.chance(0.7)) return `#${ids.get(target)}`;
    return `#m.${target}`;
  };
  const transition = (source: string): TransitionConfig | string => {
    const target = ref(source, r.pick(keys));
    if (r.chance(0.25)) return target;
    const t: TransitionConfig = { target };
    if (r.chance(0.55)) t.guard = { type: 'cel', params: { expr: r.pick(GUARDS) } };
    if (r.chance(0.5)) t.meta = { tier: r.pick(TIERS) };
    return t;
  };
  const list = (source: string) => {
    const n = 1 + r.int(2);
    const items = Array.from({ length: n }, () => transition(source));
    return n === 1 && r.chance(0.5) ? items[0]! : items;
  };
  for (const key of keys) {
    const s = configs.get(key)!;
    if (s.type === 'final') continue;
    if (r.chance(0.35)) s.always = list(key);
    if (r.chance(0.75)) {
      s.on = {};
      for (const e of EVENTS) if (r.chance(0.4)) s.on[e] = list(key);
    }
  }
  const machine: MachineConfig = { id: 'm', initial: r.chance(0.8) ? 's0' : `s${r.int(n)}`, states };
  // the root's own transitions apply in every state (XState resolves them only as ".x" or "#id")
  const rootTransition = (): TransitionConfig => {
    const target = r.pick(keys);
    const t: TransitionConfig = {
      target:
        !target.includes('.') && r.chance(0.5)
          ? `.${target}`
          : ids.has(target) && r.chance(0.5)
            ? `#${ids.get(target)}`
            : `#m.${target}`,
    };
    if (r.chance(0.6)) t.guard = { type: 'cel', params: { expr: r.pick(GUARDS) } };
    if (r.chance(0.5)) t.meta = { tier: r.pick(TIERS) };
    return t;
  };
  if (r.chance(0.35))
    machine.on = Object.fromEntries(EVENTS.filter(() => r.chance(0.4)).map((e) => [e, rootTransition()]));
  if (r.chance(0.15))
    machine.always = { ...rootTransition(), guard: { type: 'cel', params: { expr: r.pick(GUARDS) } } };
  return machine;
}

/** A case that mostly follows the graph (random branches), with occasional junk and truncation. */
function randomCase(r: Rng, g: CompiledGraph, i: number): RecordedCase {
  const attributes: Record<string, number> = {};
  if (r.chance(0.95)) attributes.x = r.next();
  if (r.chance(0.95)) attributes.y = r.next();
  if (r.chance(0.5)) attributes.w = r.next();
  const events: RecordedCase['events'] = [];
  let s = g.initial;
  if (r.chance(0.7)) events.push({ activity: g.states[s]!.activity });
  const len = r.int(9);
  while (events.length < len && s >= 0) {
    const st = g.states[s]!;
    if (st.final || st.table.length === 0 || r.chance(0.08)) {
      events.push({ activity: r.pick([...ACTIVITIES, 'Junk']) });
      if (st.final) break;
      continue;
    }
    const t = g.transitions[st.table[r.int(st.table.length)]!]!;
    events.push({ activity: g.activities[t.targetActivity]! });
    s = t.target;
  }
  return { caseId: `case${i}`, attributes, events };
}

function leafKey(value: unknown): string {
  if (typeof value === 'string') return value;
  const [k, v] = Object.entries(value as Record<string, unknown>)[0]!;
  return `${k}.${leafKey(v)}`;
}
function stateValue(key: string): unknown {
  const parts = key.split('.');
  return parts.reduceRight<unknown>((acc, p) => (acc === null ? p : { [p]: acc }), null);
}

interface Ctx {
  vars: Record<string, unknown>;
  mode: 'agent' | 'human';
  pick: string | null;
  frozen: boolean;
  taken: string | null;
}

/** Check every step of every case against XState. Returns the number of checks made. */
function checkAgainstXState(doc: GraphDoc, cases: RecordedCase[]): number {
  const g = compileGraph(doc);
  const env = new CelEnvironment(doc.caseSchema);
  const machine = setup({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the assertion is what gives the machine its context type
    types: {} as { context: Ctx },
    guards: {
      g: ({ context }, params: { id: string; expr: string | null }) => {
        if (context.frozen) return false;
        if (context.mode === 'human') return context.pick === params.id;
        if (params.expr === null) return true;
        const c = env.compile(params.expr);
        return c.ok && guardHolds(c.compiled, context.vars).holds;
      },
    },
    actions: { take: assign((_, params: { id: string }) => ({ frozen: true, taken: params.id })) },
  }).createMachine(
    buildOracleConfig(
      doc.machine,
      g.transitions.map((t) => ({ id: t.id, path: t.path, guardExpr: t.guard ? t.guard.expr : null })),
    ) as never,
  );
  const ev = new CaseEvaluator(g, 'autonomy');
  const eventNames = [...new Set(g.transitions.filter((t) => t.kind === 'on').map((t) => t.event!))];
  const tid = (id: string | null) => (id === null ? -1 : g.transitionIds.get(id)!);
  let checks = 0;

  const run = (state: string, vars: Record<string, unknown>, mode: Ctx['mode'], pick: string | null, event: string) => {
    const snapshot = machine.resolveState({
      value: stateValue(state) as never,
      context: { vars, mode, pick, frozen: false, taken: null },
    });
    const actor = createActor(machine, { snapshot }).start();
    actor.send({ type: event });
    const after = actor.getSnapshot();
    actor.stop();
    return { taken: after.context.taken, leaf: leafKey(after.value), done: after.status === 'done' };
  };

  // the initial configuration
  const start = createActor(machine, { input: undefined }).start().getSnapshot();
  expect(g.states[g.initial]!.key).toBe(leafKey(start.value));

  for (const c of cases) {
    const trace = replayCase(g, c, { rollout: 'autonomy' });
    const vars = toCelVars(c.attributes, doc.caseSchema);
    ev.begin(caseVars(g, c.attributes));
    let expectedState = g.states[g.initial]!.key;
    for (const step of trace.steps) {
      expect(step.state).toBe(expectedState);
      const s = g.stateIds.get(step.state)!;
      const table = [...g.states[s]!.table].map((i) => g.transitions[i]!);
      const firstHolding = (pred: (t: (typeof table)[number]) => boolean) => {
        const t = table.find(
          (t) =>
            pred(t) && (t.guard === null || (t.guard.cel !== null && guardHolds(t.guard.cel, ev.currentVars).holds)),
        );
        return t ? t.id : null;
      };
      // eventless
      const probe = run(step.state, vars, 'agent', null, '__probe__');
      expect(probe.taken).toBe(firstHolding((t) => t.kind === 'always'));
      // each event of the machine
      const takenBy = new Map<string, string | null>();
      for (const e of eventNames) {
        const r = probe.taken === null ? run(step.state, vars, 'agent', null, e).taken : null;
        takenBy.set(e, r);
        if (probe.taken === null) expect(r).toBe(firstHolding((t) => t.kind === 'on' && t.event === e));
        checks++;
      }
      // the agent's choice is what XState takes (eventless first, else for the chosen event)
      const a = step.agent === null ? null : g.transitions[tid(step.agent)]!;
      if (probe.taken !== null) expect(step.agent).toBe(probe.taken);
      else if (a) expect(takenBy.get(a.event!)).toBe(a.id);
      else expect([...takenBy.values()].every((v) => v === null)).toBe(true);
      // the human's choice (DESIGN: agreement by destination): the agent's branch when it matches
      // what people did, else the first matching branch in T — re-derived here from the events
      const next = step.eventIndex === null ? null : c.events[step.eventIndex]!.activity;
      const matches = (t: (typeof table)[number]) =>
        next === null ? g.states[t.target]!.final : g.states[t.target]!.activity === next;
      expect(step.human).toBe(a && matches(a) ? a.id : table.find(matches)!.id);
      if (a && matches(a)) expect(step.agree).toBe(true);
      // the human's choice, forced, lands where our walk goes
      const h = g.transitions[tid(step.human)]!;
      const forced = run(step.state, vars, 'human', h.id, h.kind === 'always' ? '__probe__' : h.event!);
      expect(forced.taken).toBe(h.id);
      expect(forced.leaf).toBe(g.states[h.target]!.key);
      // and where XState lands is what people did: the next event's activity (or a final state)
      if (next !== null) expect(g.states[g.stateIds.get(forced.leaf)!]!.activity).toBe(next);
      if (g.states[h.target]!.final) expect(forced.done).toBe(true);
      expectedState = forced.leaf;
      checks += 3;
    }
    if (trace.end === 'final') expect(trace.endState).toBe(expectedState);
    if (trace.end === 'deviated') expect(trace.deviatedAt).toBe(expectedState);
  }
  return checks;
}

describe('compiled replay equals XState', () => {
  it('on random graphs and cases', () => {
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const r = rng(seed);
        const doc = withDefaults({
          name: 'random',
          rollout: 'autonomy',
          caseSchema: { x: { type: 'number' }, y: { type: 'number' }, w: { type: 'number' } },
          machine: randomMachine(r),
        });
        const g = compileGraph(doc);
        const cases = Array.from({ length: 12 }, (_, i) => randomCase(r, g, i));
        total += checkAgainstXState(doc, cases);
      }),
      { numRuns: 120, includeErrorInReport: true },
    );
    expect(total).toBeGreaterThan(1000);
  });

  it('on the refund sample', async () => {
    const refund = (await import('../../samples/refund.sop.json')).default;
    const doc = withDefaults(structuredClone(refund));
    const cases: RecordedCase[] = [];
    const r = rng(7);
    for (let i = 0; i < 40; i++) cases.push(randomCase(r, compileGraph(doc), i));
    cases.forEach((c) => (c.attributes = { amount: Math.round(r.next() * 800), fraudScore: r.next() }));
    expect(checkAgainstXState(doc, cases)).toBeGreaterThan(40);
  });
});
