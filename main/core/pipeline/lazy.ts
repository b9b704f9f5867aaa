import { openLedger, type AuditLedger } from '../audit';
import type { Config } from '../config';
import type { Logger } from '../log';
import { createModelRuntime, type FullModelRuntime } from '../models';
import type { Store } from '../store';
import {
  createPipelineService,
  readSemanticThresholds,
  type PipelineService,
  type PipelineServiceOptions,
} from './service';

export interface LazyPipeline {
  /** Builds the pipeline (ledger, model runtime, registry, KB, tracer) on first use; later calls share it. */
  get(): Promise<PipelineService>;
  /** The model runtime if the pipeline has been built, without building it (status must stay cheap). */
  peekModels(): Pick<FullModelRuntime, 'status' | 'fallbacks'> | null;
  close(): Promise<void>;
}

/**
 * The container's handle on the pipeline. Opening the model runtime can load a GGUF file, which `init`
 * or `audit verify` must never pay for, so nothing is built until a turn or a demo asks (the escalation
 * queue is the container's own service and never builds it).
 * When the container already owns an audit ledger it passes it in: one appender per store.
 */
export function createLazyPipeline(options: {
  config: Config;
  store: Store;
  log: Logger;
  audit?: () => AuditLedger;
  /** Called after each completed turn (retention uses it to track a subject's last activity). */
  onTurnDone?: (conversationId: string) => void;
  /** The escalation queue, built by the container without the model runtime (listing it stays cheap). */
  escalations: PipelineServiceOptions['escalations'];
  conversations?: PipelineServiceOptions['conversations'];
}): LazyPipeline {
  let building: Promise<{
    service: PipelineService;
    models: FullModelRuntime;
    ownLedger: AuditLedger | null;
  }> | null = null;
  const build = async () => {
    const ownLedger = options.audit ? null : openLedger(options.store);
    const audit = options.audit ? options.audit() : (ownLedger as AuditLedger);
    try {
      const models = await createModelRuntime({
        config: options.config,
        store: options.store,
        audit,
        log: options.log,
      });
      const inner = createPipelineService({
        store: options.store,
        audit,
        log: options.log,
        models,
        // loadConfig has already applied the CONFIDANT_FLAGS override: one set of flags for every consumer.
        flags: options.config.flags,
        semanticThresholds: readSemanticThresholds(options.config.modelsDir),
        escalations: options.escalations,
        ...(options.conversations ? { conversations: options.conversations } : {}),
      });
      const onTurnDone = options.onTurnDone;
      const service: PipelineService = onTurnDone
        ? {
            ...inner,
            runTurn: async (input) => {
              const result = await inner.runTurn(input);
              onTurnDone(result.conversationId);
              return result;
            },
          }
        : inner;
      return { service, models, ownLedger };
    } catch (err) {
      ownLedger?.close();
      throw err;
    }
  };
  let built: { models: FullModelRuntime } | null = null;
  return {
    peekModels: () => built?.models ?? null,
    get() {
      building ??= build().then((b) => {
        built = b;
        return b;
      });
      return building.then((b) => b.service);
    },
    async close() {
      if (!building) return;
      const b = await building.catch(() => null);
      building = null;
      built = null;
      if (!b) return;
      // Queued shadow replays read the store and append to the ledger: let them finish first.
      await b.service.shadow.drain();
      await b.models.close();
      await b.service.tracer?.close();
      b.ownLedger?.close();
    },
  };
}
