import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../cli/testing';
import { builtinPack } from '../core/policy';
import { callAs, CLI_TEST_TIMEOUT_MS, RESULTS_DIR, signIn, STAFF, useDesk } from './e2e-support';

const CANARY = 'Philippa Quennell-Barrowcliffe';

/** Each workspace in both themes: the palette follows the system setting. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = join(RESULTS_DIR, `${name}-${scheme}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(5_000);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function open(page: Page, nav: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: nav }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(nav);
}

/** Exports through the UI and returns the bytes the browser saved. */
async function exportAndDownload(page: Page, dir: string): Promise<{ path: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Export and download' }).click();
  const file = await download;
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  await expect.poll(() => page.getByTestId('audit-export').textContent()).toMatch(/^Downloaded audit-/);
  return { path, bytes: readFileSync(path) };
}

async function checkInUi(page: Page, path: string): Promise<string> {
  await page.getByLabel('Bundle (.tar.gz)').setInputFiles(path);
  await page.getByRole('button', { name: 'Check bundle' }).click();
  await expect
    .poll(() => page.getByTestId('bundle-verify').textContent(), { timeout: 30_000 })
    .toMatch(/^Bundle/);
  return (await page.getByTestId('bundle-verify').textContent()) ?? '';
}

describe('workspaces end to end: compliance, admin, observability', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk({ extraAgents: ['Bea Agent'] });
  const downloads = () => join(desk.dataDir, '..', 'downloads');

  beforeAll(async () => {
    // Two conversations from the desk, through the real pipeline, so there are cases to export and erase.
    const agent = await signIn(desk, STAFF.agent);
    for (const [conversationId, text] of [
      ['conv-a', `I'm ${CANARY} and my card was stolen`],
      ['conv-b', 'What does a replacement debit card cost?'],
    ] as const) {
      const res = await callAs(agent, 'turn.submit', { conversationId, domain: 'bank', text });
      expect(res.ok, JSON.stringify(res.error)).toBe(true);
    }
    await agent.context().close();
    mkdirSync(downloads(), { recursive: true });
  }, CLI_TEST_TIMEOUT_MS);

  it('compliance browses the ledger, exports a period and a case, downloads both and verifies them in the UI', async () => {
    const page = await signIn(desk, STAFF.compliance);
    await open(page, 'Compliance');

    // The ledger browser: newest first, filtered by type.
    const ledger = page.getByTestId('ledger');
    await expect.poll(() => ledger.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByLabel('Type').selectOption('turn.received');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => ledger.locator('tbody tr').count()).toBe(2);
    expect(await ledger.textContent()).not.toContain(CANARY);

    await page.getByRole('button', { name: 'Verify the ledger' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toMatch(/^Intact\. \d+ entries/);

    // A period: from a minute before the turns until now.
    await page.getByLabel('From (empty: the beginning)').fill('2000-01-01T00:00');
    const period = await exportAndDownload(page, downloads());
    expect(period.path).toMatch(/audit-period-.*\.tar\.gz$/);
    expect(gunzipSync(period.bytes).includes(Buffer.from(CANARY))).toBe(false);
    expect(await checkInUi(page, period.path)).toMatch(/^Bundle verified\. \d+ entries proven/);
    // The same file passes the offline verifier an auditor would use.
    const offline = await runCli(['bundle', 'verify', period.path, '--json'], cliEnv({}));
    expect(offline.code, offline.stderr).toBe(0);

    // A case: one conversation, picked from the list.
    await page.getByLabel('A case').check();
    await page.getByLabel('Conversation', { exact: true }).selectOption('conv-a');
    const casefile = await exportAndDownload(page, downloads());
    expect(casefile.path).toMatch(/audit-case-.*\.tar\.gz$/);
    expect(await checkInUi(page, casefile.path)).toMatch(/^Bundle verified\./);

    // A damaged copy is refused, in words, next to the upload.
    const bad = Buffer.from(casefile.bytes);
    const mid = Math.floor(bad.length / 2);
    bad[mid] = (bad[mid] ?? 0) ^ 0xff;
    const badPath = join(downloads(), 'damaged.tar.gz');
    writeFileSync(badPath, bad);
    expect(await checkInUi(page, badPath)).toMatch(/^Bundle rejected\./);
    await shoot(page, 'compliance-workspace');

    // Erasure from the list, the result on the row it was asked for.
    page.once('dialog', (d) => void d.accept());
    const row = page.getByTestId('subjects').locator('tr', { hasText: 'conv-b' });
    await row.getByRole('button', { name: /^Erase subject/ }).click();
    await expect
      .poll(() => page.getByTestId('subject-erased').textContent())
      .toMatch(/^Erased: \d+ records deleted/);
    await page.context().close();
  });

  it('the admin disables a user, activates a pack from a file and rolls it back', async () => {
    const page = await signIn(desk, STAFF.admin);
    await open(page, 'Admin');

    const bea = page.getByTestId('users').locator('tr[data-user="Bea Agent"]');
    await bea.getByRole('button', { name: 'Disable Bea Agent' }).click();
    await expect.poll(() => bea.getByTestId('user-state').textContent()).toBe('disabled');

    const bank = page.getByTestId('policy-domains').locator('tr[data-domain="bank"]');
    const shipped = (await bank.getByTestId('active-pack').textContent()) ?? '';
    expect(await bank.getByRole('button', { name: 'Roll back bank' }).isDisabled()).toBe(true);
    const pack = { ...builtinPack('bank'), version: `${builtinPack('bank').version}-e2e` };
    const packPath = join(downloads(), 'bank-e2e.json');
    writeFileSync(packPath, JSON.stringify(pack));
    await page.getByLabel(/^Pack \(YAML or JSON/).setInputFiles(packPath);
    await expect.poll(() => bank.getByTestId('active-pack').textContent()).toContain(pack.version);

    // The diff of the shipped pack against the new active one names the version change.
    const shippedRow = page
      .getByTestId('policy-packs')
      .locator(`tr[data-pack="${shipped.split(' ')[0] ?? ''}"]`);
    await shippedRow.getByRole('button', { name: 'Diff' }).click();
    await expect.poll(() => page.getByTestId('policy-diff').textContent()).toContain('"version"');

    page.once('dialog', (d) => void d.accept());
    await bank.getByRole('button', { name: 'Roll back bank' }).click();
    await expect.poll(() => page.getByTestId('policy-notice').textContent()).toMatch(/^bank now runs /);
    await expect.poll(() => bank.getByTestId('active-pack').textContent()).toBe(shipped);
    await expect.poll(() => page.getByTestId('models').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pairing-empty').textContent()).toContain('not paired');
    await page.getByRole('button', { name: 'Purge expired data now' }).click();
    await expect.poll(() => page.getByText(/^Purged: \d+ records deleted/).count()).toBe(1);
    await shoot(page, 'admin-workspace');

    // The disabled account cannot sign in any more.
    const other = await desk.browser.newPage();
    await other.goto(desk.url);
    await other.getByLabel('User name').fill('Bea Agent');
    await other.getByLabel('Password').fill('test user password');
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => other.getByTestId('sign-in-error').count(), { timeout: 15_000 }).toBe(1);
    await other.close();
    await page.context().close();
  });

  it('a supervisor sees stage latency against budget and the model status, without customer text', async () => {
    const page = await signIn(desk, STAFF.supervisor);
    await open(page, 'Observability');
    await expect.poll(() => page.getByTestId('stages').locator('tbody tr').count()).toBeGreaterThan(1);
    expect(Number(await page.getByTestId('obs-turns').textContent())).toBeGreaterThanOrEqual(2);
    expect(await page.locator('main').textContent()).not.toContain(CANARY);
    await shoot(page, 'observability-workspace');
    await page.context().close();
  });
});

describe(
  'workspaces on a new desk: every screen says what is missing',
  { timeout: CLI_TEST_TIMEOUT_MS },
  () => {
    const desk = useDesk();

    it('shows empty states for customers, matching entries and traced turns', async () => {
      const page = await signIn(desk, STAFF.admin);
      await open(page, 'Compliance');
      await expect.poll(() => page.getByTestId('subjects-empty').count()).toBe(1);
      await page.getByLabel('Type').selectOption('escalation.opened');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect.poll(() => page.getByTestId('ledger-empty').count()).toBe(1);
      await page.getByLabel('A case').check();
      expect(await page.getByText('No conversations are stored').count()).toBe(1);
      await shoot(page, 'compliance-empty');
      await open(page, 'Observability');
      await expect.poll(() => page.getByTestId('obs-empty').count()).toBe(1);
      await shoot(page, 'observability-empty');
      await open(page, 'Admin');
      await expect.poll(() => page.getByTestId('pairing-empty').count()).toBe(1);
      await page.context().close();
    });
  },
);
