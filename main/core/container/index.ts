import type { Config } from '../config';
import { createLogger, type Logger } from '../log';
import { installLogRedaction } from '../privacy';
import { openStore, storeExists, type MasterKeyProvider, type Store } from '../store';
import { openUserDirectory, type UserDirectory } from '../users';
import { createLazyPipeline, type LazyPipeline } from '../pipeline';
import { createEventHub, type CoreEvents } from './events';

/**
 * The service container: builds every core service once, in dependency order, and tears them down in
 * reverse. Electron main, the bridge, and the CLI all start the core through here, so they run the same code.
 * Domains add their service as a field and a line in createCore/shutdown.
 */
export interface Core {
  readonly config: Config;
  readonly log: Logger;
  readonly store: Store;
  readonly users: UserDirectory;
  readonly events: CoreEvents;
  /** The per-turn pipeline (agents, policy graph, escalations), built on first use. */
  readonly pipeline: LazyPipeline;
  /** Closes services in reverse order of creation. Idempotent: signal handlers may race. */
  shutdown(): Promise<void>;
}

export interface CreateCoreOptions {
  config: Config;
  /** Headless unlock (CLI, browser mode): CONFIDANT_PASSPHRASE. */
  passphrase?: string;
  /** Desktop unlock: the Electron shell's OS-keychain provider. Takes precedence over `passphrase`. */
  masterKey?: MasterKeyProvider;
  log?: Logger;
  /** Create the store when it does not exist yet. */
  create?: boolean;
}

export async function createCore(options: CreateCoreOptions): Promise<Core> {
  // The log boundary: from here on every string field of every log line passes the PII detector.
  installLogRedaction();
  const log = options.log ?? createLogger();
  const closers: Array<() => void | Promise<void>> = [];
  try {
    const store = openStore({
      dataDir: options.config.dataDir,
      passphrase: options.passphrase,
      masterKey: options.masterKey,
      create: options.create ?? false,
    });
    closers.push(() => store.close());
    const events = createEventHub((err) => log.warn({ err }, 'event listener failed'));
    const users = openUserDirectory(store);
    const pipeline = createLazyPipeline({ config: options.config, store, log });
    closers.push(() => pipeline.close());
    let closed = false;
    return {
      config: options.config,
      log,
      store,
      users,
      events,
      pipeline,
      async shutdown() {
        if (closed) return;
        closed = true;
        await runClosers(closers, log);
      },
    };
  } catch (err) {
    // A half-built core must not leave the database open (and its WAL locked) behind a failed start.
    await runClosers(closers, log);
    throw err;
  }
}

async function runClosers(closers: Array<() => void | Promise<void>>, log: Logger): Promise<void> {
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch (err) {
      log.error({ err }, 'shutdown step failed');
    }
  }
}

export { storeExists };
export { createEventHub, type CoreEvent, type CoreEventListener, type CoreEvents } from './events';
