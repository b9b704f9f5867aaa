// Makes Electron's binary available for `setup-and-run` (scripts/run.sh), which installs packages with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 so that `npm ci` never fails offline. Exit 0: Electron is installed
// (already, or downloaded now by electron's own install script, which checks the published checksums).
// Exit 1: it is not, and stdout holds one line saying why, for run.sh to print before it serves
// browser mode. CONFIDANT_ELECTRON_DIR points at another copy of the electron package (tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const TIMEOUT_S = Number(process.env.CONFIDANT_ELECTRON_TIMEOUT_S ?? 600);

function fail(reason) {
  process.stdout.write(`${reason}\n`);
  process.exit(1);
}

let dir = process.env.CONFIDANT_ELECTRON_DIR;
if (!dir) {
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    fail('the electron package is not installed (run npm ci)');
  }
}
const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

function installed() {
  try {
    const binary = readFileSync(join(dir, 'path.txt'), 'utf8');
    return existsSync(join(dir, 'dist', binary));
  } catch {
    return false;
  }
}

/** Where the zip comes from, as @electron/get builds it (ELECTRON_MIRROR and friends respected). */
function downloadUrl() {
  const platform = process.env.npm_config_platform ?? process.platform;
  const arch = process.env.npm_config_arch ?? process.arch;
  const mirror = process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const customDir = process.env.ELECTRON_CUSTOM_DIR ?? `v${version}`;
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}${customDir}/electron-v${version}-${platform}-${arch}.zip`;
}

/** A short, specific cause: the host and the network error, or the HTTP status. */
async function probe(url) {
  const host = new URL(url).host;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(15_000) });
    return res.ok ? null : `${host} answered HTTP ${res.status}`;
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message ?? err?.name ?? 'network error';
    return `${host} is unreachable (${cause})`;
  }
}

if (installed()) process.exit(0);
const url = downloadUrl();
const unreachable = await probe(url);
if (unreachable) fail(`cannot download Electron ${version}: ${unreachable}`);
const env = { ...process.env };
delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
  env,
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: TIMEOUT_S * 1000,
  encoding: 'utf8',
});
if (run.error?.code === 'ETIMEDOUT') fail(`the Electron ${version} download took over ${TIMEOUT_S} s`);
if (run.status !== 0 || !installed()) {
  const last = (run.stderr ?? '').split('\n').find((l) => /error/i.test(l)) ?? `exit ${run.status}`;
  fail(`the Electron ${version} download failed: ${last.trim().slice(0, 160)}`);
}
