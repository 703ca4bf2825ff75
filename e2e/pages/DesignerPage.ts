/**
 * Page object for the designer: the canvas, its toolbar and selection bar, files and history.
 * Specs talk in user terms (add a state, connect two states, set a tier) through it.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { readmeShot } from './screenshots';

export class DesignerPage {
  readonly canvas: Locator;
  readonly nodes: Locator;
  readonly edgeLabels: Locator;
  readonly selectionBar: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.nodes = page.locator('.react-flow__node');
    this.edgeLabels = page.getByTestId('edge-label');
    this.selectionBar = page.getByTestId('selection-bar');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.canvas).toBeVisible();
  }

  /**
   * Wait until the view is at rest: the opening fit done, no pan/zoom animation, no auto-layout
   * running. A click on a card while the view still moves could land beside it.
   */
  async settled(): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-view', 'settled', { timeout: 30_000 });
    await expect(this.canvas).toHaveAttribute('data-layout', 'idle', { timeout: 30_000 });
  }

  node(key: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${key}"]`);
  }

  /** The label pill of the branch from `source` to `target` (optionally with an event). */
  branch(source: string, target: string, event?: string): Locator {
    const l = this.page.locator(`[data-testid="edge-label"][data-transition^="${source}|"][data-target="${target}"]`);
    return event ? l.filter({ hasText: event }) : l;
  }

  /**
   * New graph from a template, returned once the editor shows it: until the new project is the
   * current one the previous graph is still on the canvas (the start-up sample has the refund
   * template's states), and a selection made there is cleared when the new one opens.
   */
  async newFromTemplate(id: string): Promise<void> {
    const current = this.page.locator('[data-testid="project-item"].is-current');
    const before = (await current.count()) ? await current.getAttribute('data-project-id') : null;
    await this.page.getByTestId('new-graph').click();
    await this.page.getByTestId(`template-${id}`).click();
    await expect(current).toHaveCount(1);
    if (before) await expect(current).not.toHaveAttribute('data-project-id', before);
  }

  /** Add a state with the toolbar, rename it, and give it a position on a simple grid. */
  async addState(name: string, at: { x: number; y: number }): Promise<void> {
    await this.settled();
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.dblclick(box.x + at.x, box.y + at.y);
    await this.rename(name);
  }

  /** Rename the selected state through the selection bar. */
  async rename(name: string): Promise<void> {
    const input = this.selectionBar.getByTestId('rename-state');
    await input.fill(name);
    await input.press('Enter');
    await expect(this.node(name)).toBeVisible();
  }

  /**
   * Select a state by clicking near its top-left corner (the middle can sit under an edge label),
   * then wait until the selection bar names it, so a following shortcut acts on it.
   */
  async select(key: string): Promise<void> {
    await this.settled();
    await this.node(key).click({ position: { x: 14, y: 12 } });
    await expect(this.page.getByTestId('rename-state')).toHaveValue(key.split('.').pop()!);
  }

  /** Drag from the source's bottom handle onto the target's top handle: a new `always` branch. */
  async connect(source: string, target: string): Promise<void> {
    await this.settled();
    const from = this.node(source).locator('.react-flow__handle.source');
    const to = this.node(target).locator('.react-flow__handle.target');
    await this.node(source).hover();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 6, { steps: 14 });
    await this.page.mouse.up();
    await expect(this.selectionBar.getByTestId('branch-event')).toBeVisible();
  }

  /** Select the branch label from `source` to `target`. */
  async selectBranch(source: string, target: string, event?: string): Promise<void> {
    await this.settled();
    await this.branch(source, target, event).click();
    await expect(this.selectionBar.getByTestId('branch-event')).toBeVisible();
  }

  /** With a branch selected: set its event (empty = always). */
  async setEvent(event: string): Promise<void> {
    const input = this.selectionBar.getByTestId('branch-event');
    await input.fill(event);
    await input.press('Enter');
  }

  async setTier(tier: 'auto' | 'suggest' | 'human'): Promise<void> {
    await this.selectionBar.getByTestId(`tier-${tier}`).click();
  }

  async toggleFinal(): Promise<void> {
    await this.selectionBar.getByTestId('toggle-final').click();
  }

  async undo(): Promise<void> {
    await this.page.getByTestId('undo').click();
  }

  async redo(): Promise<void> {
    await this.page.getByTestId('redo').click();
  }

  async openFile(path: string): Promise<void> {
    await this.page.getByTestId('open-file-input').setInputFiles(path);
  }

  async waitSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-state')).toHaveText('All changes saved');
  }

  /** A README screenshot (written only with SCREENSHOTS=1). */
  async screenshot(name: string): Promise<void> {
    await readmeShot(this.page, name);
  }
}
