/**
 * The last word on a name the readers found: some capitalised runs in a name's place are no private
 * person. A public figure quoted in a scam or a talk ("quotes from Winston Churchill"), a job title or
 * clinical specialty after a name cue ("To: Dr R. Menon, Consultant Cardiologist"), a service, brand or
 * unit ("Citizens Advice", "Facebook Marketplace", "Surgical Assessment Unit"), and the head of a
 * longer organisation or place name ("Community Mental Health Team", "Victoria Station").
 *
 * The readers see a name's shape and its cue; these words decide against both, whoever found it.
 */
import { NOT_NAME_WORDS } from './names';
import type { Scan } from './scan';

const set = (list: string): ReadonlySet<string> => new Set(list.trim().split(/\s+/));

// Roles a name cue may run on into ("Priya Patel Manager"): trimmed off the name's edge.
const ROLES = set(`
consultant registrar physician surgeon specialist practitioner therapist paramedic anaesthetist
manager supervisor coordinator co-ordinator administrator
`);

// Words no person's name holds: specialties, services, brands, units and places. A run holding one is
// the thing it names, not a person ("Blue Shield", "Welwyn Garden City", "Surgical Assessment Unit").
const NEVER_IN_NAME = set(`
orthopaedics orthopedics cardiology neurology oncology radiology urology dermatology haematology
paediatrics pediatrics gynaecology obstetrics psychiatry rheumatology gastroenterology endocrinology
surgical medical clinical assessment admissions outpatients inpatients regional operations ops
ombudsman advice delivery marketplace services service department unit trust foundation
facebook instagram whatsapp tiktok twitter youtube linkedin ebay gumtree netflix spotify uber airbnb
vinted depop etsy air airlines airways tesco sainsbury's asda morrisons aldi lidl waitrose argos currys boots primark
shield royal national station airport city
lankan kenyan ugandan korean japanese vietnamese nepali nepalese sri-lankan filipino thai malaysian
`);

// What a spoken answer runs on with after a name cue ("surname caller it's", "name is siobhan that's"):
// said around the name, never part of it.
const SPOKEN = set(
  `it's its that's thats i'm im he's she's there's what's it’s that’s i’m he’s she’s there’s what’s um erm er uh ah yeah`,
);

// One look-up per word: which of the lists above holds it.
const ROLE = 1;
const NEVER = 2;
const SPOKEN_WORD = 4;
const KIND = new Map<string, number>();
for (const [list, kind] of [
  [ROLES, ROLE],
  [NEVER_IN_NAME, NEVER],
  [SPOKEN, SPOKEN_WORD],
] as const)
  for (const w of list) KIND.set(w, (KIND.get(w) ?? 0) | kind);

// A run followed by one of these is the head of an organisation's or a place's name.
const ORG_AFTER = set(`
health trust hospital centre center council ltd limited plc llp inc foundation society association
university college school station airport bank city
`);

// Public figures a customer or a scam quotes by full name, and places and phrases shaped like a
// name ("Hong Kong"): names in passing, not the customer's.
// Matched whole (lower-case), so a customer who shares one word of a name is untouched.
const PUBLIC_FIGURES = new Set(
  `elon musk|jeff bezos|bill gates|mark zuckerberg|warren buffett|richard branson|steve jobs|tim cook|
  taylor swift|beyonce|adele|ed sheeran|elton john|paul mccartney|john lennon|mick jagger|david bowie|
  freddie mercury|michael jackson|elvis presley|madonna|rihanna|kanye west|kim kardashian|harry styles|
  vera lynn|tom jones|cliff richard|dolly parton|frank sinatra|
  martin lewis|martin luther king|winston churchill|margaret thatcher|tony blair|gordon brown|
  david cameron|theresa may|boris johnson|liz truss|rishi sunak|keir starmer|nigel farage|
  barack obama|michelle obama|donald trump|joe biden|kamala harris|hillary clinton|bill clinton|
  george bush|abraham lincoln|john f kennedy|nelson mandela|mahatma gandhi|mother teresa|
  queen elizabeth|king charles|prince william|prince harry|princess diana|meghan markle|kate middleton|
  albert einstein|isaac newton|charles darwin|marie curie|florence nightingale|william shakespeare|
  charles dickens|jane austen|leonardo da vinci|pablo picasso|vincent van gogh|
  david beckham|cristiano ronaldo|lionel messi|robert lewandowski|harry kane|marcus rashford|
  wayne rooney|lewis hamilton|andy murray|serena williams|roger federer|usain bolt|mo farah|
  tom cruise|brad pitt|angelina jolie|leonardo dicaprio|tom hanks|oprah winfrey|david attenborough|
  gordon ramsay|jamie oliver|mary berry|stephen fry|holly willoughby|phillip schofield|
  ant mcpartlin|declan donnelly|simon cowell|jeremy clarkson|piers morgan|
  hong kong|sri lanka|costa rica|puerto rico|san marino|el salvador|que sera sera`
    .split('|')
    .map((n) => n.trim()),
);

// Two-word places shaped like a name ("Notting Hill", "Milton Keynes") and firms named after their
// founders ("Morgan Stanley", "Calvin Klein"). Their words are common in people's names (Charles,
// Martin, Hill), so they are told by the pair's key, not by figure words that would send many a
// customer's name down the slow path.
const NAMED_PAIRS = `
  morgan stanley|goldman sachs|hargreaves lansdown|charles schwab|merrill lynch|lehman brothers|
  brewin dolphin|janus henderson|johnson matthey|rolls royce|aston martin|mercedes benz|alfa romeo|
  harley davidson|calvin klein|ralph lauren|tommy hilfiger|hugo boss|louis vuitton|christian dior|
  giorgio armani|estee lauder|harvey nichols|
  tim hortons|jack daniel's|jack daniel’s|johnnie walker|jim beam|ted baker|paul smith|john lewis|
  fred perry|ben sherman|karen millen|jo malone|laura ashley|molton brown|kurt geiger|vivienne westwood|
  stella mccartney|tommy hilfiger|kenneth cole|michael kors|tory burch|marc jacobs|
  charles tyrwhitt|thomas cook|thomas pink|ronald mcdonald|wells fargo|edward jones|
  covent garden|notting hill|kings cross|king's cross|leicester square|trafalgar square|russell square|
  sloane square|canary wharf|piccadilly circus|oxford circus|marble arch|shepherds bush|golders green|
  kentish town|camden town|earls court|primrose hill|swiss cottage|st pancras|muswell hill|crouch end|
  milton keynes|merthyr tydfil|ebbw vale|hemel hempstead|bishop auckland|newton abbot|king's lynn|
  kings lynn|leighton buzzard|market harborough|stoke newington|tunbridge wells`
  .split('|')
  .map((n) => n.trim());
const NAMED_PAIR_SET: ReadonlySet<string> = new Set(NAMED_PAIRS);

/**
 * The only code units above ASCII whose lower case holds an ASCII letter (checked in
 * person-vetoes.test.ts): a word holding one may lower-case to a listed word with another key.
 */
const KELVIN = 0x212a;
const DOTTED_CAPITAL_I = 0x130;
/** Keeps a key a small integer. */
const KEY_MASK = 0x3fffffff;

// The key (wordKey) of every listed word, and of each public figure's first and last words: a run with
// no listed word that neither opens nor closes as a figure's name does is let through at once.
const LISTED_KEYS = new Set<number>();
for (const w of KIND.keys()) LISTED_KEYS.add(wordKey(w, 0, w.length));
// And of the words that head an organisation's name after a run.
const ORG_AFTER_KEYS: ReadonlySet<number> = new Set([...ORG_AFTER].map((w) => wordKey(w, 0, w.length)));
const FIGURE_FIRST = new Set<number>();
const FIGURE_LAST = new Set<number>();
for (const n of PUBLIC_FIGURES) {
  const words = n.split(' ');
  const first = words[0]!;
  const last = words[words.length - 1]!;
  FIGURE_FIRST.add(wordKey(first, 0, first.length));
  FIGURE_LAST.add(wordKey(last, 0, last.length));
}

// The pairs' keys (pairKey of their two words' keys).
const PAIR_KEYS = new Set<number>();
const PAIR_FIRST = new Set<number>();
for (const n of NAMED_PAIRS) {
  const [first, last] = n.split(' ') as [string, string];
  const k1 = wordKey(first, 0, first.length);
  PAIR_FIRST.add(k1);
  PAIR_KEYS.add(pairKey(k1, wordKey(last, 0, last.length)));
}

function pairKey(k1: number, k2: number): number {
  return (Math.imul(k1, 0x9e3779b1) ^ k2) & KEY_MASK;
}

// The four key sets above folded onto a small array by a key's low bits: a word none of them holds
// (nearly every name's) is told by one array read instead of three Set look-ups, which were most of
// the vetoes' cost.
const FILTER_MASK = 0x3fff;
const IN_LISTED = 1;
const IN_FIRST = 2;
const IN_LAST = 4;
const IN_ORG_AFTER = 8;
const IN_PAIR_FIRST = 16;
const KEY_FILTER = new Uint8Array(FILTER_MASK + 1);
for (const [keys, bit] of [
  [LISTED_KEYS, IN_LISTED],
  [FIGURE_FIRST, IN_FIRST],
  [FIGURE_LAST, IN_LAST],
  [ORG_AFTER_KEYS, IN_ORG_AFTER],
  [PAIR_FIRST, IN_PAIR_FIRST],
] as const)
  for (const key of keys) KEY_FILTER[key & FILTER_MASK]! |= bit;

/** Drops the PERSON candidates these lists rule out, or trims a role off a name's edge. */
export function vetoNames(s: Scan): void {
  const out = s.out;
  const text = s.text;
  // Code units, not charCodeAt: a run's every character is read (a 0 follows the text's last).
  const u = s.codes;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'PERSON') continue;
    if (orgAfter(text, u, c.end) || ampersandBrand(u, c.end) || calendarCompound(text, u, c.start, c.end)) {
      out.splice(i, 1);
      continue;
    }
    // A lone word stays: "Royal" or "Delivery" alone is as likely a surname as anything.
    if (!mayVeto(u, c.start, c.end)) continue;
    const kept = keptPart(text, wordsOf(u, c.start, c.end));
    if (kept === null) out.splice(i, 1);
    else {
      // In place: a candidate keeps its shape, which the resolver's loops are compiled for.
      c.start = kept.start;
      c.end = kept.end;
    }
  }
}

/**
 * Two or more words, one of which may be in a list (by its key) or a specialty (by its ending), or two
 * or three that may be a public figure's name (by its first and last words): most names are none of
 * these, and pass without a slice of the text. A word holding a character that lower-cases to ASCII
 * (the Kelvin sign to 'k'; dotted I to 'i' and a mark) may lower-case to a listed one, so it is always
 * looked at; no other character outside ASCII can (the lists are ASCII but for their own apostrophe,
 * which keys alike on both sides), so "José García" passes as "Jose Garcia" does. So is a run with a
 * separator at its edge, which keptPart trims.
 */
function mayVeto(u: Uint16Array, start: number, end: number): boolean {
  let words = 0;
  let listed = false;
  let firstFigure = false;
  let lastFigure = false;
  let w = -1;
  let key = 0;
  let wide = false;
  // The first word's key when it may open a named pair, else -1.
  let pairFirst = -1;
  for (let p = start; p <= end; p++) {
    const c = p < end ? u[p]! : 32;
    if (!isSeparator(c)) {
      if (w < 0) {
        w = p;
        key = 0;
        wide = false;
      }
      key = (Math.imul(key, 31) + (c | 32)) & KEY_MASK;
      if (c === KELVIN || c === DOTTED_CAPITAL_I) wide = true;
      continue;
    }
    if (w < 0) continue;
    words++;
    if (!listed) {
      const may = KEY_FILTER[key & FILTER_MASK]!;
      listed =
        wide || ((may & IN_LISTED) !== 0 && LISTED_KEYS.has(key)) || (p - w >= 7 && specialtyEnding(u, p));
      if (words === 1) {
        firstFigure = (may & IN_FIRST) !== 0 && FIGURE_FIRST.has(key);
        if ((may & IN_PAIR_FIRST) !== 0) pairFirst = key;
      }
      lastFigure = (may & IN_LAST) !== 0 && FIGURE_LAST.has(key);
      if (words === 2 && pairFirst >= 0 && PAIR_KEYS.has(pairKey(pairFirst, key))) listed = true;
    }
    w = -1;
  }
  if (words < 2) return false;
  return (
    listed || (firstFigure && lastFigure && words <= 3) || isSeparator(u[start]!) || isSeparator(u[end - 1]!)
  );
}

/**
 * A word's key: a hash of its code units with bit 5 set, which is its lower case for ASCII letters and
 * the same for both sides of a comparison otherwise. Equal lower-case ASCII words have equal keys.
 */
function wordKey(word: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i++) key = (Math.imul(key, 31) + (word.charCodeAt(i) | 32)) & KEY_MASK;
  return key;
}

interface Part {
  start: number;
  end: number;
}

/** The words of [start, end) as start and end offsets in pairs; split on spaces and punctuation. */
function wordsOf(u: Uint16Array, start: number, end: number): number[] {
  const out: number[] = [];
  let w = -1;
  for (let p = start; p < end; p++) {
    const sep = isSeparator(u[p]!);
    if (w < 0 && !sep) w = p;
    else if (w >= 0 && sep) {
      out.push(w, p);
      w = -1;
    }
  }
  if (w >= 0) out.push(w, end);
  return out;
}

function isSeparator(c: number): boolean {
  return c <= 32 || c === 44 || c === 46 || c === 40 || c === 41 || c === 34 || c === 58 || c === 59;
}

/**
 * The part of a run of two or more words (offset pairs) that may be a person's name: all of it, none
 * (null), or the name before or after a role word at its edge ("Priya Patel Manager" keeps "Priya
 * Patel"; "Store Manager" keeps nothing, as one word left beside a role is as likely the role's own).
 */
function keptPart(text: string, words: readonly number[]): Part | null {
  const count = words.length / 2;
  if (count < 2) return { start: words[0]!, end: words[words.length - 1]! };
  const lower: string[] = [];
  let kinds = 0;
  for (let k = 0; k < count; k++) {
    const w = text.slice(words[2 * k]!, words[2 * k + 1]!).toLowerCase();
    lower.push(w);
    kinds |= KIND.get(w) ?? (SPECIALTY.test(w) ? ROLE : 0);
  }
  if ((kinds & SPOKEN_WORD) !== 0) {
    const edges = (KIND.get(lower[0]!) ?? 0) | (KIND.get(lower[count - 1]!) ?? 0);
    if ((edges & SPOKEN_WORD) !== 0) return spokenTrimmed(words, lower);
  }
  if ((kinds & NEVER) !== 0) return null;
  if (count <= 3 && PUBLIC_FIGURES.has(lower.join(' '))) return null;
  if (count === 2 && NAMED_PAIR_SET.has(lower.join(' '))) return null;
  if ((kinds & ROLE) === 0) return { start: words[0]!, end: words[words.length - 1]! };
  const bad = lower.map((w) => ((KIND.get(w) ?? (SPECIALTY.test(w) ? ROLE : 0)) & ROLE) !== 0);
  const first = bad.indexOf(false);
  const last = bad.lastIndexOf(false);
  if (first < 0 || last - first < 1 || bad.slice(first, last + 1).includes(true)) return null;
  return { start: words[2 * first]!, end: words[2 * last + 1]! };
}

/** "-ist", "-ists" or "-ian", as SPECIALTY's words end. */
function specialtyEnding(u: Uint16Array, end: number): boolean {
  let e = end;
  if ((u[e - 1]! | 32) === 115) e--;
  const a = u[e - 3]! | 32;
  const b = u[e - 2]! | 32;
  const c = u[e - 1]! | 32;
  return a === 105 && ((b === 115 && c === 116) || (b === 97 && c === 110));
}

/** The words between the spoken fillers at a run's edges, unless none or only a cue's own word is left. */
function spokenTrimmed(words: readonly number[], lower: readonly string[]): Part | null {
  let a = 0;
  let b = lower.length - 1;
  while (a <= b && SPOKEN.has(lower[a]!)) a++;
  while (b >= a && SPOKEN.has(lower[b]!)) b--;
  if (a > b || (a === b && NOT_NAME_WORDS.has(lower[a]!))) return null;
  return { start: words[2 * a]!, end: words[2 * b + 1]! };
}

// "Cardiologist", "Paediatrician", "Psychiatrist": a specialist is named by the field, not the person.
const SPECIALTY = /^[a-z]{3,}(?:ologists?|ician|iatrist)$/;

/** The capitalised word after `end` on the same line, when it heads an organisation's name. */
function orgAfter(text: string, u: Uint16Array, end: number): boolean {
  if (end >= text.length || u[end] !== 32) return false;
  const c = u[end + 1]!;
  if (c < 65 || c > 90) return false;
  let e = end + 2;
  let key = c | 32;
  while (e < text.length && isLetter(u[e]!)) key = (Math.imul(key, 31) + (u[e++]! | 32)) & KEY_MASK;
  // The word is ASCII letters: its key is its lower case's, so most words are told apart with no slice.
  if (
    (KEY_FILTER[key & FILTER_MASK]! & IN_ORG_AFTER) !== 0 &&
    ORG_AFTER_KEYS.has(key) &&
    ORG_AFTER.has(text.slice(end + 1, e).toLowerCase())
  )
    return true;
  // A trading name: the owner's name, a trade's word, then the company's suffix ("Nowak Building Ltd").
  return u[e] === 32 && companySuffixAt(text, u, e);
}

/**
 * "Ben & Jerry's", "Ann & Bob's Diner": a name joined by an ampersand to a possessive is a firm's or a
 * shop's, whichever reader found it (a list of brands runs on through it). Char codes only.
 */
function ampersandBrand(u: Uint16Array, end: number): boolean {
  if (u[end] !== 32 || u[end + 1] !== 38 || u[end + 2] !== 32) return false;
  const c = u[end + 3]!;
  if (c < 65 || c > 90) return false;
  let q = end + 4;
  while (isLetter(u[q]!)) q++;
  return (u[q] === 39 || u[q] === 0x2019) && (u[q + 1]! | 32) === 115 && !isLetter(u[q + 2]!);
}

const MONTHS: ReadonlySet<string> = set(`
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
september october november december
`);
const WEEKDAYS: ReadonlySet<string> = set(`
mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday
`);

/**
 * One hyphenated word of the calendar's: a range of months ("Jan-Jun") or a compound on a weekday
 * ("Saturday-born", "Mon-Fri"). "May-Ling" and "Jan-Erik" are names: one month alone decides nothing.
 */
function calendarCompound(text: string, u: Uint16Array, start: number, end: number): boolean {
  let hyphen = -1;
  for (let p = start; p < end; p++) {
    const c = u[p]!;
    if (c === 45) {
      if (hyphen >= 0) return false;
      hyphen = p;
    } else if (!isLetter(c)) return false;
  }
  if (hyphen < 0) return false;
  const a = text.slice(start, hyphen).toLowerCase();
  const b = text.slice(hyphen + 1, end).toLowerCase();
  return WEEKDAYS.has(a) || WEEKDAYS.has(b) || (MONTHS.has(a) && MONTHS.has(b));
}

/** " Ltd", " plc", " LLP", " Inc" or " Limited" (any case, a whole word) at `end`: a company's suffix. */
function companySuffixAt(text: string, u: Uint16Array, end: number): boolean {
  if (u[end] !== 32) return false;
  let e = end + 1;
  while (isLetter(u[e]!)) e++;
  const len = e - end - 1;
  if (len !== 3 && len !== 7) return false;
  return COMPANY_SUFFIXES.has(text.slice(end + 1, e).toLowerCase());
}

const COMPANY_SUFFIXES: ReadonlySet<string> = new Set(['ltd', 'plc', 'llp', 'llc', 'inc', 'limited']);

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
