import { describe, expect, it } from 'vitest';
import { drawsOnCanvasLayer, LARGE_GRAPH_STATES, LOD_ZOOM } from './lod';

describe('which layer draws the graph', () => {
  it('draws a large graph on the canvas layer only below the detail threshold', () => {
    expect(drawsOnCanvasLayer(1000, 0.15)).toBe(true);
    expect(drawsOnCanvasLayer(1000, LOD_ZOOM - 0.001)).toBe(true);
    // at the threshold and above: the DOM cards, with their text
    expect(drawsOnCanvasLayer(1000, LOD_ZOOM)).toBe(false);
    expect(drawsOnCanvasLayer(1000, 1)).toBe(false);
  });

  it('keeps the DOM cards of a graph up to the large-graph size at every zoom', () => {
    expect(drawsOnCanvasLayer(LARGE_GRAPH_STATES, 0.05)).toBe(false);
    expect(drawsOnCanvasLayer(LARGE_GRAPH_STATES + 1, 0.05)).toBe(true);
    expect(drawsOnCanvasLayer(12, 0.1)).toBe(false);
  });
});

describe('while a large graph is fitted on open', () => {
  it('draws it on the canvas layer at any zoom, and a small graph never', () => {
    expect(drawsOnCanvasLayer(1000, 1, true)).toBe(true);
    expect(drawsOnCanvasLayer(1000, 1, false)).toBe(false);
    expect(drawsOnCanvasLayer(100, 1, true)).toBe(false);
  });
});
