// Bundles the Electron shell for packaging: dist/app/main.js (ESM main process) and dist/app/preload.cjs
// (the sandboxed preload must be one CommonJS file with only `electron` left external). Uses Vite's
// library/SSR build, already a dependency, so packaging needs no extra bundler.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Tests build into a temp folder; packaging uses dist/app, which package.json's `main` points at.
const outDir = process.env.CONFIDANT_APP_OUT ?? join(root, 'dist', 'app');
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Runtime dependencies ship in node_modules inside the app (native ones unpacked from asar), so main
// imports them at runtime instead of inlining them.
const dependencies = Object.keys(pkg.dependencies ?? {});
const isDependency = (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

async function bundle({ entry, fileName, format, external }) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      ssr: true,
      rollupOptions: {
        input: join(root, entry),
        external,
        output: { format, entryFileNames: fileName, codeSplitting: false },
      },
    },
    ssr: { noExternal: true },
  });
}

await bundle({
  entry: 'main/app/main.ts',
  fileName: 'main.js',
  format: 'es',
  external: (id) => id === 'electron' || nodeBuiltins.includes(id) || isDependency(id),
});
await bundle({
  entry: 'main/app/preload.ts',
  fileName: 'preload.cjs',
  format: 'cjs',
  external: (id) => id === 'electron',
});
console.log(`built ${join(outDir, 'main.js')} and ${join(outDir, 'preload.cjs')}`);
