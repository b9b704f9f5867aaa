import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, runCliInProcess } from '../main/cli/testing';

const root = join(import.meta.dirname, '..');
const electronVersion = (
  JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** A loopback port with nothing listening: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('setup-and-run when Electron cannot be downloaded', () => {
  const work = mkdtempSync(join(tmpdir(), 'confidant-run-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // A copy of the electron package without its binary: the machine's own install stays untouched and
  // the test means the same on a machine where Electron is installed.
  const electronDir = join(work, 'electron');
  mkdirSync(electronDir);
  writeFileSync(
    join(electronDir, 'package.json'),
    JSON.stringify({ name: 'electron', version: electronVersion }),
  );

  it('fetch-electron says why in one line and exits 1', async () => {
    const port = await closedPort();
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'fetch-electron.mjs')], {
      env: {
        ...process.env,
        CONFIDANT_ELECTRON_DIR: electronDir,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      `cannot download Electron ${electronVersion}: 127.0.0.1:${port} is unreachable (ECONNREFUSED)\n`,
    );
  });

  it(
    'run.sh tries the desktop first, says why it cannot in one line, and serves browser mode',
    async () => {
      const dataDir = join(work, 'data');
      const passphrase = 'run-test-passphrase';
      const init = await runCliInProcess(['init', '--data-dir', dataDir], {
        CONFIDANT_PASSPHRASE: passphrase,
      });
      expect(init.code).toBe(0);
      const port = await closedPort();
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        CONFIDANT_DATA_DIR: dataDir,
        CONFIDANT_PASSPHRASE: passphrase,
        CONFIDANT_PORT: '0',
        CONFIDANT_LOG_LEVEL: 'warn',
        CONFIDANT_ELECTRON_DIR: electronDir,
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        DISPLAY: ':99',
      };
      delete env.CONFIDANT_MODE;
      const child = spawn('bash', [join(root, 'scripts', 'run.sh')], { env, cwd: root, detached: true });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      try {
        const origin = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (c: Buffer) => {
            stdout += c.toString();
            const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=/.exec(stdout);
            if (match?.[1]) resolve(match[1]);
          });
          child.on('exit', (code) => reject(new Error(`run.sh exited with ${code}: ${stderr.slice(-500)}`)));
        });
        const page = await fetch(`${origin}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<html/i);
        const lines = stderr.split('\n').filter((l) => l.startsWith('run:'));
        expect(lines).toEqual([
          `run: desktop app unavailable: cannot download Electron ${electronVersion}: 127.0.0.1:${port} is unreachable (ECONNREFUSED); serving browser mode instead`,
        ]);
      } finally {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      }
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
