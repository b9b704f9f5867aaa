/**
 * Models pre-bundled with an installer (electron-builder's extraResources: `<resources>/models`, laid out
 * like a models folder: `weights/<id>/<path>`, plus `weights/pins.json` for files the publisher gave no
 * hash for). On first start they are copied into the user's models folder, each file hashed while it is
 * copied and kept only if it matches the manifest (or the bundle's pin): an installer is not trusted more
 * than a download.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  expectedFor,
  filePath,
  modelDirs,
  readPins,
  writePins,
  type Manifest,
  type ModelDirs,
} from './manifest';

export type BundledFileOutcome = 'adopted' | 'present' | 'absent' | 'no-hash' | 'mismatch';

export interface BundledFileReport {
  id: string;
  path: string;
  outcome: BundledFileOutcome;
}

/**
 * Copies every bundled file that the target folder lacks, verified. Files already installed are left
 * alone (an upgrade never overwrites what a desk pulled or pinned itself). Safe to call on every start:
 * with nothing to adopt it only checks that files exist.
 */
export async function adoptBundledModels(
  bundleDir: string,
  target: ModelDirs,
  manifest: Manifest,
): Promise<BundledFileReport[]> {
  const reports: BundledFileReport[] = [];
  if (!existsSync(bundleDir)) return reports;
  const bundle = modelDirs(bundleDir);
  const bundlePins = readPins(bundle);
  const targetPins = readPins(target);
  let pinsChanged = false;
  for (const entry of manifest.models) {
    for (const file of entry.files) {
      const report = (outcome: BundledFileOutcome) =>
        reports.push({ id: entry.id, path: file.path, outcome });
      const from = filePath(bundle, entry, file);
      const to = filePath(target, entry, file);
      if (existsSync(to)) report('present');
      else if (!existsSync(from)) report('absent');
      else {
        const expected = expectedFor(entry, file, bundlePins);
        if (!expected.sha256) report('no-hash');
        else if (!(await copyVerified(from, to, expected.sha256))) report('mismatch');
        else {
          report('adopted');
          const pin = bundlePins[entry.id]?.[file.path];
          if (expected.pinned === 'pin' && pin) {
            targetPins[entry.id] = { ...targetPins[entry.id], [file.path]: pin };
            pinsChanged = true;
          }
        }
      }
    }
  }
  if (pinsChanged) writePins(target, targetPins);
  return reports;
}

/** Streams `from` to a temporary name beside `to`, hashing as it goes; renames only on a match. */
async function copyVerified(from: string, to: string, sha256: string): Promise<boolean> {
  mkdirSync(dirname(to), { recursive: true });
  const partial = `${to}.bundled-partial`;
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), tap, createWriteStream(partial));
    if (hash.digest('hex') !== sha256) {
      rmSync(partial, { force: true });
      return false;
    }
    renameSync(partial, to);
    return true;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}
