import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../model/types';
import { buildContext } from '../context';
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

  it('a blank or non-string undo names no tool; only reversible: true counts; a null tool is skipped', () => {
    const doc = {
      ...toolGraph(),
      tools: {
        gone: null,
        blank: { reversible: true, undo: '   ' },
        bare: { reversible: true },
        numbered: { reversible: true, undo: 5 },
        maybe: { reversible: 'yes' },
        named: { reversible: true, undo: 'elsewhere' }, // names one (unknown-tool checks it exists)
      },
    } as unknown as GraphDoc;
    const warning = (name: string) => ({
      code: 'reversible-tool-without-undo',
      severity: 'warning',
      message: `Tool "${name}" is marked reversible but names no "undo" tool: the runner cannot reverse it`,
      path: ['tools', name, 'reversible'],
    });
    expect(runRule(reversibleToolWithoutUndo, doc)).toEqual([warning('blank'), warning('bare'), warning('numbered')]);
  });

  it('a tools section that is null, a string or a list of non-tools holds no reversible tool (and does not throw)', () => {
    for (const tools of [null, 'reversible', [true]]) {
      const ctx = buildContext({ ...toolGraph(), tools } as unknown as GraphDoc);
      expect(reversibleToolWithoutUndo.check(ctx), JSON.stringify(tools)).toEqual([]);
    }
  });
});
