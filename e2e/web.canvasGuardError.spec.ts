/** A guard whose CEL does not compile looks broken on the canvas, and says why to a screen reader. */
import { expect, test } from './fixtures';
import { DesignerPage } from './pages/DesignerPage';
import { largeGraph } from './pages/largeGraph';

test('a branch whose guard has a CEL error is drawn as an error, with the message as its title', async ({
  page,
}, info) => {
  const doc = largeGraph(4) as {
    machine: { states: Record<string, { always?: Array<{ guard?: { params: { expr: string } } }> }> };
  };
  // s1 → s2 compares a number with a string: a cel-type error; s0 → s1 stays valid
  doc.machine.states.s1!.always![0]!.guard!.params.expr = 'amount > "many"';
  const file = info.outputPath('guard-error.sop.json');
  const fs = await import('node:fs/promises');
  await fs.writeFile(file, JSON.stringify(doc));
  const d = new DesignerPage(page);
  await d.goto();
  await d.openFile(file);
  await expect(page.getByTestId('status-bar')).toContainText('4 states');
  await d.settled();

  const broken = d.branch('s1', 's2').filter({ hasText: 'amount >' });
  const fine = d.branch('s0', 's1').filter({ hasText: 'amount >' });
  await expect(broken).toHaveClass(/has-guard-error/);
  await expect(fine).not.toHaveClass(/has-guard-error/);
  const guard = broken.getByTestId('edge-guard');
  await expect(guard).toHaveAttribute('title', /CEL type error/);
  await expect(guard).toHaveAccessibleName(/^Guard amount > "many": CEL type error/);
  // the error colour is the theme's --bad, read back from the page rather than assumed
  const bad = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--bad)';
    document.querySelector('.canvas')!.appendChild(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
  expect(await guard.evaluate((el) => getComputedStyle(el).color)).toBe(bad);
  expect(await fine.getByTestId('edge-guard').evaluate((el) => getComputedStyle(el).color)).not.toBe(bad);
});
