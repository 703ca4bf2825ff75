import { describe, expect, it } from 'vitest';
import type { StateNode, TransitionEdge } from './derive';
import { lowDetailPaths } from './lowDetailPaths';

const node = (id: string, x: number, y: number, parentId?: string): StateNode =>
  ({
    id,
    type: 'state',
    position: { x, y },
    width: 200,
    height: 60,
    ...(parentId ? { parentId } : {}),
    data: {},
  }) as unknown as StateNode;
const edge = (
  id: string,
  source: string,
  target: string,
  extra: Partial<TransitionEdge> & { tone?: string; width?: number } = {},
): TransitionEdge =>
  ({
    id,
    source,
    target,
    selected: extra.selected,
    data: { overlay: extra.tone ? { tone: extra.tone, width: extra.width ?? 0 } : undefined },
  }) as unknown as TransitionEdge;

describe('branches at low zoom', () => {
  it('draws each branch from the bottom centre of its source to the top centre of its target', () => {
    const nodes = [node('a', 0, 0), node('b', 400, 300)];
    const paths = lowDetailPaths(nodes, [edge('a>b', 'a', 'b')]);
    // a: x 0..200, bottom y 60 → (100, 60); b: x 400..600, top y 300 → (500, 300)
    expect(paths).toEqual([
      { key: '|1|false|false', d: 'M100 60L500 300', tone: null, width: 1, dimmed: false, selected: false },
    ]);
  });

  it('uses absolute positions for children of a compound state and leaves self-loops out', () => {
    const nodes = [node('g', 1000, 1000), node('g.c', 30, 50, 'g'), node('x', 0, 0)];
    const paths = lowDetailPaths(nodes, [edge('x>c', 'x', 'g.c'), edge('x>x', 'x', 'x')]);
    expect(paths.map((p) => p.d)).toEqual(['M100 60L1130 1050']);
  });

  it('groups branches by look: one path per tone and width, selected apart', () => {
    const nodes = [node('a', 0, 0), node('b', 0, 200), node('c', 300, 200)];
    const paths = lowDetailPaths(nodes, [
      edge('1', 'a', 'b'),
      edge('2', 'a', 'c'),
      edge('3', 'b', 'c', { selected: true }),
      edge('4', 'c', 'a', { tone: 'bad', width: 1 }),
    ]);
    expect(paths.map((p) => [p.key, p.d])).toEqual([
      ['|1|false|false', 'M100 60L100 200M100 60L400 200'],
      ['|2|false|true', 'M100 260L400 200'],
      ['bad|5|false|false', 'M400 260L100 0'],
    ]);
  });
});
