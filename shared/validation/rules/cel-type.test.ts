import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { celType } from './cel-type';
import { cel, toolGraph } from './fixtures';

describe('cel-type', () => {
  it('names an unknown field and its position', () => {
    const doc = toolGraph();
    (doc.machine.states!.triage!.always as Array<{ guard?: unknown }>)[0]!.guard = cel(
      'amount <= 100.0 && amout > 1.0',
    );
    const [d] = runRule(celType, doc);
    expect(d!.message).toContain('Unknown variable: amout');
    expect(d!.message).toContain('(at column 20)');
    expect(d!.exprOffset).toBe(19);
  });

  it('names an unknown nested field and rejects non-bool results and int/double mixups', () => {
    const doc = toolGraph();
    doc.tools.issueRefund!.limit = 'customer.tierr == "gold"';
    doc.machine.states!.pay!.meta!.guardrails = [
      { when: 'amount + 1.0', downgradeTo: 'human' },
      { when: 'amount == 100', downgradeTo: 'human' },
    ];
    const messages = runRule(celType, doc).map((d) => d.message);
    expect(messages[0]).toContain('must be bool');
    expect(messages[1]).toContain('double == int');
    expect(messages[2]).toContain('Unknown field: customer.tierr');
  });

  it('passes well-typed expressions', () => {
    expect(runRule(celType, toolGraph())).toEqual([]);
  });
});
