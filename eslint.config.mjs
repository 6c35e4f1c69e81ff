import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Workflow code is replayed: it must stay deterministic (docs/architecture.md, Temporal).
    files: [
      'workflows/**/*.ts',
      'bench/workflows/**/*.ts',
      'libs/engine/**/*.ts',
      'libs/bpmn/src/model.ts',
      'libs/bpmn/src/model-upgrade.ts',
      'libs/expressions/src/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins
            .flatMap((name) => [name, `node:${name}`])
            .map((name) => ({
              name,
              message: 'Workflow code is deterministic: no Node built-ins (move the I/O into an activity).',
            })),
          patterns: [{ group: ['**/apps/**'], message: 'Nothing imports from apps/.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use the engine clock or Temporal timers.' },
        { name: 'setInterval', message: 'Use the engine clock or Temporal timers.' },
      ],
    },
  },
  {
    // libs/dmn does no I/O either: the api parses with it and the worker evaluates with it.
    files: ['libs/dmn/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/dmn/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins
            .flatMap((name) => [name, `node:${name}`])
            .map((name) => ({ name, message: 'libs/dmn is pure: no Node built-ins.' })),
          patterns: [{ group: ['**/apps/**'], message: 'Nothing imports from apps/.' }],
        },
      ],
    },
  },
  {
    files: ['libs/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The engine has no clock: use ctx.now.' },
        { object: 'Math', property: 'random', message: 'The engine has no randomness: use ctx.newId.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        fetch: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
  },
);
