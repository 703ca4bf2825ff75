import { describe, expect, it } from 'vitest';
import type { GraphDoc } from '../../model/types';
import { graphSvg, MAX_DRAWN_EDGES, MAX_DRAWN_STATES } from './graphSvg';

const doc = (states: NonNullable<GraphDoc['machine']['states']>): GraphDoc => ({
  format: 'sop-studio/graph@1',
  name: 'g',
  version: 1,
  rollout: 'observe',
  caseSchema: {},
  agents: {},
  tools: {},
  layout: {},
  machine: { id: 'g', initial: Object.keys(states)[0], states },
});

function chain(n: number): GraphDoc {
  const states: Record<string, object> = {};
  for (let i = 0; i < n; i++) states[`s${i}`] = { on: { NEXT: i + 1 < n ? `s${i + 1}` : 'done' } };
  states.done = { type: 'final' };
  return doc(states as never);
}

describe('the report drawing degrades on huge graphs instead of laying them out', () => {
  it('draws a small graph', async () => {
    const svg = await graphSvg(chain(3));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<polyline');
  });

  it(`past ${MAX_DRAWN_STATES} states: a note with the counts, no layout`, async () => {
    const t0 = performance.now();
    const out = await graphSvg(chain(10_000));
    expect(out).toBe(
      `<p class="note" role="note">The graph is not drawn: it has 10001 states and 10000 branches; the drawing is made for up to ${MAX_DRAWN_STATES} states and ${MAX_DRAWN_EDGES} branches. The tables below list every state and branch.</p>`,
    );
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it(`past ${MAX_DRAWN_EDGES} branches (few states): a note too`, async () => {
    const on: Record<string, string> = {};
    for (let i = 0; i <= MAX_DRAWN_EDGES; i++) on[`E${i}`] = 'done';
    const out = await graphSvg(doc({ triage: { on }, done: { type: 'final' } } as never));
    expect(out).toMatch(/^<p class="note".*2 states and 1001 branches/);
  });
});
