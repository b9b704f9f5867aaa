import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import canonicalize from 'canonicalize';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { BugError, UserError } from '../../../shared/errors';
import type { PolicyPack } from './schema';
import { PackValidationError, parsePack } from './validate';

const MAX_PACK_BYTES = 1024 * 1024;

/** Parses pack text (YAML is a superset of JSON, but `.json` files get the stricter JSON parser). */
export function parsePackText(text: string, format: 'yaml' | 'json', sourceName = 'pack'): PolicyPack {
  if (text.length > MAX_PACK_BYTES)
    throw new UserError('VALIDATION', `Policy pack ${sourceName} is over 1 MiB.`);
  let raw: unknown;
  if (format === 'json') {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new PackValidationError(sourceName, [
        { path: '(root)', message: `not valid JSON (${err instanceof Error ? err.message : 'parse error'})` },
      ]);
    }
  } else {
    try {
      raw = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
    } catch (err) {
      const where =
        err instanceof YAMLParseError && err.linePos
          ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}`
          : '';
      const code = err instanceof YAMLParseError ? err.code : 'parse error';
      throw new PackValidationError(sourceName, [
        { path: '(root)', message: `not valid YAML${where} (${code})` },
      ]);
    }
  }
  return parsePack(raw, sourceName);
}

/** Loads a `.yaml`, `.yml` or `.json` pack file; throws UserError VALIDATION with path-level problems. */
export function loadPackFile(path: string): PolicyPack {
  const ext = extname(path).toLowerCase();
  const format = ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : null;
  if (!format)
    throw new UserError('VALIDATION', `Policy pack must be .yaml, .yml or .json: ${basename(path)}`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('NOT_FOUND', `No policy pack file ${basename(path)}.`);
    throw new UserError('VALIDATION', `Cannot read policy pack ${basename(path)} (${code ?? 'error'}).`);
  }
  return parsePackText(text, format, basename(path));
}

/** Content hash of a pack: sha256 over its RFC 8785 canonical JSON. Recorded with every decision. */
export function packHash(pack: PolicyPack): string {
  const canonical = canonicalize(pack);
  if (canonical === undefined) throw new BugError('policy pack is not JSON-serialisable');
  return createHash('sha256').update(canonical).digest('hex');
}
