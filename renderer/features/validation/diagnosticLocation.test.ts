import { describe, expect, it } from 'vitest';
import { flattenMachine } from '../../../shared/model/flatten';
import type { MachineConfig } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/validation/types';
import { groupBySeverity, locationOf, revealOf } from './diagnosticLocation';

const machine: MachineConfig = {
  id: 'refund',
  initial: 'triage',
  states: {
    triage: { always: [{ target: 'refund' }] },
    review: { on: { APPROVE: 'refund' } },
    refund: { type: 'final' },
  },
};
const flat = flattenMachine(machine);
const d = (p: Partial<Diagnostic>): Diagnostic => ({ code: 'x', severity: 'error', message: 'm', path: [], ...p });

describe('diagnostic locations', () => {
  it('reveals the branch a diagnostic names, described by source, target and event', () => {
    const diag = d({ transitionId: 'review|on|APPROVE|0', stateKey: 'review' });
    expect(revealOf(diag, flat)).toEqual({ kind: 'transition', id: 'review|on|APPROVE|0' });
    expect(locationOf(diag, flat)).toBe('branch review → refund on APPROVE');
  });

  it('falls back to the state when the branch id no longer exists', () => {
    expect(revealOf(d({ transitionId: 'gone|on|X|0', stateKey: 'triage' }), flat)).toEqual({
      kind: 'state',
      key: 'triage',
    });
  });

  it('sends schema, tool and agent diagnostics to their editors', () => {
    expect(revealOf(d({ path: ['tools', 'issueRefund', 'limit'] }), flat)).toEqual({
      kind: 'section',
      section: 'tools',
      name: 'issueRefund',
    });
    expect(locationOf(d({ path: ['caseSchema', 'amount'] }), flat)).toBe('field amount');
    expect(locationOf(d({ path: ['agents', 'a1'] }), flat)).toBe('agent a1');
    expect(locationOf(d({ path: ['rollout'] }), flat)).toBe('rollout');
  });

  it('groups by severity, errors first, skipping empty groups', () => {
    const groups = groupBySeverity([d({ severity: 'info' }), d({ severity: 'error' }), d({ severity: 'info' })]);
    expect(groups.map((g) => [g.severity, g.items.length])).toEqual([
      ['error', 1],
      ['info', 2],
    ]);
  });
});
