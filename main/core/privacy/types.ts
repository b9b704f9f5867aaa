/** Canonical PII type names from ../shared/contracts/pii.md. Add new ones at the end; never rename one. */
export const PII_TYPES = [
  'PERSON',
  'DATE_OF_BIRTH',
  'ADDRESS',
  'POSTCODE',
  'EMAIL',
  'PHONE',
  'IP_ADDRESS',
  'CREDIT_CARD',
  'IBAN',
  'BANK_ACCOUNT',
  'SORT_CODE',
  'US_SSN',
  'UK_NINO',
  'UK_NHS',
  'PASSPORT',
  'MEDICAL_RECORD_NUMBER',
  'DRIVER_LICENSE',
  /** Only the packet sweep (sweep-numbers.ts) emits it: an identifier number whose kind no cue names. */
  'REFERENCE',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

const TYPE_SET: ReadonlySet<string> = new Set(PII_TYPES);
export function isPiiType(value: string): value is PiiType {
  return TYPE_SET.has(value);
}

/** A detected span: JavaScript string indices (UTF-16 code units), `end` exclusive. */
export interface PiiSpan {
  start: number;
  end: number;
  type: PiiType;
  /** Confidence in [0, 1]. */
  score: number;
}

export interface DetectOptions {
  /** Only report these types (default: all). */
  types?: readonly PiiType[];
  /** Spans scoring below this are dropped (default 0.5). */
  minScore?: number;
  /** Text leaving the desktop: also mask leftover possible names and identifier numbers (sweep.ts). */
  sweep?: boolean;
  /**
   * Report a postcode that closes a postal address inside that ADDRESS span (one span from the first line
   * to the postcode) instead of as a POSTCODE of its own; a postcode alone stays POSTCODE. Off by default:
   * annotators differ (corpora B and C label the postcode apart, D to I inside the address). A US ZIP whose
   * prefix agrees with the state before it is joined either way (zip-states.ts). Applies where ADDRESS is
   * reported.
   */
  postcodeInAddress?: boolean;
}
