import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../shared/model/defaults';
import type { GraphDoc } from '../../../shared/model/types';
import { addEntry, nameProblem, patchEntry, removeEntry, renameEntry } from './schemaEdits';

const doc: GraphDoc = withDefaults({
  caseSchema: { amount: { type: 'number', source: 'billing' }, fraudScore: { type: 'number' } },
  agents: { 'refund-agent': { owner: 'ops', reads: ['amount', 'fraudScore'], tools: ['issueRefund'] } },
  tools: { issueRefund: { risk: 'high', undo: 'reverseRefund' }, reverseRefund: { risk: 'medium' } },
  machine: {
    initial: 'a',
    states: {
      a: { meta: { tool: 'issueRefund', agent: 'refund-agent' } },
      b: { states: { c: { meta: { tool: 'reverseRefund' } } } },
    },
  },
});

describe('schema edits', () => {
  it("renames a case field in place and in agents' reads", () => {
    const next = renameEntry(doc, 'caseSchema', 'amount', 'total');
    expect(Object.keys(next.caseSchema)).toEqual(['total', 'fraudScore']);
    expect(next.agents['refund-agent']?.reads).toEqual(['total', 'fraudScore']);
    expect(doc.caseSchema.amount).toBeDefined(); // input untouched
  });

  it('renames a tool everywhere it is referenced', () => {
    const next = renameEntry(doc, 'tools', 'reverseRefund', 'undoRefund');
    expect(Object.keys(next.tools)).toEqual(['issueRefund', 'undoRefund']);
    expect(next.tools.issueRefund?.undo).toBe('undoRefund');
    expect(next.machine.states?.b?.states?.c?.meta?.tool).toBe('undoRefund');
  });

  it('renames an agent in states that name it', () => {
    const next = renameEntry(doc, 'agents', 'refund-agent', 'payer');
    expect(next.machine.states?.a?.meta?.agent).toBe('payer');
  });

  it('refuses a duplicate or malformed name', () => {
    expect(() => renameEntry(doc, 'tools', 'issueRefund', 'reverseRefund')).toThrow(/already exists/);
    expect(nameProblem(doc, 'caseSchema', '1x')).toMatch(/Start with/);
    expect(nameProblem(doc, 'caseSchema', 'customer.tier')).toBeNull();
  });

  it('adds with a fresh name, patches and removes', () => {
    const { doc: added, name } = addEntry(doc, 'caseSchema', 'amount', { type: 'string' });
    expect(name).toBe('amount2');
    const patched = patchEntry(added, 'caseSchema', 'amount', { source: undefined, maxAge: 'PT1H' });
    expect(patched.caseSchema.amount).toEqual({ type: 'number', maxAge: 'PT1H' });
    expect(Object.keys(removeEntry(patched, 'caseSchema', 'amount2').caseSchema)).toEqual(['amount', 'fraudScore']);
  });
});
