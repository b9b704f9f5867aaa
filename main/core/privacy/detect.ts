import { UserError } from '../../../shared/errors';
import { wipeCodeUnits } from './code-units';
import { FULL_REQUEST, requestFor, type Plan } from './detect-plan';
import {
  addressFields,
  inlineOrganisationAddresses,
  organisationAddresses,
  postcodeLines,
} from './address-fields';
import { inlineAddresses } from './inline-addresses';
import { japaneseAddresses } from './japanese-addresses';
import { dropLocalityNames, joinAddressParts, postcodeIntoAddress } from './address-join';
import { cuedValues } from './cued';
import { datesAfterNames } from './cued-dates';
import { cuedNames } from './cued-names';
import { signatureNames } from './signatures';
import { surnameFirstNames } from './surname-first';
import { kinNames } from './kin-names';
import { fromNames } from './from-names';
import { listNames } from './name-lists';
import { repeatedNames } from './name-repeats';
import { joinNameParts } from './name-joins';
import { speakerLabels } from './speaker-labels';
import { chatNames } from './chat-names';
import { aliasNames } from './alias-names';
import { wordShapeNames } from './word-shapes';
import { HAS_HAN, persons } from './persons';
import { ocrValues } from './ocr';
import { ocrCueValues } from './ocr-cues';
import { ocrNames } from './ocr-names';
import { glossedPassports } from './passport-nationality';
import { licenceFields } from './licence-fields';
import { correctedBirthDates } from './birth-corrections';
import { spokenIbans } from './spoken-ibans';
import { mayBeSpaced, spacedValues } from './spaced';
import { phones } from './phones';
import { dropOrgPhones } from './org-phones';
import { addresses, postcodes } from './places';
import { spokenAddresses } from './spoken-addresses';
import { poBoxes } from './po-boxes';
import { patientRecords } from './patient-records';
import { vetoNames } from './person-vetoes';
import { spelledNames } from './spelled-names';
import { bracketedEmails } from './obfuscated-emails';
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
  tabCellPairs,
} from './structured';
import { spokenPhones } from './spoken-phones';
import type { DetectOptions, PiiSpan, PiiType } from './types';

/** Texts longer than this are scanned in overlapping windows so memory stays bounded. */
export const CHUNK_SIZE = 32_768;
/** Longer than any span or context window we look at, so nothing is lost at a chunk edge. */
export const CHUNK_OVERLAP = 512;
/** Beyond this we refuse rather than tie up a desk for minutes. */
export const MAX_TEXT_LENGTH = 32 * 1024 * 1024;

const DEFAULT_MIN_SCORE = 0.5;
const HAS_UPPER = /\p{Lu}/u;

function scanText(text: string, run: Plan): Candidate[] {
  // Name cues serve the name readers and, on a text with lines, the chat answers (a question for a name
  // is not a question for the value cue after it); otherwise the pass leaves them out.
  const s = new Scan(text, run.PERSON || text.includes('\n'), run.PERSON);
  // The text pass has every ASCII digit run (what /\d/ finds) and notes '@', '.', ':' and tabs: no
  // search of the text for each.
  const digits = s.runs.count > 0;
  if (run.EMAIL && s.hasAtSign) emails(s);
  if (run.EMAIL && s.hasBracketedAt) bracketedEmails(s);
  if (digits) {
    if (run.CREDIT_CARD) cards(s);
    if (run.IBAN) ibans(s);
    if (run.US_SSN) ssns(s);
    if (run.UK_NHS) nhsNumbers(s);
    if (run.UK_NINO) ninos(s);
    // Sort codes, and the account number written beside one ("40-47-84, 31926819").
    if (run.SORT_CODE || run.BANK_ACCOUNT) sortCodes(s, s.hasKind('SORT'), s.hasKind('ACCOUNT'));
    // A sort code and an account in adjacent cells of a header-less tab-separated row.
    if ((run.SORT_CODE || run.BANK_ACCOUNT) && s.hasTab) tabCellPairs(s);
    // Context-only recognizers run only when their keyword is present at all.
    if (run.BANK_ACCOUNT && s.hasKind('ACCOUNT')) bankAccounts(s);
    if (run.PHONE) phones(s);
    if (run.IP_ADDRESS && s.hasPeriodOrColon) ips(s, s.hasColon);
    if (run.DATE_OF_BIRTH && s.hasKind('DOB')) datesOfBirth(s);
    if (run.DATE_OF_BIRTH && s.hasLines && s.hasKind('LICENSE')) licenceFields(s);
    if (run.POSTCODE) postcodes(s);
    if (run.ADDRESS) {
      addresses(s);
      if (s.hasBox) poBoxes(s);
      if (s.hasKind('POSTAL')) addressFields(s);
      postcodeLines(s);
      japaneseAddresses(s);
    }
    if (run.PASSPORT || run.MEDICAL_RECORD_NUMBER || run.DRIVER_LICENSE) {
      keyedIds(s);
      patientRecords(s);
    }
    if (run.PASSPORT) glossedPassports(s);
  }
  // Cued values run for the types asked for, and keyed ids always (they can outscore an NHS, card or
  // phone candidate on the same digits); the result is filtered after overlap resolution as before.
  cuedValues(s, run);
  if (run.DATE_OF_BIRTH && digits) correctedBirthDates(s);
  // A house number said in words has no digit run: apart from the digit readers; so has an IBAN spelled out.
  if (run.ADDRESS) spokenAddresses(s);
  if (run.IBAN) spokenIbans(s);
  if (run.PHONE) spokenPhones(s);
  if ((run.ADDRESS || run.POSTCODE) && s.hasLines) organisationAddresses(s);
  if (run.PERSON) names(s);
  // After the names: an addressee opening an address block is told from its first line by them.
  if (run.ADDRESS && digits) inlineAddresses(s);
  // A GP practice's or an employer's address, named on its line: after every address reader.
  if ((run.ADDRESS || run.POSTCODE) && digits) inlineOrganisationAddresses(s);
  // A date of birth right after a name ("Mrs Patel, 12/03/1961"): the names are found by now.
  if (run.DATE_OF_BIRTH && run.PERSON && digits) datesAfterNames(s);
  // Last: they scan the text's OCR readings, which refill the shared code units.
  if (digits) {
    if (s.ocrInWord) {
      ocrCueValues(s, run);
      // A name whose O or I came out as a digit ("H0LDEN"): read again with the letters put back.
      if (run.PERSON) ocrNames(s, names);
    }
    ocrValues(s, run);
    // Boxed form fields, one character a box: read again closed up (scans another text too).
    if (mayBeSpaced(s)) spacedValues(s, run, scanText);
  }
  return s.out;
}

function names(s: Scan): void {
  const text = s.text;
  // Names need a capital, a lower-case introduction (or spoken opener: "its jo bloggs calling") or Han
  // characters; the cheapest tests go first.
  const personsRan =
    HAS_UPPER.test(text) ||
    text.includes(' is ') ||
    text.includes("i'm ") ||
    HAS_HAN.test(text) ||
    mayOpen(text);
  if (personsRan) persons(s);
  // After the gazetteer pass: names it found are not read again.
  cuedNames(s, personsRan);
  signatureNames(s);
  surnameFirstNames(s);
  kinNames(s);
  fromNames(s);
  chatNames(s);
  spelledNames(s);
  wordShapeNames(s);
  aliasNames(s);
  // It joins words to the names they found.
  listNames(s);
  // A thread's other speakers, once one is a name.
  speakerLabels(s);
  // Last of the name readers: a name found once is found where it is mentioned again.
  repeatedNames(s, personsRan);
  // The pieces of one name that different readers left apart ("Harris, Dwayne", "Costa da Silva").
  joinNameParts(s);
  // Then what no reader could know: the public figures, units and roles in a name's place.
  vetoNames(s);
  if (s.quietFields.length > 0) dropQuietNames(s);
}

/** Drops the names read inside a field that holds no personal data (a "Surgery" or "Branch" column). */
function dropQuietNames(s: Scan): void {
  const q = s.quietFields;
  const out = s.out;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'PERSON') continue;
    for (let k = 0; k < q.length; k += 2) {
      if (c.start >= q[k]! && c.end <= q[k + 1]!) {
        out.splice(i, 1);
        break;
      }
    }
  }
}

/** A spoken opener the names pass reads in lower-case text: "it's", "its", "im", "names", "name's". */
function mayOpen(text: string): boolean {
  return (
    text.includes("'s ") ||
    text.includes('’s ') ||
    text.includes('its ') ||
    text.includes('im ') ||
    text.includes('names ')
  );
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

/** Insertion sort up to here: a few dozen candidates per text, in runs already sorted per recognizer. */
const INSERTION_SORT_MAX = 64;

/**
 * The candidates scoring at least `minScore`, sorted by start. Stable: equal starts keep recognizer
 * order, which is the tie-break the priority sort inherits. Small inputs are insertion-sorted inline
 * (no comparator calls), which is most of the cost of resolving a short text.
 */
function eligibleByStart(candidates: readonly Candidate[], minScore: number): Candidate[] {
  const eligible: Candidate[] = [];
  for (const c of candidates) {
    if (c.score < minScore) continue;
    let k = eligible.length;
    if (k >= INSERTION_SORT_MAX) {
      eligible.push(c);
      continue;
    }
    eligible.push(c);
    while (k > 0 && eligible[k - 1]!.start > c.start) {
      eligible[k] = eligible[k - 1]!;
      k--;
    }
    eligible[k] = c;
  }
  // Past the inline limit the tail is unsorted: finish with the (stable) built-in sort.
  if (eligible.length > INSERTION_SORT_MAX) eligible.sort(byCandidateStart);
  return eligible;
}

/**
 * Highest score first, then longest; a candidate that overlaps an accepted one is dropped. Whether a
 * candidate survives depends only on candidates it overlaps, so the greedy choice is made per cluster
 * of overlapping candidates (most are alone) and only clusters are sorted by priority.
 */
function resolve(
  text: string,
  candidates: Candidate[],
  minScore: number,
  types: ReadonlySet<PiiType> | null,
): PiiSpan[] {
  // Types are filtered after overlap resolution: an NHS number must not resurface as a phone
  // number just because the caller asked for phones only.
  const eligible = eligibleByStart(candidates, minScore);
  const accepted: PiiSpan[] = [];
  for (let i = 0; i < eligible.length;) {
    let j = i + 1;
    let reach = eligible[i]!.end;
    while (j < eligible.length && eligible[j]!.start < reach) {
      if (eligible[j]!.end > reach) reach = eligible[j]!.end;
      j++;
    }
    if (j === i + 2) {
      resolvePair(accepted, eligible[i]!, eligible[j - 1]!);
      i = j;
      continue;
    }
    const from = accepted.length;
    const cluster = j === i + 1 ? null : eligible.slice(i, j).sort(byPriority);
    for (let k = i; k < j; k++) {
      const c = cluster === null ? eligible[k]! : cluster[k - i]!;
      if (cluster !== null && overlapsAny(accepted, from, c.start, c.end)) continue;
      accepted.push(spanOf(c));
    }
    if (cluster !== null && accepted.length - from > 1) {
      const part = accepted.splice(from).sort(byStart);
      for (const a of part) accepted.push(a);
    }
    i = j;
  }
  dropLocalityNames(accepted, text);
  dropOrgPhones(accepted, text);
  if (types === null) return accepted;
  // A loop rather than filter(): no closure per text for a narrowed request.
  const reported: PiiSpan[] = [];
  for (const a of accepted) if (types.has(a.type)) reported.push(a);
  return reported;
}

function spanOf(c: Candidate): PiiSpan {
  return { start: c.start, end: c.end, type: c.type, score: Math.round(c.score * 100) / 100 };
}

/**
 * A cluster of two overlapping candidates (a before b by start), resolved as the general path in
 * `resolve` does without its slice and two sorts: most clusters are pairs. The built-in sort is stable,
 * so b goes first only when it has strict priority; the other is kept only when it does not overlap the
 * first (an empty span can touch without overlapping), and the two then go in start order.
 */
function resolvePair(accepted: PiiSpan[], a: Candidate, b: Candidate): void {
  const bFirst = byPriority(a, b) > 0;
  const first = bFirst ? b : a;
  const second = bFirst ? a : b;
  accepted.push(spanOf(first));
  if (second.start < first.end && first.start < second.end) return;
  if (second.start < first.start) accepted.splice(accepted.length - 1, 0, spanOf(second));
  else accepted.push(spanOf(second));
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
  const { types, plan } = options.types ? requestFor(options.types) : FULL_REQUEST;
  try {
    const spans =
      text.length <= CHUNK_SIZE + CHUNK_OVERLAP
        ? resolve(text, scanText(text, plan), minScore, types)
        : detectInWindows(text, plan, minScore, types);
    if (!plan.ADDRESS) return spans;
    joinAddressParts(spans, text);
    return postcodeIntoAddress(spans, text, options.postcodeInAddress === true);
  } finally {
    wipeCodeUnits();
  }
}

function detectInWindows(
  text: string,
  plan: Plan,
  minScore: number,
  types: ReadonlySet<PiiType> | null,
): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (let core = 0; core < text.length; core += CHUNK_SIZE) {
    const from = Math.max(0, core - CHUNK_OVERLAP);
    const to = Math.min(text.length, core + CHUNK_SIZE + CHUNK_OVERLAP);
    const window = text.slice(from, to);
    for (const span of resolve(window, scanText(window, plan), minScore, types)) {
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
