// completionTransitions: the moving transitions flattenMachine does not list (a compound's onDone,
// invoke onDone/onError; the root's own on/always/after are rootTransitions', not listed here). Every expected value below is worked out by hand from
// XState's resolution rules (".x" = child of the source, "x" = sibling, "#id" / "#machineId.path"),
// not taken from the implementation's output.
import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../model/types';
import { completionTransitions } from './structure';

const pick = (m: MachineConfig, base?: Parameters<typeof completionTransitions>[1]) =>
  completionTransitions(m, base).map((t) => ({
    id: t.id,
    source: t.source,
    kind: t.kind,
    event: t.event,
    targets: t.targets,
    unresolved: t.unresolved,
    path: t.path,
  }));

const machine = (): MachineConfig =>
  ({
    id: 'm',
    initial: 'a',
    always: [{ guard: { type: 'cel', params: { expr: 'true' } }, target: '.d' }],
    on: { RESET: '.a' },
    after: { 500: '#m.c' },
    states: {
      a: { initial: 'x', states: { x: { type: 'final' } }, onDone: 'b' },
      b: { id: 'bee', invoke: { src: 's', onDone: 'c', onError: [{ target: 'd' }] } },
      c: {
        invoke: [
          { src: 't', onDone: 'd' },
          { src: 'u', onError: '#bee' },
        ],
      },
      d: { type: 'final' },
    },
  }) as unknown as MachineConfig;

describe('completionTransitions', () => {
  it('lists onDone and invoke transitions with their sources, targets, ids and document paths; not the root branches', () => {
    // machine() has a root always, on RESET and after 500: none of them is listed
    expect(pick(machine())).toEqual([
      {
        id: 'a|on|onDone|machine/states/a/onDone',
        source: 'a',
        kind: 'on',
        event: 'onDone',
        targets: ['b'],
        unresolved: [],
        path: ['machine', 'states', 'a', 'onDone'],
      },
      {
        id: 'b|on|invoke.onDone|machine/states/b/invoke/onDone',
        source: 'b',
        kind: 'on',
        event: 'invoke.onDone',
        targets: ['c'],
        unresolved: [],
        path: ['machine', 'states', 'b', 'invoke', 'onDone'],
      },
      {
        id: 'b|on|invoke.onError|machine/states/b/invoke/onError/0',
        source: 'b',
        kind: 'on',
        event: 'invoke.onError',
        targets: ['d'],
        unresolved: [],
        path: ['machine', 'states', 'b', 'invoke', 'onError', 0],
      },
      {
        id: 'c|on|invoke[0].onDone|machine/states/c/invoke/0/onDone',
        source: 'c',
        kind: 'on',
        event: 'invoke[0].onDone',
        targets: ['d'],
        unresolved: [],
        path: ['machine', 'states', 'c', 'invoke', 0, 'onDone'],
      },
      {
        id: 'c|on|invoke[1].onError|machine/states/c/invoke/1/onError',
        source: 'c',
        kind: 'on',
        event: 'invoke[1].onError',
        targets: ['b'],
        unresolved: [],
        path: ['machine', 'states', 'c', 'invoke', 1, 'onError'],
      },
    ]);
  });

  it('puts the paths under the given base path', () => {
    const paths = pick(machine(), ['doc', 'graph']).map((t) => t.path);
    expect(paths[0]).toEqual(['doc', 'graph', 'states', 'a', 'onDone']);
    expect(paths[2]).toEqual(['doc', 'graph', 'states', 'b', 'invoke', 'onError', 0]);
    expect(pick(machine(), ['doc', 'graph'])[0]!.id).toBe('a|on|onDone|doc/graph/states/a/onDone');
  });

  it('returns nothing for a machine whose transitions flattenMachine already lists', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: { a: { on: { GO: 'b' }, always: 'b', after: { 9: 'b' } }, b: { type: 'final' } },
    } as unknown as MachineConfig;
    expect(completionTransitions(m)).toEqual([]);
  });

  it('nested states keep their ids and relative targets; an unknown target stays unresolved', () => {
    const m = {
      id: 'm',
      initial: 'p',
      states: {
        p: {
          initial: 'q',
          states: { q: { id: 'queue', invoke: { src: 's', onDone: 'r', onError: '#nowhere' } }, r: { type: 'final' } },
          onDone: '#queue',
        },
      },
    } as unknown as MachineConfig;
    expect(pick(m)).toEqual([
      {
        id: 'p|on|onDone|machine/states/p/onDone',
        source: 'p',
        kind: 'on',
        event: 'onDone',
        targets: ['p.q'],
        unresolved: [],
        path: ['machine', 'states', 'p', 'onDone'],
      },
      {
        id: 'p.q|on|invoke.onDone|machine/states/p/states/q/invoke/onDone',
        source: 'p.q',
        kind: 'on',
        event: 'invoke.onDone',
        targets: ['p.r'],
        unresolved: [],
        path: ['machine', 'states', 'p', 'states', 'q', 'invoke', 'onDone'],
      },
      {
        id: 'p.q|on|invoke.onError|machine/states/p/states/q/invoke/onError',
        source: 'p.q',
        kind: 'on',
        event: 'invoke.onError',
        targets: [],
        unresolved: ['#nowhere'],
        path: ['machine', 'states', 'p', 'states', 'q', 'invoke', 'onError'],
      },
    ]);
  });

  it('a machine without an id is addressed as "(machine)", as flattenMachine does', () => {
    const m = {
      initial: 'a',
      states: { a: { initial: 'x', states: { x: { type: 'final' } }, onDone: '#(machine).b' }, b: {} },
    } as unknown as MachineConfig;
    expect(pick(m).map((t) => [t.source, t.targets])).toEqual([['a', ['b']]]);
  });

  it('skips malformed parts instead of inventing transitions: null specs, non-object invoke items, null states (the root on/after are not read)', () => {
    const m = {
      id: 'm',
      initial: 'a',
      on: 'bogus',
      after: ['x'],
      onDone: null,
      states: {
        a: { onDone: null, invoke: ['not an object', null, { src: 's', onDone: 'b' }] },
        b: null,
      },
    } as unknown as MachineConfig;
    expect(pick(m).map((t) => [t.id, t.targets])).toEqual([
      ['a|on|invoke[2].onDone|machine/states/a/invoke/2/onDone', ['b']],
    ]);
  });

  it("the machine root's own onDone is listed with the root as its source", () => {
    const m = { id: 'm', initial: 'a', onDone: 'a', states: { a: { type: 'final' } } } as unknown as MachineConfig;
    // the root's onDone is listed once, with the root as its source
    expect(pick(m).map((t) => [t.source, t.event, t.path])).toEqual([['', 'onDone', ['machine', 'onDone']]]);
  });
});
