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
    const always: unknown[] = [
      {
        target: `s${i + 1}`,
        guard: { type: 'cel', params: { expr: `amount > ${i}.0` } },
        meta: { tier: i % 3 === 0 ? 'auto' : 'suggest' },
      },
    ];
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

/** The layout of `largeGraph` (kept in step with it): state i's box in flow units. */
function largeGraphBox(i: number): { x: number; y: number; w: number; h: number } {
  return { x: (i % 25) * 300, y: Math.floor(i / 25) * 190, w: 210, h: 68 };
}

/** Reads the fitted canvas layer: where a state is on screen, the colour drawn on its left edge. */
export function lowDetailProbe(page: import('@playwright/test').Page) {
  const view = async () => {
    const style = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
    const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)\s*scale\(([-\d.]+)\)/.exec(style);
    if (!m) throw new Error(`no viewport transform in ${style}`);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    return { tx: Number(m[1]), ty: Number(m[2]), k: Number(m[3]), pane };
  };
  /** Centre of state i in page coordinates. */
  const onScreen = async (i: number) => {
    const { tx, ty, k, pane } = await view();
    const b = largeGraphBox(i);
    return { x: pane.x + tx + (b.x + b.w / 2) * k, y: pane.y + ty + (b.y + b.h / 2) * k };
  };
  /** The canvas pixel on state i's left border, half-way down (r, g, b). */
  const leftEdgeColour = async (i: number) => {
    const { tx, ty, k } = await view();
    const b = largeGraphBox(i);
    return page.getByTestId('low-detail-layer').evaluate(
      (el, at) => {
        const c = el as HTMLCanvasElement;
        const dpr = c.width / c.clientWidth;
        const px = c.getContext('2d')!.getImageData(Math.round(at.x * dpr), Math.round(at.y * dpr), 1, 1).data;
        return [px[0]!, px[1]!, px[2]!];
      },
      { x: tx + b.x * k, y: ty + (b.y + b.h / 2) * k },
    );
  };
  /**
   * Until the viewport stops changing: an animated fit may not have started when the canvas
   * already says `settled` (a click measured mid-animation would miss its state).
   */
  const stable = async () => {
    const read = () => page.locator('.react-flow__viewport').getAttribute('style');
    for (let i = 0; i < 100; i++) {
      const a = await read();
      // three animation frames in the page: an animation in progress moves the viewport in that time
      await page.evaluate(
        () =>
          new Promise<void>((done) =>
            requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
          ),
      );
      const moving = (await page.getByTestId('canvas').getAttribute('data-view')) !== 'settled';
      if (!moving && a === (await read())) return;
    }
    throw new Error('the viewport did not come to rest');
  };
  return { onScreen, leftEdgeColour, stable };
}

/** Near the theme's accent (#3d63dd): blue well above red and green. */
export function isAccent([r, g, b]: number[]): boolean {
  return b! > 180 && b! - r! > 90 && b! - g! > 60;
}
