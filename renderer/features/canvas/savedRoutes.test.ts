import { describe, expect, it } from 'vitest';
import { parseGraphDocument, serializeGraphDocument } from '../../../shared/model/parse';
import { setLayout } from '../../../shared/model/edits/layout';
import { emptyDoc } from '../../../shared/model/edits/empty';
import type { GraphDoc } from '../../../shared/model/types';
import type { SourcedRoute } from './edgeRoutes';
import { routesOfLayout, withRoutes } from './savedRoutes';

const box = (x: number, y: number, w = 180, h = 64) => ({ x, y, w, h });

// two states laid out one above the other, one edge a→b with a bend and a label beside it
const aToB: SourcedRoute = {
  source: 'a',
  points: [
    { x: 90.04, y: 64 },
    { x: 90.04, y: 100.26 },
    { x: 120, y: 100.26 },
    { x: 120, y: 160 },
  ],
  label: { x: 124.5, y: 110, w: 60.33, h: 20 },
  sourceBox: box(0, 0),
  targetBox: box(30, 160),
};

function docWithLayout(): GraphDoc {
  const doc = emptyDoc();
  return {
    ...doc,
    machine: { id: 'm', initial: 'a', states: { a: { always: { target: 'b' } }, b: { type: 'final' } } },
    layout: { a: { x: 0, y: 0 }, b: { x: 30, y: 160 } },
  };
}

describe('saved edge routes', () => {
  it('are put on the source state entry, rounded to a tenth, and read back from there', () => {
    const layout = withRoutes(docWithLayout().layout, new Map([['a|always|0', aToB]]));
    expect(layout.b).toEqual({ x: 30, y: 160 });
    expect(Object.keys(layout.a!.routes as object)).toEqual(['a|always|0']);
    const back = routesOfLayout(layout).get('a|always|0')!;
    expect(back.points).toEqual([
      { x: 90, y: 64 },
      { x: 90, y: 100.3 },
      { x: 120, y: 100.3 },
      { x: 120, y: 160 },
    ]);
    expect(back.label).toEqual({ x: 124.5, y: 110, w: 60.3, h: 20 });
    expect(back.sourceBox).toEqual(box(0, 0));
    expect(back.targetBox).toEqual(box(30, 160));
  });

  it('survive saving the document as a file and opening it again', () => {
    const doc = docWithLayout();
    const laidOut = { ...doc, layout: withRoutes(doc.layout, new Map([['a|always|0', aToB]])) };
    const reopened = parseGraphDocument(serializeGraphDocument(laidOut));
    expect(reopened.ok).toBe(true);
    if (!reopened.ok) return;
    expect(routesOfLayout(reopened.doc.layout)).toEqual(routesOfLayout(laidOut.layout));
  });

  it('stay on an entry dragged by hand (the staleness check, not the edit, retires them)', () => {
    const doc = docWithLayout();
    const laidOut = { ...doc, layout: withRoutes(doc.layout, new Map([['a|always|0', aToB]])) };
    const dragged = setLayout(laidOut, { a: { x: 400, y: 0 } });
    expect(dragged.layout.a!.x).toBe(400);
    expect(routesOfLayout(dragged.layout).get('a|always|0')!.sourceBox).toEqual(box(0, 0));
  });

  it('skip a route whose source has no layout entry, and malformed saved routes', () => {
    expect(withRoutes({ b: { x: 0, y: 0 } }, new Map([['a|always|0', aToB]]))).toEqual({ b: { x: 0, y: 0 } });
    const layout = {
      a: {
        x: 0,
        y: 0,
        routes: {
          good: {
            points: [
              { x: 0, y: 0 },
              { x: 0, y: 9 },
            ],
            label: null,
            sourceBox: box(0, 0),
            targetBox: box(0, 9),
          },
          onePoint: { points: [{ x: 0, y: 0 }], label: null, sourceBox: box(0, 0), targetBox: box(0, 9) },
          text: 'nope',
        },
      },
      b: { x: 0, y: 0, routes: [1, 2] },
      c: { x: 0, y: 0, routes: null },
    };
    expect([...routesOfLayout(layout).keys()]).toEqual(['good']);
  });
});
