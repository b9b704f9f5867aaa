/**
 * The boundary choke points. Every place where text leaves the trusted core goes through exactly one
 * of these, so redaction is not scattered across call sites:
 *   prompt  → pseudonymised (the model sees <PERSON_1>; replies are rehydrated for staff only)
 *   staff   → rehydrated only when policy allows, otherwise tokens stay
 *   memory  → pseudonymised when a vault is at hand, else masked
 *   log     → masked ([EMAIL]) plus a catch-all for long digit runs
 *   audit   → masked, deep through JSON payloads (payloads must carry no PII)
 *   export  → masked, deep
 *   LAN     → pseudonymised tokens without any vault content, else masked; originals never travel
 *   packet  → escalation handoff text: the conversation's own tokens (<PERSON_1>), so a supervisor can
 *             follow who is who across turns and, when authorised, reveal them; masked without a vault.
 *             Packet and LAN also sweep leftover capitalised words that could be names (sweep.ts).
 */
import { BugError } from '../../../shared/errors';
import { defaultRedactor } from '../log';
import { detectPii } from './detect';
import { redactText } from './operators';
import type { Pseudonymizer } from './pseudonymize';
import { sweepLeftovers } from './sweep';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 64;

/** Applies `redact` to every string inside a JSON-like value, at any depth, without mutating it. */
export function redactJson<T>(value: T, redact: (text: string) => string = redactText, depth = 0): T {
  if (depth > MAX_DEPTH) throw new BugError('payload nested too deeply to redact');
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact, depth + 1)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactJson(v, redact, depth + 1);
    return out as T;
  }
  return value;
}

/** The log redactor: detector spans masked, then the log module's catch-all for stray numbers. */
export function redactForLog(text: string): string {
  return defaultRedactor(redactText(text));
}

export const boundaries = {
  /** Text on its way into an LLM prompt. */
  forPrompt(text: string, pseudonymizer: Pseudonymizer): string {
    return pseudonymizer.pseudonymize(text).text;
  },
  /** Model output on its way to the staff view: originals only when policy allows. */
  forStaffView(text: string, pseudonymizer: Pseudonymizer, options: { revealAllowed: boolean }): string {
    return options.revealAllowed ? pseudonymizer.rehydrate(text) : text;
  },
  /** Transcript and claim text of an escalation handoff packet: the prompt's tokens, never an original. */
  forPacket(text: string, pseudonymizer?: Pseudonymizer): string {
    return pseudonymizer
      ? pseudonymizer.pseudonymize(text, { sweep: true }).text
      : redactText(text, sweepLeftovers(text, detectPii(text)));
  },
  /** A log line or field. */
  forLog(text: string): string {
    return redactForLog(text);
  },
  /** Text about to be written to short- or long-term memory. */
  forMemory(text: string, pseudonymizer?: Pseudonymizer): string {
    return pseudonymizer ? pseudonymizer.pseudonymize(text).text : redactText(text);
  },
  /** An audit payload (any JSON); the ledger seals true PII separately under the subject key. */
  forAudit<T>(payload: T): T {
    return redactJson(payload);
  },
  /** Anything written into an export bundle. */
  forExport<T>(value: T): T {
    return redactJson(value);
  },
  /** An escalation packet bound for the LAN: tokens at most, never an original. */
  forLan<T>(packet: T, pseudonymizer?: Pseudonymizer): T {
    return redactJson(packet, (s) => boundaries.forPacket(s, pseudonymizer));
  },
} as const;

export type Boundary = keyof typeof boundaries;
