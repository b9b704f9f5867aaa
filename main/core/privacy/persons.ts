/**
 * Person names: capitalised word runs scored by a compact gazetteer and by context (titles, "my name
 * is", "this is ... speaking"). Everyday words that are also names (Will, Grace, May, Bill) count only
 * with context or a following surname.
 *
 * One pass over the text's code units (persons-pass.ts) finds the capitalised words, their gazetteer
 * flags and the lower-case introductions; runs are then scored here from flat arrays, reading the
 * words before a name (persons-context.ts) only when a cheap test leaves the run undecided.
 */
import { opensSentence, scanBefore, speakingAfter, taskAfter, verbAfter } from './persons-context';
import {
  F_AMBIGUOUS,
  F_FIRST,
  F_LAST,
  F_NOT_NAME,
  F_ORG,
  F_TITLE,
  F_WIDE,
  P_LOCATION,
  P_NAME,
  P_SINGLE,
  P_STRONG,
  P_TITLE,
  P_WEAK,
} from './persons-flags';
import { hanNames } from './persons-han';
import { callBack, contactWith, roleInBrackets } from './persons-shapes';
import { introducedNames } from './persons-intro';
import { found } from './persons-pass';
import { orgFieldBefore } from './org-fields';
import { FLAGS } from './persons-flags';
import type { Scan } from './scan';

// CJK ideographs in the BMP; a plain range scans far faster than \p{Script=Han}.
export const HAS_HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** `hasHan` may be passed when already known; otherwise it is asked only when the pass saw a possible opener. */
export function persons(s: Scan, hasHan?: boolean): void {
  const text = s.text;
  const u = s.personsPass();
  const n = found.words;
  const start = found.start;
  const end = found.end;
  let i = 0;
  while (i < n) {
    // A run: capitalised words separated by a single space.
    let j = i + 1;
    while (j < n && j - i < 4 && start[j] === end[j - 1]! + 1 && u[end[j - 1]!] === 32) j++;
    scoreRun(s, u, i, j);
    i = j;
  }
  // The pass notes where a Han character may start (a superset of HAS_HAN's range), so most texts
  // never run the regex.
  if (hasHan ?? (found.firstHan >= 0 && HAS_HAN.test(text))) hanNames(s, u);
  introducedNames(s, u, found.introEnd, found.intros, found.oddCase);
}

/** A capitalised word that may extend a name: a known surname, or not a listed non-name word. */
function isSurnameLike(w: number): boolean {
  const lf = found.lf[w]!;
  return (
    ((lf | found.ff[w]!) & F_LAST) !== 0 ||
    ((lf & (F_NOT_NAME | F_FIRST)) === 0 && found.end[w]! - found.start[w]! > 1)
  );
}

function nameLike(w: number): boolean {
  return isSurnameLike(w) || (found.lf[w]! & F_FIRST) !== 0;
}

const NAME_FLAGS = F_FIRST | F_AMBIGUOUS | F_LAST;

// Words that make a following name a place's ("South Harvey", "Port Barry", "San Francisco", "St Helens").
const PLACE_PREFIXES: ReadonlySet<string> = new Set(
  'north south east west port fort mount lake upper lower great little new san santa st'.split(' '),
);

/** Five bits per code unit (a letter's place in the alphabet in either case), for up to six. */
function prefixKey(key: number, c: number): number {
  return (key << 5) | (c & 31);
}
const PLACE_PREFIX_KEYS: ReadonlySet<number> = new Set(
  [...PLACE_PREFIXES].map((w) => [...w].reduce((key, ch) => prefixKey(key, ch.charCodeAt(0)), 0)),
);

/**
 * Whether [start, end) is one of PLACE_PREFIXES (two to six letters: longer words are never sliced).
 * An ASCII word is told by its key first, with no slice or lower-casing: most first words of a run
 * are none of these, and one whose key matches is checked as before.
 */
function placePrefix(text: string, u: Uint16Array, start: number, end: number): boolean {
  const len = end - start;
  if (len < 2 || len > 6) return false;
  let key = 0;
  for (let k = start; k < end; k++) {
    const c = u[k]!;
    // Lower-casing may bring a code unit above ASCII into the list's letters (the Kelvin sign).
    if (c >= 128) return PLACE_PREFIXES.has(text.slice(start, end).toLowerCase());
    key = prefixKey(key, c);
  }
  return PLACE_PREFIX_KEYS.has(key) && PLACE_PREFIXES.has(text.slice(start, end).toLowerCase());
}

/**
 * A capitalised relative or role that opens a run before a name the gazetteer knows ("Spouse
 * Salvatore.", "Victim Priyanka Desai says", "Mother Shamima Begum ..."): a heading word, context
 * like the lower-case "my spouse" (P_SINGLE), not part of the name. The rest of the run must hold a
 * listed given name or surname, so "Adviser Notes" and "Victim Support" stay out.
 */
function roleHeadsName(u: Uint16Array, text: string, i: number, j: number): boolean {
  if (i + 1 >= j || ((found.lf[i]! | found.ff[i]!) & (NAME_FLAGS | F_NOT_NAME)) !== 0) return false;
  let named = false;
  for (let w = i + 1; w < j && !named; w++) named = ((found.lf[w]! | found.ff[w]!) & NAME_FLAGS) !== 0;
  return named && (FLAGS.get(u, text, found.start[i]!, found.end[i]!) & P_SINGLE) !== 0;
}

/** Scores the run of words [i, j). */
function scoreRun(s: Scan, u: Uint16Array, i: number, j: number): void {
  const text = s.text;
  const n = text.length;
  const lf = found.lf;
  const ff = found.ff;
  // Leading non-name words ("Thanks", "Hello", "Dear") are context, not part of the name.
  let titledInRun = false;
  while (i < j) {
    const f = lf[i]!;
    if ((f & F_TITLE) !== 0) titledInRun = true;
    else if ((f & F_NOT_NAME) === 0 || (f & F_AMBIGUOUS) !== 0) {
      if (!roleHeadsName(u, text, i, j)) {
        if (i + 1 < j && placePrefix(text, u, found.start[i]!, found.end[i]!)) return;
        break;
      }
    } else if (i + 1 < j && placePrefix(text, u, found.start[i]!, found.end[i]!)) return;
    i++;
  }
  if (i >= j) return;
  // A word no list knows before a listed given name and a surname is a label or a role, often in the
  // writer's own language ("Klientka Małgorzata Wiśniewska", "Kundin Anna Schmidt"): not the name's.
  if (
    j - i >= 3 &&
    ((lf[i]! | ff[i]!) & (NAME_FLAGS | F_NOT_NAME)) === 0 &&
    ((lf[i + 1]! | ff[i + 1]!) & (F_FIRST | F_AMBIGUOUS)) === F_FIRST &&
    isSurnameLike(i + 2)
  )
    i++;
  // A run that holds an organisation's or a building's word names that, not a person.
  for (let w = i; w < j; w++) if ((lf[w]! & F_ORG) !== 0) return;
  // So does a company's suffix typed in lower case after it ("Greggs plc", "Acme ltd").
  if (lowerSuffixAfter(u, found.end[j - 1]!)) return;
  // Trailing non-name words ("Sarah Bank") are not part of it either.
  let k = j;
  while (k > i + 1 && (lf[k - 1]! & F_NOT_NAME) !== 0) k--;
  const firstStart = found.start[i]!;
  const lastEnd = found.end[k - 1]!;
  const firstLf = lf[i]!;
  const firstFf = ff[i]!;
  // Fast exit for the commonest run: one capitalised word that opens a sentence and that no
  // gazetteer knows ("Please", "Ward", "Transaction"). Only a verb or a task after it could make it a name.
  if (
    k === i + 1 &&
    !titledInRun &&
    (firstFf & (F_FIRST | F_LAST)) === 0 &&
    (firstLf & F_AMBIGUOUS) === 0 &&
    opensSentence(u, text, firstStart) &&
    !speakingAfter(u, n, text, lastEnd) &&
    !verbAfter(u, n, text, lastEnd) &&
    !taskAfter(u, n, text, firstStart, lastEnd)
  ) {
    return;
  }
  if (
    k === i + 1 &&
    !titledInRun &&
    (ampersandBrand(u, n, lastEnd) || afterArticle(u, text, firstStart, lastEnd))
  )
    return;
  const ctx = scanBefore(u, text, firstStart);
  const titleBefore = (ctx.word & P_TITLE) !== 0;
  const gapIsPlain = ctx.plain || (ctx.dotSpace && titleBefore);
  const titled = titledInRun || (gapIsPlain && (ctx.space || ctx.dotSpace) && titleBefore);
  const strongIntro =
    (gapIsPlain && ((ctx.phrases & P_STRONG) !== 0 || ((ctx.word & P_NAME) !== 0 && ctx.colon))) ||
    speakingAfter(u, n, text, lastEnd);
  const weakIntro = gapIsPlain && (strongIntro || (ctx.phrases & P_WEAK) !== 0 || ctx.comma);
  const second = i + 1 < k ? i + 1 : -1;
  const isFirst = ((firstLf | firstFf) & F_FIRST) !== 0;
  const isAmbiguous = (firstLf & F_AMBIGUOUS) !== 0;
  const firstIsLast = (firstLf & F_LAST) !== 0;
  const secondIsLast = second >= 0 && (lf[second]! & F_LAST) !== 0;
  const hasSurname = second >= 0 && isSurnameLike(second);
  const isFunctionWord = (firstLf & F_NOT_NAME) !== 0 && !isAmbiguous;
  const single = k === i + 1;

  let score = 0;
  if (titled && !isFunctionWord) score = 0.92;
  else if (strongIntro && !isFunctionWord) score = isFirst || isAmbiguous || firstIsLast ? 0.92 : 0.8;
  else if (isFirst && hasSurname) score = 0.9;
  // A lone given name only the generated list knows, opening a sentence with nothing around it, may
  // as well be a saint's, a town's or a brand's ("Santiago de Compostela is lovely"), and after a
  // day's number another language's month ("born 5 Nisan 1999"): it needs context.
  else if (
    isFirst &&
    !(single && !weakIntro && (ctx.sentenceStart || ctx.afterDigit) && (firstLf & F_WIDE) !== 0)
  )
    score = weakIntro || firstStart === 0 ? 0.75 : 0.7;
  else if (isAmbiguous && secondIsLast) score = 0.85;
  else if (isAmbiguous && hasSurname) score = 0.65;
  else if (firstIsLast && secondIsLast) score = 0.6;
  // Family name first, as East Asian names and Hungarian ones are written ("Tanaka Hiroshi", "Wang Wei
  // rang"), and surname-first registers: a listed surname, then a listed given name that is no
  // everyday word, and nothing more.
  else if (firstIsLast && k === i + 2 && (lf[second]! & (F_FIRST | F_AMBIGUOUS)) === F_FIRST) score = 0.8;
  else if (isAmbiguous && single && verbAfter(u, n, text, lastEnd)) score = 0.7;
  else if (
    isAmbiguous &&
    single &&
    (firstLf & F_NOT_NAME) === 0 &&
    !ctx.sentenceStart &&
    !(gapIsPlain && (ctx.phrases & P_LOCATION) !== 0) &&
    (capitalisedMidSentence(u, n, text, firstStart, lastEnd) ||
      openerIntroduces(u, text, firstStart, lastEnd))
  )
    score = 0.7;
  else if (
    !isFunctionWord &&
    single &&
    ((gapIsPlain && (ctx.phrases & P_SINGLE) !== 0 && !capsInside(u, firstStart, lastEnd)) ||
      verbAfter(u, n, text, lastEnd) ||
      taskAfter(u, n, text, firstStart, lastEnd) ||
      relativeInBrackets(u, n, text, firstStart, lastEnd))
  )
    score = 0.7;
  else if (
    single &&
    !isFunctionWord &&
    (callBack(u, n, text, firstStart, lastEnd) ||
      roleInBrackets(u, n, text, lastEnd) ||
      (isAmbiguous ? contactWith(u, text, firstStart) : openerIntroduces(u, text, firstStart, lastEnd)))
  )
    score = 0.7;
  else if (!single && allNameLike(i, k)) {
    if (weakIntro || idFollows(s, u, lastEnd) || relativeInBrackets(u, n, text, firstStart, lastEnd))
      score = 0.75;
    // A given name no list has and a listed surname, then what a person does ("Ifeoluwa Barnes
    // called", "Tiago Ferreira said"), even opening the text.
    else if (k === i + 2 && secondIsLast && verbAfter(u, n, text, lastEnd)) score = 0.7;
    else if (!ctx.sentenceStart && !ctx.afterDigit && !(gapIsPlain && (ctx.phrases & P_LOCATION) !== 0))
      score = 0.55;
  }
  if (score === 0) return;
  // "Employer name: Dobbins": the field names a firm.
  if (ctx.colon && (ctx.word & P_NAME) !== 0 && orgFieldBefore(text, firstStart)) return;

  // Extend over surname-like words; a lone given name after strong context stays one word.
  let end = found.end[i]!;
  for (let w = i + 1; w < k && nameLike(w); w++) end = found.end[w]!;
  s.add(firstStart, afterInitial(u, n, firstStart, end), 'PERSON', score);
}

/**
 * An everyday word that is also a given name, capitalised in running text where a person stands:
 * after "for" and closing the clause ("Is this for Grace?", "calling for Mark, ring me"), or after a
 * comma and taking a verb ("Hi team, Grace is off sick"). Brands and places that share the words
 * ("with Chase,", "to Austin, then", "rated Amber,") have neither. Char codes first.
 */
function capitalisedMidSentence(
  u: Uint16Array,
  n: number,
  text: string,
  start: number,
  end: number,
): boolean {
  const c = u[end];
  if (start >= 6 && u[start - 1] === 32 && (u[start - 2]! | 32) === 114 && (u[start - 3]! | 32) === 111) {
    // "for " (f, o, r and a word boundary before it), then , ? ! or the text's end.
    return (
      (u[start - 4]! | 32) === 102 &&
      !isLowerOrUpper(u[start - 5]!) &&
      (end >= n || c === 44 || c === 63 || c === 33)
    );
  }
  if (
    start < 4 ||
    u[start - 1] !== 32 ||
    u[start - 2] !== 44 ||
    !(u[start - 3]! >= 97 && u[start - 3]! <= 122)
  )
    return false;
  if (c !== 32) return false;
  CLAUSE_VERB.lastIndex = end;
  return CLAUSE_VERB.test(text);
}

const CLAUSE_VERB = / (?:is|was|has|had|says|said|can't|isn't|wasn't)\b/y;

/**
 * "its Summer from the surgery", "it's Dean calling", "it's Venkat from the Croydon branch": a
 * capitalised everyday or unknown given name after the spoken opener, then "from", "calling" or
 * "speaking", is the speaker introducing themself. Char
 * codes first: the opener must end right before the name.
 */
function openerIntroduces(u: Uint16Array, text: string, start: number, end: number): boolean {
  if (start < 4 || u[start - 1] !== 32 || (u[start - 2]! | 32) !== 115) return false;
  let b = start - 3;
  if (u[b] === 39 || u[b] === 0x2019) b--;
  if ((u[b]! | 32) !== 116 || (u[b - 1]! | 32) !== 105 || (b >= 2 && isLowerOrUpper(u[b - 2]!))) return false;
  SELF_AFTER.lastIndex = end;
  return SELF_AFTER.test(text);
}

const SELF_AFTER = /,? (?:from|calling|speaking)\b/y;

/**
 * "a Stanley blade", "an Aga cooker": a lone name between the indefinite article and a noun is a make
 * or a kind, not a person; "a Sarah on the phone", "a Tom who works there" are people. Char codes first.
 */
function afterArticle(u: Uint16Array, text: string, start: number, end: number): boolean {
  if (start < 2 || u[start - 1] !== 32 || u[end] !== 32 || !(u[end + 1]! >= 97 && u[end + 1]! <= 122))
    return false;
  let b = start - 2;
  if (u[b] === 110) b--;
  if (!((u[b] === 97 || u[b] === 65) && (b === 0 || !isLowerOrUpper(u[b - 1]!)))) return false;
  PERSON_AFTER.lastIndex = end;
  return !PERSON_AFTER.test(text);
}

// Words after "a Sarah" that make her a person: prepositions, relatives and verbs of calling.
const PERSON_AFTER =
  / (?:on|at|in|from|who|that|with|called|named|said|says|rang|phoned|emailed|wrote|answered|picked|told|asked|helped|was|is)\b/y;

/**
 * "Ben & Jerry's", "Ann & Bob's Diner": a lone name joined by an ampersand to a possessive is a firm's
 * or a shop's name. Char codes only: " & ", a capital, letters, then an apostrophe and "s".
 */
function ampersandBrand(u: Uint16Array, n: number, end: number): boolean {
  if (end + 6 >= n || u[end] !== 32 || u[end + 1] !== 38 || u[end + 2] !== 32) return false;
  const c = u[end + 3]!;
  if (c < 65 || c > 90) return false;
  let q = end + 4;
  while (q < n && (u[q]! | 32) >= 97 && (u[q]! | 32) <= 122) q++;
  return (u[q] === 39 || u[q] === 0x2019) && (u[q + 1]! | 32) === 115;
}

/**
 * A lone name and a relative or role in brackets, either way round: "mum (Chantelle)", "Maya (my
 * daughter)", "the pharmacist (Nadia)". The relative is one of the words that head a lone first name
 * (P_SINGLE), so "Leeds (my home)" and "Unit (Kitchen)" are not read. Char codes first.
 */
function relativeInBrackets(u: Uint16Array, n: number, text: string, start: number, end: number): boolean {
  if (start >= 3 && u[start - 1] === 40 && u[end] === 41 && u[start - 2] === 32) {
    let w = start - 2;
    while (w > 0 && isLowerOrUpper(u[w - 1]!)) w--;
    return w < start - 2 && (FLAGS.get(u, text, w, start - 2) & P_SINGLE) !== 0;
  }
  if (end + 5 < n && u[end] === 32 && u[end + 1] === 40) {
    RELATION_ALONE.lastIndex = end + 1;
    if (RELATION_ALONE.test(text)) return true;
    RELATIVE_AFTER.lastIndex = end + 2;
    const m = RELATIVE_AFTER.exec(text);
    if (m === null) return false;
    const w = RELATIVE_AFTER.lastIndex - 1 - m[1]!.length;
    return (FLAGS.get(u, text, w, w + m[1]!.length) & P_SINGLE) !== 0;
  }
  return false;
}

const RELATIVE_AFTER = /(?:my|her|his|our|their|the) ([a-z]{3,12})\)/y;
/**
 * Who the person is to the case, alone in brackets after the name, as letters, notes and case files
 * put it: "Graham Pike (neighbour)", "Handled by Ray (TL)", "Edna Fox (joint holder)". The shorthand
 * roles only in capitals: "(tl)" or "(gp)" in prose may be anything.
 */
const RELATION_ALONE = new RegExp(
  String.raw`\((?:(?:[Nn]eighbou?r|[Ff]riend|[Ll]odger|[Ll]andlord|[Ll]andlady|[Ee]xecut(?:or|rix)|[Gg]uardian|[Aa]ttorney|[Ww]itness|[Ii]nterpreter|[Cc]hair|[Gg]uarantor|(?:[Cc]o-|[Jj]oint )?(?:[Bb]orrower|[Aa]pplicant|[Hh]older|[Aa]ccount holder)|[Cc]ustomer|[Cc]aller|[Cc]ardholder)|` +
    String.raw`(?:TL|BM|RN|HCA|OT|SW|POA|LPA|NOK))\)`,
  'y',
);

/** " plc", " ltd", " llp", " llc" or " inc" (lower case, a whole word) at `end`. */
function lowerSuffixAfter(u: Uint16Array, end: number): boolean {
  if (u[end] !== 32 || isLowerOrUpper(u[end + 4] ?? 0)) return false;
  const a = u[end + 1]!;
  const b = u[end + 2]!;
  const c = u[end + 3]!;
  return (
    (a === 112 && b === 108 && c === 99) ||
    (a === 108 && b === 116 && c === 100) ||
    (a === 108 && b === 108 && (c === 112 || c === 99)) ||
    (a === 105 && b === 110 && c === 99)
  );
}

function isLowerOrUpper(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Two capitals and then lower case ("PCs", "ATMs", "IDs"): an abbreviation's plural, not a given name.
 * A name in capitals ("JOHN") or with an inner capital ("McDonald") is not one.
 */
function capsInside(u: Uint16Array, start: number, end: number): boolean {
  if (end - start < 3 || !(u[start + 1]! >= 65 && u[start + 1]! <= 90)) return false;
  for (let p = start + 2; p < end; p++) if (u[p]! >= 97 && u[p]! <= 122) return true;
  return false;
}

function allNameLike(i: number, k: number): boolean {
  for (let w = i; w < k; w++) if (!nameLike(w)) return false;
  return true;
}

// The identifiers whose cue may follow a name: "Andile Zulu, patient ID PT/0449/21", "Jo Bloggs, DOB ...".
const ID_CUES: ReadonlySet<string> = new Set([
  'DOB',
  'NHS',
  'MRN',
  'ACCOUNT',
  'SORT',
  'PASSPORT',
  'LICENSE',
  'SSN',
  'NINO',
  'CARD',
  'PHONE',
]);

/**
 * ", " then an identifier's cue right after a run: a record's line opening with its person. A cue in
 * capitals closes the run as a comma does ("Shirin Farahani DOB 30.10.1965").
 */
function idFollows(s: Scan, u: Uint16Array, end: number): boolean {
  const closed = u[end] === 44 ? u[end + 1] === 32 : u[end] === 32 && capsCue(u, end + 1);
  if (!closed) return false;
  const kind = s.after(end);
  return kind !== null && ID_CUES.has(kind);
}

/** An abbreviation in capitals at `p` ("DOB", "D.O.B.", "NHS", "NINO"), not a capitalised word. */
function capsCue(u: Uint16Array, p: number): boolean {
  const a = u[p]!;
  const b = u[p + 1]!;
  return a >= 65 && a <= 90 && ((b >= 65 && b <= 90) || b === 46);
}

/**
 * "Mr T. Balogun", "Dr M. Ferreira": a name that is one initial and its full stop goes on over the
 * capitalised surname after it, so the surname is not left in clear. Returns the name's end.
 */
function afterInitial(u: Uint16Array, n: number, start: number, end: number): number {
  if (end - start !== 1 || u[end] !== 46 || u[end + 1] !== 32) return end;
  const c = u[end + 2]!;
  if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c < 0x250))) return end;
  let q = end + 3;
  while (q < n) {
    const d = u[q]!;
    if ((d | 32) >= 97 && (d | 32) <= 122) q++;
    else if (d >= 0xc0 && d < 0x250 && d !== 0xd7 && d !== 0xf7) q++;
    else if ((d === 39 || d === 0x2019 || d === 45) && (u[q + 1]! | 32) >= 97 && (u[q + 1]! | 32) <= 122) q++;
    else break;
  }
  return q - (end + 2) >= 2 ? q : end;
}
