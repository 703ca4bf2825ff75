/**
 * The step four specs share: in Simulate, import a recorded log with the mapping its header
 * suggests, wait for the dataset page to count its cases, then replay the open graph over it.
 * Returns the simulator panel for the spec to carry on from.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export async function importLogAndRun(page: Page, log: string, expectedCases: number): Promise<Locator> {
  await page.getByTestId('mode-simulate').click();
  const sim = page.getByTestId('simulator');
  await sim.getByTestId('import-file').setInputFiles(log);
  const mapping = sim.getByTestId('mapping-step');
  await expect(mapping.getByTestId('map-activity')).toHaveValue('activity');
  await mapping.getByTestId('import-start').click();
  await expect(sim.getByTestId('dataset-page').getByTestId('ds-cases')).toHaveText(String(expectedCases), {
    timeout: 60_000,
  });
  await sim.getByTestId('sim-tab-run').click();
  await sim.getByTestId('run-start').click();
  await expect(sim.getByTestId('run-totals')).toBeVisible({ timeout: 60_000 });
  return sim;
}
