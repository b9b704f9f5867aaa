import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { createCore, type Core } from '.';

export interface TestCore {
  core: Core;
  dir: string;
  /** Shuts the core down (idempotent) and removes its data folder. */
  stop(): Promise<void>;
}

/** A real core on a fresh encrypted store in a temp folder, with no models installed (tests only). */
export async function startTestCore(passphrase = 'test passphrase'): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-core-'));
  const core = await createCore({
    config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'no-models') }),
    passphrase,
    create: true,
    log: createLogger({ level: 'silent' }),
  });
  return {
    core,
    dir,
    async stop() {
      await core.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
