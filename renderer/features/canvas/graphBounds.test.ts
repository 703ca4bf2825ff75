/**
 * The whole-graph fit's bounds hold the branch labels as well as the states. Expected rectangles
 * are computed by hand from the label geometry (TransitionEdge) and labelSize's estimate: the
 * test edge's label is "always" + tier "auto" + guard "amount <= 100.0", one branch in its state:
 *   row   = 6 × 7.2 + 10 + (4 × 6.6 + 36) = 115.6;  guard = 15 × 6.4 + 14 = 110
 *   w     = max(115.6, 110) + 16 = 131.6;          h = 42 (a label with a guard)
 */
import { describe, expect, it } from 'vitest';
import type { StateNode, TransitionEdge } from './derive';
import type { EdgeRoute } from './edgeRoutes';
import { graphBounds } from './graphBounds';

const node = (id: string, x: number, y: number, extra: Partial<StateNode> = {}): StateNode =>
  ({
    id,
    type: 'state',
    position: { x, y },
    width: 210,
    height: 68,
    data: { key: id, name: id, type: 'atomic', isInitial: false, branches: 1, targetless: 0 },
    ...extra,
  }) as StateNode;

const edge = (source: string, target: string, extra: Partial<NonNullable<TransitionEdge['data']>> = {}) =>
  ({
    id: `${source}->${target}`,
    source,
    target,
    type: 'transition',
    data: {
      transitionId: `${source}|always||0`,
      label: 'always',
      guard: 'amount <= 100.0',
      tier: 'auto',
      tierInherited: false,
      order: 1,
      siblings: 1,
      ...extra,
    },
  }) as TransitionEdge;

/** a above b: a at (0,0), b at (0,300), both 210 × 68; the edge runs from (105,68) down to (105,300). */
const nodes = [node('a', 0, 0), node('b', 0, 300)];

/** elk's straight route a → b, with the label elk reserved left of the line (x 20–100, y 160–184). */
const route = (sourceX = 0): EdgeRoute => ({
  points: [
    { x: 105, y: 68 },
    { x: 105, y: 300 },
  ],
  label: { x: 20, y: 160, w: 80, h: 24 },
  sourceBox: { x: sourceX, y: 0, w: 210, h: 68 },
  targetBox: { x: 0, y: 300, w: 210, h: 68 },
});

describe('graphBounds', () => {
  it('states only: the union of their boxes; no state: null', () => {
    expect(graphBounds([node('a', 0, 0), node('b', 300, 200)], [])).toEqual({ x: 0, y: 0, width: 510, height: 268 });
    expect(graphBounds([], [])).toBeNull();
  });

  it('a child state counts at its absolute place (its position is relative to the group)', () => {
    const group = node('g', 100, 100, { type: 'group', width: 300, height: 200 });
    const child = node('g.c', 250, 20, { parentId: 'g' }); // absolute (350, 120): sticks out 260 right
    expect(graphBounds([group, child], [])).toEqual({ x: 100, y: 100, width: 460, height: 200 });
  });

  it('a label elk pinned left of its line reaches past the leftmost state', () => {
    // the line (x 105) is right of elk's box: the label's right edge stays at 100, it grows leftwards
    // to 100 − 131.6 = −31.6; its middle stays at elk's (y 172), so it spans 151–193
    const b = graphBounds(nodes, [edge('a', 'b', { route: route() })])!;
    expect(b.x).toBeCloseTo(-31.6, 9);
    expect(b.width).toBeCloseTo(210 + 31.6, 9);
    expect([b.y, b.height]).toEqual([0, 368]);
  });

  it('a stale route (the source moved since the layout): the label sits on the curve, nudged by labelDx', () => {
    // anchor: the middle of the vertical curve (105,68) → (105,300), i.e. (105, 184); dx −200 → centre x −95,
    // so the label spans −95 − 65.8 = −160.8 to 65.8
    const b = graphBounds(nodes, [edge('a', 'b', { route: route(500), labelDx: -200 })])!;
    expect(b.x).toBeCloseTo(-160.8, 9);
    expect(b.width).toBeCloseTo(210 + 160.8, 9);
    // without the nudge the label (39.2 to 170.8, y 163 to 205) is inside the states' box
    expect(graphBounds(nodes, [edge('a', 'b', { route: route(500) })])).toEqual({
      x: 0,
      y: 0,
      width: 210,
      height: 368,
    });
  });

  it('a self-loop’s label sits 50 right of its state, level with its middle', () => {
    // centre (210 + 50, 34): x 194.2 to 325.8, y 13 to 55
    const b = graphBounds([node('a', 0, 0)], [edge('a', 'a')])!;
    expect(b.width).toBeCloseTo(325.8, 9);
    expect([b.x, b.y, b.height]).toEqual([0, 0, 68]);
  });

  it('an edge to a state that is not there adds nothing', () => {
    expect(graphBounds([node('a', 0, 0)], [edge('a', 'gone', { labelDx: -500 })])).toEqual({
      x: 0,
      y: 0,
      width: 210,
      height: 68,
    });
  });
});
