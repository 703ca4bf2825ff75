import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The test set Stryker runs against each mutant (stryker.config.mjs): the unit tests next to the
// mutated modules. CLI tests that spawn a child process cannot see Stryker's active mutant, and the
// renderer/CLI suites re-test the same modules through the UI, so on two shared cores they only cost
// time. The figures in the README are measured with this set (a mutant only they would kill counts
// as survived, so the score is if anything understated).
// (Spread, not mergeConfig: mergeConfig would concatenate the include lists.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts'],
    // No IndexedDB shim (only renderer tests use Dexie): it was loaded into every test file, for every mutant.
    setupFiles: ['scripts/mutationSetup.ts'],
  },
});
