// The machine root's own branches (machine.always / on / after), which the simulator and runner
// take in every state (rootTransitions), and the root's meta.guardrails, which apply in every
// state: each rule that judges a branch on its own reports a broken root branch, at its JSON path
// under "machine", naming it "the machine → …" and claiming no state or canvas branch (no
// stateKey, no transitionId). Every expected diagnostic is written out by hand from the rule's
// wording; the CEL library's own messages are the ones the per-rule tests already pin
// ("Unexpected token: EOF", "Unknown variable: nope").
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { flattenMachine, rootTransitions } from '../model/flatten';
import type { GraphDoc, MachineConfig } from '../model/types';
import { docWith, runRule } from './testing';
import { validateGraph } from './validate';
import { autoIntoIrreversibleTool } from './rules/auto-into-irreversible-tool';
import { autoIntoRiskyToolWithoutLimit } from './rules/auto-into-risky-tool-without-limit';
import { autoWithoutAgent } from './rules/auto-without-agent';
import { celSyntax } from './rules/cel-syntax';
import { celType } from './rules/cel-type';
import { fieldWithoutSource } from './rules/field-without-source';
import { cel, toolGraph } from './rules/fixtures';
import { guardReadsOutsideAgentScope } from './rules/guard-reads-outside-agent-scope';
import { invalidTier } from './rules/invalid-tier';
import { shadowedTransition } from './rules/shadowed-transition';
import { unknownTarget } from './rules/unknown-target';
import { unreachableState } from './rules/unreachable-state';
import { unsupportedGuard } from './rules/unsupported-guard';

type Root = Record<string, unknown> & { meta?: Record<string, unknown> };

/**
 * toolGraph (triage → pay (tool issueRefund) → done; valid as given) with its triage branch
 * lowered to "suggest" (so the auto rules see only root branches), and `root` merged into the
 * machine root.
 */
function withRoot(root: Root): GraphDoc {
  const doc = toolGraph();
  const triage = doc.machine.states!.triage!.always as Array<{ meta?: Record<string, unknown> }>;
  triage[0]!.meta = { tier: 'suggest' };
  Object.assign(doc.machine, root);
  return doc;
}

describe('root branches: CEL rules', () => {
  it('cel-syntax: a root guard, a root branch guardrail and a root guardrail that do not parse', () => {
    const doc = withRoot({
      always: [
        {
          target: '.done',
          guard: cel('amount > 1000.0'),
          meta: { guardrails: [{ when: 'amount >', downgradeTo: 'human' }] },
        },
      ],
      on: { CANCEL: { target: '.done', guard: cel('amount >') } },
      meta: { guardrails: [{ when: 'amount >', downgradeTo: 'suggest' }] },
    });
    expect(runRule(celSyntax, doc)).toStrictEqual([
      {
        code: 'cel-syntax',
        severity: 'error',
        message:
          'CEL syntax error in guardrail 1 of the machine → "done" (always) (at column 9): Unexpected token: EOF',
        path: ['machine', 'always', 0, 'meta', 'guardrails', 0, 'when'],
        exprOffset: 8,
      },
      {
        code: 'cel-syntax',
        severity: 'error',
        message: 'CEL syntax error in guard of the machine → "done" (on CANCEL) (at column 9): Unexpected token: EOF',
        path: ['machine', 'on', 'CANCEL', 'guard', 'params', 'expr'],
        exprOffset: 8,
      },
      {
        code: 'cel-syntax',
        severity: 'error',
        message: 'CEL syntax error in guardrail 1 of the machine (at column 9): Unexpected token: EOF',
        path: ['machine', 'meta', 'guardrails', 0, 'when'],
        exprOffset: 8,
      },
    ]);
  });

  it('cel-type: a root guard (after a delay, an #id target) reading an undeclared field', () => {
    const doc = withRoot({ after: { '1000': { target: '#r.done', guard: cel('nope.x > 1') } } });
    expect(runRule(celType, doc)).toStrictEqual([
      {
        code: 'cel-type',
        severity: 'error',
        message: 'CEL type error in guard of the machine → "done" (after 1000) (at column 1): Unknown variable: nope',
        path: ['machine', 'after', '1000', 'guard', 'params', 'expr'],
        exprOffset: 0,
      },
    ]);
  });

  it('cel-type: a root guardrail reading an undeclared field', () => {
    const doc = withRoot({ meta: { guardrails: [{ when: 'nope.x > 1', downgradeTo: 'human' }] } });
    expect(runRule(celType, doc)).toStrictEqual([
      {
        code: 'cel-type',
        severity: 'error',
        message: 'CEL type error in guardrail 1 of the machine (at column 1): Unknown variable: nope',
        path: ['machine', 'meta', 'guardrails', 0, 'when'],
        exprOffset: 0,
      },
    ]);
  });

  it('field-without-source: a field only a root guard reads, declared without a source', () => {
    const doc = withRoot({ on: { STOP: { target: '.done', guard: cel('flagged') } } });
    doc.caseSchema.flagged = { type: 'bool' };
    expect(runRule(fieldWithoutSource, doc)).toStrictEqual([
      {
        code: 'field-without-source',
        severity: 'warning',
        message:
          'Field "flagged" is read by the guard of the machine → "done" (on STOP) but declares no "source" (its system of record)',
        path: ['caseSchema', 'flagged'],
      },
    ]);
  });

  it('guard-reads-outside-agent-scope: not applied to a root guard (no one agent acts on a root branch)', () => {
    // "customer.tier" is outside agent "agent"'s reads (["amount"]); a state branch reading it is reported
    const doc = withRoot({ on: { VIP: { target: '.done', guard: cel('customer.tier == "gold"') } } });
    expect(runRule(guardReadsOutsideAgentScope, doc)).toEqual([]);
  });
});

describe('root branches: branch rules', () => {
  it('unsupported-guard: a named (non-CEL) guard on a root branch', () => {
    const doc = withRoot({ on: { HALT: { target: '.done', guard: 'isVip' } } });
    expect(runRule(unsupportedGuard, doc)).toStrictEqual([
      {
        code: 'unsupported-guard',
        severity: 'warning',
        message:
          'Guard "isVip" of the machine → "done" (on HALT) is not a CEL guard: the simulator and runner treat it as never holding. Write it as { "type": "cel", "params": { "expr": "…" } }',
        path: ['machine', 'on', 'HALT', 'guard'],
      },
    ]);
  });

  it('invalid-tier: a root branch whose meta.tier is not a tier', () => {
    const doc = withRoot({ on: { HALT: [{ target: '.done', guard: cel('amount > 5.0'), meta: { tier: 'robot' } }] } });
    expect(runRule(invalidTier, doc)).toStrictEqual([
      {
        code: 'invalid-tier',
        severity: 'error',
        message:
          'Tier "robot" on the machine → "done" (on HALT) is not one of "human", "suggest", "auto"; the branch is treated as "human"',
        path: ['machine', 'on', 'HALT', 0, 'meta', 'tier'],
      },
    ]);
  });

  it("invalid-tier: the machine's own meta.tier (the default of the root's branches) is checked too", () => {
    const doc = withRoot({ meta: { tier: 'robot' }, on: { HALT: '.done' } });
    expect(runRule(invalidTier, doc)).toStrictEqual([
      {
        code: 'invalid-tier',
        severity: 'error',
        message:
          'Tier "robot" on the machine is not one of "human", "suggest", "auto"; the branch is treated as "human"',
        path: ['machine', 'meta', 'tier'],
      },
    ]);
    expect(runRule(invalidTier, withRoot({ meta: { tier: 'auto' }, on: { HALT: '.done' } }))).toStrictEqual([]);
  });

  it('shadowed-transition: a root branch behind an earlier unguarded one for the same event', () => {
    const doc = withRoot({ on: { RESET: [{ target: '.triage' }, { target: '.done' }] } });
    expect(runRule(shadowedTransition, doc)).toStrictEqual([
      {
        code: 'shadowed-transition',
        severity: 'warning',
        message:
          'the machine → "done" (on RESET) can never be taken: the earlier unguarded the machine → "triage" (on RESET) always wins',
        path: ['machine', 'on', 'RESET', 1],
      },
    ]);
  });

  it('unknown-target: a bare name at the root names no state; the hint is the ".child" form the root needs', () => {
    const doc = withRoot({ on: { BACK: 'triage', ESC: { target: '.triag' } } });
    expect(runRule(unknownTarget, doc)).toStrictEqual([
      {
        code: 'unknown-target',
        severity: 'error',
        message: 'Target "triage" of the machine → "triage" (on BACK) is not a state; did you mean ".triage"?',
        path: ['machine', 'on', 'BACK'],
      },
      {
        code: 'unknown-target',
        severity: 'error',
        message: 'Target ".triag" of the machine → ".triag" (on ESC) is not a state; did you mean ".triage"?',
        path: ['machine', 'on', 'ESC', 'target'],
      },
    ]);
  });
});

describe('root branches: "#id.child" targets resolve as XState resolves them', () => {
  // XState takes a root "#bee.y" to the child y of the state with id "bee" (checked with XState
  // itself below); rootTransitions, which the simulator and runner use, must do the same, so
  // validation has nothing to report about it
  const m = (): MachineConfig => ({
    id: 'm',
    initial: 'a',
    on: { X: '#bee.y' },
    states: {
      a: { on: { GO: 'b' } },
      b: { id: 'bee', initial: 'x', states: { x: {}, y: { type: 'final' } } },
      c: { type: 'final' },
    },
  });

  it('XState (the oracle) takes X from a to b.y', () => {
    const actor = createActor(createMachine(m() as Parameters<typeof createMachine>[0])).start();
    actor.send({ type: 'X' });
    expect(actor.getSnapshot().value).toEqual({ b: 'y' });
    actor.stop();
  });

  it('rootTransitions resolves "#bee.y" to b.y, and "#m.b.y" (machine id and path) too', () => {
    const machine = m();
    machine.on!.Y = '#m.b.y';
    machine.on!.Z = '#bee.nope';
    const roots = rootTransitions(flattenMachine(machine), machine);
    expect(roots.map((t) => [t.event, t.targets, t.unresolved])).toEqual([
      ['X', ['b.y'], []],
      ['Y', ['b.y'], []],
      ['Z', [], ['#bee.nope']],
    ]);
  });

  it('unknown-target: nothing to report on "#bee.y"; "#bee.nope" is reported', () => {
    expect(runRule(unknownTarget, docWith(m()))).toStrictEqual([]);
    const machine = m();
    machine.on!.X = '#bee.nope';
    expect(runRule(unknownTarget, docWith(machine)).map((d) => [d.code, d.path])).toEqual([
      ['unknown-target', ['machine', 'on', 'X']],
    ]);
  });

  it('unreachable-state: b.y is reached by the root branch; only c is unreachable', () => {
    expect(runRule(unreachableState, docWith(m()))).toStrictEqual([
      {
        code: 'unreachable-state',
        severity: 'warning',
        message: 'State "c" cannot be reached from the initial state: no transition leads to it',
        path: ['machine', 'states', 'c'],
        stateKey: 'c',
      },
    ]);
  });
});

describe('root branches: auto rules', () => {
  /** The root's own branch REFUND into pay (tool issueRefund), auto by its own meta.tier. */
  const autoRefund = () => withRoot({ on: { REFUND: { target: '.pay', meta: { tier: 'auto' } } } });
  /** An auto rule's diagnostic on REFUND: at its meta.tier, the branch's own or (absent) where it would be. */
  const atRefundTier = (code: string, severity: 'error' | 'warning', message: string) => ({
    code,
    severity,
    message,
    path: ['machine', 'on', 'REFUND', 'meta', 'tier'],
  });

  it('auto-into-irreversible-tool: an auto root branch (own tier) into a tool that cannot be undone', () => {
    const doc = autoRefund();
    doc.tools.issueRefund!.reversible = false;
    expect(runRule(autoIntoIrreversibleTool, doc)).toStrictEqual([
      atRefundTier(
        'auto-into-irreversible-tool',
        'warning',
        'Auto branch the machine → "pay" (on REFUND) enters "pay", whose tool "issueRefund" is irreversible: an agent mistake there cannot be undone; consider "suggest"',
      ),
    ]);
  });

  it("auto-into-risky-tool-without-limit: a root branch auto by the machine's own meta.tier into a high-risk tool without a limit", () => {
    // the replay compiler's default tier for a root branch is machine.meta.tier
    const doc = withRoot({ meta: { tier: 'auto' }, on: { REFUND: '.pay' } });
    delete doc.tools.issueRefund!.limit;
    expect(runRule(autoIntoRiskyToolWithoutLimit, doc)).toStrictEqual([
      atRefundTier(
        'auto-into-risky-tool-without-limit',
        'error',
        'Auto branch the machine → "pay" (on REFUND) enters "pay", which calls tool "issueRefund" (risk high) without a limit: add a CEL "limit" to the tool or lower the branch to "suggest"',
      ),
    ]);
  });

  it('auto-without-agent: not applied to a root branch (whose agent is whichever acts in the current state)', () => {
    expect(runRule(autoWithoutAgent, autoRefund())).toEqual([]);
  });
});

describe('root branches that are fine', () => {
  it('give no diagnostic at all', () => {
    const doc = withRoot({
      on: {
        CANCEL: [{ target: '.done', guard: cel('amount > 1000.0'), meta: { tier: 'human' } }, '#r.done'],
      },
      after: { '60000': { target: '#r.done', guard: cel('customer.tier == "gold"') } },
      meta: { guardrails: [{ when: 'amount > 10000.0', downgradeTo: 'human' }] },
    });
    expect(validateGraph(doc)).toEqual([]);
  });
});
