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
 * Direction between core modules (docs/ARCHITECTURE.md, "Core modules"): what each module's production code
 * may import from its siblings. Anything under main/core not listed for a module is refused, so an edge
 * that points up a layer, or closes a cycle, fails lint. A folder missing from this table has no rules of
 * its own yet: add it here when it lands. Tests may reach up (integration tests build the whole core).
 */
const base = ['config', 'log'];
const coreAllowed = {
  config: [],
  log: ['config'],
  'bundle-verify': [],
  store: [...base],
  audit: [...base, 'store', 'bundle-verify'],
  users: [...base, 'store'],
  tracing: [...base, 'store'],
  privacy: [...base, 'store'],
  memory: [...base, 'store', 'privacy'],
  retention: [...base, 'store', 'audit', 'memory'],
  models: [...base, 'store', 'audit'],
  policy: [...base, 'store'],
  kb: [...base, 'store'],
  agents: [...base, 'models', 'privacy', 'kb', 'policy'],
};
const belowPipeline = Object.keys(coreAllowed);
// The escalation queue sits beside the pipeline, not under it: the pipeline declares a port for it
// (EscalationPort) and the container wires this module there, so a queue view never builds a turn's runtime.
coreAllowed.escalations = [...base, 'store', 'audit', 'privacy', 'policy', 'agents'];
coreAllowed.pipeline = belowPipeline;
coreAllowed.eval = [...belowPipeline, 'pipeline', 'escalations'];
// LAN desks reach escalations, audit and users through their own ports, adapted in container/lan-ports.ts.
coreAllowed.lan = [...base, 'store', 'bundle-verify'];
coreAllowed.container = [...belowPipeline, 'pipeline', 'escalations', 'lan'];
coreAllowed.api = [...belowPipeline, 'pipeline', 'escalations', 'container', 'lan'];
export { coreAllowed };
const coreModules = Object.keys(coreAllowed);

const testFiles = ['**/*.test.ts', '**/*.fixture.ts'];
const testSupportBan = {
  regex: '^(\\.\\./)+test-support(/|$)',
  message: 'main/test-support/ is for tests only.',
};
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * `no-restricted-imports` sees the specifier, not the resolved path, so each depth inside a module gets
 * its own exact count of `../` (a file in pipeline/ importing `./retention` is its own, `../retention`
 * is the module). Deep imports (`../audit/merkle`) are refused for every sibling, allowed or not.
 */
function coreBans(mod, depth) {
  const up = escapeRe('../'.repeat(depth));
  const banned = coreModules.filter((m) => m !== mod && !coreAllowed[mod].includes(m));
  const others = coreModules.filter((m) => m !== mod).map(escapeRe);
  const patterns = [
    ...mainBans.patterns,
    testSupportBan,
    {
      regex: `^${up}(${others.join('|')})/`,
      message: 'Import another core module only through its index.ts.',
    },
  ];
  if (banned.length > 0) {
    patterns.push({
      regex: `^${up}(${banned.map(escapeRe).join('|')})/?$`,
      message: `core/${mod} may import only ${coreAllowed[mod].join(', ') || 'no other core module'} (docs/ARCHITECTURE.md).`,
    });
  }
  return { paths: mainBans.paths, patterns };
}
const coreDirectionConfigs = coreModules.flatMap((mod) =>
  [1, 2, 3].map((depth) => ({
    files: [`main/core/${mod}/${'*/'.repeat(depth - 1)}*.ts`],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', coreBans(mod, depth)] },
  })),
);

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
    files: ['main/**/*.ts'],
    ignores: ['main/app/**', 'main/test-support/**', ...testFiles],
    rules: {
      'no-restricted-imports': ['error', { ...mainBans, patterns: [...mainBans.patterns, testSupportBan] }],
    },
  },
  ...coreDirectionConfigs,
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
