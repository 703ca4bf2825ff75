import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup, type AnyStateMachine } from 'xstate';
import machineSchema from '../../fixtures/outside/xstate/xstate__packages_core_src_machine.schema.json';
import { CelEnvironment, guardHolds } from '../expr/cel';
import type { GraphDoc } from '../model/types';
import { ALL_GRAPHS, COMPOUND, PARALLEL } from './__fixtures__/graphs';
import { withExplicitInitials, xstateStructure } from './testing/xstateStructure';
import { exportXStateJson, toXStateConfig } from './xstateJson';

const validate = new Ajv().compile(machineSchema);

/** Build a runnable machine whose `cel` guard reads the case from context. */
function runnable(
  doc: GraphDoc,
  config: Record<string, unknown>,
  attributes: Record<string, unknown>,
): AnyStateMachine {
  const env = new CelEnvironment(doc.caseSchema);
  return setup({
    guards: {
      cel: (_, params: { expr: string }) => {
        const c = env.compile(params.expr);
        return c.ok && guardHolds(c.compiled, attributes).holds;
      },
    },
  }).createMachine(config as never) as unknown as AnyStateMachine;
}

function drive(machine: AnyStateMachine, events: string[]): unknown[] {
  const actor = createActor(machine).start();
  const seen = [actor.getSnapshot().value];
  for (const type of events) {
    actor.send({ type });
    seen.push(actor.getSnapshot().value);
  }
  actor.stop();
  return seen;
}

/** Every key used anywhere in a JSON value. */
function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  return out;
}

/**
 * Where XState's own toJSON() and its schema disagree, read toJSON() as the schema means it: a
 * targetless transition is written with `target: undefined` (dropped by JSON) where the schema
 * requires the array, and a named action stays a string where the schema wants `{ type }`.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- rewrites XState's untyped toJSON() output in place */
function withTargetArrays(json: any): any {
  const action = (a: unknown) => (typeof a === 'string' ? { type: a } : a);
  const fix = (t: any) =>
    t && typeof t === 'object' ? { ...t, target: t.target ?? [], actions: (t.actions ?? []).map(action) } : t;
  const visit = (s: any) => {
    for (const [event, list] of Object.entries(s.on ?? {})) s.on[event] = (list as unknown[]).map(fix);
    if (Array.isArray(s.transitions)) s.transitions = s.transitions.map(fix);
    for (const child of Object.values(s.states ?? {})) visit(child);
  };
  visit(json);
  return json;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('exportXStateJson (the plain config)', () => {
  it.each(Object.keys(ALL_GRAPHS))('%s builds the same XState structure as the original machine', (name) => {
    const doc = ALL_GRAPHS[name]!;
    const exported = JSON.parse(exportXStateJson(doc));
    expect(xstateStructure(exported)).toEqual(xstateStructure(withExplicitInitials(doc.machine)));
  });

  it.each(Object.keys(ALL_GRAPHS))(
    '%s: the machine XState builds from it serializes to valid machine.schema.json',
    (name) => {
      // the schema describes machine.toJSON() (XState's normalised definition), not a config, so it
      // applies to what createMachine makes of the export, as XState's own json test does
      const json = withTargetArrays(
        JSON.parse(JSON.stringify(createMachine(toXStateConfig(ALL_GRAPHS[name]!)).toJSON())),
      );
      expect(validate(json) ? null : validate.errors).toBeNull();
    },
  );

  it('the schema check is not vacuous', () => {
    const json = JSON.parse(JSON.stringify(createMachine(toXStateConfig(COMPOUND)).toJSON()));
    delete json.states.intake.on;
    expect(validate(json)).toBe(false);
  });

  it.each(Object.keys(ALL_GRAPHS))('%s: string initials, no normalised fields', (name) => {
    const exported = toXStateConfig(ALL_GRAPHS[name]!);
    expect(typeof exported.initial).toBe('string');
    const keys = keysIn({ ...exported, meta: undefined });
    expect(['source', 'eventType'].filter((k) => keys.has(k))).toEqual([]);
  });

  it('writes short targets and #id only where a string target cannot reach', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the config's states are XState's own loosely typed nodes
    const m = toXStateConfig(COMPOUND) as { states: Record<string, any> };
    expect(m.states.intake.always[0].target).toBe('review');
    expect(m.states.review.states.collect.on.DOCS_OK).toBe('assess');
    expect(m.states.review.states.collect.on.MISSING.target).toBe('#claims.closed');
    expect(m.states.review.states.assess.on.APPROVE.target).toBe('#claims.pay');
    expect(m.states.review.on.CANCEL).toBe('closed');
    expect(m.states.review.initial).toBe('collect');
  });

  it('behaves like the original machine (guards, compound initials, #id targets)', () => {
    const exported = toXStateConfig(COMPOUND);
    for (const attrs of [
      { amount: 5000, urgent: false },
      { amount: 10, urgent: false },
    ]) {
      for (const events of [['DOCS_OK', 'NOTE', 'APPROVE', 'PAID'], ['MISSING'], ['CANCEL'], ['PAID']]) {
        const original = drive(runnable(COMPOUND, COMPOUND.machine, attrs), events);
        expect(drive(runnable(COMPOUND, exported, attrs), events)).toEqual(original);
      }
    }
    expect(drive(runnable(COMPOUND, exported, { amount: 5000 }), ['DOCS_OK', 'APPROVE'])).toEqual([
      { review: 'collect' },
      { review: 'assess' },
      'pay',
    ]);
  });

  it('behaves like the original on parallel regions and history', () => {
    const exported = toXStateConfig(PARALLEL);
    const events = ['SHIPPED', 'PAUSE', 'RESUME', 'ACCOUNT_DONE'];
    const original = drive(runnable(PARALLEL, PARALLEL.machine, {}), events);
    expect(drive(runnable(PARALLEL, exported, {}), events)).toEqual(original);
    expect(original.at(-1)).toBe('welcome');
  });

  it('carries the SOP facts in meta.sop', () => {
    const json = toXStateConfig(ALL_GRAPHS['refund.sop.json']!) as { meta: { sop: Record<string, unknown> } };
    expect(json.meta.sop).toMatchObject({ name: 'Refund requests', rollout: 'autonomy', format: 'sop-studio/graph@1' });
    expect(Object.keys(json.meta.sop.tools as object)).toEqual(['issueRefund', 'reverseRefund']);
  });
});
