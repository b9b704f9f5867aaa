/**
 * Operators turn detected spans into safe text (Presidio's anonymizer operators): mask as `[TYPE]`,
 * partial mask keeping the last few characters, keyed hash, or a fixed replacement.
 * Reversible pseudonyms live in pseudonymize.ts because they need the vault.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { assertNever } from '../../../shared/errors';
import { detectPii } from './detect';
import type { PiiSpan, PiiType } from './types';

export type Operator =
  | { kind: 'mask' }
  | { kind: 'partial'; keepLast?: number; char?: string }
  | { kind: 'hash'; key?: Buffer | string }
  | { kind: 'replace'; with: string };

/** Replaces each span with its replacement; spans must be sorted and non-overlapping. */
export function replaceSpans(
  text: string,
  spans: readonly PiiSpan[],
  replacement: (span: PiiSpan, original: string) => string,
): string {
  let out = '';
  let last = 0;
  for (const span of spans) {
    if (span.start < last) continue; // defensive: never emit overlapping replacements
    out += text.slice(last, span.start) + replacement(span, text.slice(span.start, span.end));
    last = span.end;
  }
  return out + text.slice(last);
}

/** The contract's redaction: each span becomes `[TYPE]`. Detects first when no spans are given. */
export function redactText(text: string, spans: readonly PiiSpan[] = detectPii(text)): string {
  return replaceSpans(text, spans, (span) => `[${span.type}]`);
}

/**
 * Masks every letter and digit but the last `keepLast`, keeping separators so the shape survives:
 * "4111 1111 1111 1234" → "**** **** **** 1234".
 */
export function partialMask(value: string, keepLast = 4, char = '*'): string {
  let keep = keepLast;
  const out: string[] = [];
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value[i]!;
    if (/[\p{L}\p{N}]/u.test(c)) {
      out.push(keep > 0 ? c : char);
      keep--;
    } else out.push(c);
  }
  return out.reverse().join('');
}

// A per-process key when none is given: hashes then link values within a run but cannot be
// reversed by hashing a dictionary of phone numbers, which an unkeyed hash would allow.
const PROCESS_HASH_KEY = randomBytes(32);

/** Keyed hash (HMAC-SHA256, 16 hex chars) of a value, normalised so spacing does not matter. */
export function hashValue(value: string, key: Buffer | string = PROCESS_HASH_KEY): string {
  const normalised = value.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHmac('sha256', key).update(normalised).digest('hex').slice(0, 16);
}

export function applyOperator(
  text: string,
  spans: readonly PiiSpan[],
  operator: Operator | ((type: PiiType) => Operator),
): string {
  return replaceSpans(text, spans, (span, original) => {
    const op = typeof operator === 'function' ? operator(span.type) : operator;
    switch (op.kind) {
      case 'mask':
        return `[${span.type}]`;
      case 'partial':
        return partialMask(original, op.keepLast ?? 4, op.char ?? '*');
      case 'hash':
        return `[${span.type}:${hashValue(original, op.key)}]`;
      case 'replace':
        return op.with;
      default:
        return assertNever(op, 'operator');
    }
  });
}
