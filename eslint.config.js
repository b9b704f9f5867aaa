// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The layering rules: what each layer may not import. Lint is the guard, so tests run it on fixtures. */
const rendererBans = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ is DOM only: no Node builtins.' })),
    { name: 'electron', message: 'renderer/ talks to main only through the shared contract.' },
  ],
  patterns: [
    { group: ['**/main/**', '../main/*', '../../main/*'], message: 'renderer/ may not import main/.' },
    { group: ['electron/*'], message: 'renderer/ talks to main only through the shared contract.' },
  ],
};
const sharedBans = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure TypeScript: no Node builtins.' })),
    { name: 'electron', message: 'shared/ may not import electron.' },
    { name: 'react', message: 'shared/ may not import the DOM layer.' },
    { name: 'react-dom', message: 'shared/ may not import the DOM layer.' },
  ],
  patterns: [
    { group: ['**/main/**', '**/renderer/**'], message: 'shared/ depends on nothing of ours.' },
    { group: ['electron/*'], message: 'shared/ may not import electron.' },
  ],
};
const mainBans = {
  paths: [{ name: 'electron', message: 'Only main/app/ may import electron.' }],
  patterns: [
    { group: ['electron/*'], message: 'Only main/app/ may import electron.' },
    { group: ['**/renderer/**'], message: 'main/ may not import renderer/.' },
  ],
};

/**
 * shared/ compiles against the DOM lib (the renderer needs it), so the type checker cannot catch a DOM or
 * Node global there; this rule does.
 */
const sharedGlobalBans = [
  ...[
    'window',
    'document',
    'navigator',
    'location',
    'localStorage',
    'sessionStorage',
    'history',
    'alert',
  ].map((name) => ({ name, message: 'shared/ is pure TypeScript: no DOM globals.' })),
  ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
    name,
    message: 'shared/ is pure TypeScript: no Node globals.',
  })),
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'out/',
      'tmp/',
      'coverage/',
      'bench/.baseline/',
      'renderer/dist/',
      '**/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]",
          message: 'Never commit .only.',
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts', 'bench/**/*.ts', 'scripts/**', 'bin/**', '*.js', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', mainBans] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'no-restricted-imports': ['error', rendererBans], ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sharedBans],
      'no-restricted-globals': ['error', ...sharedGlobalBans],
    },
  },
);
