import { join } from 'node:path';
import { projectRoot } from '../core/config';
import type { Logger } from '../core/log';
import {
  adoptBundledModels,
  loadManifest,
  modelDirs,
  resolveManifestPath,
  type BundledFileReport,
} from '../core/models';

/**
 * An installer may carry models (electron-builder extraResources → `<resources>/models`). They are copied
 * into the desk's models folder before the core starts, each file checked against the manifest's sha256.
 * A failure never blocks the app: it runs on its fallbacks and the status page shows what is missing.
 */
export async function adoptInstallerModels(
  resourcesPath: string,
  modelsDir: string,
): Promise<BundledFileReport[] | Error> {
  try {
    const manifest = loadManifest(resolveManifestPath(modelsDir, join(projectRoot(), 'models')));
    return await adoptBundledModels(join(resourcesPath, 'models'), modelDirs(modelsDir), manifest);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Ids and outcomes only: model files carry no customer data, and nothing else is logged. */
export function logAdoption(log: Logger, result: BundledFileReport[] | Error): void {
  if (result instanceof Error) {
    log.warn({ err: result }, 'bundled models: not adopted');
    return;
  }
  const adopted = result.filter((r) => r.outcome === 'adopted').length;
  const refused = result.filter((r) => r.outcome === 'mismatch' || r.outcome === 'no-hash');
  if (adopted > 0) log.info({ adopted }, 'bundled models: adopted');
  if (refused.length > 0) log.warn({ refused }, 'bundled models: refused (hash missing or wrong)');
}
