import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../model/types';
import { buildContext } from '../context';
import { docWith, runRule, simpleMachine } from '../testing';
import { unknownTarget } from './unknown-target';

describe('unknown-target', () => {
  it('reports a target that names no state, with a suggestion', () => {
    const m = simpleMachine();
    m.states!.start = { always: [{ target: 'dnoe' }], on: { GO: 'nowhere' } };
    const found = runRule(unknownTarget, docWith(m));
    expect(found.map((d) => d.path.join('.'))).toEqual([
      'machine.states.start.always.0.target',
      'machine.states.start.on.GO',
    ]);
    expect(found[0]!.message).toBe('Target "dnoe" of "start" → "dnoe" (always) is not a state; did you mean "done"?');
    expect(found[0]!.transitionId).toBe('start|always||0');
  });

  it('reports an initial that is not a child', () => {
    const m = simpleMachine();
    m.initial = 'begin';
    const [d] = runRule(unknownTarget, docWith(m));
    expect(d).toMatchObject({ path: ['machine', 'initial'] });
  });

  it('resolves siblings, #ids, child paths and onDone targets', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: {
          initial: 'x',
          states: { x: { on: { N: 'y' } }, y: { type: 'final' as const } },
          onDone: 'b',
          on: { J: '#m.b', K: '.x', L: 'a.y' },
        },
        b: { id: 'bee', invoke: { src: 's', onDone: 'c', onError: '#bee' } },
        c: { type: 'final' as const },
      },
    };
    expect(runRule(unknownTarget, docWith(m))).toEqual([]);
  });

  it('checks onDone, invoke and machine-level targets, selecting the state they belong to', () => {
    const m = {
      id: 'm',
      initial: 'a',
      on: { CANCEL: '.gone' },
      states: { a: { invoke: { src: 's', onDone: 'b', onError: 'oops' } }, b: { type: 'final' as const } },
    };
    const found = runRule(unknownTarget, docWith(m));
    expect(found.map((d) => [d.path.join('.'), d.stateKey, d.transitionId])).toEqual([
      ['machine.on.CANCEL', undefined, undefined],
      ['machine.states.a.invoke.onError', 'a', undefined],
    ]);
    expect(found[0]!.message).toContain('the machine → ".gone" (on CANCEL)');
  });

  // The rule's own findings (check, without validateGraph filling locations from the path).
  const check = (m: unknown) => unknownTarget.check(buildContext(docWith(m as MachineConfig)));
  const finding = (message: string, path: Array<string | number>, where: Record<string, string>) => ({
    code: 'unknown-target',
    severity: 'error',
    message,
    path,
    ...where,
  });

  it('suggests the state whose name is within 2 edits (ignoring case, after the #id or child-path prefix), else nothing', () => {
    const m = {
      id: 'm',
      initial: 'start',
      states: {
        start: {
          on: {
            A: 'nowhere', // 6 or more edits from "start" and "done"
            B: 'doneXYZ', // 3 edits from "done": too far for a 7-letter name
            C: '#dnoe', // an #id: "dnoe" is 2 edits from "done"
            D: '#m.dnoe', // an #machine.path: its last segment
            E: { target: ['done', 'Dnoe'] }, // a target list: at its entry; "Dnoe" is "dnoe" ignoring case
          },
        },
        done: { type: 'final' },
      },
    };
    /** The finding on start's `order`-th branch (on `event`), at the branch or `within` it. */
    const onStart = (event: string, order: number, message: string, within: Array<string | number> = []) =>
      finding(message, ['machine', 'states', 'start', 'on', event, ...within], {
        stateKey: 'start',
        transitionId: `start|on|${event}|${order}`,
      });
    expect(check(m)).toEqual([
      onStart('A', 0, 'Target "nowhere" of "start" → "nowhere" (on A) is not a state'),
      onStart('B', 1, 'Target "doneXYZ" of "start" → "doneXYZ" (on B) is not a state'),
      onStart('C', 2, 'Target "#dnoe" of "start" → "#dnoe" (on C) is not a state; did you mean "done"?'),
      onStart('D', 3, 'Target "#m.dnoe" of "start" → "#m.dnoe" (on D) is not a state; did you mean "done"?'),
      onStart('E', 4, 'Target "Dnoe" of "start" → "done", "Dnoe" (on E) is not a state; did you mean "done"?', [
        'target',
        1,
      ]),
    ]);
  });

  it('suggests the closest state, the first of equally close ones, by its key', () => {
    // "sends": end 2, send 1, sent 2, sender 2 edits; "sen": end 2, send 1, sent 1, sender 3
    const m = {
      id: 'm',
      initial: 'start',
      states: {
        start: { on: { GO: 'sends', BACK: { target: 'sen' } } },
        end: { type: 'final' },
        send: {},
        sent: {},
        sender: {},
      },
    };
    expect(check(m).map((d) => d.message)).toEqual([
      'Target "sends" of "start" → "sends" (on GO) is not a state; did you mean "send"?',
      'Target "sen" of "start" → "sen" (on BACK) is not a state; did you mean "send"?',
    ]);
    // a child path keeps its prefix out of the comparison and the hint is the state's key
    const nested = {
      id: 'm',
      initial: 'p',
      states: { p: { initial: 'done', states: { done: { type: 'final' } } }, q: { on: { GO: 'p.dnoe' } } },
    };
    expect(check(nested)).toEqual([
      finding(
        'Target "p.dnoe" of "q" → "p.dnoe" (on GO) is not a state; did you mean "p.done"?',
        ['machine', 'states', 'q', 'on', 'GO'],
        { stateKey: 'q', transitionId: 'q|on|GO|0' },
      ),
    ]);
  });

  it('reports an initial that names no child of its own state, at that state', () => {
    const m = {
      id: 'm',
      initial: 'p',
      states: {
        p: { initial: 'nope', states: { x: { type: 'final' } } },
        a: { initial: 'x' }, // no child states at all
        z: { initial: 'x', states: null }, // likewise
        n: { initial: 5, states: { '5': { type: 'final' } } }, // an initial is a name: 5 is none
        s: { initial: 'length', states: 'abc' }, // a string's own properties are no child states
        ok: { initial: 'x', states: { x: { type: 'final' } } },
      },
    };
    const initial = (key: string, value: string) =>
      finding(
        `Initial state "${value}" of "${key}" is not one of its child states`,
        ['machine', 'states', key, 'initial'],
        {
          stateKey: key,
        },
      );
    expect(check(m)).toEqual([
      initial('p', 'nope'),
      initial('a', 'x'),
      initial('z', 'x'),
      initial('n', '5'),
      initial('s', 'length'),
    ]);
  });
});
