// Lint is mostly about architecture: shared/ is pure TypeScript that runs in the renderer,
// Web Workers and Node, so it may not import Node built-ins, Electron, React or the DOM.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'zlib', 'stream', 'crypto', 'url', 'util', 'events', 'worker_threads', 'readline', 'http', 'https', 'net', 'buffer', 'process'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.vite/**', '.bench/**', 'out/**', 'test-results/**', 'playwright-report/**', '.stryker-tmp/**', 'reports/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'no-debugger': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure: no Node built-ins (put Node adapters in cli/).' },
            { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
            { group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'dexie', 'monaco-editor', 'monaco-editor/*'], message: 'shared/ is pure: no UI or storage libraries.' },
            { group: ['**/renderer/**', '**/electron/**', '**/cli/**'], message: 'shared/ must not import from the app layers.' },
          ],
          paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' })),
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'require', 'process', '__dirname', 'Buffer'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron'], message: 'the renderer is sandboxed: go through the preload API.' }] }],
    },
  },
);
