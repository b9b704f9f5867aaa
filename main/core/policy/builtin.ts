import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BugError } from '../../../shared/errors';
import { projectRoot } from '../config';
import { parsePackText } from './loader';
import type { PolicyDomain, PolicyPack } from './schema';

/**
 * Folder of the shipped packs; exported so `confidant` commands and docs can point to it. Resolved from
 * the package root, not this file, so the compiled CLI and the packaged app (which ship this folder as
 * data) find it too.
 */
export const BUILTIN_PACK_DIR = `${join(projectRoot(), 'main', 'core', 'policy', 'packs')}/`;

const cache = new Map<PolicyDomain, PolicyPack>();

/** The shipped pack for a domain, validated on first use (a broken shipped pack is a bug). */
export function builtinPack(domain: PolicyDomain): PolicyPack {
  let pack = cache.get(domain);
  if (!pack) {
    const text = readFileSync(`${BUILTIN_PACK_DIR}${domain}.yaml`, 'utf8');
    try {
      pack = parsePackText(text, 'yaml', `${domain}.yaml`);
    } catch (err) {
      throw new BugError(`shipped policy pack ${domain} is invalid: ${(err as Error).message}`);
    }
    cache.set(domain, pack);
  }
  // Callers get their own copy: a pack is data, and nobody may mutate the cached original.
  return structuredClone(pack);
}
