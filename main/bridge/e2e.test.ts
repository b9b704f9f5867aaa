import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig, projectRoot } from '../core/config';
import { createCore } from '../core/container';
import { CLI_TEST_TIMEOUT_MS, cliEnv, runCli, startCli, stopCli, TEST_USER_PASSWORD } from '../cli/testing';

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

/** Staff of every role, all with TEST_USER_PASSWORD ("Ada Admin" comes from `init --role-admin`). */
const STAFF = {
  admin: 'Ada Admin',
  agent: 'Ann Agent',
  supervisor: 'Sam Supervisor',
  compliance: 'Cora Compliance',
};

async function addStaff(dataDir: string): Promise<void> {
  const core = await createCore({
    config: loadConfig({ dataDir, mode: 'cli' }),
    passphrase: 'e2e-passphrase',
    log: pino({ level: 'silent' }),
  });
  const system = { kind: 'system' as const, id: 'e2e', role: 'system' };
  for (const role of ['agent', 'supervisor', 'compliance'] as const)
    await core.accounts.add({ name: STAFF[role], role, password: TEST_USER_PASSWORD }, system);
  await core.shutdown();
}

/** Opens the printed address in a fresh browser context (its own cookies) and signs in as `name`. */
async function signIn(desk: Desk, name: string): Promise<Page> {
  const page = await desk.browser.newPage();
  await page.goto(desk.url);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(TEST_USER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 15_000 }).toBe(name);
  return page;
}

/** Sign-in, PIN and unlock each run scrypt (hundreds of ms on a loaded machine): poll patiently. */
const SCRYPT_WAIT = { timeout: 15_000 };

const navLabels = (page: Page) =>
  page.getByRole('navigation', { name: 'Workspaces' }).locator('li .nav-item').allTextContents();

/**
 * For one describe block: `init` a fresh data folder (admin "Ada Admin"), add the other staff, start
 * `confidant web` with `flags` (CONFIDANT_FLAGS) and launch Chromium; all torn down after the block.
 */
function useDesk(flags?: string): Desk {
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
    await addStaff(dataDir);
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

    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(desk.url);
    // The launch token opens the sign-in screen and nothing else.
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Sign in to Confidant');
    await page.getByLabel('User name').fill(STAFF.admin);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent(), SCRYPT_WAIT)
      .toBe('Wrong user name or password.');
    await page.getByLabel('Password').fill(TEST_USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
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
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Supervisor');
    // No CSP violation or runtime error: the strict policy and the bundle agree (the failed sign-in above
    // is an answer, not an error).
    expect(problems).toEqual([]);
    await page.close();
  });

  it('signs each role in and shows only the pages that role may use', async () => {
    const expected = {
      admin: ['Supervisor', 'Compliance', 'Admin', 'Observability', 'Status'],
      agent: ['Desk', 'Status'],
      supervisor: ['Desk', 'Supervisor', 'Observability', 'Status'],
      compliance: ['Compliance', 'Status'],
    };
    for (const role of ['admin', 'agent', 'supervisor', 'compliance'] as const) {
      const page = await signIn(desk, STAFF[role]);
      expect(await navLabels(page), role).toEqual(expected[role]);
      await page.close();
    }
  });

  it('runs a customer turn from the desk through the real pipeline and shows the reply', async () => {
    const page = await signIn(desk, STAFF.agent);
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

  it('answers an agent calling a supervisor procedure straight over the bridge with FORBIDDEN', async () => {
    const page = await signIn(desk, STAFF.agent);
    const answer = await page.evaluate(async () => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('confidant.bridgeToken') ?? ''}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name: 'escalation.list', input: {} }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A forged identity field is not an input: it fails validation.
    const forged = await page.evaluate(async () => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('confidant.bridgeToken') ?? ''}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name: 'desk.escalate', input: { turnId: 't', userId: 'u_admin' } }),
      });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await page.close();
  });

  it('lets a supervisor claim, annotate and resolve the escalation the turn opened', async () => {
    const page = await signIn(desk, STAFF.supervisor);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    const list = page.getByTestId('escalations');
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    const escalation = page.getByTestId('escalation');
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('open');
    // No picker of whom to act as: the signed-in supervisor acts.
    expect(await page.getByText('Acting as').count()).toBe(0);
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

  it('lets compliance verify the ledger (export and download: e2e-workspaces.test.ts)', async () => {
    const page = await signIn(desk, STAFF.compliance);
    await page.getByRole('button', { name: 'Compliance' }).click();
    await page.getByRole('button', { name: 'Verify the ledger' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toMatch(/^Intact\. \d+ entries/);
    await page.screenshot({ path: join(RESULTS_DIR, 'compliance-page.png'), fullPage: true });
    await page.close();
  });

  it('locks an idle desk: the draft is blurred, the PIN brings it back intact', async () => {
    const page = await desk.browser.newPage();
    await page.clock.install();
    await page.goto(desk.url);
    await page.getByLabel('User name').fill(STAFF.agent);
    await page.getByLabel('Password').fill(TEST_USER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Set a PIN' }).click();
    await page.getByLabel('Password').fill(TEST_USER_PASSWORD);
    await page.getByLabel('New PIN (4-8 digits)').fill('2468');
    await page.getByRole('button', { name: 'Save PIN' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Change PIN' }).count(), SCRYPT_WAIT).toBe(1);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    const draft = 'Half-typed draft about a lost card';
    await page.getByLabel('Customer message').fill(draft);
    // Five minutes (the default) without input.
    await page.clock.fastForward('05:05');
    await expect
      .poll(() => page.getByTestId('shell').getAttribute('class'), SCRYPT_WAIT)
      .toContain('shell-locked');
    const filter = await page.locator('.shell-work').evaluate((el) => getComputedStyle(el).filter);
    expect(filter).toMatch(/blur/);
    // Locked on the server too: a direct call is refused.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('confidant.bridgeToken') ?? ''}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ name: 'conversation.list', input: {} }),
      });
      return (await res.json()) as { error?: { code: string } };
    });
    expect(refused.error?.code).toBe('UNAUTHORIZED');
    await page.screenshot({ path: join(RESULTS_DIR, 'idle-lock.png'), fullPage: true });
    await page.getByLabel('PIN').fill('1111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SCRYPT_WAIT).toContain('Wrong PIN');
    await page.getByLabel('PIN').fill('2468');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByTestId('shell').getAttribute('class'), SCRYPT_WAIT).toBe('shell');
    expect(await page.getByLabel('Customer message').inputValue()).toBe(draft);
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
    const page = await signIn(desk, STAFF.agent);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByLabel('Customer message').fill('I would like to speak to a real person please.');
    await page.getByRole('button', { name: 'Run turn' }).click();
    const suggestion = page.getByTestId('suggested-escalation');
    await expect.poll(() => suggestion.count(), { timeout: 60_000 }).toBe(1);
    expect(await suggestion.textContent()).toContain('customer_request');
    await page.getByRole('button', { name: 'Escalate now' }).click();
    await expect.poll(() => suggestion.textContent()).toMatch(/Escalated \(esc_/);
    await page.screenshot({ path: join(RESULTS_DIR, 'desk-suggestion.png'), fullPage: true });
    await page.close();
    const supervisor = await signIn(desk, STAFF.supervisor);
    await supervisor.getByRole('button', { name: 'Supervisor' }).click();
    await expect
      .poll(() => supervisor.getByTestId('escalations').locator('li').count(), { timeout: 30_000 })
      .toBe(1);
    await supervisor.close();
  });
});

describe('supervisor reveals originals (rehydrateForStaff on)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const name = 'Zebulon Quixwright';
  const desk = useDesk('rehydrateForStaff=on');

  it('shows tokens, reveals the originals in place to the claiming supervisor, and hides them on navigation', async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.getByRole('button', { name: 'Desk' }).click();
    await agent.getByRole('button', { name: 'New' }).click();
    await agent
      .getByLabel('Customer message')
      .fill(`Hi, my name is ${name}. Someone stole my card and I want to talk to a person.`);
    await agent.getByRole('button', { name: 'Run turn' }).click();
    await expect.poll(() => agent.getByTestId('turns').locator('.turn').count(), { timeout: 60_000 }).toBe(1);
    // The agent who typed it sees it as typed, in this session.
    expect(await agent.getByTestId('turns').textContent()).toContain(name);
    await agent.close();

    const page = await signIn(desk, STAFF.supervisor);
    await page.getByRole('button', { name: 'Supervisor' }).click();
    const list = page.getByTestId('escalations');
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    const escalation = page.getByTestId('escalation');
    const transcript = escalation.locator('ol.turns');
    await expect.poll(() => transcript.textContent()).toContain('<PERSON_1>');
    expect(await transcript.textContent()).not.toContain(name);
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

    // Another signed-in user (not the claimant) sees tokens, and no reveal button.
    const admin = await signIn(desk, STAFF.admin);
    await admin.getByRole('button', { name: 'Supervisor' }).click();
    await admin.getByLabel('Status filter').selectOption('claimed');
    await expect
      .poll(() => admin.getByTestId('escalations').locator('li').count(), { timeout: 30_000 })
      .toBe(1);
    await admin.getByTestId('escalations').locator('li button').first().click();
    const adminView = admin.getByTestId('escalation').locator('ol.turns');
    await expect.poll(() => adminView.textContent()).toContain('<PERSON_1>');
    expect(await adminView.textContent()).not.toContain(name);
    expect(await admin.getByRole('button', { name: 'Reveal originals' }).count()).toBe(0);
    await admin.close();

    // Leave the page: coming back shows the tokens only.
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
