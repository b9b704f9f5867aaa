import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TEST_USER_PASSWORD } from '../cli/testing';
import { CLI_TEST_TIMEOUT_MS, RESULTS_DIR, SCRYPT_WAIT, signIn, STAFF, useDesk } from './e2e-support';

const navLabels = (page: Page) =>
  page.getByRole('navigation', { name: 'Workspaces' }).locator('li .nav-item').allTextContents();

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
    expect(page.url().startsWith(`${desk.origin}/`)).toBe(true);
    expect(page.url()).not.toContain('token');
    // Each workspace has its own address.
    expect(page.url()).toBe(`${desk.origin}/#/status`);

    mkdirSync(RESULTS_DIR, { recursive: true });
    const shot = join(RESULTS_DIR, 'status-page.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(5_000);
    // The other workspaces render through the same shell (their content arrives with their modules).
    await page.getByRole('button', { name: 'Supervisor' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Supervisor queue');
    // Navigation moves focus to the new page's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
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
    await page.getByRole('button', { name: 'Draft reply' }).click();
    const turns = page.getByTestId('turns');
    await expect.poll(() => turns.locator('.turn').count(), { timeout: 60_000 }).toBe(1);
    expect(await turns.locator('.bubble-customer').textContent()).toContain('replacement debit card');
    // Nothing is sent on its own: the draft waits for review.
    expect((await page.getByTestId('draft-text').inputValue()).length).toBeGreaterThan(20);
    expect(await page.getByTestId('sent-reply').count()).toBe(0);
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
    await page.getByLabel('Note, whisper or response').fill('Called the customer back about card fees.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => escalation.locator('.notes').textContent()).toContain('Called the customer back');
    // Notes carry their author and time.
    expect(await escalation.locator('.notes').textContent()).toContain(STAFF.supervisor);
    await page.getByRole('button', { name: 'Close with outcome' }).click();
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
  const desk = useDesk({ flags: 'autoEscalation=off' });

  it('shows the held-back escalation on the turn and opens it with one click', async () => {
    const page = await signIn(desk, STAFF.agent);
    await page.getByRole('button', { name: 'Desk' }).click();
    await page.getByRole('button', { name: 'New' }).click();
    await page.getByLabel('Customer message').fill('I would like to speak to a real person please.');
    await page.getByRole('button', { name: 'Draft reply' }).click();
    const suggestion = page.getByTestId('suggested-escalation');
    await expect.poll(() => suggestion.count(), { timeout: 60_000 }).toBe(1);
    expect(await suggestion.textContent()).toContain('the customer asked for a person');
    await page.getByRole('button', { name: 'Escalate', exact: true }).click();
    await expect.poll(() => page.getByTestId('escalated-notice').count()).toBe(1);
    // The suggestion does not linger once something is queued.
    expect(await suggestion.count()).toBe(0);
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
  const desk = useDesk({ flags: 'rehydrateForStaff=on' });

  it('shows tokens, reveals the originals in place to the claiming supervisor, and hides them on navigation', async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.getByRole('button', { name: 'Desk' }).click();
    await agent.getByRole('button', { name: 'New' }).click();
    await agent
      .getByLabel('Customer message')
      .fill(`Hi, my name is ${name}. Someone stole my card and I want to talk to a person.`);
    await agent.getByRole('button', { name: 'Draft reply' }).click();
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
    // "Open" keeps claimed items: they are still open.
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
    await page.getByRole('button', { name: 'Mine' }).click();
    await expect.poll(() => list.locator('li').count(), { timeout: 30_000 }).toBe(1);
    await list.locator('li button').first().click();
    await expect
      .poll(() => page.getByTestId('escalation').locator('ol.turns').textContent())
      .toContain('<PERSON_1>');
    expect(await page.getByTestId('escalation').locator('ol.turns').textContent()).not.toContain(name);
    await page.close();
  });
});

describe('agent desk draft review and the supervisor queue, live', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk({ flags: 'autoEscalation=off' });
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  it('the agent reviews, edits and sends a draft, escalates, and sees the supervisor arrive', async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.goto(`${desk.origin}/#/desk`);
    await agent.getByRole('button', { name: 'New' }).click();
    // "New" puts the cursor where the customer's words go.
    await expect.poll(() => focused(agent)).toBe('customer-text');
    // Shift+Enter is a new line; Enter drafts the reply; focus comes back to the composer.
    await agent.keyboard.type('Hello there.');
    await agent.keyboard.press('Shift+Enter');
    await agent.keyboard.type('I would like to speak to a real person please.');
    expect(await agent.getByLabel('Customer message').inputValue()).toContain('\n');
    await agent.keyboard.press('Enter');
    const draft = agent.getByTestId('draft-text');
    await expect.poll(() => draft.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => focused(agent)).toBe('customer-text');
    expect(await agent.getByLabel('Customer message').inputValue()).toBe('');
    // A clinic-or-bank picker is not offered once the conversation exists.
    expect(await agent.getByLabel('Desk type for this conversation').count()).toBe(0);

    // Edit: the rails flag a rude edit; it goes out only with a reason, or once fixed.
    const original = await draft.inputValue();
    await draft.fill('Calm down, a person will call you whenever.');
    await agent.getByTestId('send-draft').click();
    await expect.poll(() => agent.getByTestId('draft-flags').textContent()).toContain('Tone may read');
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-draft-flagged.png'), fullPage: true });
    await draft.fill(`Thank you for waiting. ${original}`);
    await agent.getByTestId('send-draft').click();
    await expect.poll(() => agent.getByTestId('sent-reply').textContent()).toContain('Sent (edited)');
    expect(await agent.getByTestId('sent-reply').textContent()).toContain('Thank you for waiting.');

    // One click escalates; a banner says so.
    await agent.getByRole('button', { name: 'Escalate', exact: true }).click();
    await expect.poll(() => agent.getByTestId('escalated-notice').textContent()).toContain('Escalated');

    // The supervisor claims, whispers, responds and resolves; the agent's page updates by itself.
    const sup = await signIn(desk, STAFF.supervisor);
    await sup.getByRole('button', { name: 'Supervisor' }).click();
    const rows = sup.getByTestId('escalation-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(await rows.first().textContent()).toMatch(/due in \d+ min/);
    expect(await rows.first().textContent()).toContain(`Desk ${STAFF.agent}`);
    // Not paired with any LAN desk: the panel says how to pair.
    expect(await sup.getByTestId('paired-desks').textContent()).toContain('No paired desks');
    await rows.first().click();
    const escalation = sup.getByTestId('escalation');
    await sup.getByTestId('action-bar').getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('claimed');
    expect(await sup.getByTestId('claimed-by').textContent()).toContain(`Claimed by ${STAFF.supervisor}`);
    // Claimed is still open, and it is mine.
    expect(await rows.count()).toBe(1);
    await sup.getByRole('button', { name: 'Mine' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`claimed by ${STAFF.supervisor}`);

    const feed = agent.getByTestId('supervision');
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('picked this up');
    await sup.getByLabel('Note, whisper or response').fill('Ask for the last four digits of the card.');
    await sup.getByRole('button', { name: 'Whisper to agent' }).click();
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('last four digits');
    expect(await feed.textContent()).toContain('only you see this');
    await sup.getByLabel('Note, whisper or response').fill('I have blocked the card; a new one is posted.');
    await sup.getByRole('button', { name: 'Respond' }).click();
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('new one is posted');
    await expect.poll(() => escalation.locator('.notes').textContent()).toContain(STAFF.supervisor);
    await sup.screenshot({ path: join(RESULTS_DIR, 'supervisor-action-bar.png'), fullPage: true });
    await sup.getByLabel('Outcome').selectOption('returned_to_agent');
    await sup.getByRole('button', { name: 'Close with outcome' }).click();
    await expect.poll(() => escalation.locator('.status').textContent()).toBe('resolved');
    await expect
      .poll(() => feed.textContent(), { timeout: 15_000 })
      .toContain('returned the conversation to you');
    await expect.poll(() => agent.getByTestId('escalated-notice').count()).toBe(0);
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-supervised.png'), fullPage: true });

    // An urgent escalation raises an alert on the open queue.
    await agent.getByRole('button', { name: 'New' }).click();
    await agent.getByLabel('Customer message').fill('I cannot go on, I want to end my life.');
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => sup.getByTestId('urgent-alert').count(), { timeout: 60_000 }).toBe(1);
    expect(await sup.getByTestId('urgent-alert').textContent()).toContain('Urgent escalation waiting');
    await expect.poll(() => agent.getByTestId('escalated-notice').count(), { timeout: 30_000 }).toBe(1);
    await sup.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('urgent');

    // The core stops answering: a banner says so and the typed words stay.
    await agent.route('**/api/call', (route) => route.abort());
    await agent.getByLabel('Customer message').fill('Are you still there?');
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('core-unreachable').count()).toBe(1);
    expect(await agent.getByLabel('Customer message').inputValue()).toBe('Are you still there?');
    await agent.unroute('**/api/call');
    // Dark theme follows the system.
    await agent.emulateMedia({ colorScheme: 'dark' });
    const bg = await agent.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(17, 22, 29)');
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-dark.png'), fullPage: true });

    // The skip link reaches the content.
    await agent.reload();
    await expect.poll(() => agent.getByRole('heading', { level: 1 }).textContent()).toBe('Desk');
    // The desk may still move focus to the composer as it settles after a reload; from the top of the
    // document the first Tab stop must be the skip link.
    await expect
      .poll(async () => {
        await agent.evaluate(() => {
          // Focus the document's root, so that the next Tab starts from the top of the page.
          const root = document.documentElement;
          root.tabIndex = -1;
          root.focus();
          root.removeAttribute('tabindex');
        });
        await agent.keyboard.press('Tab');
        return agent.evaluate(() => document.activeElement?.textContent);
      })
      .toBe('Skip to content');
    await agent.keyboard.press('Enter');
    expect(await focused(agent)).toBe('main');
    await sup.close();
    await agent.close();
  });
});
