import { defineConfig } from 'vitest/config';

// The toolchain needs Node >= 22.12 (package.json engines); `npm test`, `npm run test:unit` and
// `npm run test:hostile` run vitest through scripts/lts-node.mjs, which brings that Node on an older
// machine. A bare `npx vitest` on an older Node is refused here with the way out, rather than crashing
// later (Vitest 5's reporter calls Map.groupBy, Node >= 21, when it prints a failure).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  throw new Error(
    `Node ${process.versions.node} is older than 22.12: run \`npm run test:unit\` (or \`node scripts/lts-node.mjs npx vitest …\`)`,
  );
}

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'cli/**/*.test.ts',
      'service/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // fake-indexeddb/auto installs indexedDB/IDBKeyRange globals before Dexie is imported
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 30_000,
  },
});
