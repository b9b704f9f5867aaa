import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/**
 * Lints a fixture as if it lived at `virtualPath`, so the real eslint.config.js decides by location,
 * exactly as it would for a file a developer adds there. Fixtures sit under fixtures/, which the
 * project's own lint run ignores.
 */
async function lintAs(fixture: string, virtualPath: string): Promise<string[]> {
  const code = readFileSync(join(import.meta.dirname, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, virtualPath) });
  if (!result) throw new Error('eslint returned no result');
  return result.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries enforced by eslint', () => {
  it('fails a renderer file importing node:fs', async () => {
    const errors = await lintAs('renderer-imports-fs.ts', 'renderer/src/probe.ts');
    expect(errors).toEqual([expect.stringMatching(/no-restricted-imports: .*renderer\/ is DOM only/)]);
  });

  it('fails a renderer file importing main/', async () => {
    const errors = await lintAs('renderer-imports-main.ts', 'renderer/src/api/probe.ts');
    expect(errors).toEqual([expect.stringMatching(/no-restricted-imports: .*may not import main/)]);
  });

  it('passes a renderer file that uses only the shared contract', async () => {
    expect(await lintAs('renderer-clean.ts', 'renderer/src/api/probe.ts')).toEqual([]);
  });

  it('fails shared/ importing electron or a node builtin', async () => {
    expect(await lintAs('shared-imports-electron.ts', 'shared/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*shared\/ may not import electron/),
    ]);
    expect(await lintAs('shared-imports-node.ts', 'shared/contract/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*no Node builtins/),
    ]);
  });

  it('fails shared/ using DOM or Node globals', async () => {
    const dom = await lintAs('shared-uses-dom.ts', 'shared/probe.ts');
    expect(dom).toEqual([
      expect.stringMatching(/no-restricted-globals: .*'window'.*no DOM globals/),
      expect.stringMatching(/no-restricted-globals: .*'document'.*no DOM globals/),
    ]);
    expect(await lintAs('shared-uses-node-global.ts', 'shared/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-globals: .*'process'.*no Node globals/),
    ]);
  });

  it('fails main/core importing electron but lets main/app import it', async () => {
    expect(await lintAs('core-imports-electron.ts', 'main/core/store/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*Only main\/app\/ may import electron/),
    ]);
    expect(await lintAs('core-imports-electron.ts', 'main/bridge/probe.ts')).toHaveLength(1);
    expect(await lintAs('app-imports-electron.ts', 'main/app/probe.ts')).toEqual([]);
  });
});

describe('core module direction enforced by eslint', () => {
  it('fails an edge that would close the memory → privacy → retention → memory cycle', async () => {
    expect(await lintAs('core-privacy-imports-retention.ts', 'main/core/privacy/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*core\/privacy may import only config, log, store/),
    ]);
  });

  it('fails a nested file reaching up a layer, counting its own depth', async () => {
    expect(await lintAs('core-nested-imports-up.ts', 'main/core/store/migrations/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*core\/store may import only config, log/),
    ]);
    // The same text one folder higher leaves main/core altogether: not a sibling, not this rule.
    expect(await lintAs('core-nested-imports-up.ts', 'main/core/store/probe.ts')).toEqual([]);
  });

  it('fails a deep import into a sibling module, even an allowed one', async () => {
    expect(await lintAs('core-deep-import.ts', 'main/core/retention/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*only through its index\.ts/),
    ]);
  });

  it('fails production code importing main/test-support, and lets tests do it', async () => {
    expect(await lintAs('core-imports-test-support.ts', 'main/core/pipeline/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*test-support\/ is for tests only/),
    ]);
    expect(await lintAs('core-imports-test-support.ts', 'main/cli/commands/probe.ts')).toEqual([
      expect.stringMatching(/no-restricted-imports: .*test-support\/ is for tests only/),
    ]);
    expect(await lintAs('core-imports-test-support.ts', 'main/core/pipeline/probe.test.ts')).toEqual([]);
  });

  it('passes allowed edges and a local file named like a module', async () => {
    expect(await lintAs('core-allowed-imports.ts', 'main/core/memory/probe.ts')).toEqual([]);
  });

  it('refuses exactly the edges the table leaves out, for every pair of modules', async () => {
    const allowed = await coreTable();
    const mods = Object.keys(allowed);
    const wrong: string[] = [];
    for (const from of mods) {
      for (const to of mods) {
        if (to === from) continue;
        const code = `import * as probe from '../${to}';\nexport default probe;\n`;
        const [result] = await eslint.lintText(code, { filePath: join(root, `main/core/${from}/probe.ts`) });
        const refused = (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports');
        if (refused === allowed[from]!.includes(to)) wrong.push(`${from} -> ${to}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the table has a row for every core folder and no cycle', async () => {
    const allowed = await coreTable();
    const folders = readdirSync(coreDir).filter((f) => statSync(join(coreDir, f)).isDirectory());
    expect(folders.filter((f) => !(f in allowed))).toEqual([]);
    expect(findCycle(allowed)).toBeNull();
  });

  it('the production import graph between core modules has no cycle', () => {
    expect(findCycle(coreImportGraph())).toBeNull();
  });
});

const coreDir = join(root, 'main', 'core');

async function coreTable(): Promise<Record<string, string[]>> {
  const config = (await import(pathToFileURL(join(root, 'eslint.config.js')).href)) as {
    coreAllowed: Record<string, string[]>;
  };
  return config.coreAllowed;
}

/** Module → modules its production files import (relative specifiers, type-only included). */
function coreImportGraph(): Record<string, string[]> {
  const graph: Record<string, Set<string>> = {};
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  const specifiers =
    /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const file of walk(coreDir)) {
    const from = relative(coreDir, file).split('/')[0]!;
    for (const m of readFileSync(file, 'utf8').matchAll(specifiers)) {
      const target = relative(coreDir, resolve(dirname(file), (m[1] ?? m[2])!));
      const to = target.split('/')[0]!;
      if (target.startsWith('..') || to === from) continue;
      (graph[from] ??= new Set()).add(to);
    }
  }
  return Object.fromEntries(Object.entries(graph).map(([k, v]) => [k, [...v]]));
}

/** One cycle as `a → b → a`, or null. */
function findCycle(graph: Record<string, string[]>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string | null => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node].join(' → ');
    if (state.get(node) === 'done') return null;
    state.set(node, 'open');
    for (const next of graph[node] ?? []) {
      const found = visit(next, [...path, node]);
      if (found) return found;
    }
    state.set(node, 'done');
    return null;
  };
  for (const node of Object.keys(graph)) {
    const found = visit(node, []);
    if (found) return found;
  }
  return null;
}
