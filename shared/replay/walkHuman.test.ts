// walk.ts finds the human's branch by comparing the event's activity with each candidate target's
// activity as strings (===), where it used to look the activity's code up in g.activityCodes and
// compare codes. The plain path is that code lookup, kept here as `plainWalk`: on random machines
// where several states share an activity (so more than one branch can match an event and the
// order agent-first-then-table matters), with guards that hold, fail or error, and events whose
// activities are fresh strings (built at run time, never the graph's own string objects) or match
// nothing, both walks must report the same steps, deviations and ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MachineConfig, RecordedCase, StateConfig } from '../model/types';
import { compileGraph, type CompiledGraph } from './compile';
import { CaseEvaluator, caseVars } from './evaluate';
import { cel, graph } from './testGraphs';
import { walkCase, type CaseEnd, type ReplaySink } from './walk';

const ACTIVITIES = ['Act one', 'Act two', 'Act three', 'Close it'];
const GUARDS = [null, 'x > 0.5', 'x < 0.3', 'y > 0.5', 'nope > 1.0'];

type Log = Array<string | number>[];

/** Everything a sink hears, in order. */
function recorder(log: Log): ReplaySink {
  return {
    step: (state, agent, human, tier, guardErrors, eventIndex, handlingMs) =>
      log.push(['step', state, agent, human, tier.tier, guardErrors, eventIndex, handlingMs]),
    deviation: (state) => log.push(['deviation', state]),
    endCase: (end: CaseEnd, state, trailing) => log.push(['end', end, state, trailing]),
  };
}

/** The walk as it was: the human's branch by activity code (g.activityCodes). */
function plainWalk(g: CompiledGraph, c: RecordedCase, log: Log): void {
  const ev = new CaseEvaluator(g, g.rollout);
  ev.begin(caseVars(g, c.attributes ?? {}));
  const sink = recorder(log);
  const events = c.events;
  const n = events.length;
  let s = g.initial;
  let i = n > 0 && events[0]!.activity === g.states[s]!.activity ? 1 : 0;
  for (;;) {
    const st = g.states[s]!;
    if (st.final) return sink.endCase('final', s, n - i);
    const a = ev.agent(s);
    let h = -1;
    if (i < n) {
      const code = g.activityCodes.get(events[i]!.activity);
      if (code !== undefined) {
        if (a >= 0 && g.transitions[a]!.targetActivity === code) h = a;
        else h = [...st.table].find((t) => g.transitions[t]!.targetActivity === code) ?? -1;
      }
    } else if (a >= 0 && g.transitions[a]!.targetFinal) h = a;
    else h = [...st.table].find((t) => g.transitions[t]!.targetFinal) ?? -1;
    if (h < 0) {
      sink.deviation(s);
      return sink.endCase('deviated', s, 0);
    }
    const e = events[i];
    const handling =
      e && e.start !== undefined && e.timestamp !== undefined && e.timestamp >= e.start ? e.timestamp - e.start : NaN;
    sink.step(s, a, h, ev.tier(s), ev.guardErrors(s), i < n ? i : -1, handling);
    if (i < n) i++;
    s = g.transitions[h]!.target;
  }
}

const machineArb = fc
  .record({
    activities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 5 }),
    edges: fc.array(
      fc.array(fc.record({ to: fc.nat(6), guard: fc.nat(GUARDS.length - 1) }), { minLength: 1, maxLength: 4 }),
      { minLength: 5, maxLength: 5 },
    ),
  })
  .map(({ activities, edges }): MachineConfig => {
    const keys = activities.map((_, i) => `s${i}`);
    const states: Record<string, StateConfig> = { end: { type: 'final', meta: { activity: ACTIVITIES[3]! } } };
    keys.forEach((key, i) => {
      states[key] = {
        meta: { activity: ACTIVITIES[activities[i]!]!, tier: i % 2 ? 'auto' : 'suggest' },
        on: {
          GO: edges[i]!.map(({ to, guard }) => ({
            target: to < keys.length ? keys[to]! : 'end',
            ...(GUARDS[guard] ? { guard: cel(GUARDS[guard]) } : {}),
          })),
        },
      };
    });
    return { initial: 's0', states };
  });

/** Activity codes 0–3 are the graph's activities, 4 matches nothing; every string is built anew. */
const caseArb = fc.record({
  x: fc.double({ min: 0, max: 1, noNaN: true }),
  y: fc.double({ min: 0, max: 1, noNaN: true }),
  acts: fc.array(fc.nat(4), { maxLength: 8 }),
});
const fresh = (code: number) => (code < 4 ? ACTIVITIES[code]!.split(' ') : ['Nothing', 'here']).join(' ');

describe('the human branch by string comparison equals the activity-code lookup', () => {
  it('same steps, deviations and ends on random machines and cases', () => {
    fc.assert(
      fc.property(machineArb, fc.array(caseArb, { minLength: 1, maxLength: 6 }), (machine, raw) => {
        const g = compileGraph(graph(machine, { caseSchema: { x: { type: 'number' }, y: { type: 'number' } } }));
        const ev = new CaseEvaluator(g, g.rollout);
        raw.forEach(({ x, y, acts }, k) => {
          const c: RecordedCase = {
            caseId: `c${k}`,
            attributes: { x, y },
            events: acts.map((a, j) => ({ activity: fresh(a), timestamp: j * 10, start: j * 10 - 3 })),
          };
          const plain: Log = [];
          plainWalk(g, c, plain);
          const fast: Log = [];
          ev.beginCase(c.attributes);
          walkCase(ev, c, recorder(fast));
          expect(fast).toEqual(plain);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('an agent branch and an earlier table branch into the same activity: the agent’s is the human’s', () => {
    // s0's table: first → a (Act one), then → b (Act one too) which the agent takes (x > 0.5 fails
    // for the first): the event Act one is matched by the agent's own branch, not the first.
    const g = compileGraph(
      graph(
        {
          initial: 's0',
          states: {
            s0: {
              meta: { activity: 'Start' },
              on: { GO: [{ target: 'a', guard: cel('x > 0.5') }, { target: 'b' }] },
            },
            a: { meta: { activity: 'Act one' }, on: { GO: 'end' } },
            b: { meta: { activity: 'Act one' }, on: { GO: 'end' } },
            end: { type: 'final', meta: { activity: 'Close it' } },
          },
        },
        { caseSchema: { x: { type: 'number' } } },
      ),
    );
    const ev = new CaseEvaluator(g, g.rollout);
    ev.beginCase({ x: 0.1 });
    const log: Log = [];
    walkCase(ev, { caseId: 'c', attributes: { x: 0.1 }, events: [{ activity: fresh(0) }] }, recorder(log));
    const b = g.transitionIds.get('s0|on|GO|1')!;
    expect(log[0]!.slice(0, 4)).toEqual(['step', g.stateIds.get('s0')!, b, b]);
  });
});
