import { describe, expect, it } from 'vitest';
import refund from '../../../samples/refund.sop.json';
import { addState, emptyDoc, setTier } from '../../../shared/model/edits';
import { flattenMachine } from '../../../shared/model/flatten';
import type { GraphDoc } from '../../../shared/model/types';
import { deriveEdges, deriveNodes, NODE_W } from './derive';

const sample = () => structuredClone(refund) as unknown as GraphDoc;

describe('deriving the canvas from the document', () => {
  it('draws every state once, marks initial and final, and every branch with order and tier', () => {
    const doc = sample();
    const flat = flattenMachine(doc.machine);
    const nodes = deriveNodes(doc.layout, flat, null);
    expect(nodes.map((n) => n.id)).toEqual(['triage', 'refund', 'reject', 'review', 'done']);
    expect(nodes.find((n) => n.id === 'triage')!.data.isInitial).toBe(true);
    expect(nodes.find((n) => n.id === 'done')!.data.type).toBe('final');
    const edges = deriveEdges(flat, null);
    expect(edges).toHaveLength(7);
    const first = edges.find((e) => e.id === 'triage|always||0')!;
    expect(first.data).toMatchObject({
      label: 'always',
      tier: 'auto',
      tierInherited: false,
      order: 1,
      siblings: 3,
      guard: 'amount <= 100.0 && fraudScor…',
    });
    expect(edges.find((e) => e.id === 'review|on|APPROVE|0')!.data).toMatchObject({
      label: 'APPROVE',
      tier: 'human',
      tierInherited: true,
    });
  });

  it('compound states become parents sized around their children', () => {
    let doc = addState(emptyDoc(), { name: 'verify', config: { initial: 'otp', states: { otp: {}, doc: {} } } });
    doc = {
      ...doc,
      layout: { verify: { x: 0, y: 0 }, 'verify.otp': { x: 30, y: 50 }, 'verify.doc': { x: 300, y: 50 } },
    };
    const nodes = deriveNodes(doc.layout, flattenMachine(doc.machine), null);
    const group = nodes.find((n) => n.id === 'verify')!;
    expect(group.type).toBe('group');
    expect(group.width).toBeGreaterThanOrEqual(300 + NODE_W);
    expect(nodes.find((n) => n.id === 'verify.doc')).toMatchObject({
      parentId: 'verify',
      extent: 'parent',
      position: { x: 300, y: 50 },
    });
    expect(nodes.find((n) => n.id === 'verify.otp')!.data.isInitial).toBe(true);
  });

  it('paints an overlay and dims what is not highlighted', () => {
    const doc = sample();
    const flat = flattenMachine(doc.machine);
    const overlay = {
      states: { triage: { label: '12 visits', tone: 'good' as const } },
      transitions: { 'triage|always||0': { width: 0.8, tone: 'warn' as const } },
      highlight: { states: ['triage'], transitions: ['triage|always||0'] },
    };
    const nodes = deriveNodes(doc.layout, flat, overlay);
    expect(nodes.find((n) => n.id === 'triage')!.data).toMatchObject({
      overlay: { label: '12 visits' },
      highlighted: true,
    });
    expect(nodes.find((n) => n.id === 'review')!.data.dimmed).toBe(true);
    expect(deriveEdges(flat, overlay).find((e) => e.id === 'triage|always||0')!.data!.overlay).toEqual({
      width: 0.8,
      tone: 'warn',
    });
  });

  it('a tier edit changes only that edge’s data', () => {
    const before = sample();
    const after = setTier(before, 'review|on|DENY|1', 'suggest');
    const e1 = deriveEdges(flattenMachine(before.machine), null);
    const e2 = deriveEdges(flattenMachine(after.machine), null);
    const changed = e2.filter((e, i) => JSON.stringify(e.data) !== JSON.stringify(e1[i]!.data)).map((e) => e.id);
    expect(changed).toEqual(['review|on|DENY|1']);
  });
});
