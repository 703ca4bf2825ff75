import { describe, expect, it } from 'vitest';
import { revealNodeIds } from './useRevealInView';

const edge = (source: string, target: string, transitionId: string) =>
  ({ source, target, data: { transitionId } }) as Parameters<typeof revealNodeIds>[1][number];

describe('revealNodeIds', () => {
  const edges = [edge('a', 'b', 'a:0'), edge('a', 'c', 'a:1'), edge('a', 'd', 'a:1')];
  it('shows a state, and a branch with all its states', () => {
    expect(revealNodeIds({ kind: 'state', key: 'x.y' }, edges)).toEqual(['x.y']);
    expect(revealNodeIds({ kind: 'transition', id: 'a:1' }, edges)).toEqual(['a', 'c', 'd']);
  });
  it('ignores what is not on the canvas', () => {
    expect(revealNodeIds({ kind: 'transition', id: 'zz:0' }, edges)).toBeNull();
    expect(revealNodeIds({ kind: 'graph' }, edges)).toBeNull();
    expect(revealNodeIds({ kind: 'section', section: 'schema' }, edges)).toBeNull();
  });
});
