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
});
