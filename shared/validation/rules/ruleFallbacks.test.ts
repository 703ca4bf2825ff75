// What the rules say when a part is missing or malformed (an agent without a tools or reads list,
// a machine-level initial, a history target, a CEL error without a position), and the
// singular/"none" wording. Every expected message is written out by hand from the rule's wording.
import { describe, expect, it } from 'vitest';
import type { GraphDoc, MachineConfig } from '../../model/types';
import { buildContext } from '../context';
import { docWith, runRule } from '../testing';
import { agentCanAbstain } from './agent-can-abstain';
import { agentToolOutOfScope } from './agent-tool-out-of-scope';
import { celSyntax } from './cel-syntax';
import { cel, toolGraph } from './fixtures';
import { fieldWithoutSource } from './field-without-source';
import { guardReadsOutsideAgentScope } from './guard-reads-outside-agent-scope';
import { hostileStructure } from './hostile-structure';
import { invalidDocument } from './invalid-document';
import { unknownTarget } from './unknown-target';
import { unknownTool } from './unknown-tool';
import { unreachableState } from './unreachable-state';

const withAgent = (agent: Record<string, unknown>): GraphDoc => ({ ...toolGraph(), agents: { agent } });

describe('rules on missing or malformed parts', () => {
  it('agent-can-abstain: one guarded branch is "1 branch", at the state', () => {
    const doc = docWith({
      id: 'm',
      initial: 'a',
      states: { a: { on: { GO: { target: 'b', guard: cel('true') } } }, b: { type: 'final' } },
    } as unknown as MachineConfig);
    expect(runRule(agentCanAbstain, doc).map((d) => [d.message, d.path, d.stateKey])).toEqual([
      [
        'All 1 branch out of "a" are guarded: when none holds the agent abstains. Add a last unguarded branch with tier "human" (the "anything else: ask a human" branch)',
        ['machine', 'states', 'a'],
        'a',
      ],
    ]);
  });

  it('agent-tool-out-of-scope: an agent without a tools list may use no tool ("none")', () => {
    expect(runRule(agentToolOutOfScope, withAgent({ owner: 'ops', reads: ['amount'] })).map((d) => d.message)).toEqual([
      'State "pay" calls tool "issueRefund", which agent "agent" may not use (its tools: none)',
    ]);
  });

  it('unknown-tool: an agent whose tools is not a list names no tool; a listed unknown one is reported at its index', () => {
    expect(runRule(unknownTool, withAgent({ owner: 'ops', reads: ['amount'], tools: 'issueRefund' }))).toEqual([]);
    expect(
      runRule(unknownTool, withAgent({ owner: 'ops', tools: ['issueRefund', 'ghost'] })).map((d) => [
        d.message,
        d.path,
      ]),
    ).toEqual([['Agent "agent" lists tool "ghost", which is not defined in "tools"', ['agents', 'agent', 'tools', 1]]]);
  });

  it('guard-reads-outside-agent-scope: an agent without a reads list reads nothing ("none")', () => {
    expect(
      runRule(guardReadsOutsideAgentScope, withAgent({ owner: 'ops', tools: ['issueRefund'] })).map((d) => d.message),
    ).toEqual(['The guard of "triage" → "pay" (always) reads "amount", outside agent "agent"\'s reads (none)']);
  });

  it('field-without-source: a read below a declared field is charged to that field', () => {
    const doc = {
      ...toolGraph(),
      caseSchema: { amount: { type: 'number', source: 'billing' }, customer: { type: 'map' } } as never,
    };
    const m = doc.machine as unknown as { states: { triage: { always: Array<{ guard?: unknown }> } } };
    m.states.triage.always[0]!.guard = cel('customer.tier.code == "gold"');
    expect(runRule(fieldWithoutSource, doc).map((d) => [d.message, d.path])).toEqual([
      [
        'Field "customer" is read by the guard of "triage" → "pay" (always) but declares no "source" (its system of record)',
        ['caseSchema', 'customer'],
      ],
    ]);
  });

  it('unknown-target: a bad initial on the machine itself names "the machine" and no state', () => {
    const doc = docWith({ id: 'm', initial: 'nope', states: { a: { type: 'final' } } } as unknown as MachineConfig);
    const found = runRule(unknownTarget, doc);
    expect(found.map((d) => [d.message, d.path, d.stateKey])).toEqual([
      ['Initial state "nope" of the machine is not one of its child states', ['machine', 'initial'], undefined],
    ]);
    expect('stateKey' in found[0]!).toBe(false);
  });

  it('unreachable-state: entering a history state enters its parent region, so the siblings count as reached', () => {
    const m = {
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { BACK: 'p.h' } },
        p: {
          initial: 'x',
          states: { x: { on: { DONE: '#m.z' } }, y: { on: { DONE: '#m.z' } }, h: { type: 'history' } },
        },
        z: { type: 'final' },
      },
    } as unknown as MachineConfig;
    expect(runRule(unreachableState, docWith(m))).toEqual([]);
    // the same machine entering p.x directly leaves y unreached: the history state is what reaches it
    // (h itself is a pseudo-state, never reported)
    const direct = structuredClone(m) as unknown as { states: { a: { on: { BACK: string } } } };
    direct.states.a.on.BACK = 'p.x';
    expect(runRule(unreachableState, docWith(direct as unknown as MachineConfig)).map((d) => d.stateKey)).toEqual([
      'p.y',
    ]);
  });

  it('cel-syntax: a refused expression has no position, so no column and no exprOffset', () => {
    const long = `${'amount + '.repeat(600)}1.0 > 0.0`; // well over any sane length limit
    const doc = docWith(
      {
        id: 'm',
        initial: 'a',
        states: { a: { on: { GO: { target: 'b', guard: cel(long) } } }, b: { type: 'final' } },
      } as unknown as MachineConfig,
      {
        caseSchema: { amount: { type: 'number' } } as never,
      },
    );
    const found = runRule(celSyntax, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message.startsWith('CEL expression refused in guard of "a" → "b" (on GO): ')).toBe(true);
    expect('exprOffset' in found[0]!).toBe(false);
  });

  it('hostile-structure and invalid-document report through check(ctx) exactly what checkDocument reports', () => {
    const fine = buildContext(toolGraph());
    expect([hostileStructure.check(fine), invalidDocument.check(fine)]).toEqual([[], []]);
    const broken = { ...toolGraph(), tools: 'nope' } as unknown as GraphDoc;
    const ctx = { doc: broken } as unknown as ReturnType<typeof buildContext>;
    const schema = invalidDocument.check(ctx);
    expect(schema.length).toBeGreaterThan(0);
    expect(schema).toEqual(invalidDocument.checkDocument(broken));
    const hostile = {
      ...toolGraph(),
      caseSchema: { 'customer.constructor': { type: 'string' } },
    } as unknown as GraphDoc;
    const hostileFound = hostileStructure.check({ doc: hostile } as unknown as ReturnType<typeof buildContext>);
    expect(hostileFound.map((d) => d.code)).toContain('hostile-structure');
    expect(hostileFound).toEqual(hostileStructure.checkDocument(hostile));
  });
});
