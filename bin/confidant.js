#!/usr/bin/env node
// Runs the compiled CLI in dist/cli (`npm run build:cli`; `npm ci` runs it as `prepare`). In a source
// checkout whose build is missing or older than any of its sources, it runs the TypeScript through tsx
// instead and says so in one line on stderr: slower, but never stale code.
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Node 22.1+ caches compiled bytecode between runs; on older Node this is a no-op.
module.enableCompileCache?.();

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const built = join(root, 'dist', 'cli', 'index.js');

/** Why the build cannot be used (a one-line reason), or null when it is current. */
function staleReason() {
  if (!existsSync(built)) return 'no build in dist/cli';
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'dist', 'cli', 'sources.json'), 'utf8'));
  } catch {
    return 'dist/cli/sources.json is missing';
  }
  for (const source of manifest.sources) {
    let mtime;
    try {
      mtime = statSync(join(root, source)).mtimeMs;
    } catch {
      // A packed install ships the build without sources: nothing to compare against.
      continue;
    }
    if (mtime > manifest.builtAt) return `${source} changed after the build`;
  }
  return null;
}

const reason = staleReason();
let entry = built;
if (reason !== null) {
  process.stderr.write(`confidant: ${reason}; running from source with tsx (run \`npm run build:cli\`)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'main', 'cli', 'index.ts');
}
const { main, installCrashHandlers } = await import(entry);
// One line and the contract's exit code for anything thrown outside a command's own error handling.
installCrashHandlers?.();
process.exitCode = await main(process.argv.slice(2));
