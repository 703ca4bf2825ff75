/**
 * rollbackActions on its own: which actions it picks (scope, newest first, not undone), what it
 * records for each attempt (undo / undo-impossible, the undo tool, the original call) and what it
 * hands the undo handler — rollback.ts's header contract.
 */
import { describe, expect, it } from 'vitest';
import type { GraphDoc, ToolDef } from '../model/types';
import { ManualClock } from './clock';
import { rollbackActions, type ActionRecord, type RollbackDeps } from './rollback';
import type { ToolContext, ToolHandler } from './runnerTypes';

interface Written {
  caseId: string;
  entry: Record<string, unknown>;
}

function action(over: Partial<ActionRecord> & Pick<ActionRecord, 'seq' | 'caseId'>): ActionRecord {
  return {
    state: 'refund',
    agent: 'refund-agent',
    tool: 'issueRefund',
    params: { caseId: over.caseId, amount: 20 },
    result: { refundId: `r-${over.caseId}` },
    idempotencyKey: `${over.caseId}:refund:1`,
    undone: false,
    ...over,
  };
}

/** A graph declaring these tools; `undefined`: a document read from JSON without `tools` at all. */
function graphWith(tools: Record<string, ToolDef> | undefined): GraphDoc {
  return {
    format: 'sop-studio/graph@1',
    name: 'g',
    version: 1,
    ...(tools ? { tools } : {}),
    machine: { id: 'g', initial: 'a', states: { a: { type: 'final' } } },
    layout: {},
  } as unknown as GraphDoc;
}

const refundTools: Record<string, ToolDef> = {
  issueRefund: { reversible: true, undo: 'reverseRefund' },
  reverseRefund: { reversible: false },
};

function run(over: Partial<RollbackDeps> & Pick<RollbackDeps, 'actions'>) {
  const written: Written[] = [];
  const calls: { params: unknown; ctx: ToolContext }[] = [];
  const reverseRefund: ToolHandler = (params, ctx) => {
    calls.push({ params, ctx });
    return { reversed: true };
  };
  const deps: RollbackDeps = {
    scope: { agent: 'refund-agent' },
    n: 10,
    graph: graphWith(refundTools),
    tools: { reverseRefund },
    clock: new ManualClock(),
    environment: 'staging',
    actor: 'payments-ops:ann',
    write: (caseId, entry) => {
      written.push({ caseId, entry });
      return Promise.resolve();
    },
    ...over,
  };
  return { written, calls, result: rollbackActions(deps) };
}

describe('rollbackActions: n', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects n = %s before touching anything', async (n) => {
    const { written, calls, result } = run({ n, actions: [action({ seq: 1, caseId: 'a' })] });
    await expect(result).rejects.toThrow(`rollback: n must be a positive integer, got ${n}`);
    expect(written).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('n = 1 undoes exactly the newest action', async () => {
    const actions = [action({ seq: 1, caseId: 'a' }), action({ seq: 2, caseId: 'b' })];
    const { result } = run({ n: 1, actions });
    expect((await result).map((r) => r.caseId)).toEqual(['b']);
    expect(actions.map((a) => a.undone)).toEqual([false, true]);
  });
});

describe('rollbackActions: scope', () => {
  it('an agent scope leaves other agents’ actions alone', async () => {
    const actions = [
      action({ seq: 1, caseId: 'a' }),
      action({ seq: 2, caseId: 'b', agent: 'other-agent' }),
      action({ seq: 3, caseId: 'c', agent: null }),
    ];
    const { result } = run({ scope: { agent: 'refund-agent' }, actions });
    expect((await result).map((r) => r.caseId)).toEqual(['a']);
    expect(actions.map((a) => a.undone)).toEqual([true, false, false]);
  });

  it('a case scope leaves other cases’ actions alone, whatever their agent', async () => {
    const actions = [
      action({ seq: 1, caseId: 'a' }),
      action({ seq: 2, caseId: 'b', agent: 'other-agent' }),
      action({ seq: 3, caseId: 'a', agent: null, idempotencyKey: 'a:refund:2' }),
    ];
    const { result, calls } = run({ scope: { caseId: 'a' }, actions });
    expect((await result).map((r) => r.caseId)).toEqual(['a', 'a']);
    expect(calls.map((c) => c.ctx.idempotencyKey)).toEqual(['undo:a:refund:2', 'undo:a:refund:1']);
    expect(actions.map((a) => a.undone)).toEqual([true, false, true]);
  });
});

describe('rollbackActions: a successful undo', () => {
  it('calls the undo handler with the original call, records `undo` with ok:true and marks the action undone', async () => {
    const a = action({ seq: 7, caseId: 'a' });
    const { result, written, calls } = run({ actions: [a] });
    expect(await result).toEqual([{ caseId: 'a', tool: 'issueRefund', undoTool: 'reverseRefund', ok: true }]);
    const original = { tool: 'issueRefund', params: { caseId: 'a', amount: 20 }, result: { refundId: 'r-a' }, seq: 7 };
    expect(calls).toHaveLength(1);
    expect(calls[0]!.params).toEqual({ original });
    expect(calls[0]!.ctx).toEqual({
      caseId: 'a',
      state: 'refund',
      tool: 'reverseRefund',
      idempotencyKey: 'undo:a:refund:1',
      attempt: 0,
      environment: 'staging',
      actor: 'payments-ops:ann',
    });
    expect(written).toEqual([
      {
        caseId: 'a',
        entry: {
          state: 'refund',
          actor: 'payments-ops:ann',
          tool: 'reverseRefund',
          params: { original },
          idempotencyKey: 'undo:a:refund:1',
          decision: 'undo',
          result: { ok: true, value: { reversed: true } },
        },
      },
    ]);
    expect(a.undone).toBe(true);
  });
});

describe('rollbackActions: a failed undo', () => {
  it('records `undo` with ok:false and the error, and leaves the action to undo again', async () => {
    const a = action({ seq: 3, caseId: 'a' });
    const { result, written } = run({
      actions: [a],
      tools: {
        reverseRefund: () => {
          throw new Error('billing down');
        },
      },
    });
    expect(await result).toEqual([
      { caseId: 'a', tool: 'issueRefund', undoTool: 'reverseRefund', ok: false, error: 'Error: billing down' },
    ]);
    expect(written).toEqual([
      {
        caseId: 'a',
        entry: {
          state: 'refund',
          actor: 'payments-ops:ann',
          tool: 'reverseRefund',
          params: {
            original: { tool: 'issueRefund', params: { caseId: 'a', amount: 20 }, result: { refundId: 'r-a' }, seq: 3 },
          },
          idempotencyKey: 'undo:a:refund:1',
          decision: 'undo',
          result: { ok: false, error: 'Error: billing down' },
        },
      },
    ]);
    expect(a.undone).toBe(false);
  });
});

describe('rollbackActions: undo impossible', () => {
  const impossibleEntry = (tool: string, error: string) => ({
    state: 'refund',
    actor: 'payments-ops:ann',
    tool,
    params: {
      original: { tool: 'issueRefund', params: { caseId: 'a', amount: 20 }, result: { refundId: 'r-a' }, seq: 1 },
    },
    decision: 'undo-impossible',
    result: { ok: false, error },
  });

  it('an irreversible tool is not undone even when it names an undo tool with a handler', async () => {
    const a = action({ seq: 1, caseId: 'a' });
    const { result, written, calls } = run({
      actions: [a],
      graph: graphWith({ issueRefund: { reversible: false, undo: 'reverseRefund' } }),
    });
    expect(await result).toEqual([
      {
        caseId: 'a',
        tool: 'issueRefund',
        undoTool: 'reverseRefund',
        ok: false,
        error: 'issueRefund is not reversible',
      },
    ]);
    expect(calls).toEqual([]);
    expect(written).toEqual([
      { caseId: 'a', entry: impossibleEntry('reverseRefund', 'issueRefund is not reversible') },
    ]);
    expect(a.undone).toBe(false);
  });

  it('a tool without an undo tool: the record names the tool itself', async () => {
    const { result, written, calls } = run({
      actions: [action({ seq: 1, caseId: 'a' })],
      graph: graphWith({ issueRefund: { reversible: true } }),
    });
    expect(await result).toEqual([
      { caseId: 'a', tool: 'issueRefund', undoTool: null, ok: false, error: 'issueRefund has no undo tool' },
    ]);
    expect(calls).toEqual([]);
    expect(written).toEqual([{ caseId: 'a', entry: impossibleEntry('issueRefund', 'issueRefund has no undo tool') }]);
  });

  it('an empty undo name counts as no undo tool', async () => {
    const { result } = run({
      actions: [action({ seq: 1, caseId: 'a' })],
      graph: graphWith({ issueRefund: { reversible: true, undo: '' } }),
    });
    expect(await result).toEqual([
      { caseId: 'a', tool: 'issueRefund', undoTool: null, ok: false, error: 'issueRefund has no undo tool' },
    ]);
  });

  it('a tool the graph does not declare (or a graph without tools) has no undo tool', async () => {
    for (const graph of [graphWith({ other: { undo: 'x' } }), graphWith(undefined)]) {
      const { result, written } = run({ actions: [action({ seq: 1, caseId: 'a' })], graph });
      expect(await result).toEqual([
        { caseId: 'a', tool: 'issueRefund', undoTool: null, ok: false, error: 'issueRefund has no undo tool' },
      ]);
      expect(written).toEqual([{ caseId: 'a', entry: impossibleEntry('issueRefund', 'issueRefund has no undo tool') }]);
    }
  });

  it('an undo tool with no registered handler', async () => {
    const { result, written } = run({ actions: [action({ seq: 1, caseId: 'a' })], tools: {} });
    expect(await result).toEqual([
      {
        caseId: 'a',
        tool: 'issueRefund',
        undoTool: 'reverseRefund',
        ok: false,
        error: 'no handler registered for reverseRefund',
      },
    ]);
    expect(written).toEqual([
      { caseId: 'a', entry: impossibleEntry('reverseRefund', 'no handler registered for reverseRefund') },
    ]);
  });
});
