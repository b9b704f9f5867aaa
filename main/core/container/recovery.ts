import type { AuditLedger } from '../audit';
import type { Logger } from '../log';
import { recoverInterruptedTurns, type LazyPipeline } from '../pipeline';
import { openPolicyRegistry } from '../policy';
import type { Store } from '../store';

const SWEEP_MS = 60_000;

/**
 * Sweeps interrupted turns at start-up and then every minute (a turn counts as interrupted only once it
 * is older than INTERRUPTED_AFTER_MS, so one that another process is still running is left alone). The
 * pipeline, and with it the model runtime, is built only when there is a turn to finish.
 */
export function scheduleRecovery(
  store: Store,
  audit: AuditLedger,
  log: Logger,
  pipeline: LazyPipeline,
): () => Promise<void> {
  const policies = openPolicyRegistry(store, audit);
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const sweep = (): void => {
    if (stopped) return;
    running = running
      .then(() =>
        recoverInterruptedTurns({
          store,
          audit,
          log,
          packExists: (hash) => policies.byHash(hash) != null,
          resume: async (input) => (await pipeline.get()).runTurn(input),
        }),
      )
      .catch((err: unknown) => log.warn({ code: (err as { code?: string }).code }, 'turn recovery failed'));
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
