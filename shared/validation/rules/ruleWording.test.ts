// The exact diagnostic each agent/tool/CEL rule gives (message, path, located state and branch),
// for the cases the per-rule tests only count: plural wording, lists of several names, the tier
// path of an auto branch marked on itself vs inherited, whitespace-only limits, non-object parts.
// Every expected string is written out by hand from the rule's documented wording.
import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../model/types';
import { docWith, runRule } from '../testing';
import { agentCanAbstain } from './agent-can-abstain';
import { agentToolOutOfScope } from './agent-tool-out-of-scope';
import { agentWithoutOwner } from './agent-without-owner';
import { autoIntoIrreversibleTool } from './auto-into-irreversible-tool';
import { autoIntoRiskyToolWithoutLimit } from './auto-into-risky-tool-without-limit';
import { autoWithoutAgent } from './auto-without-agent';
import { celSyntax } from './cel-syntax';
import { celType } from './cel-type';
import { cel, toolGraph } from './fixtures';

const view = (d: { message: string; path: unknown; stateKey?: string; transitionId?: string; severity: string }) => [
  d.severity,
  d.message,
  d.path,
  d.stateKey,
  d.transitionId,
];
type Doc = GraphDoc & { machine: { states: Record<string, Record<string, unknown>> } };
const graph = () => toolGraph() as Doc;

describe('agent rules', () => {
  it('agent-can-abstain: several guarded branches are "branches"; an always list points at "always"', () => {
    const doc = graph();
    (doc.machine.states.triage!.always as Array<Record<string, unknown>>)[1]!.guard = cel('amount > 100.0');
    expect(runRule(agentCanAbstain, doc).map(view)).toEqual([
      [
        'warning',
        'All 2 branches out of "triage" are guarded: when none holds the agent abstains. Add a last unguarded branch with tier "human" (the "anything else: ask a human" branch)',
        ['machine', 'states', 'triage', 'always'],
        'triage',
        undefined,
      ],
    ]);
  });

  it('agent-tool-out-of-scope: the allowed tools are listed, comma separated; a tool state without agent is not checked', () => {
    const doc = {
      ...graph(),
      agents: { agent: { owner: 'ops', tools: ['lookup', 'reverseRefund'] } },
    } as unknown as Doc;
    expect(runRule(agentToolOutOfScope, doc).map(view)).toEqual([
      [
        'error',
        'State "pay" calls tool "issueRefund", which agent "agent" may not use (its tools: "lookup", "reverseRefund")',
        ['machine', 'states', 'pay', 'meta', 'tool'],
        'pay',
        undefined,
      ],
    ]);
    const noAgent = graph();
    delete (noAgent.machine.states.pay!.meta as Record<string, unknown>).agent;
    delete (noAgent.machine.states.triage!.meta as Record<string, unknown>).agent;
    expect(runRule(agentToolOutOfScope, noAgent)).toEqual([]);
  });

  it('agent-without-owner: names the agent, at its entry; null or blank owners count as none; a non-object agents section names nobody', () => {
    const doc = { ...graph(), agents: { a: { owner: '  ' }, b: null, c: { owner: 'ops' } } } as unknown as Doc;
    expect(runRule(agentWithoutOwner, doc).map(view)).toEqual([
      [
        'warning',
        'Agent "a" has no owner: name the team accountable for what it does',
        ['agents', 'a'],
        undefined,
        undefined,
      ],
      [
        'warning',
        'Agent "b" has no owner: name the team accountable for what it does',
        ['agents', 'b'],
        undefined,
        undefined,
      ],
    ]);
    expect(runRule(agentWithoutOwner, { ...graph(), agents: 'ab' } as unknown as Doc)).toEqual([]);
  });
});

describe('auto-branch rules', () => {
  const triageToPay = 'triage|always||0';

  it('auto-into-irreversible-tool: at the branch tier, with the source state and branch; "not marked" vs "irreversible"', () => {
    const doc = graph();
    (doc.tools as Record<string, Record<string, unknown>>).issueRefund!.reversible = undefined;
    const msg = (why: string) =>
      `Auto branch "triage" → "pay" (always) enters "pay", whose tool "issueRefund" ${why}: an agent mistake there cannot be undone; consider "suggest"`;
    expect(runRule(autoIntoIrreversibleTool, doc).map(view)).toEqual([
      [
        'warning',
        msg('is not marked reversible'),
        ['machine', 'states', 'triage', 'always', 0, 'meta', 'tier'],
        'triage',
        triageToPay,
      ],
    ]);
    (doc.tools as Record<string, Record<string, unknown>>).issueRefund!.reversible = false;
    expect(runRule(autoIntoIrreversibleTool, doc).map((d) => d.message)).toEqual([msg('is irreversible')]);
  });

  it('auto-into-risky-tool-without-limit: a blank or non-string limit is no limit', () => {
    const expected = [
      'error',
      'Auto branch "triage" → "pay" (always) enters "pay", which calls tool "issueRefund" (risk high) without a limit: add a CEL "limit" to the tool or lower the branch to "suggest"',
      ['machine', 'states', 'triage', 'always', 0, 'meta', 'tier'],
      'triage',
      triageToPay,
    ];
    for (const limit of ['   ', 5, undefined]) {
      const doc = graph();
      (doc.tools as Record<string, Record<string, unknown>>).issueRefund!.limit = limit;
      expect(
        runRule(autoIntoRiskyToolWithoutLimit, doc)
          .filter((d) => d.code === 'auto-into-risky-tool-without-limit')
          .map(view),
        String(limit),
      ).toEqual([expected]);
    }
    expect(runRule(autoIntoRiskyToolWithoutLimit, graph())).toEqual([]); // " amount <= 500.0" is a limit
  });

  it('auto-tools: a tool whose definition is not an object is not an auto tool step', () => {
    const doc = { ...graph(), tools: { ...graph().tools, issueRefund: 'high' } } as unknown as Doc;
    expect(runRule(autoIntoIrreversibleTool, doc)).toEqual([]);
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc)).toEqual([]);
  });

  it('auto-without-agent: the path is the branch tier when the branch says auto, else the branch (tier from the state)', () => {
    const doc = docWith({
      id: 'm',
      initial: 'a',
      states: {
        a: { on: { OWN: { target: 'c', meta: { tier: 'auto' } } }, always: [{ target: 'b' }] },
        b: { meta: { tier: 'auto' }, on: { GO: 'c' } },
        c: { type: 'final' },
      },
    } as never);
    expect(runRule(autoWithoutAgent, doc).map(view)).toEqual([
      [
        'warning',
        'Auto branch "a" → "c" (on OWN) leaves a state with no agent: set meta.agent on "a" so someone\'s blast radius and ownership apply',
        ['machine', 'states', 'a', 'on', 'OWN', 'meta', 'tier'],
        'a',
        'a|on|OWN|1',
      ],
      [
        'warning',
        'Auto branch "b" → "c" (on GO) leaves a state with no agent: set meta.agent on "b" so someone\'s blast radius and ownership apply',
        ['machine', 'states', 'b', 'on', 'GO'],
        'b',
        'b|on|GO|0',
      ],
    ]);
  });
});

describe('CEL rules', () => {
  const docWithGuards = (guard: string, limit: unknown = 'amount <= 500.0') => {
    const doc = graph();
    (doc.machine.states.triage!.always as Array<Record<string, unknown>>)[0]!.guard = cel(guard);
    (doc.tools as Record<string, Record<string, unknown>>).issueRefund!.limit = limit;
    return doc;
  };

  it('a syntax error names the site, the 1-based column and the 0-based offset, located at the branch', () => {
    expect(runRule(celSyntax, docWithGuards('amount >')).map((d) => [...view(d), d.exprOffset])).toEqual([
      [
        'error',
        'CEL syntax error in guard of "triage" → "pay" (always) (at column 9): Unexpected token: EOF',
        ['machine', 'states', 'triage', 'always', 0, 'guard', 'params', 'expr'],
        'triage',
        'triage|always||0',
        8,
      ],
    ]);
  });

  it('a type error in a tool limit says "type error" and is located at the tool, with no state or branch', () => {
    const found = runRule(celType, docWithGuards('amount <= 100.0', 'nope.x > 1'));
    expect(found.map((d) => [...view(d), d.exprOffset])).toEqual([
      [
        'error',
        'CEL type error in limit of tool "issueRefund" (at column 1): Unknown variable: nope',
        ['tools', 'issueRefund', 'limit'],
        undefined,
        undefined,
        0,
      ],
    ]);
    expect(Object.keys(found[0]!).sort()).toEqual(['code', 'exprOffset', 'message', 'path', 'severity']);
  });

  it('a non-string expression is left to the schema rule and does not stop the other sites being checked', () => {
    const doc = docWithGuards('amount >', 5);
    expect(runRule(celSyntax, doc).map((d) => d.path.join('/'))).toEqual([
      'machine/states/triage/always/0/guard/params/expr',
    ]);
  });
});
