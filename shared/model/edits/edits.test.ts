import { describe, expect, it } from 'vitest';
import refund from '../../../samples/refund.sop.json';
import { flattenMachine } from '../flatten';
import type { GraphDoc } from '../types';
import {
  addState,
  addTransition,
  copyStates,
  emptyDoc,
  moveTransition,
  pasteStates,
  removeStates,
  removeTransition,
  renameState,
  setEvent,
  setFinal,
  setGuard,
  setLayout,
  setTarget,
  setTier,
} from './index';

const sample = () => structuredClone(refund) as unknown as GraphDoc;
const targetsOf = (doc: GraphDoc, source: string) =>
  flattenMachine(doc.machine)
    .outgoing.get(source)!
    .map((t) => t.targets.join(','));

describe('state edits', () => {
  it('adds the first state as the initial one and records its position', () => {
    const doc = addState(emptyDoc(), { name: 'triage', position: { x: 10, y: 20 } });
    expect(doc.machine.initial).toBe('triage');
    expect(doc.layout.triage).toEqual({ x: 10, y: 20 });
  });

  it('refuses a duplicate name', () => {
    expect(() => addState(sample(), { name: 'triage' })).toThrow(/already exists/);
  });

  it('does not mutate its input and shares untouched subtrees', () => {
    const before = sample();
    const copy = structuredClone(before);
    const after = setTier(before, 'triage|always||0', 'suggest');
    expect(before).toEqual(copy);
    expect(after.machine.states!.review).toBe(before.machine.states!.review);
  });

  it('removing a state removes transitions into it and its layout', () => {
    const doc = removeStates(sample(), ['reject']);
    expect(doc.machine.states!.reject).toBeUndefined();
    expect(targetsOf(doc, 'triage')).toEqual(['refund', 'review']);
    expect(targetsOf(doc, 'review')).toEqual(['refund']);
    expect(flattenMachine(doc.machine).transitions.every((t) => t.unresolved.length === 0)).toBe(true);
  });

  it('removing the initial state picks the next one as initial', () => {
    expect(removeStates(sample(), ['triage']).machine.initial).toBe('refund');
  });

  it('renaming updates targets, initial and layout, keeping order', () => {
    const doc = renameState(sample(), 'triage', 'intake');
    expect(Object.keys(doc.machine.states!)[0]).toBe('intake');
    expect(doc.machine.initial).toBe('intake');
    expect(doc.layout.intake).toEqual({ x: 0, y: 0 });
    const doc2 = renameState(doc, 'refund', 'payout');
    expect(targetsOf(doc2, 'intake')).toEqual(['payout', 'reject', 'review']);
    expect(targetsOf(doc2, 'review')).toEqual(['payout', 'reject']);
  });

  it('renaming inside a compound state rewrites nested and absolute targets', () => {
    let doc = addState(emptyDoc(), {
      name: 'review',
      config: { initial: 'collect', states: { collect: { on: { NEXT: 'decide' } }, decide: {} } },
    });
    doc = addState(doc, { name: 'start', config: { always: { target: '#sop.review.decide' } } });
    doc = renameState(doc, 'review.decide', 'verdict');
    expect(targetsOf(doc, 'review.collect')).toEqual(['review.verdict']);
    expect(targetsOf(doc, 'start')).toEqual(['review.verdict']);
  });

  it('rejects invalid names', () => {
    expect(() => renameState(sample(), 'triage', 'a.b')).toThrow(/valid/);
    expect(() => renameState(sample(), 'triage', 'done')).toThrow(/exists/);
  });

  it('setFinal drops outgoing transitions', () => {
    const doc = setFinal(sample(), 'review', true);
    expect(doc.machine.states!.review!.type).toBe('final');
    expect(doc.machine.states!.review!.on).toBeUndefined();
  });
});

describe('transition edits', () => {
  it('adds always and event branches at the end of their lists', () => {
    let doc = addTransition(sample(), { source: 'review', target: 'done', event: 'CLOSE', tier: 'human' });
    doc = addTransition(doc, { source: 'triage', target: 'done', guard: 'amount > 1.0' });
    const out = flattenMachine(doc.machine).outgoing;
    expect(out.get('review')!.map((t) => t.event)).toEqual(['APPROVE', 'DENY', 'CLOSE']);
    expect(out.get('triage')![3]!.guardExpr).toBe('amount > 1.0');
  });

  it('writes a compound child target relative to the source', () => {
    let doc = addState(emptyDoc(), { name: 'a' });
    doc = addState(doc, { name: 'g', config: { initial: 'x', states: { x: {} } } });
    doc = addTransition(doc, { source: 'g.x', target: 'a', event: 'OUT' });
    doc = addTransition(doc, { source: 'a', target: 'g.x', event: 'IN' });
    expect(targetsOf(doc, 'g.x')).toEqual(['a']);
    expect(targetsOf(doc, 'a')).toEqual(['g.x']);
  });

  it('removes a branch and collapses a one-item list', () => {
    const doc = removeTransition(removeTransition(sample(), 'triage|always||2'), 'triage|always||1');
    expect(doc.machine.states!.triage!.always).toMatchObject({ target: 'refund' });
    const noEvents = removeTransition(removeTransition(sample(), 'review|on|DENY|1'), 'review|on|APPROVE|0');
    expect(noEvents.machine.states!.review!.on).toBeUndefined();
  });

  it('moves a branch up and down; order is kept across kinds', () => {
    const down = moveTransition(sample(), 'triage|always||0', 1);
    expect(targetsOf(down, 'triage')).toEqual(['reject', 'refund', 'review']);
    expect(moveTransition(down, 'triage|always||1', -1)).toEqual(sample());
    const events = moveTransition(sample(), 'review|on|DENY|1', -1);
    expect(Object.keys(events.machine.states!.review!.on!)).toEqual(['DENY', 'APPROVE']);
    expect(moveTransition(sample(), 'triage|always||0', -1)).toEqual(sample());
  });

  it('sets and clears tier and guard, turning string shorthand into an object', () => {
    let doc = setTier(sample(), 'review|on|APPROVE|0', 'suggest');
    expect(doc.machine.states!.review!.on!.APPROVE).toEqual({ target: 'refund', meta: { tier: 'suggest' } });
    doc = setGuard(doc, 'review|on|APPROVE|0', 'amount < 10.0');
    expect(flattenMachine(doc.machine).outgoing.get('review')![0]!.guardExpr).toBe('amount < 10.0');
    doc = setGuard(setTier(doc, 'review|on|APPROVE|0', undefined), 'review|on|APPROVE|0', '  ');
    expect(doc.machine.states!.review!.on!.APPROVE).toEqual({ target: 'refund' });
  });

  it('retargets and changes event', () => {
    let doc = setTarget(sample(), 'review|on|DENY|1', 'done');
    expect(targetsOf(doc, 'review')).toEqual(['refund', 'done']);
    doc = setEvent(doc, 'review|on|DENY|1', null);
    const out = flattenMachine(doc.machine).outgoing.get('review')!;
    expect(out.map((t) => `${t.kind}:${t.event}`)).toEqual(['always:null', 'on:APPROVE']);
  });
});

describe('layout and clipboard', () => {
  it('setLayout returns the same document when nothing changes', () => {
    const doc = sample();
    expect(setLayout(doc, { triage: { x: 0, y: 0 } })).toBe(doc);
    expect(setLayout(doc, { triage: { x: 5 } }).layout.triage).toEqual({ x: 5, y: 0 });
  });

  it('pastes copies with fresh names; branches among copies follow them', () => {
    const doc = setLayout(sample(), { refund: { x: 100, y: 100 }, done: { x: 100, y: 300 } });
    const clip = copyStates(doc, ['refund', 'done']);
    const { doc: pasted, keys } = pasteStates(doc, JSON.parse(JSON.stringify(clip)), null);
    expect(keys).toEqual(['refund2', 'done2']);
    expect(targetsOf(pasted, 'refund2')).toEqual(['done2']);
    expect(pasted.layout.refund2).toEqual({ x: 140, y: 140 });
    expect(pasted.machine.initial).toBe('triage');
  });
});
