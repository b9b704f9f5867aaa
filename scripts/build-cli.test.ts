import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../main/cli/commands';
import type { main as sourceMain } from '../main/cli/index';
import { runCliInProcess } from '../main/cli/testing';

const root = join(import.meta.dirname, '..');
// Inside the package so the build's external imports resolve from node_modules, as dist/cli's do.
const out = join(root, 'dist', `.test-cli-${process.pid}`);
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

type Main = typeof sourceMain;

/** Every module a file loads before any of its code runs: static imports, followed through our chunks. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)";?$/gms)) {
    if (spec === undefined) continue;
    if (spec.startsWith('.')) {
      const next = join(file, '..', spec);
      if (!seen.has(next)) {
        seen.add(next);
        staticImports(next, seen);
      }
    } else seen.add(spec);
  }
  return seen;
}

/** Runs a `main` in-process: stdout apart, stderr dropped (it never carries what these tests compare). */
async function capture(main: Main, args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const sink = { write: (c: string) => ((stdout += c), true) } as unknown as NodeJS.WritableStream;
  const drop = { write: () => true } as unknown as NodeJS.WritableStream;
  const code = await main(args, { stdout: sink, stderr: drop, stdin: process.stdin, env: {} });
  return { code, stdout };
}

describe('compiled CLI (scripts/build-cli.mjs)', () => {
  let built: Main;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], {
      env: { ...process.env, CONFIDANT_CLI_OUT: out },
      stdio: 'pipe',
    });
    built = ((await import(pathToFileURL(join(out, 'index.js')).href)) as { main: Main }).main;
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('loads no dependency and no command code before a command runs', () => {
    const loaded = [...staticImports(join(out, 'index.js'))];
    const packages = loaded.filter((m) => !m.startsWith('/') && !builtins.has(m));
    expect(packages).toEqual([]);
    const commandChunks = readdirSync(join(out, 'chunks')).filter((f) => !f.startsWith('chunk-'));
    // One chunk per command file (a file may hold several subcommands, e.g. `users add|list|…`).
    const commandFiles = readdirSync(join(root, 'main', 'cli', 'commands')).filter(
      (f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts') && !f.endsWith('.fixture.ts'),
    );
    expect(commands.length).toBeGreaterThanOrEqual(commandFiles.length);
    expect(commandChunks.length).toBeGreaterThanOrEqual(commandFiles.length);
    for (const chunk of commandChunks) expect(loaded).not.toContain(join(out, 'chunks', chunk));
  });

  it('prints the same usage as the sources, for the whole CLI and for every command', async () => {
    const fromSources = await runCliInProcess(['--help']);
    expect(await capture(built, ['--help'])).toEqual({ code: fromSources.code, stdout: fromSources.stdout });
    for (const command of commands) {
      const args = [...command.name.split(' '), '--help'];
      expect((await capture(built, args)).stdout).toBe(
        `Usage: confidant ${command.usage}\n${command.summary}\n`,
      );
    }
  });

  it('runs a command from its own chunk, with the options and paths the sources have', async () => {
    // An unknown flag is rejected by parseArgs with the command's own options, before it runs.
    expect((await capture(built, ['models', 'list', '--json', '--no-such-flag'])).code).toBe(2);
    const listed = await capture(built, ['models', 'list', '--json']);
    expect(listed.code).toBe(0);
    const report = JSON.parse(listed.stdout) as { manifest: string; models: unknown[] };
    // The package root is found from dist/cli as it is from main/core/config.
    expect(relative(root, report.manifest)).toBe(join('models', 'manifest.json'));
    expect(report.models.length).toBeGreaterThan(0);
  });

  it('records its sources, so bin/confidant.js can tell a stale build', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'sources.json'), 'utf8')) as { sources: string[] };
    expect(manifest.sources).toContain('main/cli/index.ts');
    expect(manifest.sources).toContain('main/cli/commands/models.ts');
    expect(manifest.sources.every((s) => !s.startsWith('/') && !s.startsWith('..'))).toBe(true);
  });
});

describe('bin/confidant.js', () => {
  const fake = join(root, 'dist', `.test-bin-${process.pid}`);
  afterAll(() => rmSync(fake, { recursive: true, force: true }));

  it('runs the build while it is current, and says in one line when it falls back to the sources', () => {
    mkdirSync(join(fake, 'bin'), { recursive: true });
    mkdirSync(join(fake, 'dist', 'cli'), { recursive: true });
    copyFileSync(join(root, 'bin', 'confidant.js'), join(fake, 'bin', 'confidant.js'));
    writeFileSync(
      join(fake, 'dist', 'cli', 'index.js'),
      'export async function main(argv) { process.stdout.write(`built ${argv.join(" ")}`); return 0; }\n',
    );
    writeFileSync(join(fake, 'src.ts'), '');
    const builtAt = Date.now();
    utimesSync(join(fake, 'src.ts'), new Date(builtAt - 60_000), new Date(builtAt - 60_000));
    writeFileSync(
      join(fake, 'dist', 'cli', 'sources.json'),
      JSON.stringify({ builtAt, sources: ['src.ts'] }),
    );
    const run = () =>
      spawnSync(process.execPath, [join(fake, 'bin', 'confidant.js'), 'x', 'y'], { encoding: 'utf8' });

    const fresh = run();
    expect(fresh.stdout).toBe('built x y');
    expect(fresh.stderr).toBe('');
    expect(fresh.status).toBe(0);

    utimesSync(join(fake, 'src.ts'), new Date(builtAt + 60_000), new Date(builtAt + 60_000));
    const stale = run();
    expect(stale.stdout).toBe('');
    expect(stale.stderr.split('\n')[0]).toBe(
      'confidant: src.ts changed after the build; running from source with tsx (run `npm run build:cli`)',
    );
  });
});
