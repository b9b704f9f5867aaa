/**
 * Names written with initials, as registers, sign-in sheets, witness lines and theatre lists have them:
 *  - initials before the surname, each with its full stop: "A. J. Whitfield", "D. M. O'Leary",
 *    "by R. Mahmood". The full stops mark the letters as abbreviations, so the capitalised word after them
 *    is the surname whatever the gazetteer knows of it;
 *  - one initial without its full stop before the surname, after a payment party's cue or a title:
 *    "payable to A Abbas", "drawer T Mulligan", "Mrs B Adeyemi";
 *  - a known surname and then its initials, without the comma of "Wright, J": "Khan S (hernia repair)",
 *    "Smith A M 420 ...". The initials must close the name's field (a bracket, digits, punctuation or the
 *    line's end), so "Smith I think" and "Ward B" are not read.
 * The names pass's capitalised words hold the lone capital letters; only those are looked at further
 * (word-shapes.ts).
 */
import { F_LAST, F_NOT_NAME, F_ORG, FLAGS } from './persons-flags';
import type { Scan } from './scan';

/** Above a lone capitalised word after "Signed"/"by" (0.8), so "E" does not win over "E. R. Faulkner". */
const INITIALS_SCORE = 0.85;
const REGISTER_SCORE = 0.8;

// Lower-case words after which a single initial and a surname are a name rather than the end of a sentence
// ("owed to P. Kowalczyk", "collected by R. Mahmood"); after "vitamin D. Levels" or "plan B. Call" they are not.
const LEAD_WORDS = new Set([
  'to',
  'by',
  'from',
  'with',
  'for',
  'and',
  'or',
  'of',
  'cc',
  'via',
  'per',
  'attn',
  're',
]);

// Field labels that follow a spelled-out letter rather than a surname ("... H, I. Surname Eze").
const LABELS = new Set(['name', 'surname', 'forename', 'forenames', 'initials', 'initial', 'title']);

/**
 * The name a lone capital at `i` opens or closes (word-shapes.ts finds them among the names pass's
 * words); returns where the next may start, or -1.
 */
export function initialAt(s: Scan, u: Uint16Array, n: number, i: number): number {
  const c = u[i]!;
  if (c < 65 || c > 90 || (i > 0 && !isBreak(u[i - 1]!))) return -1;
  const d = u[i + 1]!;
  if (d === 46) {
    if (i > 0 && u[i - 1] === 46) return -1;
    return initialsThenSurname(s, u, n, i);
  }
  if (d === 32) {
    const end = u[i + 3] === 32 ? spacedInitials(s, u, n, i) : payeeInitial(s, u, n, i);
    if (end > 0) return end;
  }
  if (!isLetterOrDigit(d)) registerInitials(s, u, n, i);
  return -1;
}

// The parties a cheque, a transfer or an account names, as payment notes write them, and a title:
// initial and surname with no full stop ("payable to A Abbas", "drawer T Mulligan", "Mrs B Adeyemi").
const PAYEE_CUE =
  /(?:^|[^A-Za-z])(?:payee|payer|drawer|drawee|payable to|beneficiary|remitter|cardholder|account holder|in favour of|in the name of|mr|mrs|ms|miss|mx|dr)[:\s]\s*$/i;

/**
 * "payable to A Abbas", "Mr H Nasser": one capital without a full stop, then a capitalised surname,
 * after a payment party's cue or a title. Without the cue a lone capital is a list's letter or a grade ("plan B Smith", "Grade A
 * Maths"). Returns the name's end, or -1.
 */
function payeeInitial(s: Scan, u: Uint16Array, n: number, p: number): number {
  // A scanned form's doubled spaces ("Mrs  B  Adeyemi") as well as one. The surname's shape first:
  // most lone capitals ("I am", "A few") fail on it without the cue's regex.
  const from = u[p + 2] === 32 ? p + 3 : p + 2;
  const end = surnameEnd(u, n, from, true);
  if (end < 0) return -1;
  if (p < 3 || !PAYEE_CUE.test(s.text.slice(Math.max(0, p - 22), p)))
    return tabCellInitial(s, u, n, p, from, end);
  const f = FLAGS.get(u, s.text, from, end);
  if ((f & F_ORG) !== 0 || ((f & F_NOT_NAME) !== 0 && (f & F_LAST) === 0) || orgAfter(s, u, n, end))
    return -1;
  s.add(p, end, 'PERSON', INITIALS_SCORE);
  return end;
}

/**
 * "M J Patel", "A B Siddiqui": two or three capitals, each alone, then a surname the gazetteer knows.
 * Two spaced capitals before a listed surname are initials wherever they stand; a lone one needs a cue
 * (payeeInitial). Returns the name's end, or -1.
 */
function spacedInitials(s: Scan, u: Uint16Array, n: number, p: number): number {
  let q = p;
  let count = 0;
  while (count < 3 && isUpper(u[q] ?? 0) && u[q + 1] === 32) {
    count++;
    q += 2;
  }
  if (count < 2) return -1;
  const end = surnameEnd(u, n, q, true);
  if (end < 0) return -1;
  const f = FLAGS.get(u, s.text, q, end);
  if ((f & (F_NOT_NAME | F_ORG)) !== 0 || orgAfter(s, u, n, end)) return -1;
  // A surname in capitals after two initials is how cards and bank files print a name ("J P DUNMORE"):
  // one no list knows counts when it is long enough to be no acronym and has a vowel.
  if (
    (f & F_LAST) === 0 &&
    !(isUpper(u[q + 1]!) && end - q >= 4 && hasVowel(u, q, end) && ownField(u, n, p, end))
  )
    return -1;
  // The names pass may have stopped at the first initial after a title ("Mr T" of "Mr T J OKAFOR").
  for (const c of s.out) if (c.type === 'PERSON' && c.start === p && c.end < end) c.end = end;
  s.add(p, end, 'PERSON', INITIALS_SCORE);
  return end;
}

/**
 * "R PATTERSON" alone in a tab-separated cell, as a pasted card or payment export has the holder: one
 * capital and a surname in capitals, the cell's only content. Unlisted, the surname must be long enough
 * and have a vowel to be no code ("A NEG" is a blood group's cell).
 */
function tabCellInitial(s: Scan, u: Uint16Array, n: number, p: number, from: number, end: number): number {
  if (
    from !== p + 2 ||
    !isUpper(u[from + 1]!) ||
    (p > 0 && u[p - 1] !== 9) ||
    (end < n && u[end] !== 9 && u[end] !== 10)
  )
    return -1;
  const f = FLAGS.get(u, s.text, from, end);
  if ((f & (F_ORG | F_NOT_NAME)) !== 0) return -1;
  if ((f & F_LAST) === 0 && !(end - from >= 5 && hasVowel(u, from, end))) return -1;
  s.add(p, end, 'PERSON', INITIALS_SCORE);
  return end;
}

/**
 * A name in capitals ends its field at `end`: the text's or line's end, punctuation, a quote or a dash,
 * or a lower-case word goes on (a name typed in capitals in a sentence, not an acronym's run).
 */
function capsCloses(u: Uint16Array, n: number, end: number): boolean {
  if (end >= n || closesField(u, n, end)) return true;
  const c = u[end]!;
  if (c === 39 || c === 0x2019 || c === 34 || c === 46) return true;
  const d = u[end + 1] ?? 0;
  return c === 32 && (d === 45 || d === 0x2013 || isLowerAscii(d));
}

/** "A. J. Whitfield" starting at `p` (the first initial): adds it and returns its end, or -1. */
function initialsThenSurname(s: Scan, u: Uint16Array, n: number, p: number): number {
  let q = p;
  let count = 0;
  let tight = false;
  // Up to three initials, each a capital and a full stop, then a space or straight into the next one.
  while (count < 3 && q + 1 < n && isUpper(u[q]!) && u[q + 1] === 46) {
    count++;
    q += 2;
    if (u[q] === 32) q++;
    else if (isUpper(u[q] ?? 0) && u[q + 1] === 46) tight = true;
    else return -1;
  }
  if (u[q - 1] !== 32) return -1;
  const end = surnameEnd(u, n, q, true);
  if (end < 0) return -1;
  const f = FLAGS.get(u, s.text, q, end);
  // A surname in capitals ("K. O'DONNELL", as sign-in sheets and bank files print it) is no acronym when
  // listed, or long enough, with a vowel, and closing its field ("U.S. ARMY RESERVE" runs on).
  // Initials run together before one ("U.S. ARMY") are an abbreviation's.
  if (
    inCapitals(u, q) &&
    (f & F_LAST) === 0 &&
    (tight || !(end - q >= 4 && hasVowel(u, q, end) && capsCloses(u, n, end)))
  )
    return -1;
  if ((f & F_ORG) !== 0 || ((f & F_NOT_NAME) !== 0 && (f & F_LAST) === 0)) return -1;
  if (orgAfter(s, u, n, end) || LABELS.has(s.text.slice(q, end).toLowerCase())) return -1;
  if (spelledBefore(u, p)) return -1;
  if (count === 1 && !singleInitialLead(s, u, p, f | doubleBarrelled(s, u, q, end))) return -1;
  s.add(p, end, 'PERSON', INITIALS_SCORE);
  return end;
}

/**
 * What may stand before one initial and a surname: no word (a field's punctuation, a time, a bracket),
 * or one of the lower-case LEAD_WORDS. At a line's start a lettered list item ("B. Symptoms") is likelier,
 * so there the surname must be one the gazetteer knows.
 */
function singleInitialLead(s: Scan, u: Uint16Array, p: number, surnameFlags: number): boolean {
  let q = p - 1;
  while (q >= 0 && (u[q] === 32 || u[q] === 9)) q--;
  if (q < 0 || u[q] === 10 || u[q] === 13) return (surnameFlags & F_LAST) !== 0;
  const c = u[q]!;
  // After digits only a time ("09:15 P. Lam") or a bed's number ("Bed 12 J. Mwangi"): "... 96 B. Wire
  // details" ends an identifier with its letter.
  if (isDigitCode(c)) return afterTime(u, q) || afterPlace(s, u, q);
  if (!isLowerAscii(c)) return !isLetterOrDigit(c);
  let w = q;
  while (w > 0 && isLowerAscii(u[w - 1]!)) w--;
  if (w > 0 && isLetterOrDigit(u[w - 1]!)) return false;
  // After any other lower-case word ("analyst R. Osei") the surname must be one the gazetteer knows.
  return LEAD_WORDS.has(s.text.slice(w, q + 1)) || (surnameFlags & F_LAST) !== 0;
}

/**
 * F_LAST when a double-barrelled surname has a listed surname for a part ("Rossi-Bennett",
 * "Okafor-Hughes"): the compound is no list's, but a lettered list item is never hyphenated so.
 */
function doubleBarrelled(s: Scan, u: Uint16Array, start: number, end: number): number {
  for (let h = start + 2; h < end - 2; h++) {
    if (u[h] !== 45) continue;
    const f = FLAGS.get(u, s.text, start, h) | FLAGS.get(u, s.text, h + 1, end);
    return (f & F_LAST) !== 0 ? F_LAST : 0;
  }
  return 0;
}

/** Whether the digits ending at `q` are the minutes of a time ("09:15", "9.40"). */
function afterTime(u: Uint16Array, q: number): boolean {
  let r = q;
  while (r >= 0 && isDigitCode(u[r]!)) r--;
  return q - r === 2 && r > 0 && (u[r] === 58 || u[r] === 46) && isDigitCode(u[r - 1]!);
}

// Where a ward or a waiting list puts a person, then numbers them: "Bed 12", "bay 3", "Room 4".
const PLACES = new Set(['bed', 'bay', 'room', 'cubicle', 'chair', 'cot', 'side']);

/** Whether the digits ending at `q` number a bed or room ("Bed 12 J. Mwangi"). */
function afterPlace(s: Scan, u: Uint16Array, q: number): boolean {
  let r = q;
  while (r >= 0 && isDigitCode(u[r]!)) r--;
  if (r < 1 || u[r] !== 32) return false;
  let w = r;
  while (w > 0 && isLetterCode(u[w - 1]!)) w--;
  return PLACES.has(s.text.slice(w, r).toLowerCase());
}

/** A letter spelled out just before ("K, E, C, H, I."): the initial is the last letter of a spelling. */
function spelledBefore(u: Uint16Array, p: number): boolean {
  if (p < 4 || u[p - 1] !== 32 || (u[p - 2] !== 44 && u[p - 2] !== 45)) return false;
  return isUpper(u[p - 3]!) && (p < 4 || !isLetterOrDigit(u[p - 4]!));
}

/**
 * A known surname and its initials with no comma between: "Roberts L (", "Smith A M 420". `p` is the
 * first lone capital after the surname.
 */
function registerInitials(s: Scan, u: Uint16Array, n: number, p: number): void {
  if (p < 3 || u[p - 1] !== 32) return;
  // The surname just before: a capitalised (or all-capital) word.
  let w = p - 1;
  while (w > 0 && isLetterCode(u[w - 1]!)) w--;
  if (w === p - 1 || !isUpper(u[w]!) || p - 1 - w < 2) return;
  if (w > 0 && !isBreak(u[w - 1]!)) return;
  // A capitalised word before the surname makes it a given name's surname, read by the names pass.
  if (w >= 2 && u[w - 1] === 32 && isLetterCode(u[w - 2]!)) {
    let v = w - 2;
    while (v > 0 && isLetterCode(u[v - 1]!)) v--;
    if (isUpper(u[v]!) && !(v === 0 || u[v - 1] === 10 || u[v - 1] === 46)) return;
  }
  const f = FLAGS.get(u, s.text, w, p - 1);
  if ((f & F_LAST) === 0 || (f & (F_NOT_NAME | F_ORG)) !== 0) return;
  // A second initial ("Smith A M"), then the field must close.
  let end = p + 1;
  if (u[end] === 46) end++;
  if (u[end] === 32 && isUpper(u[end + 1] ?? 0) && !isLetterOrDigit(u[end + 2] ?? 32)) {
    end += 2;
    if (u[end] === 46) end++;
  }
  if (!closesField(u, n, end)) return;
  s.add(w, end, 'PERSON', REGISTER_SCORE);
}

/** The initials end a name's field: the text's or line's end, punctuation, or a space before a bracket or digits. */
function closesField(u: Uint16Array, n: number, end: number): boolean {
  if (end >= n) return true;
  const c = u[end]!;
  if (c === 10 || c === 13 || c === 9 || c === 44 || c === 59 || c === 41 || c === 47) return true;
  if (c !== 32) return false;
  const d = u[end + 1] ?? 10;
  return d === 40 || d === 45 || d === 0x2013 || d === 47 || isDigitCode(d) || d === 10;
}

/**
 * A capitalised surname from `p`: "Lam", "O'Leary", "Osei-Bonsu", "McKay"; with `capitals`, also one in
 * capitals ("FARRELLY", "ADEYEMI-COLE"). Its end, or -1.
 */
function surnameEnd(u: Uint16Array, n: number, p: number, capitals = false): number {
  if (p >= n || !isUpper(u[p]!)) return -1;
  if (capitals && inCapitals(u, p)) return capitalsEnd(u, n, p);
  let q = p + 1;
  let lower = 0;
  while (q < n) {
    const c = u[q]!;
    if (isLowerAscii(c) || (c >= 0xdf && c < 0x250 && c !== 0xf7)) {
      lower++;
      q++;
    } else if (
      isUpper(c) &&
      lower > 0 &&
      lower <= 3 &&
      q === p + 1 + lower &&
      u[q + 1] !== undefined &&
      isLowerAscii(u[q + 1]!)
    ) {
      // "McKay", "MacLeod", "DeSouza": one inner capital after a short prefix.
      q++;
    } else if (
      (c === 39 || c === 0x2019 || c === 45) &&
      isUpper(u[q + 1] ?? 0) &&
      isLowerAscii(u[q + 2] ?? 0)
    ) {
      q += 2;
    } else break;
  }
  if (q < n && (isLetterOrDigit(u[q]!) || u[q]! >= 0x250)) return -1;
  return q - p >= 2 && (lower > 0 || q - p > 2) ? q : -1;
}

/**
 * The name fills its field: a line's start, a label's colon, a comma, a tab or a bar before it, and the
 * line's or text's end, a comma, a tab or a bar after ("name_on_card,...,K M FARRELLY", "Payee: J P DUNMORE").
 */
function ownField(u: Uint16Array, n: number, start: number, end: number): boolean {
  let q = start - 1;
  while (q >= 0 && u[q] === 32) q--;
  const before = q < 0 ? 10 : u[q]!;
  const after = end >= n ? 10 : u[end]!;
  return isFieldEdge(before) && isFieldEdge(after);
}

const isFieldEdge = (c: number): boolean =>
  c === 10 || c === 13 || c === 9 || c === 44 || c === 124 || c === 58;

/** The capitalised word at `p` goes on in capitals: "LEWIS", and "O'NEILL" past its apostrophe. */
function inCapitals(u: Uint16Array, p: number): boolean {
  const c = u[p + 1] ?? 0;
  if (isUpper(c)) return true;
  return (c === 39 || c === 0x2019) && isUpper(u[p + 2] ?? 0) && isUpper(u[p + 3] ?? 0);
}

/** A word in capitals from `p` ("LEWIS", "O'NEILL", "OSEI-BONSU"): its end, or -1. */
function capitalsEnd(u: Uint16Array, n: number, p: number): number {
  let q = p;
  while (q < n) {
    if (isUpper(u[q]!)) q++;
    else if ((u[q] === 39 || u[q] === 0x2019 || u[q] === 45) && isUpper(u[q + 1] ?? 0) && q > p) q++;
    else break;
  }
  if (q < n && (isLetterOrDigit(u[q]!) || u[q]! >= 0x250)) return -1;
  return q - p >= 2 ? q : -1;
}

function hasVowel(u: Uint16Array, start: number, end: number): boolean {
  for (let q = start; q < end; q++) {
    const c = u[q]! | 32;
    if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121) return true;
  }
  return false;
}

/** "J. Sainsbury Ltd": a capitalised organisation's word after the surname makes it a company. */
function orgAfter(s: Scan, u: Uint16Array, n: number, end: number): boolean {
  if (u[end] !== 32 || !isUpper(u[end + 1] ?? 0)) return false;
  let q = end + 1;
  while (q < n && isLetterCode(u[q]!)) q++;
  return (FLAGS.get(u, s.text, end + 1, q) & F_ORG) !== 0;
}

/**
 * What may stand right before a name's first letter: not part of a word, a code ("A&E"), an address or
 * a temperature's degree sign ("store below 25°C. Manufacturer: ...": the letter is the unit).
 */
function isBreak(c: number): boolean {
  return (
    !isLetterOrDigit(c) &&
    c !== 0xb0 &&
    c !== 46 &&
    c !== 39 &&
    c !== 0x2019 &&
    c !== 45 &&
    c !== 95 &&
    c !== 64 &&
    c !== 38
  );
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetterCode(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

function isLetterOrDigit(c: number): boolean {
  return isLetterCode(c) || isDigitCode(c) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}
