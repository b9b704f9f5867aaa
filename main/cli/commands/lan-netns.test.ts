/**
 * Link cut and restored between two network namespaces created here (a veth pair, no address on the host's
 * own interfaces): escalations made while the link is down arrive after it is back, none lost, none twice.
 * Needs root and `ip netns`; elsewhere it is skipped (it says so).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store';
import { vethPair } from '../../test-support/veth-pair';
import { CLI_ENTRY, CLI_TEST_TIMEOUT_MS, cliEnv, runCliInProcess } from '../testing';

const PASS = 'lan-netns-passphrase';
const inEnv = { CONFIDANT_PASSPHRASE: PASS };
const { ns: NS, veth: VETH, addr: ADDR, ip, setUp, tearDown, available } = vethPair('cf');
if (!available) console.warn('lan-netns.test: skipped (needs root and `ip netns`)');

function spawnIn(ns: string, args: string[]): { child: ChildProcessWithoutNullStreams; lines: string[] } {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, ...args], {
    env: cliEnv({ CONFIDANT_PASSPHRASE: PASS, CONFIDANT_LAN_ANNOUNCE: '0' }),
  });
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      lines.push(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
  return { child, lines };
}

async function until<T>(what: string, fn: () => T | null, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== null && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const escalationIds = (dir: string): string[] => {
  const store = openStore({ dataDir: dir, passphrase: PASS });
  try {
    return store.db.prepare('SELECT id FROM escalations ORDER BY id').pluck().all() as string[];
  } finally {
    store.close();
  }
};

describe.skipIf(!available)(
  'LAN link cut and restored in network namespaces',
  { timeout: CLI_TEST_TIMEOUT_MS * 2 },
  () => {
    const root = mkdtempSync(join(tmpdir(), 'confidant-lan-netns-'));
    const children: ChildProcessWithoutNullStreams[] = [];
    afterAll(() => {
      for (const c of children) c.kill('SIGKILL');
      tearDown();
      rmSync(root, { recursive: true, force: true });
    });

    it('escalations made while the veth is down arrive once it is up: none lost, none duplicated', async () => {
      setUp();
      const supDir = join(root, 'sup');
      const staffDir = join(root, 'staff');
      for (const [dir, admin] of [
        [supDir, 'Boss'],
        [staffDir, 'Ada'],
      ] as const)
        expect((await runCliInProcess(['init', '--data-dir', dir, '--role-admin', admin], inEnv)).code).toBe(
          0,
        );
      const sup = spawnIn(NS.sup, [
        CLI_ENTRY,
        'lan',
        'serve',
        '--data-dir',
        supDir,
        '--port',
        '0',
        '--bind',
        ADDR.sup,
        '--json',
      ]);
      children.push(sup.child);
      const hello = await until(
        'the supervisor endpoint',
        () => sup.lines.find((l) => l.startsWith('{')) ?? null,
      );
      const { port } = JSON.parse(hello) as { port: number };
      const invite = await runCliInProcess(
        ['lan', 'invite', '--data-dir', supDir, '--as', 'Boss', '--json'],
        inEnv,
      );
      const { code } = JSON.parse(invite.stdout) as { code: string };
      const staff = spawnIn(NS.staff, [
        '--import',
        'tsx',
        join(import.meta.dirname, 'lan-netns-staff.fixture.ts'),
        staffDir,
        PASS,
        ADDR.sup,
        String(port),
        code,
        ADDR.staff,
      ]);
      children.push(staff.child);
      await until('the staff desk paired and serving', () => staff.lines.includes('ready'));

      staff.child.stdin.write('turns up 5\n');
      await until('5 escalations on the supervisor desk', () => escalationIds(supDir).length === 5);

      // Cut the link from the staff side and make escalations while it is down, for longer than the
      // unacknowledged-event reset (10 s), so the staff desk drops the link and reconnects with backoff.
      ip('-n', NS.staff, 'link', 'set', VETH.staff, 'down');
      staff.child.stdin.write('turns down 20\n');
      const queued = await until(
        '20 turns while down',
        () => staff.lines.find((l) => l.startsWith('ok down')) ?? null,
      );
      expect(Number(queued.split(' ')[3])).toBeGreaterThanOrEqual(20);
      await new Promise((r) => setTimeout(r, 12_000));
      expect(escalationIds(supDir)).toHaveLength(5);

      ip('-n', NS.staff, 'link', 'set', VETH.staff, 'up');
      await until('25 escalations on the supervisor desk', () => escalationIds(supDir).length >= 25);
      await new Promise((r) => setTimeout(r, 1_000));
      const there = escalationIds(supDir);
      expect(there).toEqual(escalationIds(staffDir));
      expect(new Set(there).size).toBe(25);
      const store = openStore({ dataDir: supDir, passphrase: PASS });
      const inbox = store.db
        .prepare(
          "SELECT outcome, count(*) AS n FROM lan_inbox WHERE type = 'escalation.opened' GROUP BY outcome",
        )
        .all();
      store.close();
      expect(inbox).toEqual([{ outcome: 'applied', n: 25 }]);
    });
  },
);
