/**
 * Bounding-box checks of what floats on the canvas: the minimap and the docked legend must not
 * sit on a state card or an edge label, and no card or label may be cut by the canvas's edges.
 * Returns what is wrong as readable strings (empty: nothing covered or cut).
 */
import type { Page } from '@playwright/test';

export async function canvasCoverage(page: Page, what: 'covered' | 'cut' | 'both' = 'both'): Promise<string[]> {
  return page.evaluate((what) => {
    const box = (el: Element) => el.getBoundingClientRect();
    const name = (el: Element) => (el.textContent ?? '').trim().slice(0, 24) || el.className.toString();
    const meet = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const flow = document.querySelector('.canvas-flow');
    if (!flow) return ['no canvas'];
    const area = box(flow);
    const things = [...flow.querySelectorAll('.react-flow__node, .edge-label')].filter(
      (el) => el.getClientRects().length > 0,
    );
    const floats = [...flow.querySelectorAll('.react-flow__minimap, .overlay-legend')].filter(
      (el) => el.getClientRects().length > 0,
    );
    const wrong: string[] = [];
    for (const t of things) {
      const r = box(t);
      if (
        what !== 'covered' &&
        (r.left < area.left - 0.5 ||
          r.right > area.right + 0.5 ||
          r.top < area.top - 0.5 ||
          r.bottom > area.bottom + 0.5)
      )
        wrong.push(`“${name(t)}” cut by the canvas edge`);
      if (what !== 'cut')
        for (const f of floats)
          if (meet(r, box(f))) wrong.push(`“${name(t)}” under ${f.className.toString().split(' ')[0]}`);
    }
    return wrong;
  }, what);
}

/** Tabs (and the Disconnect button) of a tab row that do not fit inside it, or a row that scrolls. */
export async function tabRowProblems(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((nav) => {
    const n = nav.getBoundingClientRect();
    const wrong = [...nav.querySelectorAll('button')]
      .filter((b) => {
        const r = b.getBoundingClientRect();
        return r.left < n.left - 0.5 || r.right > n.right + 0.5;
      })
      .map((b) => `${b.getAttribute('aria-label') ?? b.textContent ?? ''} cut`);
    if (nav.scrollWidth > nav.clientWidth + 1) wrong.push(`row scrolls (${nav.scrollWidth} > ${nav.clientWidth})`);
    return wrong;
  });
}
