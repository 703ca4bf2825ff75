import { describe, expect, it } from 'vitest';
import type { StateNode, StateNodeData } from './derive';
import { lowDetailScene } from './lowDetailScene';

const node = (
  id: string,
  x: number,
  y: number,
  data: Partial<StateNodeData> = {},
  extra: Partial<StateNode> = {},
): StateNode =>
  ({
    id,
    type: 'state',
    position: { x, y },
    width: 210,
    height: 68,
    data: { key: id, name: id, type: 'atomic', isInitial: false, ...data },
    ...extra,
  }) as unknown as StateNode;

describe('the canvas layer scene', () => {
  it('groups boxes by look, the selected outline last, in absolute flow units', () => {
    const nodes = [
      node('g', 1000, 500, {}, { type: 'group', width: 600, height: 400 }),
      node('g.c', 30, 50, {}, { parentId: 'g' }),
      node('a', 0, 0, { tier: 'auto', isInitial: true }),
      node('b', 300, 0, {}, { selected: true }),
      node('end', 600, 0, { type: 'final' }),
    ];
    const scene = lowDetailScene(nodes);
    const byKey = Object.fromEntries(scene.looks.map((l) => [l.key, l.rects]));
    expect(byKey).toEqual({
      'group|groupLine|1|1': [1000, 500, 600, 400],
      'panel|line|1|1': [1030, 550, 210, 68, 0, 0, 210, 68],
      'final|finalLine|2|1': [600, 0, 210, 68],
      'panel|accent|3|1': [300, 0, 210, 68],
    });
    expect(scene.looks.at(-1)!.stroke).toBe('accent');
    expect(Object.fromEntries(scene.stripes)).toEqual({ auto: [0, 0, 210, 12], accent: [0, 0, 12, 68] });
    expect(scene.hitBoxes.map((b) => b.key)).toEqual(['g', 'g.c', 'a', 'b', 'end']);
    expect(scene.hitBoxes[1]).toEqual({ key: 'g.c', x: 1030, y: 550, w: 210, h: 68 });
    expect(scene.bounds).toEqual({ x: 0, y: 0, w: 1600, h: 900 });
  });

  it('marks overlay tones and dimmed states in the look', () => {
    const scene = lowDetailScene([
      node('a', 0, 0, { overlay: { tone: 'bad' } as StateNodeData['overlay'], dimmed: true }),
    ]);
    expect(scene.looks.map((l) => l.key)).toEqual(['panel|bad|2|0.35']);
    expect(scene.labels[0]).toMatchObject({ name: 'a', alpha: 0.35 });
  });

  it('has no bounds for an empty graph', () => {
    expect(lowDetailScene([]).bounds).toBeNull();
  });
});
