import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { fieldWithoutSource } from './field-without-source';
import { cel, toolGraph } from './fixtures';

describe('field-without-source', () => {
  it('warns once per field read without a source, including dotted fields', () => {
    const doc = toolGraph();
    delete doc.caseSchema.amount!.source;
    delete doc.caseSchema['customer.tier']!.source;
    (doc.machine.states!.triage!.always as Array<{ guard?: unknown }>)[1]!.guard = cel('customer.tier == "gold"');
    const found = runRule(fieldWithoutSource, doc);
    expect(found.map((d) => [d.severity, d.path.join('.')])).toEqual([
      ['warning', 'caseSchema.amount'],
      ['warning', 'caseSchema.customer.tier'],
    ]);
    expect(found[0]!.message).toContain('guard of "triage" → "pay"');
  });

  it('ignores fields nobody reads and passes fields with a source', () => {
    const doc = toolGraph();
    doc.caseSchema.unused = { type: 'string' };
    expect(runRule(fieldWithoutSource, doc)).toEqual([]);
  });
});
