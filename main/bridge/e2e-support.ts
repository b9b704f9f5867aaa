/**
 * Test-only: a `confidant web` desk with staff of every role and a Chromium to drive it, for the browser
 * end-to-end files. (The same steps as e2e.test.ts, in a module so workspace tests need not copy them.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli, startCli, stopCli, TEST_USER_PASSWORD } from '../cli/testing';
import { loadConfig, projectRoot } from '../core/config';
import { createCore } from '../core/container';

const CHROMIUM = process.env.CONFIDANT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const RESULTS_DIR = join(projectRoot(), 'test-results');
export const PASSPHRASE = 'e2e-passphrase';

/** Staff of every role, all with TEST_USER_PASSWORD ("Ada Admin" comes from `init --role-admin`). */
export const STAFF = {
  admin: 'Ada Admin',
  agent: 'Ann Agent',
  supervisor: 'Sam Supervisor',
  compliance: 'Cora Compliance',
} as const;

export interface Desk {
  readonly dataDir: string;
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
}

function ensureRendererBuilt(): void {
  if (existsSync(join(projectRoot(), 'renderer', 'dist', 'index.html'))) return;
  execFileSync(
    process.execPath,
    [
      join(projectRoot(), 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
    ],
    { cwd: projectRoot(), stdio: 'ignore' },
  );
}

async function addStaff(dataDir: string, extra: readonly string[], knowledgeBase: boolean): Promise<void> {
  const core = await createCore({
    config: loadConfig({ dataDir, mode: 'cli' }),
    passphrase: PASSPHRASE,
    log: pino({ level: 'silent' }),
  });
  const system = { kind: 'system' as const, id: 'e2e', role: 'system' };
  for (const role of ['agent', 'supervisor', 'compliance'] as const)
    await core.accounts.add({ name: STAFF[role], role, password: TEST_USER_PASSWORD }, system);
  for (const name of extra)
    await core.accounts.add({ name, role: 'agent', password: TEST_USER_PASSWORD }, system);
  if (knowledgeBase) {
    // The shipped bank passages: without a model, a fee question then gets a quoted answer, not a handoff.
    const pipeline = await core.pipeline.get();
    await pipeline.kb.ingestDir(join(projectRoot(), 'kb', 'bank'), { domain: 'bank' });
  }
  await core.shutdown();
}

/**
 * For one describe block: init, staff (and the bank knowledge base with `knowledgeBase`), `confidant web`
 * with `flags` (CONFIDANT_FLAGS), Chromium; all torn down after the block.
 */
export function useDesk(
  options: {
    extraAgents?: readonly string[];
    flags?: string;
    /** Runs on the initialised store before `confidant web` starts (e.g. pairing it with a LAN desk). */
    beforeWeb?: (dataDir: string) => Promise<void>;
    /** More `confidant web` arguments and environment. */
    webArgs?: readonly string[];
    env?: Record<string, string>;
    knowledgeBase?: boolean;
    /**
     * Fills the desk's own models folder (a test writes the generated tiny GGUF there; this module may not
     * import test-support): drafts then come from a real runtime, on one thread.
     */
    models?: (modelsDir: string) => void;
  } = {},
): Desk {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  const dataDir = join(root, 'desk');
  let browser: Browser | undefined;
  let web: Awaited<ReturnType<typeof startCli>> | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    const modelsDir = join(root, 'models');
    options.models?.(modelsDir);
    const env = cliEnv({
      CONFIDANT_PASSPHRASE: PASSPHRASE,
      ...(options.flags ? { CONFIDANT_FLAGS: options.flags } : {}),
      ...(options.models ? { CONFIDANT_MODELS_DIR: modelsDir, CONFIDANT_THREADS: '1' } : {}),
      ...options.env,
    });
    const init = await runCli(['init', '--data-dir', dataDir, '--role-admin', STAFF.admin], env);
    expect(init.code, init.stderr).toBe(0);
    await addStaff(dataDir, options.extraAgents ?? [], options.knowledgeBase ?? false);
    await options.beforeWeb?.(dataDir);
    web = await startCli(
      ['web', '--data-dir', dataDir, '--port', '0', ...(options.webArgs ?? [])],
      env,
      /(http:\/\/127\.0\.0\.1:\d+)\/#token=[\w-]+/,
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }, CLI_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (web) expect(await stopCli(web.child, 'SIGINT')).toBe(0);
    rmSync(root, { recursive: true, force: true });
  }, CLI_TEST_TIMEOUT_MS);

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the desk has not started');
    return value;
  };
  return {
    dataDir,
    get url() {
      return started(web).match[0];
    },
    get origin() {
      return started(web).match[1] ?? '';
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Sign-in runs scrypt (hundreds of ms on a loaded machine): poll patiently. */
export const SCRYPT_WAIT = { timeout: 15_000 };

/**
 * A fresh browser context (its own cookies). `bypassCSP` lets a test inject a checker such as axe-core
 * (the strict policy would refuse its inline script); the app's own behaviour under CSP is e2e.test.ts's.
 */
export function newContext(desk: Desk, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return desk.browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
}

/** Opens the printed address in a fresh browser context (its own cookies) and signs in as `name`. */
export async function signIn(desk: Desk, name: string, options: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await newContext(desk, options);
  const page = await context.newPage();
  await page.goto(desk.url);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(TEST_USER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A locator wait rather than expect.poll, so suites may sign in from beforeAll too.
  await page.getByTestId('signed-in-as').getByText(name, { exact: true }).waitFor(SCRYPT_WAIT);
  return page;
}

/** Calls a procedure over the bridge as the signed-in page (its token and session cookie). */
export function callAs(
  page: Page,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(
    async ([n, i]) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('confidant.bridgeToken') ?? ''}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name: n, input: i }),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    [name, input] as const,
  );
}

export { CLI_TEST_TIMEOUT_MS };
