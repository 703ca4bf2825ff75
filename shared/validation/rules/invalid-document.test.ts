import { describe, expect, it } from 'vitest';
import { docWith, runRule, simpleMachine } from '../testing';
import { invalidDocument } from './invalid-document';

describe('invalid-document', () => {
  it('reports schema problems at their exact path', () => {
    const doc = docWith(simpleMachine(), { rollout: 'full' as never, tools: { t: { risk: 'extreme' as never } } });
    const found = runRule(invalidDocument, doc);
    expect(found.map((d) => d.path)).toEqual([['rollout'], ['tools', 't', 'risk']]);
    expect(found[0]!.message).toContain('"observe", "assist", "autonomy"');
    expect(found[0]!.severity).toBe('error');
  });

  it('leaves tier values to invalid-tier and passes a valid document', () => {
    const m = simpleMachine();
    m.states!.start!.meta = { tier: 'sometimes' as never };
    expect(runRule(invalidDocument, docWith(m))).toEqual([]);
    expect(runRule(invalidDocument, docWith(simpleMachine()))).toEqual([]);
  });

  it('names the state a problem sits in', () => {
    const m = simpleMachine();
    m.states!.start!.on = { GO: { target: 'done', guard: { type: 'cel', params: {} } } };
    const [d] = runRule(invalidDocument, docWith(m));
    expect(d).toMatchObject({
      path: ['machine', 'states', 'start', 'on', 'GO', 'guard', 'params', 'expr'],
      stateKey: 'start',
      transitionId: 'start|on|GO|0',
    });
  });

  it('leaves out only a "tier" directly under a "meta": a field named tier and other meta entries are reported', () => {
    const m = simpleMachine();
    m.states!.start!.meta = { agent: 5 as never, tier: 'sometimes' as never };
    m.states!.start!.on = { GO: { target: 'done', meta: { tier: 'always' as never } } };
    const doc = docWith(m, { caseSchema: { tier: 5 as never } });
    expect(runRule(invalidDocument, doc)).toEqual([
      {
        code: 'invalid-document',
        severity: 'error',
        message: 'expected string, got number 5',
        path: ['machine', 'states', 'start', 'meta', 'agent'],
        stateKey: 'start',
      },
      {
        code: 'invalid-document',
        severity: 'error',
        message: 'expected object, got number 5',
        path: ['caseSchema', 'tier'],
      },
    ]);
  });
});
