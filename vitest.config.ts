import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'cli/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    // fake-indexeddb/auto installs indexedDB/IDBKeyRange globals before Dexie is imported
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
  },
});
