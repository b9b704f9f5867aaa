/** Test-only helpers: run the real `confidant` entry point as a child process, as a user would. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Role } from '../../shared/roles';
import { projectRoot } from '../core/config';
import type { Store } from '../core/store';
import { createAccounts, openUserDirectory } from '../core/users';
import { main } from './index';

export const CLI_ENTRY = join(projectRoot(), 'bin', 'confidant.js');

/**
 * A spawn runs the compiled CLI (`npm test` builds it first), which starts in a fraction of a second;
 * from a stale or missing build it compiles the sources with tsx instead (seconds on a quiet 2-core
 * machine, tens of seconds when saturated), so tests that spawn it keep a generous per-test budget.
 */
export const CLI_TEST_TIMEOUT_MS = 180_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The password test users get; CLI test environments carry it as CONFIDANT_USER_PASSWORD. */
export const TEST_USER_PASSWORD = 'test user password';

/** A user with TEST_USER_PASSWORD, written straight into a store (tests only). */
export async function addTestUser(store: Store, name: string, role: Role): Promise<void> {
  const system = { kind: 'system' as const, id: 'test', role: 'system' };
  await createAccounts(openUserDirectory(store)).add({ name, role, password: TEST_USER_PASSWORD }, system);
}

export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONFIDANT_LOG_LEVEL: 'warn',
    CONFIDANT_USER_PASSWORD: TEST_USER_PASSWORD,
    ...extra,
  };
  for (const [key, value] of Object.entries(extra)) if (value === undefined) delete env[key];
  return env;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = cliEnv(), stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env, cwd: projectRoot() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * The same entry point in-process, with captured output: a spawn costs seconds per call on this machine,
 * so tests spawn once for the process boundary and run the rest through this.
 */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun & { code: number }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await main(args, {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { CONFIDANT_USER_PASSWORD: TEST_USER_PASSWORD, ...env },
  });
  return { code, stdout: out, stderr: err };
}

/**
 * Starts a long-running command and resolves once a stdout line matches `ready`. `wrap` runs it through
 * another command that execs it in place (`ip netns exec NS`), so the child's pid is still the CLI's own.
 */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 120_000,
  wrap: string[] = [],
): Promise<{ child: ChildProcessWithoutNullStreams; match: RegExpMatchArray; output: () => CliRun }> {
  return new Promise((resolve, reject) => {
    const argv = [process.execPath, CLI_ENTRY, ...args];
    const [cmd, ...rest] = [...wrap, ...argv] as [string, ...string[]];
    const child = spawn(cmd, rest, { env, cwd: projectRoot() });
    let stdout = '';
    let stderr = '';
    let code: number | null = null;
    const output = () => ({ code, stdout, stderr });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI not ready after ${timeoutMs} ms; stderr: ${stderr.slice(-500)}`));
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const match = stdout.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output });
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (exitCode) => {
      code = exitCode;
      clearTimeout(timer);
      reject(new Error(`CLI exited early with ${exitCode}; stderr: ${stderr.slice(-500)}`));
    });
  });
}

/** Sends a signal and waits for the exit code. */
export function stopCli(
  child: ChildProcessWithoutNullStreams,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
