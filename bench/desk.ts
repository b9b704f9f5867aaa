/**
 * Desk time to interactive: the built renderer, signed in as an agent, until the desk can take input (the
 * composer-opening "New" button enabled and the conversation list or its empty state shown), against a
 * bare page served by the same bridge in the same Chromium run. Both are read in the page
 * (performance.now() from navigation start), warm, median of N. Target: desk ≤ 2x bare.
 *
 * Needs `npm run build:renderer` first and Chromium (CONFIDANT_CHROMIUM, default /usr/bin/chromium).
 */
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { sessionCookieName, startBridge } from '../main/bridge';
import { createCoreDispatcher } from '../main/core/api';
import { loadConfig, projectRoot } from '../main/core/config';
import { createCore } from '../main/core/container';
import { createLogger } from '../main/core/log';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dist = join(projectRoot(), 'renderer', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('bench desk: run `npm run build:renderer` first');
  process.exit(1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const dir = mkdtempSync(join(tmpdir(), 'confidant-bench-'));
// The same files the desk is served from, plus one bare page beside them.
const staticDir = join(dir, 'static');
cpSync(dist, staticDir, { recursive: true });
writeFileSync(join(staticDir, 'bare.html'), '<!doctype html><title>bare</title><h1>bare</h1>');

const log = createLogger({ level: 'silent' });
const core = await createCore({
  config: loadConfig({ dataDir: join(dir, 'data'), mode: 'browser' }),
  passphrase: 'bench-only',
  create: true,
  log,
});
const bridge = await startBridge({
  dispatch: createCoreDispatcher(core),
  log,
  staticDir,
  events: core.events,
  hasSession: (token) => core.sessions.lookup(token, false).state !== 'none',
});
const agent = await core.accounts.add(
  { name: 'Bench Agent', role: 'agent', password: 'bench-only-password' },
  { kind: 'system', id: 'bench', role: 'system' },
);
const browser = await chromium.launch({
  executablePath: process.env.CONFIDANT_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  headless: true,
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Signed in already, as after a reload: the session cookie the bridge would have set.
  const { token: session } = core.sessions.create(agent.id);
  await context.addCookies([
    {
      name: sessionCookieName(bridge.port),
      value: session,
      url: bridge.origin,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
  const page = await context.newPage();
  const desk = async () => {
    await page.goto(`${bridge.origin}/#token=${bridge.token}`, { waitUntil: 'commit' });
    const at = await page.waitForFunction(
      () => {
        const ready =
          document.querySelector('[data-testid="conversations"], .list-pane .empty') !== null &&
          [...document.querySelectorAll('button')].some((b) => b.textContent === 'New' && !b.disabled);
        return ready ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    return (await at.jsonValue()) as number;
  };
  const bare = async () => {
    await page.goto(`${bridge.origin}/bare.html`, { waitUntil: 'commit' });
    const at = await page.waitForFunction(
      () => (document.querySelector('h1') !== null ? performance.now() : false),
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    return (await at.jsonValue()) as number;
  };
  // Warm both (HTTP cache, V8 code cache, the core's lazy pipeline), then alternate so drift hits both.
  await desk();
  await bare();
  const d: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    d.push(await desk());
    b.push(await bare());
  }
  const dm = median(d);
  const bm = median(b);
  console.log(
    `desk interactive ${dm.toFixed(0)} ms · bare page ${bm.toFixed(0)} ms · desk/bare ${(dm / bm).toFixed(2)}x ` +
      `(median of ${RUNS}, warm, same server and browser; target ≤ 2x)`,
  );
  console.log(
    `  desk runs ${d.map((x) => x.toFixed(0)).join(', ')} · bare runs ${b.map((x) => x.toFixed(0)).join(', ')}`,
  );
} finally {
  await browser.close();
  await bridge.close();
  await core.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
