import type { Config } from '../config';
import { createLogger, type Logger } from '../log';
import { openStore, storeExists, type Store } from '../store';

/**
 * The service container: builds every core service once, in dependency order, and tears them down in
 * reverse. Electron main, the bridge, and the CLI all start the core through here, so they run the same code.
 * Domains add their service as a field and a line in createCore/shutdown.
 */
export interface Core {
  readonly config: Config;
  readonly log: Logger;
  readonly store: Store;
  shutdown(): Promise<void>;
}

export interface CreateCoreOptions {
  config: Config;
  passphrase: string;
  log?: Logger;
  /** Create the store when it does not exist yet. */
  create?: boolean;
}

export async function createCore(options: CreateCoreOptions): Promise<Core> {
  const log = options.log ?? createLogger();
  const store = openStore({
    dataDir: options.config.dataDir,
    passphrase: options.passphrase,
    create: options.create ?? false,
  });
  const closers: Array<() => void | Promise<void>> = [() => store.close()];
  let closed = false;
  return {
    config: options.config,
    log,
    store,
    async shutdown() {
      if (closed) return;
      closed = true;
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (err) {
          log.error({ err }, 'shutdown step failed');
        }
      }
    },
  };
}

export { storeExists };
