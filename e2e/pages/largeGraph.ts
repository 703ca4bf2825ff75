/**
 * A generated large graph for the canvas check: `n` states in rows, each with a guarded `always`
 * branch to the next state, an event branch two ahead and a catch-all to a review state, laid out
 * on a grid (as a saved document would be).
 */
export function largeGraph(n: number): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  const layout: Record<string, { x: number; y: number }> = {};
  const cols = 25;
  for (let i = 0; i < n; i++) {
    const key = `s${i}`;
    layout[key] = { x: (i % cols) * 300, y: Math.floor(i / cols) * 190 };
    if (i === n - 1) {
      states[key] = { type: 'final' };
      continue;
    }
    const always: unknown[] = [{ target: `s${i + 1}`, guard: { type: 'cel', params: { expr: `amount > ${i}.0` } }, meta: { tier: i % 3 === 0 ? 'auto' : 'suggest' } }];
    always.push({ target: `s${Math.min(n - 1, i + 2)}`, meta: { tier: 'human' } });
    states[key] = { meta: { activity: `Step ${i}` }, always, on: { SKIP: `s${Math.min(n - 1, i + 25)}` } };
  }
  return {
    format: 'sop-studio/graph@1',
    name: `Generated ${n}-state graph`,
    version: 1,
    rollout: 'assist',
    caseSchema: { amount: { type: 'number', source: 'billing' } },
    agents: {},
    tools: {},
    machine: { id: 'large', initial: 's0', states },
    layout,
  };
}
