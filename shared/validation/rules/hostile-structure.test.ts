import { describe, expect, it } from 'vitest';
import { MAX_STATE_DEPTH } from '../../model/hostileShape';
import type { MachineConfig, StateConfig } from '../../model/types';
import { docWith, simpleMachine } from '../testing';
import { validateGraph } from '../validate';

/** A machine whose states nest `levels` deep (built as objects, as the designer would hold it). */
function nestedMachine(levels: number): MachineConfig {
  let state: StateConfig = { type: 'final' };
  for (let i = levels; i >= 2; i--) state = { initial: `s${i}`, states: { [`s${i}`]: state } };
  return { id: 'deep', initial: 's1', states: { s1: state } };
}

describe('hostile-structure (checked by validateGraph before every other rule)', () => {
  it('passes an ordinary machine and the deepest nesting allowed', () => {
    expect(validateGraph(docWith(simpleMachine())).filter((d) => d.code === 'hostile-structure')).toEqual([]);
    expect(
      validateGraph(docWith(nestedMachine(MAX_STATE_DEPTH))).filter((d) => d.code === 'hostile-structure'),
    ).toEqual([]);
  });

  it('reports one level too deep as the only diagnostic, at the state past the limit', () => {
    const diagnostics = validateGraph(docWith(nestedMachine(MAX_STATE_DEPTH + 1)));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'hostile-structure',
      severity: 'error',
      message: expect.stringContaining(`the limit is ${MAX_STATE_DEPTH} levels`),
    });
    expect(diagnostics[0]!.path.at(-1)).toBe(`s${MAX_STATE_DEPTH + 1}`);
  });

  it('reports a state named constructor instead of running rules that key dictionaries by it', () => {
    const machine = simpleMachine();
    const reserved: string = 'constructor';
    machine.states![reserved] = { type: 'final' };
    expect(validateGraph(docWith(machine)).map((d) => [d.code, d.path.join('.')])).toEqual([
      ['hostile-structure', 'machine.states.constructor'],
    ]);
  });
});
