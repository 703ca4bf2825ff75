import { describe, expect, it } from 'vitest';
import { extractRoutes, labelPin, roundedPath, routeIsFresh, xAtY, type EdgeRoute } from './edgeRoutes';

const box = (x: number, y: number, w = 100, h = 40) => ({ x, y, w, h });

describe('extractRoutes', () => {
  it('reads sections and labels in root coordinates and records absolute node boxes', () => {
    const routes = extractRoutes({
      id: 'root',
      children: [
        { id: 'a', x: 10, y: 0, width: 100, height: 40 },
        {
          id: 'g',
          x: 0,
          y: 100,
          width: 200,
          height: 150,
          children: [{ id: 'g.b', x: 20, y: 50, width: 100, height: 40 }],
        },
      ],
      edges: [
        {
          id: 'a:0',
          sources: ['a'],
          targets: ['g.b'],
          sections: [
            {
              id: 's',
              startPoint: { x: 60, y: 40 },
              bendPoints: [
                { x: 60, y: 80 },
                { x: 70, y: 80 },
              ],
              endPoint: { x: 70, y: 150 },
            },
          ],
          labels: [{ id: 'l', x: 75, y: 90, width: 50, height: 20 }],
        },
        { id: 'no-section', sources: ['a'], targets: ['g.b'] },
      ],
    });
    expect([...routes.keys()]).toEqual(['a:0']);
    const r = routes.get('a:0')!;
    expect(r.points).toEqual([
      { x: 60, y: 40 },
      { x: 60, y: 80 },
      { x: 70, y: 80 },
      { x: 70, y: 150 },
    ]);
    expect(r.sourceBox).toEqual(box(10, 0));
    expect(r.targetBox).toEqual(box(20, 150));
    expect(r.label).toEqual({ x: 75, y: 90, w: 50, h: 20 });
  });
});

describe('routeIsFresh', () => {
  const route: EdgeRoute = { points: [], label: null, sourceBox: box(0, 0), targetBox: box(0, 200) };
  it('accepts rounding differences and rejects moved or missing states', () => {
    expect(routeIsFresh(route, box(1, -1), box(0.4, 201))).toBe(true);
    expect(routeIsFresh(route, box(40, 0), box(0, 200))).toBe(false);
    expect(routeIsFresh(route, box(0, 0), box(0, 200, 300, 40))).toBe(false);
    expect(routeIsFresh(route, undefined, box(0, 200))).toBe(false);
  });
});

describe('roundedPath', () => {
  it('draws a straight line for two points', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 0, y: 50 },
      ]),
    ).toBe('M 0 0 L 0 50');
  });
  it('rounds a corner with a quadratic whose radius is capped by the shorter segment', () => {
    expect(
      roundedPath(
        [
          { x: 0, y: 0 },
          { x: 0, y: 10 },
          { x: 40, y: 10 },
        ],
        10,
      ),
    ).toBe('M 0 0 L 0 5 Q 0 10 5 10 L 40 10');
  });
  it('is empty for no points', () => {
    expect(roundedPath([])).toBe('');
  });
});

describe('labels', () => {
  const pts = [
    { x: 50, y: 0 },
    { x: 50, y: 100 },
    { x: 150, y: 100 },
    { x: 150, y: 200 },
  ];
  it('xAtY finds the segment spanning a height', () => {
    expect(xAtY(pts, 40)).toBe(50);
    expect(xAtY(pts, 150)).toBe(150);
    expect(xAtY(pts, 300)).toBeNull();
  });
  it('pins the side of the label that faces its edge', () => {
    const at = (label: EdgeRoute['label']) =>
      labelPin({ points: pts, label, sourceBox: box(0, 0), targetBox: box(0, 0) });
    expect(at({ x: 54, y: 30, w: 60, h: 20 })).toEqual({ x: 54, y: 40, align: 'left' });
    expect(at({ x: -20, y: 30, w: 60, h: 20 })).toEqual({ x: 40, y: 40, align: 'right' });
    expect(at({ x: 20, y: 30, w: 60, h: 20 })).toEqual({ x: 50, y: 40, align: 'center' });
    expect(at(null)).toBeNull();
  });
});
