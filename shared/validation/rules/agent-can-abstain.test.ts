import { describe, expect, it } from 'vitest';
import { docWith, runRule } from '../testing';
import { agentCanAbstain } from './agent-can-abstain';

const cel = (expr: string) => ({ type: 'cel' as const, params: { expr } });

describe('agent-can-abstain', () => {
  it('warns when every branch is guarded and suggests a human catch-all', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: {
          always: [
            { target: 'b', guard: cel('x > 1') },
            { target: 'b', guard: cel('x < 0') },
          ],
        },
        b: { type: 'final' as const },
      },
    };
    const [d] = runRule(agentCanAbstain, docWith(m));
    expect(d).toMatchObject({ severity: 'warning', stateKey: 'a', path: ['machine', 'states', 'a', 'always'] });
    expect(d!.message).toContain('tier "human"');
  });

  it('is quiet when a branch is unguarded', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: { a: { always: [{ target: 'b', guard: cel('x > 1') }, { target: 'b' }] }, b: { type: 'final' as const } },
    };
    expect(runRule(agentCanAbstain, docWith(m))).toEqual([]);
  });

  it("is quiet when an ancestor's or the machine root's branch is unguarded: the agent takes that one", () => {
    const guarded = { on: { GO: { target: '#done', guard: cel('x > 1') } } };
    const inParent = {
      id: 'm',
      initial: 'p',
      states: {
        p: { initial: 'a', on: { ESCALATE: '#done' }, states: { a: guarded } },
        done: { id: 'done', type: 'final' as const },
      },
    };
    expect(runRule(agentCanAbstain, docWith(inParent))).toEqual([]);
    const atRoot = {
      id: 'm',
      initial: 'a',
      on: { CANCEL: '.done' },
      states: { a: guarded, done: { id: 'done', type: 'final' as const } },
    };
    expect(runRule(agentCanAbstain, docWith(atRoot))).toEqual([]);
    // a guarded root branch is no catch-all: a still warns
    const guardedRoot = { ...atRoot, on: { CANCEL: { target: '.done', guard: cel('x < 0') } } };
    expect(runRule(agentCanAbstain, docWith(guardedRoot)).map((d) => [d.stateKey, d.path])).toEqual([
      ['a', ['machine', 'states', 'a']],
    ]);
  });
});
