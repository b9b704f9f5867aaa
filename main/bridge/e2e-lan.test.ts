/**
 * Browser end to end over the LAN: a staff desk's `confidant web` paired with a supervisor desk (a core in
 * this process, serving on loopback). The agent escalates from the desk with one click; the supervisor desk claims,
 * whispers, responds and resolves; each reaches the agent's open conversation by server push, without a
 * reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../core/config';
import { createCore, type Core } from '../core/container';
import type { LanActor, LanDesk, ServeHandle } from '../core/lan';
import { CLI_TEST_TIMEOUT_MS, PASSPHRASE, RESULTS_DIR, signIn, STAFF, useDesk } from './e2e-support';

const supDir = mkdtempSync(join(tmpdir(), 'confidant-e2e-sup-'));
let supCore: Core | undefined;
let vd: LanDesk | undefined;
let vServe: ServeHandle | undefined;
let boss: LanActor | undefined;

const open = (dataDir: string, create: boolean) =>
  createCore({
    config: loadConfig({ dataDir, mode: 'cli', modelsDir: join(dataDir, 'no-models') }),
    passphrase: PASSPHRASE,
    create,
    log: pino({ level: 'silent' }),
  });

/** Pairs the staff store with the supervisor desk before `web` starts, so `web` runs its LAN endpoint. */
async function pairWithSupervisor(staffDir: string): Promise<void> {
  supCore = await open(supDir, true);
  const user = supCore.users.create({ name: 'Sol Supervisor', role: 'supervisor' });
  boss = { kind: 'user', id: user.id, name: user.name, role: 'supervisor' };
  vd = await supCore.lan.desk();
  vServe = await vd.serve({ host: '127.0.0.1', port: 0 });
  const staff = await open(staffDir, false);
  try {
    const sd = await staff.lan.desk();
    await sd.join({ host: '127.0.0.1', port: vServe.port, code: vd.invite(boss, 10).code, actor: boss });
  } finally {
    await staff.shutdown();
  }
}

describe('browser desk paired with a supervisor desk over the LAN', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  // autoEscalation off: the agent escalates with one click (desk.escalate), which must reach the LAN too.
  const desk = useDesk({
    flags: 'autoEscalation=off',
    beforeWeb: pairWithSupervisor,
    webArgs: ['--lan-port', '0', '--lan-bind', '127.0.0.1'],
    env: { CONFIDANT_LAN_ANNOUNCE: '0' },
  });
  afterAll(async () => {
    await vServe?.close();
    await supCore?.shutdown();
    rmSync(supDir, { recursive: true, force: true });
  });

  it("pushes the supervisor desk's claim, whisper, response and resolution to the open conversation", async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.getByRole('button', { name: 'Desk' }).click();
    await agent.getByRole('button', { name: 'New' }).click();
    await agent.getByLabel('Customer message').fill('I would like to speak to a real person please.');
    await agent.getByRole('button', { name: 'Draft reply' }).click();
    await expect.poll(() => agent.getByTestId('suggested-escalation').count(), { timeout: 60_000 }).toBe(1);
    await agent.getByRole('button', { name: 'Escalate', exact: true }).click();
    await expect.poll(() => agent.getByTestId('escalated-notice').count()).toBe(1);

    // The escalation crosses to the supervisor desk (its own store), and the answers come back.
    const escalations = () =>
      supCore!.store.db.prepare<[], string>("SELECT id FROM escalations WHERE status = 'open'").pluck().all();
    await expect.poll(() => escalations().length, { timeout: 30_000 }).toBe(1);
    const id = escalations()[0]!;
    // A reload would lose this marker: every change below must arrive by push.
    await agent.evaluate(() => ((window as unknown as { pushMarker: number }).pushMarker = 1));
    const timeline = agent.getByTestId('supervisor-timeline');
    const shown = () => timeline.textContent().catch(() => '');

    vd!.act(id, boss!, { kind: 'claim' });
    await expect.poll(shown, { timeout: 15_000 }).toContain('Sol Supervisor');
    vd!.act(id, boss!, { kind: 'whisper', text: 'Ask for the last four digits only.' });
    await expect.poll(shown, { timeout: 15_000 }).toContain('Ask for the last four digits only.');
    vd!.act(id, boss!, { kind: 'respond', text: 'A colleague will call you back within the hour.' });
    await expect.poll(shown, { timeout: 15_000 }).toContain('call you back within the hour');
    vd!.act(id, boss!, { kind: 'resolve', outcome: 'resolved' });
    await expect.poll(() => agent.getByTestId('escalated-notice').count(), { timeout: 15_000 }).toBe(0);
    expect(await timeline.locator('li').count()).toBe(4);
    expect(await agent.evaluate(() => (window as unknown as { pushMarker?: number }).pushMarker)).toBe(1);
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-lan-supervised.png'), fullPage: true });
    await agent.close();
  });
});
