import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { autoIntoIrreversibleTool } from './auto-into-irreversible-tool';
import { toolGraph } from './fixtures';

describe('auto-into-irreversible-tool', () => {
  it('warns for an auto branch into an irreversible or unmarked tool', () => {
    const doc = toolGraph();
    doc.tools.issueRefund!.reversible = false;
    const [d] = runRule(autoIntoIrreversibleTool, doc);
    expect(d).toMatchObject({ severity: 'warning', transitionId: 'triage|always||0' });
    expect(d!.message).toContain('is irreversible');
    delete doc.tools.issueRefund!.reversible;
    expect(runRule(autoIntoIrreversibleTool, doc)[0]!.message).toContain('not marked reversible');
  });

  it('passes reversible tools', () => {
    expect(runRule(autoIntoIrreversibleTool, toolGraph())).toEqual([]);
  });
});
