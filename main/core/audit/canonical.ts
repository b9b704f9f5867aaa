import canonicalize from 'canonicalize';
import { UserError } from '../../../shared/errors';

/** RFC 8785 (JCS) canonical JSON. Rejects NaN, Infinity and lone surrogates instead of guessing. */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (err) {
    throw new UserError('VALIDATION', `Audit entry is not canonical JSON: ${(err as Error).message}`);
  }
  if (text === undefined) throw new UserError('VALIDATION', 'Audit entry is not JSON.');
  return text;
}
