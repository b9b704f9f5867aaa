// Compiles the CLI ahead of time: dist/cli/index.js plus one chunk per command, so `confidant` never
// pays for TypeScript compilation at start and each command loads only its own imports.
//
// The command list (main/cli/commands/index.ts) imports every command eagerly, which is right for the
// sources and the in-process tests. For the build it is replaced by a generated registry that keeps
// each command's name, usage, summary and options as data and imports its module on `run`, so
// `confidant --help` loads no command code at all. The registry is generated from the real list, so a
// command added the usual way is picked up without anyone editing this file.
//
// Dependencies stay external (native modules must be, and node_modules ships beside the build anyway).
// dist/cli/sources.json lists the inputs, so bin/confidant.js can tell a stale build from a fresh one.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

// `prepare` passes --if-possible: an install without dev dependencies (no esbuild) skips the build, and
// bin/confidant.js says so when it runs.
let build;
try {
  ({ build } = await import('esbuild'));
} catch (err) {
  if (!process.argv.includes('--if-possible')) throw err;
  console.warn('build-cli: esbuild is not installed (dev dependencies omitted?); dist/cli not built');
  process.exit(0);
}

const root = join(import.meta.dirname, '..');
const outDir = process.env.CONFIDANT_CLI_OUT ?? join(root, 'dist', 'cli');
const commandsDir = join(root, 'main', 'cli', 'commands');

/**
 * Maps every command object in the eager list to the module file and export that define it. The list and
 * the modules are bundled together (so object identity holds) into a throwaway probe and loaded once.
 */
async function lazyRegistrySource() {
  const files = readdirSync(commandsDir)
    .filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.fixture.ts') && f !== 'index.ts',
    )
    .map((f) => `./${f.replace(/\.ts$/, '')}`);
  const probe = join(root, 'dist', `.commands-probe-${process.pid}.mjs`);
  await build({
    absWorkingDir: root,
    stdin: {
      contents: [
        "export { commands } from './index';",
        ...files.map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`),
      ].join('\n'),
      resolveDir: commandsDir,
      loader: 'ts',
    },
    outfile: probe,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  });
  let mod;
  try {
    mod = await import(pathToFileURL(probe).href);
  } finally {
    rmSync(probe, { force: true });
  }
  const { commands } = mod;
  const homes = new Map();
  files.forEach((file, i) => {
    for (const [exportName, value] of Object.entries(mod[`m${i}`])) {
      if (commands.includes(value)) homes.set(value, { file, exportName });
    }
  });
  const entries = commands.map((command) => {
    const home = homes.get(command);
    if (!home)
      throw new Error(`build-cli: command '${command.name}' is not exported from main/cli/commands/*.ts`);
    const data = {
      name: command.name,
      summary: command.summary,
      usage: command.usage,
      options: command.options,
      ...(command.allowPositionals === undefined ? {} : { allowPositionals: command.allowPositionals }),
    };
    return `  { ...${JSON.stringify(data)}, run: async (ctx) => (await import(${JSON.stringify(home.file)})).${home.exportName}.run(ctx) },`;
  });
  return `export const commands = [\n${entries.join('\n')}\n];\n`;
}

const registry = await lazyRegistrySource();
const lazyCommands = {
  name: 'confidant-lazy-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands$/ }, (args) =>
      args.importer === join(root, 'main', 'cli', 'index.ts')
        ? { path: 'lazy-commands', namespace: 'confidant-lazy' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'confidant-lazy' }, () => ({
      contents: registry,
      loader: 'js',
      resolveDir: commandsDir,
    }));
  },
};

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { index: 'main/cli/index.ts' },
  outdir: outDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
  plugins: [lazyCommands],
});
const sources = Object.keys(result.metafile.inputs)
  .filter((p) => !p.includes(':'))
  .map((p) => relative(root, join(root, p)))
  .sort();
writeFileSync(join(outDir, 'sources.json'), `${JSON.stringify({ builtAt: Date.now(), sources }, null, 1)}\n`);
console.log(`built ${relative(root, join(outDir, 'index.js'))} from ${sources.length} source files`);
