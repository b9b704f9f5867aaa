import type { Status } from '../../../../shared/contract';
import type { Core } from '../../container';

export function statusHandlers(core: Core) {
  return {
    'status.get': (): Status => ({
      appVersion: process.env.npm_package_version ?? '0.1.0',
      dataDir: core.config.dataDir,
      mode: core.config.mode,
      store: { state: 'open', encrypted: true, schemaVersion: core.store.schemaVersion() },
      models: [],
      fallbacks: ['lexicon-sentiment', 'fts5-retrieval', 'safe-template'],
    }),
  };
}
