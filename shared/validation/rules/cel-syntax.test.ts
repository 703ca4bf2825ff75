import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { celSyntax } from './cel-syntax';
import { cel, toolGraph } from './fixtures';

describe('cel-syntax', () => {
  it('reports a guard, a tool limit and a guardrail that do not parse, with the column', () => {
    const doc = toolGraph();
    const triage = doc.machine.states!.triage!;
    (triage.always as Array<{ guard?: unknown }>)[0]!.guard = cel('amount <= ');
    doc.tools.issueRefund!.limit = 'amount <<= 5.0';
    triage.meta!.guardrails = [{ when: '(amount > 1.0', downgradeTo: 'human' }];
    const found = runRule(celSyntax, doc);
    expect(found.map((d) => d.path.join('.'))).toEqual([
      'machine.states.triage.meta.guardrails.0.when',
      'machine.states.triage.always.0.guard.params.expr',
      'tools.issueRefund.limit',
    ]);
    const guard = found[1]!;
    expect(guard).toMatchObject({ transitionId: 'triage|always||0', stateKey: 'triage', exprOffset: 10 });
    expect(guard.message).toContain('(at column 11)');
  });

  it('reports expressions refused by the limits', () => {
    const doc = toolGraph();
    doc.tools.issueRefund!.limit = '['.repeat(60) + ']'.repeat(60) + ' == []';
    expect(runRule(celSyntax, doc)[0]!.message).toMatch(/refused.*maxDepth/);
  });

  it('passes valid expressions', () => {
    expect(runRule(celSyntax, toolGraph())).toEqual([]);
  });
});
