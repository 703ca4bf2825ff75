import { describe, expect, it } from 'vitest';
import { runRule } from '../testing';
import { toolGraph } from './fixtures';
import { reversibleToolWithoutUndo } from './reversible-tool-without-undo';

describe('reversible-tool-without-undo', () => {
  it('warns about a reversible tool with no undo', () => {
    const doc = toolGraph();
    delete doc.tools.issueRefund!.undo;
    expect(runRule(reversibleToolWithoutUndo, doc).map((d) => [d.severity, d.path.join('.')])).toEqual([
      ['warning', 'tools.issueRefund.reversible'],
    ]);
  });

  it('passes tools with an undo and irreversible tools', () => {
    expect(runRule(reversibleToolWithoutUndo, toolGraph())).toEqual([]);
  });
});
