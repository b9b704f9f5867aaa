import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
