/**
 * Names by their position rather than their spelling: the words after a name cue (a "Name:" field, a
 * column or key called name, "spoke to", "pt", "nok", a greeting, a title, a sign-off line), items of a
 * list that a cue opens, and the owner in "X's card". Case does not decide (staff type "sarah jones" and
 * "SARAH JONES"), nor does script: any letters count. How strong the cue is decides how much evidence the
 * words themselves need:
 *  - strong (a field or shorthand that is followed by a name): any words that are not function words;
 *  - weak (greetings, titles, "this is"): capitalised words, or lower-case ones the gazetteer knows.
 */
import { codeUnits } from './code-units';
import {
  fold,
  wordFlags,
  F_AMBIGUOUS,
  F_FIRST,
  F_LAST,
  F_NOT_NAME,
  F_ORG,
  FLAGS,
  WORD_FLAGS,
} from './persons-flags';
import { PACKED_CHARS, SpanTable } from './persons-table';
import type { ContextHit, ContextKind } from './context';
import { AMBIGUOUS_FIRST_NAMES as AMBIGUOUS } from './names';
import { found } from './persons-pass';
import { orgField } from './org-fields';
import type { Scan } from './scan';

/** Above the gazetteer's scores: a field or shorthand cue knows better where the name ends. */
export const STRONG_SCORE = 0.96;

export type Strength = 'strong' | 'weak' | 'sign';

/** Per cue kind: how strong it is; NAME_COLON is strong before ':' (else weak), NAME_HEADER only there. */
const STRENGTH: Partial<Record<ContextKind, Strength | 'colon' | 'header'>> = {
  NAME: 'strong',
  NAME_COLON: 'colon',
  NAME_HEADER: 'header',
  NAME_WEAK: 'weak',
  NAME_TITLE: 'weak',
  NAME_SIGN: 'sign',
};

const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'prof',
  'nurse',
  'doctor',
  'mister',
  'missus',
  'sister',
  'sir',
  'dame',
  'rev',
]);

// Function words and desk words that never start or continue a name in these slots.
const STOP = new Set(
  `the a an my your our their his her its this that these those there here it i you we they he she me us
  them all everyone team sir madam customer customers patient patients staff manager and or but if so to of
  in on at by for from with about as is was be been are were am will would can could should may might must
  do did does have has had not no yes ok okay please thanks thank hi hello dear morning afternoon evening
  regards re again back just also still only new old card account sort code phone number date birth called calling
  since until unknown anonymous withheld
  didn't doesn't don't isn't wasn't weren't hasn't haven't hadn't can't couldn't won't wouldn't shouldn't
  ringing rang wants needs asked said says spoke came attended seen via who what when where why how which
  whom got get about after before over under up down out off into onto one two three four five some any
  each every both either neither just very really well good great fine sure sorry help lost stolen query
  fraud overdraft payment payments bank branch clinic ward gp surgery practice reception desk counter
  apple google samsung microsoft amazon visa mastercard monday tuesday wednesday thursday friday saturday
  sunday january february march april june july august september october november december christmas
  driver drivers driving
  easter new year eid diwali hanukkah boxing day good mr mrs ms miss dr prof nurse pending room bay bed
  details update updating my your number nhs dob mrn ref tel mob email address postcode today tomorrow
  yesterday now later tonight soon wife husband son daughter mother father mum dad partner brother sister
  friend neighbour neighbor carer grandson granddaughter compliance services service support operations
  finance accounts admin administration security department desk office hr legal billing enquiries
  complaints sales marketing helpdesk
  again everyone everybody guys folks mate mates love babe hun bud buddy pal both bye lol wishes officer
  specialist coordinator assistant adviser advisor secretary appt appointment appointments office letter
  note notes referral visit visits rx him hers herself himself myself yourself themselves ourselves
  gave denies denied disputes disputed reports reported states stated advises advised confirms confirmed
  match matches matched mismatch check checked change changed field att
  stable unstable overnight comfortable unwell alert orientated oriented confused asleep awake drowsy
  anxious calm tired settled improving deteriorating better worse sore nil nbm then need booking different wrong correct incorrect right same misspelt misspelled spelt spelled
  six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen
  twenty thirty forty fifty sixty seventy eighty ninety hundred thousand zero oh double triple first
  second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth
  fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth
  agrees agreed declines declined refuses refused claims claimed requests requested paid lost left took
  made received sent unable happy unhappy aware informed er erm um umm uh ah oh yeah yep hmm
  name names surname forename forenames form forms file files record records told tells omg lmao tbh btw idk
  variant variants spelling spellings
  pls plz thx i'm i’m i'd i'll i've`.split(/\s+/),
);

// STOP and TITLES as one table read from the code units (persons-table.ts): a word's role in nameAt.
const R_STOP = 1;
const R_TITLE = 2;
const ROLES = new Map<string, number>();
for (const w of STOP) ROLES.set(w, R_STOP);
for (const w of TITLES) ROLES.set(w, (ROLES.get(w) ?? 0) | R_TITLE);
const WORD_ROLES = new SpanTable(new Map([...ROLES].filter(([w]) => w.length <= PACKED_CHARS)));

/** The role of a lower-cased word (any length, any script). */
function roleOf(lower: string): number {
  return ROLES.get(lower) ?? 0;
}

function isAsciiSpan(u: Uint16Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (u[k]! >= 128) return false;
  return true;
}

// A word of letters (any script) and marks, with inner apostrophes or hyphens ("O'Brien", "Smith-Jones").
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/uy;

/**
 * A code, not a name: the word runs into digits ("EH8"), or a hyphen and digits follow ("VUD-866252"),
 * or it is a short letter group before digits ("LY 56 42 02 C").
 */
function isCodeAt(text: string, i: number, length: number): boolean {
  const u = codeUnits(text);
  let c = u[i]!;
  if (c === 45 || (c === 32 && length <= 3)) c = u[i + 1]!;
  return c >= 48 && c <= 57;
}

/**
 * The end of the name word at i, or -1: ASCII letters with inner apostrophes or hyphens are read
 * directly, and the (Unicode) regex runs only where a non-ASCII character is met.
 */
function wordEndAt(text: string, i: number): number {
  const u = codeUnits(text);
  let j = i;
  for (;;) {
    const c = u[j]!;
    if ((c | 32) >= 97 && (c | 32) <= 122) {
      j++;
      continue;
    }
    if (c >= 128) break;
    if ((c === 39 || c === 45) && j > i) {
      const d = u[j + 1]! | 32;
      if (d >= 97 && d <= 122) {
        j++;
        continue;
      }
      if (u[j + 1]! >= 128) break;
    }
    return j > i ? j : -1;
  }
  WORD.lastIndex = i;
  return WORD.exec(text) === null ? -1 : WORD.lastIndex;
}

/** A capitalised word with the gazetteer's organisation flag ("Ltd", "Surgery", "House"). */
function isOrg(u: Uint16Array, text: string, i: number, end: number, ascii: boolean, lower: string): boolean {
  const c = u[i]!;
  // A company's suffix is often typed in lower case ("Greggs plc", "Acme ltd").
  if (c >= 97 && c <= 122) return end - i === 3 && lowerSuffix(c, u[i + 1]!, u[i + 2]!);
  const f = ascii ? FLAGS.get(u, text, i, end) : wordFlags(fold(lower));
  return (f & F_ORG) !== 0;
}

/** "plc", "ltd", "llp", "llc" or "inc", from its three code units. */
function lowerSuffix(a: number, b: number, c: number): boolean {
  return (
    (a === 112 && b === 108 && c === 99) ||
    (a === 108 && b === 116 && c === 100) ||
    (a === 108 && b === 108 && (c === 112 || c === 99)) ||
    (a === 105 && b === 110 && c === 99)
  );
}

/** An organisation's or a department's word that no list has as a name ("Pharmacy", "Surgery"). */
function orgAlone(flags: number): boolean {
  return (flags & F_ORG) !== 0 && (flags & F_NOT_NAME) !== 0 && (flags & (F_FIRST | F_LAST)) === 0;
}

function isCapitalised(w: string): boolean {
  // An ASCII letter is capitalised when upper case; other characters are asked of the Unicode tables.
  const c = w.charCodeAt(0);
  if (c < 128) return c < 97 || c > 122;
  const first = w[0]!;
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

/** A letter with no case (Hangul, Han, Arabic, Devanagari...): in English text, a name's own script. */
function uncased(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return !((c | 32) >= 97 && (c | 32) <= 122);
  const first = w[0]!;
  return first.toLowerCase() === first.toUpperCase();
}

function known(lower: string): boolean {
  return uncased(lower) || knownFlags(wordFlags(fold(lower)));
}

/** `known` from a word's gazetteer flags (for a word with case). */
function knownFlags(f: number): boolean {
  return (f & (F_FIRST | F_LAST)) !== 0 && (f & F_NOT_NAME) === 0;
}

/**
 * The name starting at p (after any title) as [start, end], or null. Words are separated by one or two
 * spaces; at most four are taken. `line` keeps the name alone on its line (signatures).
 */
export function nameAt(text: string, p: number, strength: Strength, line = false): [number, number] | null {
  const u = codeUnits(text);
  const weak = strength === 'weak';
  let i = p;
  let start = -1;
  let end = -1;
  let words = 0;
  let capitalisedUnknown = 0;
  let titled = false;
  let lowerTitle = false;
  let abbreviatedTitle = false;
  let lowerInitial = false;
  for (let n = 0; n < 6 && words < 4; n++) {
    const wordEnd = wordEndAt(text, i);
    // A word before '=' is the next field's key (lastName=Brandt firstName=Tobias).
    if (wordEnd < 0 || u[wordEnd] === 61) break;
    const length = wordEnd - i;
    // An ASCII word is looked up from the code units (no slice, no lower-casing); any other word as
    // its lower-cased slice, exactly as the tables' own answers for ASCII words.
    const ascii = isAsciiSpan(u, i, wordEnd);
    const lower = ascii ? '' : text.slice(i, wordEnd).toLowerCase();
    const role =
      ascii && length <= PACKED_CHARS
        ? WORD_ROLES.get(u, text, i, wordEnd)
        : roleOf(lower || text.slice(i, wordEnd).toLowerCase());
    if ((role & R_TITLE) !== 0 && words === 0) {
      titled = true;
      lowerTitle = ABBREVIATED_TITLE.test(text.slice(i, wordEnd));
      abbreviatedTitle = lowerTitle || ABBREVIATED_TITLE.test(text.slice(i, wordEnd).toLowerCase());
      i = wordEnd;
      if (u[i]! === 46) i++;
      if (u[i]! !== 32) break;
      i++;
      continue;
    }
    // "Subject Access Request", "Millbrook Surgery": a capitalised organisation's or building's word
    // makes the words before it that organisation, not a person.
    if ((words > 0 || start >= 0) && isOrg(u, text, i, wordEnd, ascii, lower)) return null;
    // An initial after a title ("Dr M. Ferreira") belongs to the name that follows it.
    if (length === 1 && titled && words === 0 && u[i]! >= 65 && u[i]! <= 90 && u[wordEnd]! === 46) {
      if (u[wordEnd + 1]! !== 32) break;
      if (start < 0) start = i;
      i = wordEnd + 2;
      continue;
    }
    // So does a lower-case initial after a lower-case title, typed or dictated ("cc mrs p nolan"), when
    // a surname the gazetteer knows follows it ("dr i think" stays prose).
    if (
      length === 1 &&
      titled &&
      words === 0 &&
      start < 0 &&
      u[i]! >= 97 &&
      u[i]! <= 122 &&
      u[wordEnd]! === 32
    ) {
      start = i;
      lowerInitial = true;
      i = wordEnd + 1;
      continue;
    }
    // So does an initial opening a name field's value with no title ("name J Carter", name="M KHAN",
    // "Payee: J. Okafor"), when a capitalised word follows it.
    if (length === 1 && !titled && strength === 'strong' && start < 0 && u[i]! >= 65 && u[i]! <= 90) {
      const next = u[wordEnd]! === 46 ? wordEnd + 2 : wordEnd + 1;
      if (u[next - 1]! !== 32 || !(u[next]! >= 65 && u[next]! <= 90)) break;
      start = i;
      i = next;
      continue;
    }
    // A word that runs into digits is a code ("EH8", "GZ7LCNHK6"), and a lone letter is an initial.
    if (
      ((role & R_STOP) !== 0 && !(words === 0 && everydayGivenName(u, text, i, wordEnd))) ||
      length < 2 ||
      isCodeAt(text, wordEnd, length)
    )
      break;
    const cap = ascii ? u[i]! < 97 || u[i]! > 122 : isCapitalised(text[i]!);
    // The word's gazetteer flags, looked up once: `known` is uncased || knownFlags(flags).
    const flags =
      weak || cap ? (ascii ? FLAGS.get(u, text, i, wordEnd) & WORD_FLAGS : wordFlags(fold(lower))) : 0;
    const isKnown = (weak || cap) && ((!ascii && uncased(lower)) || knownFlags(flags));
    // An organisation's or a department's word alone ("From: Pharmacy", "To: Surgery"): no name.
    if (words === 0 && !titled && cap && orgAlone(flags)) return null;
    // After a title typed in lower case ("spoke w/ mr okafor", "w dr hassan") the surname is too;
    // only the abbreviations: "nurse", "miss" and "sister" are everyday words in lower case.
    if (
      weak &&
      !cap &&
      !isKnown &&
      (lowerInitial || !(titled && words < 2 && lowerTitle && !verbForm(text, i, wordEnd)))
    )
      break;
    if (lowerInitial && words === 0 && (cap || (flags & F_LAST) === 0)) break;
    // After a greeting, a first word on the gazetteer's not-a-name list ("Hi Support,") is no name; after
    // a title or a first name, and in a name field, it is (Dr Gold, Trevor Gold, Church, Winter).
    if (weak && words === 0 && !titled && (flags & (F_NOT_NAME | F_FIRST | F_LAST)) === F_NOT_NAME) {
      break;
    }
    if (cap && !isKnown) capitalisedUnknown++;
    if (start < 0) start = i;
    end = wordEnd;
    words++;
    i = end;
    if (u[i]! !== 32) break;
    i += u[i + 1]! === 32 ? 2 : 1;
  }
  if (start < 0 || end < 0) return null;
  // A mailbox's local part ("From: noreply@...") or a unit's name ("From: Lending Desk <...>", "To:
  // Collections Team") stands in a name's place without being one.
  if (u[end] === 64 || (!titled && unitAfter(u, text, end))) return null;
  // A lone capitalised word no list knows, after a weak cue, needs a closing mark ("Hi Cerys,"); after a
  // abbreviated title it is the surname whatever follows ("W/ DR NAIDOO.", where capitals hide the word's
  // shape); "nurse" and "sister" are everyday nouns too ("A NURSE CALLBACK?").
  if (strength === 'weak' && words === 1 && capitalisedUnknown === 1 && !abbreviatedTitle) {
    const c = u[end]!;
    if (!(c === 44 || c === 10 || c === 33)) return null;
    if (c === 10 && capsHeading(u, start, end)) return null;
  }
  if (line) {
    const c = u[end]!;
    if (!(c === 10 || c === 13 || end >= text.length)) return null;
  }
  return [start, end];
}

// Words after which the words before them name a desk or a unit of an organisation, not a person.
const UNIT_WORDS = new Set(
  `desk team teams department dept unit office services support operations helpdesk helpline enquiries
  inbox mailbox hub`.split(/\s+/),
);

/** Whether a unit's word (UNIT_WORDS) follows the name ending at `end`, after one space. */
function unitAfter(u: Uint16Array, text: string, end: number): boolean {
  if (u[end] !== 32) return false;
  let q = end + 1;
  while (q - end <= 12 && (u[q]! | 32) >= 97 && (u[q]! | 32) <= 122) q++;
  if (q - end < 4 || q - end > 12 || isLetter(u[q]!)) return false;
  return UNIT_WORDS.has(text.slice(end + 1, q).toLowerCase());
}

// A speaker's own introduction after a greeting: "hello it's ...", "hi, this is ...", "hiya i'm ...".
const INTRO = /,? ?(?:it'?s|it’s|this is|i'm|i’m|im|my name is) /iy;

/** "my " or a sentence's start before the cue word ending at p ("name"). */
function ownName(u: Uint16Array, p: number): boolean {
  let q = p - 1;
  while (q >= 0 && isLetter(u[q]!)) q--;
  if (q < 0 || u[q]! === 10) return true;
  if (u[q]! !== 32) return false;
  const a = u[q - 1]!;
  if (a === 46 || a === 33 || a === 63) return true;
  return (a | 32) === 121 && (u[q - 2]! | 32) === 109 && (q < 3 || !isLetter(u[q - 3]!));
}

const ON_DOCUMENT =
  /on (?:the |my |his |her |their )?(?:id|card|account|file|record|licence|license|passport)\b/iy;
const AS_ON_DOCUMENT =
  /as (?:(?:shown|written|printed|it appears|it is) )?on (?:the |my |his |her |their )?(?:id|card|account|file|record|licence|license|passport)\b/iy;

/**
 * Skips ':', '-', '#', spaces, "is" and an introduction between a cue and its name; -1 when a line
 * ends first.
 */
function valueStart(text: string, p: number): number {
  const u = codeUnits(text);
  let i = p;
  for (let n = 0; n < 12 && i < text.length; n++) {
    const c = u[i]!;
    if (c === 32 || c === 58 || c === 45 || c === 35 || c === 9 || c === 34) i++;
    // A log's quoted key=value (name="M KHAN"), capitalised: name="submit" is a form field.
    else if (c === 61 && u[i + 1]! === 34 && u[i + 2]! >= 65 && u[i + 2]! <= 90) i += 2;
    // An unquoted one in title case (surname=Brandt, lastName=Okafor): name=submit is a form's, and
    // name=MARK a log's code.
    else if (c === 61 && u[i + 1]! >= 65 && u[i + 1]! <= 90 && u[i + 2]! >= 97 && u[i + 2]! <= 122) i += 1;
    else if ((c | 32) === 105 && (u[i + 1]! | 32) === 115 && u[i + 2]! === 32) i += 3;
    // A bilingual field's gloss ("Surname / Nom", "Given names/Prénoms:"), as passports and their
    // scans print it: the label's translation, then the value.
    else if (c === 47 && n < 2) {
      GLOSS.lastIndex = i + 1;
      if (!GLOSS.test(text)) break;
      i = GLOSS.lastIndex;
    }
    // Told in the past, as call notes report it ("her name was ...", "NAME WAS ...").
    else if ((c | 32) === 119 && (u[i + 1]! | 32) === 97 && (u[i + 2]! | 32) === 115 && u[i + 3]! === 32)
      i += 4;
    else break;
  }
  // "my name's jo", "Name's Jo": the clipped "is" (after "my" or opening a sentence; "the account
  // name's different" is a remark).
  if ((u[i]! === 39 || u[i]! === 0x2019) && (u[i + 1]! | 32) === 115 && u[i + 2]! === 32 && ownName(u, p))
    i += 3;
  // "Name on ID jo bloggs", "name on the card: ...": where the name is written, then the name.
  if ((u[i]! | 32) === 111 && (u[i + 1]! | 32) === 110 && u[i + 2]! === 32) {
    ON_DOCUMENT.lastIndex = i;
    if (ON_DOCUMENT.test(text)) return valueStart(text, ON_DOCUMENT.lastIndex);
  }
  // "Name as on passport:", "name as shown on card": the same, said the forms' way.
  if ((u[i]! | 32) === 97 && (u[i + 1]! | 32) === 115 && u[i + 2]! === 32) {
    AS_ON_DOCUMENT.lastIndex = i;
    if (AS_ON_DOCUMENT.test(text)) return valueStart(text, AS_ON_DOCUMENT.lastIndex);
  }
  const c = u[i]! | 32;
  introduced = false;
  if (c === 105 || c === 116 || c === 109 || c === 44) {
    INTRO.lastIndex = i;
    if (INTRO.test(text)) {
      introduced = true;
      return INTRO.lastIndex;
    }
  }
  return i;
}

// One word after the slash, then the field's own colon or a column's gap.
const GLOSS = / ?\p{L}+(?: \p{L}+)?(?= ?:| {2}|\t)/uy;

/** A lower-case word after one space at `end` that is no function word (a surname may be). */
function beforeWord(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  const next = lowerWordAt(text, end + 1);
  return next !== null && next.length > 1 && !STOP.has(next);
}

/** Whether the cue is the notes' clipped "cust" or "pt", in any case. */
function clipped(u: Uint16Array, cue: ContextHit): boolean {
  const len = cue.end - cue.start;
  const a = u[cue.start]! | 32;
  const b = u[cue.start + 1]! | 32;
  if (len === 2) return a === 112 && b === 116;
  return (
    len === 4 && a === 99 && b === 117 && (u[cue.start + 2]! | 32) === 115 && (u[cue.start + 3]! | 32) === 116
  );
}

/** Whether the last valueStart skipped a speaker's introduction ("hi, it's ..."). */
let introduced = false;

/** Where /(?:,|;| and| &) {1,2}/y matches at p ends (a list separator), or -1; read with char codes. */
function listSepEnd(text: string, p: number): number {
  const u = codeUnits(text);
  const c = u[p]!;
  let q: number;
  if (c === 44 || c === 59) q = p + 1;
  else if (c === 32 && u[p + 1]! === 38) q = p + 2;
  else if (c === 32 && text.startsWith('and', p + 1)) q = p + 4;
  else return -1;
  if (u[q]! !== 32) return -1;
  return u[q + 1]! === 32 ? q + 2 : q + 1;
}

/** A name at p and the names listed after it ("A, B; C and D"). */
export function addNames(s: Scan, p: number, strength: Strength, score: number, list: boolean): void {
  const text = s.text;
  let at = p;
  for (let n = 0; n < 12; n++) {
    const span = nameAt(text, at, strength);
    if (span === null) return;
    s.add(span[0], span[1], 'PERSON', score);
    if (!list) return;
    at = listSepEnd(text, span[1]);
    if (at < 0) return;
  }
}

/** The lower-case ASCII word at p, or null when non-ASCII letters continue it. */
function lowerWordAt(text: string, p: number): string | null {
  const u = codeUnits(text);
  let q = p;
  while (q < text.length && q - p < 20) {
    const c = u[q]!;
    if (c < 97 || c > 122) break;
    q++;
  }
  return u[q]! > 127 ? null : text.slice(p, q);
}

// "this is ama warsame calling": a verb of calling after the words makes them a name, in any case.
// "hi this is ama warsame about my prescription": so does the caller's subject after a full name
// (two or three words: one word before "about" is as often "this is urgent about ...").
const CALLING = /^ (?:calling|ringing|phoning|speaking|here|again)\b/;
const SUBJECT = /^ (?:about|regarding|re|from)\b/;

/**
 * Lower-case words after a spoken opener with no greeting before it ("its jo bloggs calling about",
 * "names jo bloggs about my card", found by the names pass): as after a greeting, but "again" is no
 * calling verb here ("it's broken again"), and a word that reads as a verb form ("worried", "getting")
 * is no name unless the gazetteer knows it.
 */
function openerNames(s: Scan): void {
  const text = s.text;
  const u = codeUnits(text);
  for (let k = 0; k < found.intros; k++) {
    const p = found.introEnd[k]!;
    const c = u[p]!;
    if (c < 97 || c > 122 || !openerBefore(text, p) || personIn(s, p, p + 1, true)) continue;
    const word = lowerWordAt(text, p);
    if (word === null || STOP.has(word)) continue;
    const span = nameAt(text, p, 'strong');
    if (span === null || verbForm(text, span[0], span[1])) continue;
    const after = text.slice(span[1], span[1] + 12);
    // "it's broken again", "im sat here": only verbs of calling count after an opener alone.
    const calling = CALLING.test(after) && !after.startsWith(' again') && !after.startsWith(' here');
    // "from" is left out here: "so it's kept apart from the business money".
    if (
      calling ||
      (SUBJECT.test(after) && !after.startsWith(' from') && text.slice(span[0], span[1]).includes(' '))
    ) {
      s.add(span[0], span[1], 'PERSON', 0.85);
    }
  }
}

// "it's ", "its ", "it is ", "im ", "names ", "name's " ending just before a name.
const OPENER_BEFORE = /(?:^|[^a-z])(?:i(?:t['’]?s|t is|m)|name['’]?s) $/;

function openerBefore(text: string, p: number): boolean {
  // Every opener ends in "s " or "m " ("i am" and "i'm" do not count): most introductions stop here
  // unsliced.
  const u = codeUnits(text);
  const c = u[p - 2]! | 32;
  if (c === 109) return (u[p - 3]! | 32) === 105 && !isLetter(u[p - 4]!); // "im "
  if (c !== 115) return false;
  return OPENER_BEFORE.test(text.slice(Math.max(0, p - 8), p).toLowerCase());
}

/** A word of [from, to) ending in -ing or -ed that the gazetteer does not know. */
function verbForm(text: string, from: number, to: number): boolean {
  for (const w of text.slice(from, to).toLowerCase().split(/ +/)) {
    if ((w.endsWith('ing') || w.endsWith('ed')) && !known(w)) return true;
  }
  return false;
}

/**
 * A heading in capitals whose last word the cue word heads ("NEW PATIENT INTAKE", "ANNUAL CUSTOMER
 * REVIEW"): two or more words and no lower-case letter on the line before [start, end), itself in
 * capitals. A cue alone before the word ("PATIENT OKONJO") is a field, and stays read.
 */
function capsHeading(u: Uint16Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (u[k]! >= 97 && u[k]! <= 122) return false;
  let spaces = 0;
  let k = start - 1;
  for (; k >= 0 && u[k]! !== 10; k--) {
    const c = u[k]!;
    if (c >= 97 && c <= 122) return false;
    if (c === 32 && u[k + 1]! !== 32) spaces++;
  }
  return spaces >= 2;
}

// Titles that are abbreviations: after one typed in lower case, a lower-case surname still counts.
const ABBREVIATED_TITLE = /^(?:mr|mrs|ms|dr|prof)$/;

/** Words after a greeting or "this is" that a calling verb follows: added as a name. */
function introducedBy(s: Scan, p: number, greeting: boolean): boolean {
  // Cheap first: a calling verb must follow within four words.
  const ahead = s.text.slice(p, p + 48);
  if (!/ (?:calling|ringing|phoning|speaking|here|again|about|regarding|re|from)\b/.test(ahead)) return false;
  const span = nameAt(s.text, p, 'strong');
  if (span === null) return false;
  const after = s.text.slice(span[1], span[1] + 12);
  const subject =
    SUBJECT.test(after) && s.text.includes(' ', span[0]) && s.text.indexOf(' ', span[0]) < span[1];
  if (!CALLING.test(after) && !(subject && greeting && !verbForm(s.text, span[0], span[1]))) return false;
  s.add(span[0], span[1], 'PERSON', 0.85);
  return true;
}

/**
 * An everyday word that is also a given name, opening a name before a listed surname ("CUST WILL
 * HARRIS", "Name: may smith"): "will" and "may" stop a name everywhere else.
 */
function everydayGivenName(u: Uint16Array, text: string, i: number, end: number): boolean {
  if (u[end] !== 32 || (FLAGS.get(u, text, i, end) & F_AMBIGUOUS) === 0) return false;
  const next = wordEndAt(text, end + 1);
  return next > end + 2 && (FLAGS.get(u, text, end + 1, next) & F_LAST) !== 0;
}

/** Whether the first non-space character after the ':' that follows `p` is a lower-case letter. */
function lowerAfterColon(u: Uint16Array, p: number): boolean {
  let q = p;
  while (u[q] === 32) q++;
  if (u[q] === 58) q++;
  while (u[q] === 32) q++;
  return u[q]! >= 97 && u[q]! <= 122;
}

/** A weak cue ending in " for" or " of" ("calling for", "on behalf of"); the greetings do not. */
function forCue(u: Uint16Array, cue: ContextHit): boolean {
  const e = cue.end;
  if (u[e - 3] === 32) return (u[e - 2]! | 32) === 111 && (u[e - 1]! | 32) === 102;
  return u[e - 4] === 32 && (u[e - 3]! | 32) === 102 && (u[e - 2]! | 32) === 111 && (u[e - 1]! | 32) === 114;
}

/** Whether the word at p is a listed given name, everyday given name or surname. */
function listedAt(u: Uint16Array, text: string, p: number): boolean {
  const end = wordEndAt(text, p);
  return end > p && (FLAGS.get(u, text, p, end) & (F_FIRST | F_LAST | F_AMBIGUOUS)) !== 0;
}

/**
 * Whether a person found already starts in [from, to). With `wordOnly`, one that stops at its first
 * word does not count: the introductions' reading of a known given name ("it's padraig") leaves a
 * surname it does not know to the fuller readings here.
 */
function personIn(s: Scan, from: number, to: number, wordOnly = false): boolean {
  for (const c of s.out)
    if (
      c.type === 'PERSON' &&
      c.start >= from &&
      c.start < to &&
      c.score >= 0.5 &&
      !(wordOnly && s.text.charCodeAt(c.end) === 32 && !s.text.slice(c.start, c.end).includes(' '))
    )
      return true;
  return false;
}

/** Names after the text's name cues (found by the keyword pass). */
export function cuedNames(s: Scan, personsRan: boolean): void {
  const text = s.text;
  const u = codeUnits(text);
  for (const cue of s.cues) {
    let strength = STRENGTH[cue.kind];
    if (strength === undefined) continue;
    if (cue.kind === 'NAME_WEAK' && cue.end - cue.start === 2 && u[cue.start]! === 114)
      nameBeforeRe(s, cue.start);
    // "the new-patient form": a cue word inside a hyphenated compound qualifies a noun.
    if (cue.start > 0 && u[cue.start - 1]! === 45 && u[cue.start - 2]! !== 32) continue;
    const colon = u[cue.end]! === 58 || u[cue.end + 1]! === 58;
    // "Employer name:", "Practice name:": a field naming a firm or a place, not a person.
    if (orgField(text, cue.start, cue.end)) continue;
    // "From:", "cc:" head a field; "from the bank" is prose (the commonest cue of all), so without the
    // colon it is passed over at once. "Customer" without one still reads like a greeting.
    if (strength === 'header') {
      if (!colon) continue;
      // "CC: chest pain" is a clinical note's chief complaint: a lower-case value after "cc" must be known.
      strength = cue.end - cue.start === 2 && lowerAfterColon(u, cue.end) ? 'weak' : 'strong';
    }
    if (strength === 'colon') strength = colon ? (speakerLabel(text, cue) ? 'weak' : 'strong') : 'weak';
    // "the name is wrong", "the name's misspelt": a remark about a name, not an introduction.
    if (strength === 'strong' && !colon && theBefore(u, cue.start)) strength = 'weak';
    if (strength === 'sign') {
      // A sign-off line ("Kind regards,") puts the name alone on the next line.
      // A few words may finish the line ("Thanks so much,", "Best wishes to all,").
      // Read in place: most sign-off words are prose ("thanks for ..."), with no line end in reach.
      const nl = signOffLineEnd(text, cue.end);
      if (nl < 0) {
        const d = u[cue.end + 1]!;
        if (u[cue.end]! === 32 && d >= 97 && d <= 122) addressee(s, cue, cue.end + 1);
        continue;
      }
      let i = nl;
      while (u[i]! === 10 || u[i]! === 13) i++;
      const span = nameAt(text, i, 'strong', true);
      if (span) s.add(span[0], span[1], 'PERSON', 0.85);
      continue;
    }
    // A cue that is itself part of a word run ("Patient Name") is matched by its last word; a cue
    // followed by more letters ("names") never reaches here (the pass requires a word end).
    let p = cue.kind === 'NAME_TITLE' ? cue.start : valueStart(text, cue.end);
    // A greeting's comma before a lower-case word ("hiya, rob lewandowski calling", typed or
    // transcribed): the word is read as after "hiya " (known to the gazetteer, or a calling verb after).
    if (cue.kind === 'NAME_WEAK' && u[p]! === 44 && u[p + 1]! === 32) {
      const d = u[p + 2]!;
      if (d >= 97 && d <= 122) p += 2;
    }
    if (p >= text.length || u[p]! === 10) continue;
    // A capitalised name the gazetteer pass already found needs no second reading, and a lower-case
    // word that no name can be ("from the bank", "this is about") is turned away before any regex.
    const c = u[p]!;
    if (c >= 65 && c <= 90 && personIn(s, p, p + (cue.end - cue.start) + 2)) continue;
    // Who something is for ("calling for", "on behalf of") heads illnesses and firms as often: a
    // capitalised word there must be a listed name ("carer for Destiny,", not "test for Covid,").
    if (c >= 65 && c <= 90 && cue.kind === 'NAME_WEAK' && forCue(u, cue) && !listedAt(u, text, p)) continue;
    if (c >= 97 && c <= 122) {
      const word = lowerWordAt(text, p);
      // Non-ASCII letters follow the ASCII ones: leave the word to the full reading.
      if (word !== null) {
        // "Pt presented with ...", "cust refused ...": shorthand and then its verb, not a name.
        if (strength === 'strong' && !colon && verbForm(text, p, p + word.length)) continue;
        // "cust adamant.", "pt hard of hearing", "not cust error": after the clipped shorthand with no
        // colon, a lower-case word no list knows, alone or before a function word, is the note going
        // on; one before another word may be a name in full ("pt bushra balogun").
        if (
          strength === 'strong' &&
          !colon &&
          clipped(u, cue) &&
          !TITLES.has(word) &&
          !known(word) &&
          !beforeWord(text, p + word.length)
        )
          continue;
        if (STOP.has(word) && !TITLES.has(word)) {
          // "hey will,": an everyday word that is also a given name, addressed alone.
          if (strength === 'weak' && AMBIGUOUS.has(word)) addressee(s, cue, p, true);
          continue;
        }
        // After a greeting, a lower-case word must be known, or a calling verb must follow; or it is
        // the greeting's addressee alone before a comma or the line end ("hey will,", "thanks sam").
        if (strength === 'weak' && !TITLES.has(word)) {
          if (introducedBy(s, p, cue.kind === 'NAME_WEAK')) continue;
          if (!known(word)) {
            addressee(s, cue, p);
            if (cue.kind === 'NAME_COLON') tailName(s, p);
            continue;
          }
          // A known given name and a surname the gazetteer lacks ("Customer padraig ozturk."): the
          // fuller reading, at the same score, outranks the given name alone by its length.
          if (cue.kind === 'NAME_COLON') tailName(s, p);
        }
      }
    }
    if (strength === 'weak' && introduced && c >= 65 && c <= 90 && selfNamed(s, p)) continue;
    addNames(s, p, strength, strength === 'strong' ? STRONG_SCORE : 0.8, colon);
  }
  if (s.hasLines || text.startsWith('From:')) lineNames(s);
  // The names pass lists the code units above ASCII: where it ran, only those can be another script's.
  if (personsRan) listedOtherScriptNames(s);
  else {
    const other = text.search(OTHER_SCRIPT);
    if (other >= 0) otherScriptNames(s, other);
  }
  if (personsRan && found.intros > 0) openerNames(s);
  listedAfterNames(s);
  possessives(s);
}

/**
 * "Customer:" opening a line of a transcript is the speaker, not a field: the transcript has an agent's
 * or staff member's lines too. What follows is then read as after a greeting (capitals or known words).
 */
function speakerLabel(text: string, cue: ContextHit): boolean {
  if (cue.start > 0 && text.charCodeAt(cue.start - 1) !== 10) return false;
  return OTHER_SPEAKER.test(text);
}

const OTHER_SPEAKER =
  /(?:^|\n)(?:staff|agent|advisor|adviser|operator|reception|me|bot)(?: \([^)\n]{1,12}\))?:/i;

/** "the " (any case) just before p. */
function theBefore(u: Uint16Array, p: number): boolean {
  return (
    p >= 4 &&
    u[p - 1]! === 32 &&
    (u[p - 2]! | 32) === 101 &&
    (u[p - 3]! | 32) === 104 &&
    (u[p - 4]! | 32) === 116 &&
    (p === 4 || !isLetter(u[p - 5]!))
  );
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/**
 * "hey will,", "hi sam\n", "thanks sam" (at the end): one lower-case word alone after a greeting
 * that opens its line, or after a sign-off word, is the person addressed. "hi all," and "thanks
 * again" are turned away by the stop words.
 */
function addressee(s: Scan, cue: ContextHit, p: number, ambiguous = false): void {
  const text = s.text;
  const u = codeUnits(text);
  if (cue.kind !== 'NAME_WEAK' && cue.kind !== 'NAME_SIGN') return;
  const end = wordEndAt(text, p);
  if (end < 0 || end - p < 2) return;
  const next = u[end]!;
  const closes = next === 44 || next === 10 || next === 33 || end >= text.length;
  if (!closes || (cue.kind === 'NAME_SIGN' && next === 44)) return;
  // The greeting opens its line (a chat line may carry a speaker: "Agent: thanks sam").
  let b = cue.start - 1;
  while (b >= 0 && u[b]! === 32) b--;
  if (cue.kind === 'NAME_WEAK' && !(b < 0 || u[b]! === 10 || u[b]! === 58)) return;
  if (cue.kind === 'NAME_SIGN' && !(next === 10 || end >= text.length || next === 33)) return;
  if (!ambiguous && (STOP.has(text.slice(p, end).toLowerCase()) || verbForm(text, p, end))) return;
  s.add(p, end, 'PERSON', 0.8);
}

/**
 * "Hi, it's Nia.", "hello, this is Marcus from the branch": one capitalised word after a greeting and
 * the speaker's introduction names the speaker when a sentence end, a comma or "from" / "here" /
 * "calling" follows. Returns whether it added one.
 */
function selfNamed(s: Scan, p: number): boolean {
  const text = s.text;
  const end = wordEndAt(text, p);
  if (end < 0 || end - p < 2 || text.charCodeAt(p + 1) < 97) return false;
  const f = FLAGS.get(codeUnits(text), text, p, end) & WORD_FLAGS;
  if ((f & F_NOT_NAME) !== 0 && (f & (F_FIRST | F_LAST)) === 0) return false;
  if (STOP.has(text.slice(p, end).toLowerCase())) return false;
  if (!/^(?:[.,!?]|$| (?:from|here|calling|speaking)\b)/.test(text.slice(end, end + 10))) return false;
  s.add(p, end, 'PERSON', 0.8);
  return true;
}

// What ends a name in a note after "Customer", "Holder", "patient": the sentence or text, or an age.
const TAIL_END = /^(?:\.(?:\s|$)|$|,? \d{1,3} ?(?:y|yo|yrs?|years?|[mf])\b)/i;

/**
 * "Customer padraig ozturk.", "Holder usman abdi.", "patient aaliyah pham 31y c/o SOB": two or three
 * lower-case words after a role cue (no colon), ending the sentence or followed by an age, name the
 * person; "patient feeling unwell." and "customer advised accordingly." are turned away by the verb
 * forms and stop words.
 */
function tailName(s: Scan, p: number): void {
  const text = s.text;
  const span = nameAt(text, p, 'strong');
  if (span === null || span[0] !== p) return;
  const words = text.slice(span[0], span[1]).split(' ');
  if (words.length < 2 || words.length > 3 || verbForm(text, span[0], span[1])) return;
  if (!TAIL_END.test(text.slice(span[1], span[1] + 12))) return;
  s.add(span[0], span[1], 'PERSON', 0.8);
}

// Staff shorthand between a caller and "re": "rang re", "in re", "called re", "att branch re".
const BEFORE_RE =
  /(?:^|[\s.:])((?:[\p{L}'’-]+ ){1,3})(?:rang|called|phoned|emailed|wrote|came in|in|att(?:ended)?(?: branch)?|visited(?: branch)?) $/u;

/**
 * "c/o rich pilkington rang re DD cancel", "FAITH VAUGHAN in re lost card": the words that open a note
 * or follow "c/o" before a calling verb and "re" name the caller (two or three words, or one after a
 * title).
 */
function nameBeforeRe(s: Scan, re: number): void {
  const text = s.text;
  // "rang re ", "in re ": a space on both sides and a word ending in one of the verbs' last letters
  // (g n d e t h) before it; "we're", "Re:" and most prose stop here.
  if (text.charCodeAt(re + 2) !== 32 || text.charCodeAt(re - 1) !== 32) return;
  const last = text.charCodeAt(re - 2);
  if (last !== 103 && last !== 110 && last !== 100 && last !== 101 && last !== 116 && last !== 104) return;
  const from = Math.max(0, re - 60);
  const m = BEFORE_RE.exec(text.slice(from, re));
  if (m === null) return;
  const start = from + m.index + m[0].length - m[0].trimStart().length;
  // The words must open the note, its line or sentence, or follow "c/o".
  const lead = text.slice(Math.max(0, start - 5), start);
  if (!(start === 0 || /(?:[\n.:]\s*|c\/o )$/i.test(lead))) return;
  const span = nameAt(text, start, 'strong');
  if (span === null || span[0] !== start || span[1] !== start + m[1]!.length - 1) return;
  const words = text.slice(span[0], span[1]).split(' ').length;
  // A shorter reading (a known given name before a surname in capitals) is outranked, not a reason to stop.
  if (words < 2 || verbForm(text, span[0], span[1]) || personIn(s, span[0], span[1], true)) return;
  s.add(span[0], span[1], 'PERSON', 0.85);
}

/** The newline within 21 characters of p when no digit, ':' or '@' comes before it; else -1. */
function signOffLineEnd(text: string, p: number): number {
  const u = codeUnits(text);
  const limit = Math.min(text.length, p + 21);
  for (let i = p; i < limit; i++) {
    const c = u[i]!;
    if (c === 10) return i;
    if ((c >= 48 && c <= 57) || c === 58 || c === 64) return -1;
  }
  return -1;
}

/** An '@' in the word at p, before any space, line break, comma, semicolon or '<'. */
function bareAddressAt(text: string, p: number): boolean {
  const limit = Math.min(text.length, p + 64);
  for (let i = p; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return i > p;
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44 || c === 59 || c === 60) return false;
  }
  return false;
}

// "1. ", "2) ", "- ", "* ", "• " opening a line: a list item.
const BULLET = /^[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+/gm;
// "--" alone on a line: the signature delimiter of e-mail.
const SIG_DELIMITER = /^-- ?$/gm;
// An e-mail header naming people. "from" is no keyword (it is among the commonest words of running
// text); a header line is found here instead.
const HEADER = /^(?:From|FROM|To|TO):[ \t]*/gm;

/**
 * Names by line layout: the line after an e-mail signature delimiter, and list items that open with
 * a name followed by " - " and a value (a callback list); other items need capitals or the gazetteer.
 */
function lineNames(s: Scan): void {
  const text = s.text;
  // exec loops rather than matchAll, which clones its regex per call.
  SIG_DELIMITER.lastIndex = 0;
  for (let m = SIG_DELIMITER.exec(text); m !== null; m = SIG_DELIMITER.exec(text)) {
    const span = nameAt(text, m.index + m[0].length + 1, 'strong', true);
    if (span) s.add(span[0], span[1], 'PERSON', 0.85);
  }
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m !== null; m = HEADER.exec(text)) {
    const p = m.index + m[0].length;
    // A bare address ("To: referrals@trust.example"): its local part is a mailbox, no name.
    if (bareAddressAt(text, p)) continue;
    addNames(s, p, 'strong', STRONG_SCORE, true);
  }
  BULLET.lastIndex = 0;
  for (let m = BULLET.exec(text); m !== null; m = BULLET.exec(text)) {
    const p = m.index + m[0].length;
    const weak = nameAt(text, p, 'weak');
    const span = weak ?? nameAt(text, p, 'strong');
    if (span === null) continue;
    const rest = text.slice(span[1], span[1] + 4);
    const itemEnd = /^(?: [-–—] |, |\n|$)/.test(rest);
    if (!itemEnd) continue;
    // Without capitals or a known word, only a "name - value" item counts.
    if (weak === null && !/^ [-–—] [\d(+]/.test(text.slice(span[1], span[1] + 4))) continue;
    s.add(span[0], span[1], 'PERSON', 0.82);
  }
}

// Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, kana, Han, Hangul.
const SCRIPT =
  '\\u0370-\\u03ff\\u0400-\\u04ff\\u0590-\\u06ff\\u0900-\\u097f\\u0e00-\\u0e7f\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af';
// Whole script blocks, their combining marks included on purpose.
// eslint-disable-next-line no-misleading-character-class
const OTHER_SCRIPT = new RegExp(`[${SCRIPT}]`);
// eslint-disable-next-line no-misleading-character-class
const OTHER_RUN = new RegExp(`[${SCRIPT}][${SCRIPT}\\p{M}]*(?: [${SCRIPT}][${SCRIPT}\\p{M}]*){0,3}`, 'gu');

// OTHER_RUN anchored: tried only where the names pass listed a character of those scripts.
const OTHER_RUN_AT = new RegExp(OTHER_RUN.source, 'uy');

/** A code unit of SCRIPT's ranges (all in the BMP, none a surrogate). */
function isOtherScript(c: number): boolean {
  return (
    (c >= 0x370 && c <= 0x4ff) ||
    (c >= 0x590 && c <= 0x6ff) ||
    (c >= 0x900 && c <= 0x97f) ||
    (c >= 0xe00 && c <= 0xe7f) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af)
  );
}

/**
 * otherScriptNames, over the non-ASCII code units the names pass listed: every run starts at a
 * character of those scripts, and one always starts there, so the global regex's matches are the
 * anchored matches at the listed characters past the previous match (no scan of the text between).
 */
function listedOtherScriptNames(s: Scan): void {
  const text = s.text;
  const u = codeUnits(text);
  const other = found.other;
  let from = 0;
  for (let k = 0; k < found.others; k++) {
    const at = other[k]!;
    if (at < from || !isOtherScript(u[at]!)) continue;
    OTHER_RUN_AT.lastIndex = at;
    const m = OTHER_RUN_AT.exec(text);
    if (m === null) continue;
    from = at + m[0].length;
    addOtherRun(s, at, m[0]);
  }
}

/** A run of at most three words is a name. */
function addOtherRun(s: Scan, at: number, run: string): void {
  let spaces = 0;
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) === 32) spaces++;
  if (spaces >= 3) return;
  s.add(at, at + run.length, 'PERSON', 0.9);
  const u = s.codes;
  // Two or three words: a script written without spaces ("東京") gives no count to match.
  if (spaces > 0 && at > 1 && u[at - 1] === 40 && u[at + run.length] === 41)
    transliteratedBefore(s, at - 1, spaces + 1);
}

/**
 * A name given in Latin letters and then in its own script in brackets: "Valentina Kuznetsova
 * (Валентина Кузнецова)", "Zainab Al-Masri (زينب المصري)". The words right before the bracket, as many
 * as the bracketed name has (two or three), each capitalised, are the same name.
 */
function transliteratedBefore(s: Scan, open: number, words: number): void {
  const u = s.codes;
  let end = open;
  while (end > 0 && u[end - 1] === 32) end--;
  let i = end;
  for (let w = 0; w < words; w++) {
    if (w > 0) {
      if (i < 1 || u[i - 1] !== 32) return;
      i--;
    }
    const wordEnd = i;
    while (i > 0 && isLatinNameChar(u[i - 1]!)) i--;
    // A word of its own, opening with a capital and holding a lower-case letter ("Al-Masri", not "PEP").
    if (wordEnd - i < 2 || !isLatinCapital(u[i]!) || (i > 0 && !isSpaceOrOpen(u[i - 1]!))) return;
    let lower = false;
    for (let k = i + 1; k < wordEnd && !lower; k++) lower = isLatinLower(u[k]!);
    if (!lower) return;
  }
  s.add(i, end, 'PERSON', 0.85);
}

function isLatinCapital(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isLatinLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && c <= 0x17f);
}
function isLatinNameChar(c: number): boolean {
  return isLatinCapital(c) || isLatinLower(c) || c === 45 || c === 39 || c === 0x2019;
}
function isSpaceOrOpen(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 40 || c === 58 || c === 44;
}

/**
 * A short run (one to three words) in another script inside English text is, at a bank or clinic
 * desk, a name written in its own script; a longer run is a sentence in that language and is left.
 */
function otherScriptNames(s: Scan, first: number): void {
  const text = s.text;
  // No run starts before the first character of those scripts.
  OTHER_RUN.lastIndex = first;
  for (let m = OTHER_RUN.exec(text); m !== null; m = OTHER_RUN.exec(text)) addOtherRun(s, m.index, m[0]);
}

/** text.startsWith(' and ', p) || text.startsWith(' & ', p), for a space at p: the next letter first. */
function isAndAt(text: string, p: number): boolean {
  const u = codeUnits(text);
  const c = u[p + 1]!;
  if (c === 97) return text.startsWith(' and ', p);
  return c === 38 && u[p + 2]! === 32;
}

/** "Hyun Krishnan, FARHAN STEEL, Abimbola Hope": the items around a name found are names too. */
function listedAfterNames(s: Scan): void {
  const text = s.text;
  const u = codeUnits(text);
  const n = s.out.length;
  for (let i = 0; i < n; i++) {
    const c = s.out[i]!;
    if (c.type !== 'PERSON' || c.score < 0.5) continue;
    // A list separator opens with ',', ';' or a space: most names are followed by none of them.
    const sep = u[c.end]!;
    if (sep !== 44 && sep !== 59 && (sep !== 32 || !isAndAt(text, c.end))) continue;
    const item = listSepEnd(text, c.end);
    if (item < 0) continue;
    const span = nameAt(text, item, 'weak');
    if (span === null) continue;
    // The item ends there: a list goes on or stops ("..., Abimbola Hope.").
    const next = u[span[1]]!;
    if (
      next === 44 ||
      next === 59 ||
      next === 46 ||
      next === 10 ||
      span[1] >= text.length ||
      text.startsWith(' and ', span[1])
    ) {
      s.add(span[0], span[1], 'PERSON', 0.8);
    }
  }
}

// What a person, not a company, has: "Quang's card", "Dr Iyer's patient".
const POSSESSED = new Set(
  `card cards letter results result mortgage account appointment son daughter wife husband mum dad mother
  father patient client referral prescription file details phone address loan pension isa savings partner
  carer gp blood bloods scan x-ray operation claim statement payslip passport licence license visit`.split(
    /\s+/,
  ),
);

/**
 * Where /['’]s ([a-z-]+)/g's match at the apostrophe `at` ends, or at + 1 where it has none (the next
 * search starts there, as the global regex's would). Read with char codes: a text full of "it's" and
 * "that's" builds no match arrays.
 */
function possessiveEnd(text: string, at: number): number {
  const u = codeUnits(text);
  let q = at + 3;
  for (;;) {
    const c = u[q]!;
    if ((c >= 97 && c <= 122) || c === 45) q++;
    else break;
  }
  return q === at + 3 ? at + 1 : q;
}

/**
 * Per first letter, bit n set when a POSSESSED word of n letters starts with it: "it's a", "that's
 * the", "what's my" are turned away without a slice or a Set look-up.
 */
const POSSESSED_LENGTHS = new Uint32Array(26);
for (const w of POSSESSED) POSSESSED_LENGTHS[w.charCodeAt(0) - 97]! |= 1 << w.length;

/** The word of the match [at, end) when it is a POSSESSED word. */
function possessed(text: string, at: number, end: number): boolean {
  const u = codeUnits(text);
  const first = u[at + 3]!;
  const length = end - at - 3;
  if (first < 97 || first > 122 || length > 31 || ((POSSESSED_LENGTHS[first - 97]! >>> length) & 1) === 0) {
    return false;
  }
  return POSSESSED.has(text.slice(at + 3, end));
}

function possessives(s: Scan): void {
  const text = s.text;
  // The text pass listed every "'s " and "’s " in text order (no search per text): as one global regex
  // would meet them, a match never holds another.
  let from = 0;
  for (const at of s.apostropheS) {
    if (at < from) continue;
    const next = possessiveEnd(text, at);
    from = next;
    if (next > at + 1 && possessed(text, at, next)) possessor(s, text, at);
  }
}

/** The owner before the apostrophe at `at`: the capitalised word(s) just before it. */
function possessor(s: Scan, text: string, at: number): void {
  const u = codeUnits(text);
  let start = at;
  let words = 0;
  while (words < 3) {
    let j = start;
    while (j > 0 && /[\p{L}\p{M}'’-]/u.test(text[j - 1]!)) j--;
    const w = text.slice(j, start);
    // "Bell Joinery's account": a business owns it.
    if (w !== '' && (wordFlags(w.toLowerCase()) & F_ORG) !== 0) return;
    // "Widow's pension", "Insurer's letter": a role or a pronoun owns it, not a name.
    if (w !== '' && (wordFlags(w.toLowerCase()) & (F_NOT_NAME | F_AMBIGUOUS)) === F_NOT_NAME) break;
    if (w === '' || !isCapitalised(w) || STOP.has(w.toLowerCase())) break;
    start = j;
    words++;
    if (u[j - 1]! !== 32) break;
    start = j;
    if (j - 1 <= 0) break;
    // Step over the space only when another capitalised word precedes it.
    const k = j - 1;
    let q = k;
    while (q > 0 && /[\p{L}\p{M}'’-]/u.test(text[q - 1]!)) q--;
    const prev = text.slice(q, k);
    if (prev === '' || !isCapitalised(prev) || STOP.has(prev.toLowerCase())) break;
    start = q;
    words++;
    break;
  }
  if (words > 0) s.add(start, at, 'PERSON', 0.75);
}
