import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig, projectRoot } from '../core/config';
import { createCore } from '../core/container';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli, startCli, stopCli } from '../cli/testing';

const CHROMIUM = process.env.CONFIDANT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const RESULTS_DIR = join(projectRoot(), 'test-results');

/** `npm test` builds the renderer first; building here too keeps `vitest run <this file>` honest. */
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

interface Desk {
  readonly dataDir: string;
  /** The printed address with its `#token=…` fragment, and its origin. */
  readonly url: string;
  readonly origin: string;
  readonly browser: Browser;
}

/**
 * For one describe block: `init` a fresh data folder (admin "Ada Admin"), run `prepare` on it, start
 * `confidant web` with `flags` (CONFIDANT_FLAGS) and launch Chromium; all torn down after the block.
 */
function useDesk(flags?: string, prepare?: (dataDir: string) => Promise<void>): Desk {
  const root = mkdtempSync(join(tmpdir(), 'confidant-'));
  const dataDir = join(root, 'desk');
  let browser: Browser | undefined;
  let web: Awaited<ReturnType<typeof startCli>> | undefined;

  beforeAll(async () => {
    ensureRendererBuilt();
    const env = cliEnv({
      CONFIDANT_PASSPHRASE: 'e2e-passphrase',
      ...(flags ? { CONFIDANT_FLAGS: flags } : {}),
    });
    const init = await runCli(['init', '--data-dir', dataDir, '--role-admin', 'Ada Admin'], env);
    expect(init.code, init.stderr).toBe(0);
    await prepare?.(dataDir);
    web = await startCli(
      ['web', '--data-dir', dataDir, '--port', '0'],
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

describe('browser mode end to end (confidant web + Chromium)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk();

  it('loads the UI from the printed URL and reads the real status through the contract', async () => {
    const page = await desk.browser.newPage();
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));

    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Status' }).click();
    await expect
      .poll(() => page.getByTestId('data-dir').textContent(), { timeout: 15_000 })
      .toBe(desk.dataDir);
    expect(await page.getByTestId('store-state').textContent()).toBe('Open');
    expect(await page.getByTestId('store-encrypted').textContent()).toBe('Encrypted at rest');
    expect(await page.getByTestId('mode').textContent()).toBe('browser');
    expect(Number(await page.getByTestId('schema-version').textContent())).toBeGreaterThanOrEqual(11);
    // Models come from the real manifest and disk: either a table of them or the built-in-defaults note.
    expect((await page.getByTestId('models').count()) + (await page.getByTestId('no-models').count())).toBe(
      1,
    );
    expect(await page.getByTestId('fallbacks').textContent()).toContain('safe-template');
    expect(await page.getByTestId('flags').textContent()).toContain('rehydrateForStaff: off');
    // The token must leave the address bar once read, so it is not bookmarked or shared by accident.
    expect(page.url()).toBe(`${desk.origin}/`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const shot = join(RESULTS_DIR, 'status-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(5_000);
    // The other workspaces render through the same shell (their content arrives with their modules).
    await page.getByRole('button', { name: 'Desk' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Desk');
    // No CSP violation or runtime error: the strict policy and the bundle agree.
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs a customer turn from the desk through the real pipeline and shows the reply', async () => {
    const page = await desk.browser.newPage();
    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByLabel('Customer message').fill('Hello, what are the fees for a replacement debit card?');
    await page.getByRole('button', { name: 'Run turn' }).click();
    const turns = page.getByTestId('turns');
    await expect.poll(() => turns.locator('.turn').count(), { timeout: 60_000 }).toBe(1);
    expect(await turns.locator('.bubble-customer').textContent()).toContain('replacement debit card');
    expect((await turns.locator('.bubble-reply, .bubble-held').textContent())?.length).toBeGreaterThan(20);
    await expect.poll(() => page.getByTestId('conversations').locator('li').count()).toBe(1);
    await page.screenshot({ path: join(RESULTS_DIR, 'desk-page.png'), fullPage: true });
    await page.close();
  });

  it('lets a supervisor claim, annotate and resolve the escalation the turn opened', async () => {
    const page = await desk.browser.newPage();
    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    const list = page.getByTestId('escalations');
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    const escalation = page.getByTestId('escalation');
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('open');
    await page.getByLabel('Acting as').selectOption({ label: 'Ada Admin (admin)' });
    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('claimed');
    // rehydrateForStaff is off by default: the claimant is not offered a reveal.
    await page.getByRole('button', { name: 'Add note' }).waitFor();
    expect(await page.getByRole('button', { name: 'Reveal originals' }).count()).toBe(0);
    await page.getByLabel('Note or response').fill('Called the customer back about card fees.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => escalation.locator('.notes').textContent()).toContain('Called the customer back');
    await page.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('resolved');
    await page.screenshot({ path: join(RESULTS_DIR, 'supervisor-page.png'), fullPage: true });
    await page.close();
  });

  it('lets compliance verify the ledger and export a signed bundle', async () => {
    const page = await desk.browser.newPage();
    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Compliance' }).click();
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toMatch(/^Intact: \d+ entries/);
    await page.getByLabel('Acting as').selectOption({ label: 'Ada Admin (admin)' });
    await page.getByRole('button', { name: 'Export all entries' }).click();
    await expect
      .poll(() => page.getByTestId('audit-export').textContent())
      .toMatch(/\d+ entries .* written to/);
    const file = (await page.getByTestId('audit-export').locator('code').first().textContent()) ?? '';
    expect(file.startsWith(join(desk.dataDir, 'exports'))).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(0);
    const verified = await runCli(['bundle', 'verify', file, '--json'], cliEnv({}));
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, problems: [] });
    await page.screenshot({ path: join(RESULTS_DIR, 'compliance-page.png'), fullPage: true });
    await page.close();
  });

  it('denies API calls without the token (401) and explains how to get in', async () => {
    const page = await desk.browser.newPage();
    await page.goto(`${desk.origin}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Open Confidant from its address');
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'status.get', input: {} }),
      });
      return res.status;
    });
    expect(status).toBe(401);
    await page.close();
  });
});

describe('desk one-click escalation (autoEscalation off)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk('autoEscalation=off');

  it('shows the held-back escalation on the turn and opens it with one click', async () => {
    const page = await desk.browser.newPage();
    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByLabel('Customer message').fill('I would like to speak to a real person please.');
    await page.getByRole('button', { name: 'Run turn' }).click();
    const suggestion = page.getByTestId('suggested-escalation');
    await expect.poll(() => suggestion.count(), { timeout: 60_000 }).toBe(1);
    expect(await suggestion.textContent()).toContain('customer_request');
    await page.getByLabel('Escalate as').selectOption({ label: 'Ada Admin (admin)' });
    await page.getByRole('button', { name: 'Escalate now' }).click();
    await expect.poll(() => suggestion.textContent()).toMatch(/Escalated \(esc_/);
    await page.screenshot({ path: join(RESULTS_DIR, 'desk-suggestion.png'), fullPage: true });
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await expect
      .poll(() => page.getByTestId('escalations').locator('li').count(), { timeout: 30_000 })
      .toBe(1);
    await page.close();
  });
});

describe('supervisor reveals originals (rehydrateForStaff on)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const name = 'Zebulon Quixwright';
  // No procedure creates users yet: add the supervisor directly, before the desk opens the store.
  const desk = useDesk('rehydrateForStaff=on', async (dataDir) => {
    const core = await createCore({
      config: loadConfig({ dataDir, mode: 'cli' }),
      passphrase: 'e2e-passphrase',
      log: pino({ level: 'silent' }),
    });
    core.users.create({ name: 'Sam Supervisor', role: 'supervisor' });
    await core.shutdown();
  });

  it('shows tokens, reveals the originals in place to the claiming supervisor, and hides them on navigation', async () => {
    const page = await desk.browser.newPage();
    await page.goto(desk.url);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    await page
      .getByLabel('Customer message')
      .fill(`Hi, my name is ${name}. Someone stole my card and I want to talk to a person.`);
    await page.getByRole('button', { name: 'Run turn' }).click();
    await expect.poll(() => page.getByTestId('turns').locator('.turn').count(), { timeout: 60_000 }).toBe(1);

    await page.getByRole('button', { name: 'Supervisor' }).click();
    const list = page.getByTestId('escalations');
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    const escalation = page.getByTestId('escalation');
    const transcript = escalation.locator('ol.turns');
    await expect.poll(() => transcript.textContent()).toContain('<PERSON_1>');
    expect(await transcript.textContent()).not.toContain(name);
    await page.getByLabel('Acting as').selectOption({ label: 'Sam Supervisor (supervisor)' });
    // Not claimed yet: no reveal.
    expect(await page.getByRole('button', { name: 'Reveal originals' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('claimed');

    const reveal = page.getByRole('button', { name: 'Reveal originals' });
    await page.getByLabel('Reason for revealing the originals').fill('short');
    expect(await reveal.isDisabled()).toBe(true);
    await page
      .getByLabel('Reason for revealing the originals')
      .fill('Customer called back, confirming identity');
    await reveal.click();
    await expect.poll(() => transcript.textContent()).toContain(name);
    expect(await page.getByTestId('reveal').textContent()).toMatch(/audited.*Revealed 1 value\(s\): PERSON/);
    await page.screenshot({ path: join(RESULTS_DIR, 'supervisor-reveal.png'), fullPage: true });

    // Another acting user (not the claimant) sees tokens, and no reveal button.
    await page.getByLabel('Acting as').selectOption({ label: 'Ada Admin (admin)' });
    await expect.poll(() => transcript.textContent()).toContain('<PERSON_1>');
    expect(await page.getByRole('button', { name: 'Reveal originals' }).count()).toBe(0);
    await page.getByLabel('Acting as').selectOption({ label: 'Sam Supervisor (supervisor)' });
    expect(await transcript.textContent()).not.toContain(name);

    // Reveal again, then leave the page: coming back shows the tokens only.
    await page
      .getByLabel('Reason for revealing the originals')
      .fill('Customer called back, confirming identity');
    await page.getByRole('button', { name: 'Reveal originals' }).click();
    await expect.poll(() => transcript.textContent()).toContain(name);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await page.getByLabel('Status filter').selectOption('claimed');
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    await expect
      .poll(() => page.getByTestId('escalation').locator('ol.turns').textContent())
      .toContain('<PERSON_1>');
    expect(await page.getByTestId('escalation').locator('ol.turns').textContent()).not.toContain(name);
    await page.close();
  });
});
