import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startBridge } from '../../bridge';
import { createCoreDispatcher } from '../../core/api';
import { loadConfig, projectRoot } from '../../core/config';
import { createCore, storeExists, type LanEndpoint } from '../../core/container';
import { createLogger } from '../../core/log';
import {
  DATA_DIR_OPTION,
  dataDirFrom,
  JSON_OPTION,
  passphraseFrom,
  stringFlag,
  UsageError,
  type Command,
} from '../command';
import { EXIT } from '../exit-codes';
import { checkDataFolder } from '../output-path';
import { DEFAULT_LAN_PORT, startOrExplain } from './lan';

export function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535)
    throw new UsageError('--port must be 0-65535 (0 = any free port).');
  return Number(raw);
}

/**
 * Resolves on the first SIGINT/SIGTERM so the store is closed cleanly instead of the process dying. The
 * listener stays registered: once the model runtime is loaded, signal-exit (node-llama-cpp's lock files)
 * listens too, and re-raises the signal as soon as it is the only listener left, which killed the process
 * before its clean shutdown. A second signal still ends it at once.
 */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // As before this listener existed: the signal's own default, death by that signal.
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        process.kill(process.pid, signal);
        return;
      }
      stopping = true;
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Browser mode: the same core as the desktop app, behind the loopback bridge. With no passphrase in the
 * environment it exits 3 before touching the disk (there is no keychain in a terminal). A missing store
 * is created, with a note on stderr, so `confidant web --data-dir NEW` works on a fresh machine.
 */
export const webCommand: Command = {
  name: 'web',
  summary: 'Serve the UI in browser mode on 127.0.0.1 behind a per-launch token.',
  usage: 'web --data-dir DIR [--port P] [--lan on|off] [--lan-port P] [--lan-bind ADDR] [--json]',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    port: { type: 'string' },
    lan: { type: 'string' },
    'lan-port': { type: 'string' },
    'lan-bind': { type: 'string' },
  },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const port = parsePort(stringFlag(ctx, 'port'));
    const lanFlag = stringFlag(ctx, 'lan');
    if (lanFlag !== undefined && lanFlag !== 'on' && lanFlag !== 'off')
      throw new UsageError('--lan must be on or off.');
    const lanAt = {
      host: stringFlag(ctx, 'lan-bind') ?? '0.0.0.0',
      port:
        stringFlag(ctx, 'lan-port') === undefined ? DEFAULT_LAN_PORT : parsePort(stringFlag(ctx, 'lan-port')),
    };
    const passphrase = passphraseFrom(ctx);
    checkDataFolder(dataDir);
    const log = createLogger();
    const existed = storeExists(dataDir);
    const core = await createCore({
      config: loadConfig({ dataDir, mode: 'browser' }),
      passphrase,
      create: true,
      log,
      retentionSchedule: true,
    });
    if (!existed) ctx.info(`confidant web: no store in ${dataDir}; created a new encrypted one.`);
    if (core.users.count() === 0)
      ctx.info(
        'confidant web: no account yet: the first visit to the address creates the admin (or stop and run `confidant init --role-admin NAME`).',
      );
    const staticDir = join(projectRoot(), 'renderer', 'dist');
    if (!existsSync(join(staticDir, 'index.html'))) {
      ctx.info('confidant web: the UI is not built; run `npm run build:renderer` (the API still runs).');
    }
    const stopped = untilStopSignal();
    let bridge;
    try {
      bridge = await startBridge({
        dispatch: createCoreDispatcher(core, {
          // Other open tabs (the supervisor's queue, say) refresh when something changed; names only.
          onChange: (procedure) => core.events.publish({ topic: procedure, data: {} }),
        }),
        log,
        port,
        staticDir,
        events: core.events,
        hasSession: (token) => core.sessions.lookup(token, false).state !== 'none',
      });
    } catch (err) {
      await core.shutdown();
      throw err;
    }
    // Default: the endpoint runs when this desk is paired; `--lan on` also lets a new desk pair from here.
    let lan: LanEndpoint | null = null;
    if (lanFlag === 'on' || (lanFlag === undefined && core.lan.paired())) {
      lan = await startOrExplain(ctx, core, lanAt);
      if (!lan) ctx.info('confidant web: running without the LAN endpoint.');
    }
    const lanJson = lan ? { deviceId: lan.deviceId, role: lan.role, port: lan.port } : null;
    if (ctx.values.json) ctx.printJson({ url: bridge.url, port: bridge.port, dataDir, lan: lanJson });
    else {
      ctx.print('Confidant is running in browser mode. Open this address (it carries the access token):');
      ctx.print(bridge.url);
      ctx.info('Press Ctrl+C to stop.');
    }
    const signal = await stopped;
    ctx.info(`confidant web: ${signal}, shutting down.`);
    await lan?.close();
    await bridge.close();
    await core.shutdown();
    return EXIT.OK;
  },
};
