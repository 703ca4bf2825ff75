// Lint is mostly about architecture: shared/ is pure TypeScript that runs in the renderer,
// Web Workers and Node, so it may not import Node built-ins, Electron, React or the DOM.
// On top of that, typescript-eslint's type-checked rules catch the bugs types alone let through
// (floating promises, `any` leaking out of JSON.parse, awaiting non-promises).
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Every TypeScript file passes typescript-eslint's recommendedTypeChecked.
const typeChecked = ['**/*.{ts,tsx}'];

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'zlib',
  'stream',
  'crypto',
  'url',
  'util',
  'events',
  'worker_threads',
  'readline',
  'http',
  'https',
  'net',
  'buffer',
  'process',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.vite/**',
      '.bench/**',
      'out/**',
      'test-results/**',
      'playwright-report/**',
      '.stryker-tmp/**',
      'reports/**',
      // third-party inputs (XState examples, the W3C SCXML suite) kept verbatim as test data, not our code
      'fixtures/outside/**',
    ],
  },
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
    files: typeChecked,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // ONE program for the whole tree (tsconfig.eslint.json): the projectService would build one per tsconfig
      // (node, web, e2e), each re-checking shared/, which made a clean-clone lint several times slower
      parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are the project's way to say "deliberately unused" (positional callback arguments)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // off: fakes and handlers are `async` to satisfy Promise-returning interfaces; no-floating-promises guards the callers
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: typeChecked.map((glob) => glob.replace('*.{ts,tsx}', '*.test.{ts,tsx}')),
    rules: {
      // off in tests: vitest types its asymmetric matchers (expect.stringMatching, expect.any) as `any`, and tests
      // probe JSON.parse output (CLI --json, exported machines) field by field: the expect() is the type check there
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // plain JavaScript (build scripts, bin launchers, configs): no tsconfig covers them, so untyped rules only
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      'no-debugger': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
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
            {
              group: ['react', 'react-dom', 'react/*', '@xyflow/*', 'dexie', 'monaco-editor', 'monaco-editor/*'],
              message: 'shared/ is pure: no UI or storage libraries.',
            },
            {
              group: ['**/renderer/**', '**/electron/**', '**/cli/**'],
              message: 'shared/ must not import from the app layers.',
            },
          ],
          paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node built-ins.' })),
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'localStorage',
        'require',
        'process',
        '__dirname',
        'Buffer',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // zustand store actions and component props are declared with method shorthand (`onClose(): void`) but are
      // closures that never read `this`, so passing them around is safe; the rule cannot tell them from class methods
      '@typescript-eslint/unbound-method': 'off',
      // React ignores an event handler's return value; async onClick handlers report their own errors (toasts)
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron'], message: 'the renderer is sandboxed: go through the preload API.' },
          ],
        },
      ],
    },
  },
  {
    // Renderer fences (issue 16; scripts/rendererFolders.test.ts finds the cycles): ui and monaco
    // are leaves that features build on, so they import neither app nor features; and Monaco stays
    // out of the main chunk, so app and features reach the editors only through the lazy wrappers.
    // (The sandbox pattern is repeated: a later block replaces the rule's options, it does not merge.)
    files: ['renderer/ui/**/*.{ts,tsx}', 'renderer/monaco/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron'], message: 'the renderer is sandboxed: go through the preload API.' },
            {
              group: ['../app/*', '../features/**', '../../app/*', '../../features/**'],
              message: 'ui and monaco are leaves: move what they need from app or features into ui (or shared).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/app/**/*.{ts,tsx}', 'renderer/features/**/*.{ts,tsx}'],
    ignores: ['renderer/features/code/CodeView.tsx', 'renderer/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron'], message: 'the renderer is sandboxed: go through the preload API.' },
            {
              group: [
                '**/monaco/CelEditor',
                '**/code/CodeView',
                'monaco-editor',
                'monaco-editor/*',
                '@monaco-editor/*',
              ],
              message: 'Monaco is its own chunk: use monaco/LazyCelEditor or code/LazyCodeView.',
            },
          ],
        },
      ],
    },
  },
);
