/**
 * Phone numbers: a bounded pattern finds candidates at digit-run starts (and at '+' or '('), the UK
 * and North American numbering plans are checked directly, and anything else with an international
 * prefix goes through libphonenumber-js (phones-plan.ts).
 */
import { isAsciiLetter, isDigit } from './chars';
import type { ContextKind } from './context';
import { nationalPhone } from './phones-national';
import { DIGITS, NOT_PHONE, VALID, verdictOf, type Verdict } from './phones-plan';
import type { Scan } from './scan';

export { possibleByPlan } from './phones-plan';

// A '+' or '(' may open a phone number; digits with single separators follow. Bounded throughout.
// Only test() is called: the match end is lastIndex, so no match array is built.
const PHONE_RE =
  /(?<![\w+\-/.])(?:(?:\+|00)\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d(?:[ .-]?\(?\d\)?){5,15}(?![\w])/y;
// Two spaces count as one separator too: typed or pasted numbers often carry them ("07522  264049").
// Used only for texts where two spaces follow a digit run or a ')' right after one (the text pass notes
// it: Scan.spacedDigits): every two-space separator of this pattern comes there, so without one both
// patterns match alike. A search of the text for "  " cost more than the whole recognizer, because
// single spaces are everywhere.
const PHONE_RE_WIDE =
  /(?<![\w+\-/.])(?:(?:\+|00)\d{1,3}(?:[ .-]| {2})?)?(?:\(\d{1,5}\)(?:[ .-]| {2})?)?\d(?:(?:[ .-]| {2})?\(?\d\)?){5,15}(?![\w])/y;
// The same patterns without their lookbehind, for a second number slash-joined to a first one
// ("07700900123/07700900456"): elsewhere a '/' before digits is a date's or a fraction's.
const PHONE_RE_JOINED = new RegExp(PHONE_RE.source.replace('(?<![\\w+\\-/.])', ''), 'y');
const PHONE_RE_WIDE_JOINED = new RegExp(PHONE_RE_WIDE.source.replace('(?<![\\w+\\-/.])', ''), 'y');
const PHONE_COMPETITORS: ReadonlySet<ContextKind> = new Set([
  'ACCOUNT',
  'SORT',
  'NHS',
  'SSN',
  'CARD',
  'NOT_PII',
  'MRN',
  'PASSPORT',
  'LICENSE',
  'NINO',
  'DOB',
  'EVENT_DATE',
]);

/** What may sit between two digits of one phone number: ' ', '.', '-', '(' and ')'. */
function isPhoneGap(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 40 || c === 41;
}

/** ' ', '.' or '-': where a greedy match is cut back to drop a swallowed trailing group. */
function isCutSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46;
}

/** PHONE_RE's lookbehind: a number never continues a word, a '+', '-', '/' or '.'. */
function blocksStart(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 43 ||
    c === 45 ||
    c === 47 ||
    c === 46
  );
}

/**
 * True when run k reaches six digits through gaps of at most three phone separators: PHONE_RE needs
 * that many, so other runs are skipped without a regex call. Each step adds a digit, so the walk
 * stops within six runs.
 */
function reachesSixDigits(
  u: Uint16Array,
  k: number,
  count: number,
  starts: number[],
  ends: number[],
): boolean {
  let digits = 0;
  for (;;) {
    const end = ends[k]!;
    digits += end - starts[k]!;
    if (digits >= 6) return true;
    if (++k >= count || starts[k]! - end > 3) return false;
    for (let i = end; i < starts[k]!; i++) if (!isPhoneGap(u[i]!)) return false;
  }
}

/**
 * Copies the digits of text[start, end) into DIGITS and returns how many there are, or -1 for a
 * dotted quad (four groups of one to three digits, an IPv4 address).
 */
function loadDigits(u: Uint16Array, start: number, end: number): number {
  let n = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = u[i]!;
    if (c >= 48 && c <= 57) DIGITS[n++] = c - 48;
    else if (c === 46) dots++;
    else dots = 4; // anything else: not a dotted quad
  }
  return dots === 3 && isDottedQuad(u, start, end) ? -1 : n;
}

function countDigits(u: Uint16Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = u[i]!;
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Whether text[start, end) is exactly four dot-separated groups of one to three digits (IPv4). */
function isDottedQuad(u: Uint16Array, start: number, end: number): boolean {
  let i = start;
  for (let group = 0; group < 4; group++) {
    if (group > 0) {
      if (i >= end || u[i]! !== 46) return false;
      i++;
    }
    let n = 0;
    while (i < end && n < 4) {
      const c = u[i]!;
      if (c < 48 || c > 57) break;
      i++;
      n++;
    }
    if (n < 1 || n > 3) return false;
  }
  return i === end;
}

/**
 * A number typed straight after its cue's abbreviating dot ("tel.07700 900461", "mob.07700900461"):
 * PHONE_RE's lookbehind turns away digits after a '.', a decimal's or a version's, so the few phone
 * cues ending in one are read here.
 */
function gluedToCue(s: Scan): void {
  const u = s.codes;
  for (const h of s.hits) {
    if (h.kind !== 'PHONE' || u[h.end]! !== 46 || !isDigit(u[h.end + 1]!)) continue;
    const at = h.end + 1;
    const re = s.spacedDigits ? PHONE_RE_WIDE_JOINED : PHONE_RE_JOINED;
    re.lastIndex = at;
    if (re.test(s.text)) phoneAt(s, u, at, re.lastIndex);
  }
}

/**
 * A second number slash-joined to one just found ("07700900123/07700900456"): PHONE_RE's lookbehind
 * turns it away, as it turns away the digits after any '/', so it is read here, after the number it is
 * joined to, and kept out of the main loop.
 */
function slashJoined(s: Scan, found: number): void {
  const u = s.codes;
  const text = s.text;
  const re = s.spacedDigits ? PHONE_RE_WIDE_JOINED : PHONE_RE_JOINED;
  for (let k = found; k < s.out.length; k++) {
    const c = s.out[k]!;
    const at = c.end + 1;
    if (c.type !== 'PHONE' || u[c.end]! !== 47 || !(isDigit(u[at]!) || u[at]! === 43)) continue;
    re.lastIndex = at;
    if (re.test(text)) phoneAt(s, u, at, re.lastIndex);
  }
}

export function phones(s: Scan): void {
  const found = s.out.length;
  const text = s.text;
  const { count, starts, ends } = s.runs;
  // Code units (then 0s) read faster than charCodeAt; fetched after s.runs, whose pass may reuse them.
  const u = s.codes;
  let from = 0;
  const re = s.spacedDigits ? PHONE_RE_WIDE : PHONE_RE;
  for (let k = 0; k < count; k++) {
    const run = starts[k]!;
    if (run < from || !reachesSixDigits(u, k, count, starts, ends)) continue;
    // A number opens at a digit run, or at a '+' or '(' right before one (PHONE_RE needs a digit
    // after either): the opener is tried first, as a left-to-right scan would.
    const opener = run > 0 ? u[run - 1]! : 0;
    for (let at = opener === 43 || opener === 40 ? run - 1 : run; at <= run; at++) {
      if (at < from || (at > 0 && blocksStart(u[at - 1]!))) continue;
      re.lastIndex = at;
      if (!re.test(text)) continue;
      const matchEnd = re.lastIndex;
      from = matchEnd;
      const end = phoneAt(s, u, at, matchEnd);
      // A shortened number leaves the swallowed groups free for the next candidate.
      if (end !== -1 && end < from) from = end;
    }
  }
  if (s.out.length > found) slashJoined(s, found);
  gluedToCue(s);
}

/** Scores the PHONE_RE match at [at, matchEnd) and adds it; returns the number's end, or -1. */
function phoneAt(s: Scan, u: Uint16Array, at: number, matchEnd: number): number {
  const n = loadDigits(u, at, matchEnd);
  if (n < 0) return -1; // an IPv4 address, not a phone number
  if (isoDateAt(u, at)) return -1; // a log's time stamp ("2025-02-11 14:03:55")
  if (serviceNumber(u, at, matchEnd)) return -1; // an organisation's 03 / 080 / 084 / 087 number
  const first = u[at]!;
  const intlPlus = first === 43;
  const zeroZero = first === 48 && u[at + 1]! === 48;
  let verdict: Verdict = verdictOf(n, intlPlus, zeroZero);
  // A greedy match may swallow a following number ("07700 900123 2 times"): drop trailing groups,
  // cutting at the last separator and trimming separators before it. The shorter candidate's digits
  // are a prefix of DIGITS, so only their count changes.
  let candidateEnd = matchEnd;
  let shorterEnd = matchEnd;
  for (let tries = 0; tries < 3 && verdict !== VALID; tries++) {
    let cut = shorterEnd - 1;
    while (cut > at && !isCutSeparator(u[cut]!)) cut--;
    if (cut <= at) break;
    shorterEnd = cut;
    while (shorterEnd > at && isCutSeparator(u[shorterEnd - 1]!)) shorterEnd--;
    const digits = countDigits(u, at, shorterEnd);
    if (digits < 7) break; // too short to be any number, and every further cut is shorter still
    if (verdictOf(digits, intlPlus, zeroZero) === VALID) {
      verdict = VALID;
      candidateEnd = shorterEnd;
    }
  }
  let before: ContextKind | null | undefined;
  if (verdict === NOT_PHONE) {
    // Not a UK or North American number: perhaps another country's, written in its own format. The
    // regions' national numbers have 9 to 12 digits; most candidates stop at these cheap tests.
    if (first === 43 || n < 9 || n > 15) return -1;
    before = contextBefore(s, u, at);
    if (n <= 12 && foreignPhone(s, u, at, matchEnd, before === 'PHONE' || kinEntry(s, before, at))) {
      verdict = VALID;
    } else {
      // After a phone cue, an international number stored without its '+' (E.164 digits in an SMS
      // gateway's log: "msisdn=447911123456"), read by its calling code: one unbroken run of digits,
      // as systems store them (a grouped number is written for people, with its '+' or trunk 0).
      if (
        before !== 'PHONE' ||
        first === 48 ||
        n < 11 ||
        matchEnd - at !== n ||
        overlapsFound(s, at, matchEnd)
      ) {
        return -1;
      }
      verdict = verdictOf(n, true, false);
      if (verdict === NOT_PHONE) return -1;
    }
  }
  if (before === undefined) before = contextBefore(s, u, at);
  let end = candidateEnd;
  // A closing bracket with no opening one belongs to the sentence, not the number.
  if (u[end - 1]! === 41 && !opensBracket(u, at, end - 1)) end -= 1;
  let score = verdict === VALID ? 0.7 : 0.4;
  // A valid number is kept without the kin cue; only a merely possible one needs it.
  if (before === 'PHONE' || (verdict !== VALID && kinEntry(s, before, at))) score += 0.25;
  else if (before !== null && PHONE_COMPETITORS.has(before) && !(verdict === VALID && spentCue(s, u, at)))
    score -= 0.3;
  else if (s.after(end) === 'PHONE') score += 0.2;
  if (intlPlus || first === 40) score += 0.05;
  s.add(at, end, 'PHONE', score);
  return end;
}

/**
 * The nearest keyword before a number, or PHONE for a number that opens a line after a one-letter
 * label of a signature or contact block ("M: 087 838 1805", "T:", "P:", "F:").
 */
function contextBefore(s: Scan, u: Uint16Array, at: number): ContextKind | null {
  const before = s.before(at);
  if (before !== null || at < 3 || u[at - 1]! !== 32 || u[at - 2]! !== 58) return before;
  const label = u[at - 3]!;
  const lineStart = at === 3 || u[at - 4]! === 10;
  return lineStart && (label === 77 || label === 84 || label === 80 || label === 70) ? 'PHONE' : null;
}

/**
 * Whether the competing keyword before a valid number has been answered already, so it no longer speaks
 * for the number: its own value stands between them ("DOB 22/03/1999, tel +44 ..."), or a later clause
 * names the number afresh (both after a comma or semicolon) ("an account in Leeds, my new number is 07 ..."; "a work visa, my Indian
 * number is +91 ...").
 */
function spentCue(s: Scan, u: Uint16Array, at: number): boolean {
  const hit = s.beforeHit(at);
  if (hit === null) return false;
  // Only across a clause break: digits right before the number may be its own first groups
  // ("licence Q6748 44838 22267").
  let clause = -1;
  let answered = false;
  for (let i = hit.end; i < at; i++) {
    const c = u[i]!;
    if (c === 44 || c === 59) clause = i;
    else if (c >= 48 && c <= 57 && clause < 0) answered = true;
  }
  return clause >= 0 && (answered || NUMBER_WORD.test(s.text.slice(clause, at)));
}

const NUMBER_WORD = /\b(?:number|no)\b/i;

/**
 * A next-of-kin entry ("NOK: Jane Smith 0862003502", "next of kin Aiko Ito (wife) 0412345678") lists the
 * relative's name and then how to reach them: the number after the name is cued as a phone is. Name
 * cues are not context keywords (a request without names has none), so the line is read here.
 */
function kinEntry(s: Scan, before: ContextKind | null, at: number): boolean {
  if (before !== null) return false;
  const u = s.codes;
  const from = Math.max(0, at - KIN_REACH);
  // Walked back in code units (most numbers without a cue pass here): the entry is one line and one
  // sentence, so a line end or a sentence stop ends the walk.
  for (let i = at - 1; i >= from + 2; i--) {
    const c = u[i]!;
    if (c === 10 || ((c === 46 || c === 59) && u[i + 1]! === 32)) return false;
    // Both cues end in 'k' or 'n': any other character is passed over on one test.
    const lc = c | 32;
    if (lc !== 107 && lc !== 110) continue;
    if (isAsciiLetter(u[i + 1]!) || (i > 2 && isAsciiLetter(u[i - 3]!))) continue;
    const a = u[i - 2]! | 32;
    const b = u[i - 1]! | 32;
    // "nok", or "kin" closing "next of kin".
    if (a === 110 && b === 111 && (c | 32) === 107) return true;
    if (a === 107 && b === 105 && (c | 32) === 110 && i >= 10 && NEXT_OF.test(s.text.slice(i - 10, i - 2)))
      return true;
  }
  return false;
}

const KIN_REACH = 48;
const NEXT_OF = /^next of $/i;

/**
 * Whether [at, matchEnd) is another country's number (phones-national.ts). Without a cue it must be
 * grouped as national plans group (spaces or dots; hyphenated 3-2-4 and 3-3-4 are the shapes of SSNs and
 * NHS numbers). Kept out of phoneAt so the common path stays small.
 */
function foreignPhone(s: Scan, u: Uint16Array, at: number, matchEnd: number, cued: boolean): boolean {
  if (!cued) {
    const groups = groupsIn(u, at, matchEnd);
    if ((u[at]! === 48 ? groups < 2 : groups < 3) || hasHyphen(u, at, matchEnd)) return false;
  }
  return !overlapsFound(s, at, matchEnd, cued) && nationalPhone(s.text.slice(at, matchEnd), cued);
}

/**
 * Digits already taken by a card, IBAN or NHS number are not read again as a foreign phone number.
 * After a phone cue, an NHS number at its floor score (mod-11 passes by chance one time in eleven,
 * outside the issuing ranges and with no NHS word near) does not hold them: "M: 087 838 1805".
 */
function overlapsFound(s: Scan, start: number, end: number, cued = false): boolean {
  for (const c of s.out) {
    if (
      c.start < end &&
      start < c.end &&
      c.score >= 0.5 &&
      !(cued && c.type === 'UK_NHS' && c.score <= 0.5)
    ) {
      return true;
    }
  }
  return false;
}

function hasHyphen(u: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (u[i]! === 45) return true;
  return false;
}

/** Digit groups in [start, end): a number written in its national grouping has several. */
function groupsIn(u: Uint16Array, start: number, end: number): number {
  let groups = 0;
  let inDigits = false;
  for (let i = start; i < end; i++) {
    const digit = u[i]! >= 48 && u[i]! <= 57;
    if (digit && !inDigits) groups++;
    inDigits = digit;
  }
  return groups;
}

/**
 * A UK non-geographic service number (03xx, 0800/0808, 084x, 087x; 11 digits, or +44 and 10; 0800 with ten
 * digits too): a helpline or
 * switchboard, which belongs to an organisation, never a customer's own number.
 */
function serviceNumber(u: Uint16Array, at: number, end: number): boolean {
  // Every phone candidate passes here: count the digits first (no array per candidate), then read the
  // few leading digits the test needs in place, only for the three counts that can qualify.
  let digits = 0;
  for (let i = at; i < end; i++) if (u[i]! >= 48 && u[i]! <= 57) digits++;
  if (digits !== 11 && digits !== 12 && digits !== 14) {
    // Freephone 0800 also has ten-digit numbers ("0800 123 456", Ofcom's 0800 + six digits).
    return (
      digits === 10 &&
      u[at]! === 48 &&
      nthDigit(u, at, 1) === 8 &&
      nthDigit(u, at, 2) === 0 &&
      nthDigit(u, at, 3) === 0
    );
  }
  // Where the national number (after the trunk 0 or the +44 / 0044) starts.
  let from: number;
  const d0 = nthDigit(u, at, 0);
  if (u[at]! === 43 && digits === 12 && d0 === 4 && nthDigit(u, at, 1) === 4) from = 2;
  else if (digits === 14 && d0 === 0 && nthDigit(u, at, 1) === 0 && fourFour(u, at, 2)) from = 4;
  else if (digits === 11 && d0 === 0) from = 1;
  else return false;
  const a = nthDigit(u, at, from);
  const b = nthDigit(u, at, from + 1);
  if (a !== 8 || b !== 0) return a === 3 || (a === 8 && (b === 4 || b === 7));
  // Ofcom allocates only 0800 and 0808 in the 080 range: 0803 123 4567 is a Nigerian mobile, not a helpline.
  const c = nthDigit(u, at, from + 2);
  return c === 0 || c === 8;
}

/** Digits k and k + 1 from `at` are 4 and 4 (the 44 of 0044). */
function fourFour(u: Uint16Array, at: number, k: number): boolean {
  return nthDigit(u, at, k) === 4 && nthDigit(u, at, k + 1) === 4;
}

/** The value of the k-th digit (0-based) from `at`; the caller knows there are more than k. */
function nthDigit(u: Uint16Array, at: number, k: number): number {
  for (let i = at; ; i++) {
    const c = u[i]!;
    if (c >= 48 && c <= 57 && k-- === 0) return c - 48;
  }
}

/** dddd-dd-dd at `at`: an ISO date, which opens time stamps and never a phone number. */
function isoDateAt(u: Uint16Array, at: number): boolean {
  for (let k = 0; k < 10; k++) {
    const c = u[at + k]!;
    if (k === 4 || k === 7 ? c !== 45 : c < 48 || c > 57) return false;
  }
  return true;
}

function opensBracket(u: Uint16Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (u[i]! === 40) return true;
  return false;
}
