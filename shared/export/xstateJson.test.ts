import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup, type AnyStateMachine } from 'xstate';
import machineSchema from '../../fixtures/outside/xstate/xstate__packages_core_src_machine.schema.json';
import { CelEnvironment, guardHolds } from '../expr/cel';
import { flattenMachine } from '../model/flatten';
import type { GraphDoc } from '../model/types';
import { ALL_GRAPHS, COMPOUND, PARALLEL } from './__fixtures__/graphs';
import { exportXStateJson, toXStateConfig } from './xstateJson';

const validate = new Ajv().compile(machineSchema);

/** Build a runnable machine whose `cel` guard reads the case from context. */
function runnable(doc: GraphDoc, config: Record<string, unknown>, attributes: Record<string, unknown>): AnyStateMachine {
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

describe('exportXStateJson', () => {
  it.each(Object.keys(ALL_GRAPHS))('%s validates against XState machine.schema.json', (name) => {
    const json = JSON.parse(exportXStateJson(ALL_GRAPHS[name]!));
    const ok = validate(json);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // and, as XState's own json test does, the machine built from it serializes validly too
    expect(validate(JSON.parse(JSON.stringify(createMachine(json).toJSON())))).toBe(true);
  });

  it('schema rejects what it should (the contract is not vacuous)', () => {
    const json = toXStateConfig(COMPOUND) as { states: Record<string, Record<string, unknown>> };
    delete json.states.intake!.on;
    expect(validate(json)).toBe(false);
  });

  it.each(Object.keys(ALL_GRAPHS))('%s keeps states, transitions, guards and tiers', (name) => {
    const doc = ALL_GRAPHS[name]!;
    const before = flattenMachine(doc.machine);
    const after = flattenMachine(toXStateConfig(doc) as never);
    expect(after.stateOrder).toEqual(before.stateOrder);
    const shape = (g: typeof before) => g.transitions.map((t) => [t.id, t.targets, t.guardExpr, t.tier, t.config.meta ?? null]);
    expect(shape(after)).toEqual(shape(before));
  });

  it('behaves like the original machine (guards, compound initials, #id targets)', () => {
    const exported = toXStateConfig(COMPOUND);
    for (const attrs of [{ amount: 5000, urgent: false }, { amount: 10, urgent: false }]) {
      for (const events of [['DOCS_OK', 'NOTE', 'APPROVE', 'PAID'], ['MISSING'], ['CANCEL'], ['PAID']]) {
        const original = drive(runnable(COMPOUND, COMPOUND.machine, attrs), events);
        expect(drive(runnable(COMPOUND, exported, attrs), events)).toEqual(original);
      }
    }
    expect(drive(runnable(COMPOUND, exported, { amount: 5000 }), ['DOCS_OK', 'APPROVE'])).toEqual([{ review: 'collect' }, { review: 'assess' }, 'pay']);
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
    expect(json.meta.sop).toMatchObject({ name: 'Refund requests', rollout: 'autonomy' });
    expect(Object.keys(json.meta.sop.tools as object)).toEqual(['issueRefund', 'reverseRefund']);
  });
});
