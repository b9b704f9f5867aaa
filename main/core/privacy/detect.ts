import { UserError } from '../../../shared/errors';
import { HAS_HAN, persons } from './persons';
import { phones } from './phones';
import { addresses, postcodes } from './places';
import { Scan, type Candidate } from './scan';
import {
  bankAccounts,
  cards,
  datesOfBirth,
  emails,
  ibans,
  ips,
  keyedIds,
  nhsNumbers,
  ninos,
  sortCodes,
  ssns,
} from './structured';
import type { DetectOptions, PiiSpan, PiiType } from './types';

/** Texts longer than this are scanned in overlapping windows so memory stays bounded. */
export const CHUNK_SIZE = 32_768;
/** Longer than any span or context window we look at, so nothing is lost at a chunk edge. */
export const CHUNK_OVERLAP = 512;
/** Beyond this we refuse rather than tie up a desk for minutes. */
export const MAX_TEXT_LENGTH = 32 * 1024 * 1024;

const DEFAULT_MIN_SCORE = 0.5;
const HAS_DIGIT = /\d/;
const HAS_UPPER = /\p{Lu}/u;

/**
 * Which recognizers a request needs. Like Presidio's `entities`, asking for some types runs only the
 * recognizers for them, plus the ones whose spans can win an overlap against them: an IBAN's digits
 * hold a valid card or NHS number, an NHS number is phone-shaped, an address holds street names and
 * its postcode. The digit recognizers otherwise defer to each other through context words, so the
 * answer is the same as a full scan filtered afterwards; detect.test.ts checks that for every single
 * type and for random type subsets, and the competitor list below is what that check found necessary.
 */
type Plan = (type: PiiType) => boolean;
const EVERYTHING: Plan = () => true;
const COMPETITORS: Partial<Record<PiiType, readonly PiiType[]>> = {
  PERSON: ['ADDRESS'],
  POSTCODE: ['ADDRESS'],
  PHONE: ['CREDIT_CARD', 'IBAN', 'UK_NHS'],
  CREDIT_CARD: ['IBAN'],
  BANK_ACCOUNT: ['IBAN'],
  UK_NHS: ['IBAN'],
};

function planFor(types: ReadonlySet<PiiType> | null): Plan {
  if (types === null) return EVERYTHING;
  const run = new Set<PiiType>();
  const add = (type: PiiType): void => {
    if (run.has(type)) return;
    run.add(type);
    for (const c of COMPETITORS[type] ?? []) add(c);
  };
  for (const type of types) add(type);
  return (type) => run.has(type);
}
function scanText(text: string, want: Plan): Candidate[] {
  const s = new Scan(text);
  const hasDigit = HAS_DIGIT.test(text);
  if (want('EMAIL') && text.includes('@')) emails(s);
  if (hasDigit) {
    if (want('CREDIT_CARD')) cards(s);
    if (want('IBAN')) ibans(s);
    if (want('US_SSN')) ssns(s);
    if (want('UK_NHS')) nhsNumbers(s);
    if (want('UK_NINO')) ninos(s);
    // Context-only recognizers run only when their keyword is present at all.
    if (want('SORT_CODE') && s.hasKind('SORT')) sortCodes(s);
    if (want('BANK_ACCOUNT') && s.hasKind('ACCOUNT')) bankAccounts(s);
    if (want('PHONE')) phones(s);
    if (want('IP_ADDRESS') && (text.includes('.') || text.includes(':'))) ips(s, text.includes(':'));
    if (want('DATE_OF_BIRTH') && s.hasKind('DOB')) datesOfBirth(s);
    if (want('POSTCODE')) postcodes(s);
    if (want('ADDRESS')) addresses(s);
    if (want('PASSPORT') || want('MEDICAL_RECORD_NUMBER') || want('DRIVER_LICENSE')) keyedIds(s);
  }
  if (!want('PERSON')) return s.out;
  const hasHan = HAS_HAN.test(text);
  if (hasHan || HAS_UPPER.test(text) || text.includes(' is ') || text.includes("i'm ")) {
    persons(s, hasHan);
  }
  return s.out;
}

function byPriority(a: Candidate, b: Candidate): number {
  return b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start;
}

function byStart(a: PiiSpan, b: PiiSpan): number {
  return a.start - b.start;
}

function byCandidateStart(a: Candidate, b: Candidate): number {
  return a.start - b.start;
}

function overlapsAny(accepted: readonly PiiSpan[], from: number, start: number, end: number): boolean {
  for (let i = from; i < accepted.length; i++) {
    const a = accepted[i]!;
    if (start < a.end && a.start < end) return true;
  }
  return false;
}

/**
 * Highest score first, then longest; a candidate that overlaps an accepted one is dropped. Whether a
 * candidate survives depends only on candidates it overlaps, so the greedy choice is made per cluster
 * of overlapping candidates (most are alone) and only clusters are sorted by priority.
 */
function resolve(candidates: Candidate[], minScore: number, types: ReadonlySet<PiiType> | null): PiiSpan[] {
  // Types are filtered after overlap resolution: an NHS number must not resurface as a phone
  // number just because the caller asked for phones only.
  const eligible: Candidate[] = [];
  for (const c of candidates) if (c.score >= minScore) eligible.push(c);
  // Stable: equal starts keep recognizer order, which is the tie-break the priority sort inherits.
  eligible.sort(byCandidateStart);
  const accepted: PiiSpan[] = [];
  for (let i = 0; i < eligible.length;) {
    let j = i + 1;
    let reach = eligible[i]!.end;
    while (j < eligible.length && eligible[j]!.start < reach) {
      if (eligible[j]!.end > reach) reach = eligible[j]!.end;
      j++;
    }
    const from = accepted.length;
    const cluster = j === i + 1 ? null : eligible.slice(i, j).sort(byPriority);
    for (let k = i; k < j; k++) {
      const c = cluster === null ? eligible[k]! : cluster[k - i]!;
      if (cluster !== null && overlapsAny(accepted, from, c.start, c.end)) continue;
      accepted.push({ start: c.start, end: c.end, type: c.type, score: Math.round(c.score * 100) / 100 });
    }
    if (cluster !== null && accepted.length - from > 1) {
      const part = accepted.splice(from).sort(byStart);
      for (const a of part) accepted.push(a);
    }
    i = j;
  }
  return types === null ? accepted : accepted.filter((a) => types.has(a.type));
}

/**
 * Finds PII in `text`. Spans are sorted by start, never overlap, and use JavaScript string indices
 * (UTF-16 code units) with `end` exclusive, as ../shared/contracts/pii.md fixes.
 */
export function detectPii(text: string, options: DetectOptions = {}): PiiSpan[] {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new UserError(
      'VALIDATION',
      `Text too large for PII detection: ${text.length} characters (limit ${MAX_TEXT_LENGTH}).`,
    );
  }
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const types = options.types ? new Set(options.types) : null;
  const plan = planFor(types);
  if (text.length <= CHUNK_SIZE + CHUNK_OVERLAP) return resolve(scanText(text, plan), minScore, types);

  const spans: PiiSpan[] = [];
  for (let core = 0; core < text.length; core += CHUNK_SIZE) {
    const from = Math.max(0, core - CHUNK_OVERLAP);
    const to = Math.min(text.length, core + CHUNK_SIZE + CHUNK_OVERLAP);
    const window = text.slice(from, to);
    for (const span of resolve(scanText(window, plan), minScore, types)) {
      const start = span.start + from;
      // Each window owns the spans that start in its core; the overlap only supplies context.
      if (start < core || start >= core + CHUNK_SIZE) continue;
      const prev = spans[spans.length - 1];
      if (prev && start < prev.end) continue;
      spans.push({ ...span, start, end: span.end + from });
    }
  }
  return spans;
}
