import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type AxeCore from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../core/config';
import { builtinPack } from '../core/policy';
import { callAs, CLI_TEST_TIMEOUT_MS, newContext, RESULTS_DIR, signIn, STAFF, useDesk } from './e2e-support';

const AXE = join(projectRoot(), 'node_modules', 'axe-core', 'axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  screen: string;
  scheme: 'light' | 'dark';
  rule: string;
  impact: string | null;
  targets: string[];
}

/**
 * axe-core (WCAG 2 A and AA) on the page as it stands, in the light and then the dark palette, with a
 * screenshot of each. Returns the violations, rule and elements only: enough to find the fault.
 */
async function audit(page: Page, screen: string): Promise<Finding[]> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found: Finding[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await page.evaluate(async (tags) => {
      const axe = (window as unknown as { axe: typeof AxeCore }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
      return result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? null,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
    }, WCAG_TAGS);
    found.push(...violations.map((v) => ({ screen, scheme, ...v })));
    const path = join(RESULTS_DIR, `a11y-${screen}-${scheme}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(statSync(path).size).toBeGreaterThan(5_000);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function open(page: Page, nav: string, heading = nav): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: nav }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
}

const CALM = 'What does a replacement debit card cost?';

describe('one click escalates a calm conversation', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  // The bank knowledge base answers the fee question without a model: nothing escalates by itself.
  const desk = useDesk({ knowledgeBase: true });

  it('the agent escalates an unflagged conversation, sees the banner, and the supervisor finds it queued', async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.getByRole('button', { name: 'Desk' }).click();
    await agent.getByRole('button', { name: 'New' }).click();
    await agent.getByLabel('Customer message').fill(CALM);
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('draft-text').count(), { timeout: 60_000 }).toBe(1);
    expect(await agent.getByTestId('escalated-notice').count()).toBe(0);
    expect(await agent.getByTestId('suggested-escalation').count()).toBe(0);

    await agent.getByRole('button', { name: 'Escalate to a supervisor' }).click();
    await expect
      .poll(() => agent.getByTestId('escalated-notice').textContent())
      .toContain('Escalated to a supervisor at your request.');
    // Once queued, the button is gone: a second click would be a second request for the same thing.
    expect(await agent.getByTestId('escalate-conversation').count()).toBe(0);
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-staff-escalated.png'), fullPage: true });

    const sup = await signIn(desk, STAFF.supervisor);
    await sup.getByRole('button', { name: 'Supervisor' }).click();
    const rows = sup.getByTestId('escalation-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(`Desk ${STAFF.agent}`);
    const queue = await callAs(sup, 'escalation.list', {});
    expect(queue.value).toMatchObject([{ reasons: ['customer_request'], status: 'open' }]);
    await sup.context().close();
    await agent.context().close();
  });
});

describe('accessibility: axe-core on every screen, light and dark', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk({ knowledgeBase: true, extraAgents: ['Bea Agent'] });
  const findings: Finding[] = [];
  afterAll(() => {
    // One list of every fault on every screen, so a single run shows all there is to fix.
    if (findings.length > 0) console.error(JSON.stringify(findings, null, 1));
  });

  it('sign-in, the empty queue, desk (draft review, escalation banner, core unreachable), PIN form and the idle lock', async () => {
    const context = await newContext(desk, { bypassCSP: true });
    const signin = await context.newPage();
    await signin.goto(desk.url);
    await expect
      .poll(() => signin.getByRole('heading', { level: 1 }).textContent())
      .toBe('Sign in to Confidant');
    findings.push(...(await audit(signin, 'sign-in')));
    await context.close();

    // Before anything is escalated: the queue's empty state.
    const idle = await signIn(desk, STAFF.supervisor, { bypassCSP: true });
    await open(idle, 'Supervisor', 'Supervisor queue');
    await expect.poll(() => idle.getByText('Nothing here.', { exact: false }).count()).toBe(1);
    findings.push(...(await audit(idle, 'supervisor-empty')));
    await idle.context().close();

    const agent = await signIn(desk, STAFF.agent, { bypassCSP: true });
    await open(agent, 'Desk');
    findings.push(...(await audit(agent, 'desk-empty')));
    await agent.getByRole('button', { name: 'New' }).click();
    await agent.getByLabel('Customer message').fill(CALM);
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('draft-text').count(), { timeout: 60_000 }).toBe(1);
    findings.push(...(await audit(agent, 'desk-draft-review')));
    // A second turn: the sentiment trend appears.
    await agent.getByTestId('send-draft').click();
    await expect.poll(() => agent.getByTestId('sent-reply').count()).toBe(1);
    await agent.getByLabel('Customer message').fill('Thanks. And what about using my card abroad?');
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('turn').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => agent.getByTestId('draft-text').count(), { timeout: 60_000 }).toBe(1);
    await agent.getByRole('button', { name: 'Escalate to a supervisor' }).click();
    await expect.poll(() => agent.getByTestId('escalated-notice').count()).toBe(1);
    findings.push(...(await audit(agent, 'desk-escalated')));
    // A flagged edit shows the rails' words next to the editor.
    await agent.getByTestId('draft-text').fill('Calm down, a person will call you whenever.');
    await agent.getByTestId('send-draft').click();
    await expect.poll(() => agent.getByTestId('draft-flags').count()).toBe(1);
    findings.push(...(await audit(agent, 'desk-draft-flagged')));
    // The core stops answering: the banner, with the typed words kept.
    await agent.route('**/api/call', (route) => route.abort());
    await agent.getByLabel('Customer message').fill('Are you still there?');
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('core-unreachable').count()).toBe(1);
    findings.push(...(await audit(agent, 'desk-unreachable')));
    await agent.unroute('**/api/call');
    await agent.getByRole('button', { name: 'Set a PIN' }).click();
    await expect.poll(() => agent.getByLabel('New PIN (4-8 digits)').count()).toBe(1);
    findings.push(...(await audit(agent, 'session-pin-form')));

    await agent.getByRole('button', { name: 'Lock' }).click();
    await expect.poll(() => agent.getByTestId('shell').getAttribute('class')).toContain('shell-locked');
    findings.push(...(await audit(agent, 'idle-lock')));
    await agent.context().close();
    expect(findings.filter((f) => /^(sign-in|desk|idle|session|supervisor-empty)/.test(f.screen))).toEqual(
      [],
    );
  });

  it('supervisor: the queue and a claimed item', async () => {
    const sup = await signIn(desk, STAFF.supervisor, { bypassCSP: true });
    await open(sup, 'Supervisor', 'Supervisor queue');
    const rows = sup.getByTestId('escalation-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    findings.push(...(await audit(sup, 'supervisor-queue')));
    await rows.first().click();
    // The staff escalation names no trigger, and the packet says so instead of an empty table.
    await expect.poll(() => sup.getByTestId('no-triggers').count()).toBe(1);
    await sup.getByTestId('action-bar').getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => sup.getByTestId('escalation').locator('.status').textContent()).toBe('claimed');
    await sup.getByLabel('Note, whisper or response').fill('Called the customer back.');
    await sup.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => sup.getByTestId('escalation').locator('.notes').textContent())
      .toContain('Called');
    await sup.getByLabel('Note, whisper or response').fill('Ask which country they are travelling to.');
    await sup.getByRole('button', { name: 'Whisper to agent' }).click();
    await expect.poll(() => sup.getByLabel('Note, whisper or response').inputValue()).toBe('');
    findings.push(...(await audit(sup, 'supervisor-claimed')));
    // The agent's side: the whisper arrives in the conversation.
    const agent = await signIn(desk, STAFF.agent, { bypassCSP: true });
    await open(agent, 'Desk');
    await agent.getByTestId('conversations').locator('li button').first().click();
    await expect.poll(() => agent.getByTestId('supervision').textContent()).toContain('which country');
    findings.push(...(await audit(agent, 'desk-supervised')));
    await agent.context().close();
    await open(sup, 'Observability');
    findings.push(...(await audit(sup, 'observability')));
    await sup.context().close();
    expect(findings.filter((f) => /^(supervisor|observability|desk-supervised)/.test(f.screen))).toEqual([]);
  });

  it('compliance: verify, export, erasure and the ledger browser', async () => {
    const page = await signIn(desk, STAFF.compliance, { bypassCSP: true });
    await open(page, 'Compliance');
    const ledger = page.getByTestId('ledger');
    await expect.poll(() => ledger.locator('tbody tr').count()).toBeGreaterThan(5);
    findings.push(...(await audit(page, 'compliance-browse')));
    await page.getByRole('button', { name: 'Verify the ledger' }).click();
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toMatch(/^Intact\./);
    await page.getByLabel('A case').check();
    await page.getByLabel('Conversation', { exact: true }).selectOption({ index: 1 });
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export and download' }).click();
    await download;
    await expect.poll(() => page.getByTestId('audit-export').textContent()).toMatch(/^Downloaded audit-/);
    findings.push(...(await audit(page, 'compliance-verify-export')));
    page.once('dialog', (d) => void d.accept());
    await page
      .getByTestId('subjects')
      .getByRole('button', { name: /^Erase subject/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId('subject-erased').textContent()).toMatch(/^Erased:/);
    findings.push(...(await audit(page, 'compliance-erased')));
    await page.context().close();
    expect(findings.filter((f) => f.screen.startsWith('compliance'))).toEqual([]);
  });

  it('admin: users, flags, policy packs with a diff, models; and the status page', async () => {
    const page = await signIn(desk, STAFF.admin, { bypassCSP: true });
    await open(page, 'Admin');
    await expect.poll(() => page.getByTestId('models').locator('tbody tr').count()).toBeGreaterThan(0);
    const bea = page.getByTestId('users').locator('tr[data-user="Bea Agent"]');
    await bea.getByRole('button', { name: 'Disable Bea Agent' }).click();
    await expect.poll(() => bea.getByTestId('user-state').textContent()).toBe('disabled');
    // A second bank pack, so the diff of the shipped one against it has lines added and removed.
    const bank = page.getByTestId('policy-domains').locator('tr[data-domain="bank"]');
    const shipped = ((await bank.getByTestId('active-pack').textContent()) ?? '').split(' ')[0] ?? '';
    const pack = { ...builtinPack('bank'), version: `${builtinPack('bank').version}-a11y` };
    const packPath = join(desk.dataDir, '..', 'bank-a11y.json');
    writeFileSync(packPath, JSON.stringify(pack));
    await page.getByLabel(/^Pack \(YAML or JSON/).setInputFiles(packPath);
    await expect.poll(() => bank.getByTestId('active-pack').textContent()).toContain(pack.version);
    await page
      .getByTestId('policy-packs')
      .locator(`tr[data-pack="${shipped}"]`)
      .getByRole('button', { name: 'Diff' })
      .click();
    await expect.poll(() => page.locator('.diff-add, .diff-del').count()).toBeGreaterThan(0);
    findings.push(...(await audit(page, 'admin')));
    await open(page, 'Status', 'System status');
    await expect.poll(() => page.getByTestId('store-state').count(), { timeout: 15_000 }).toBe(1);
    findings.push(...(await audit(page, 'status')));
    await page.context().close();
    expect(findings.filter((f) => /^(admin|status)/.test(f.screen))).toEqual([]);
  });
});
