/**
 * Every word list and phrase list the person recognizer consults, merged into one table of bit flags
 * (persons-table.ts): one look-up per word or phrase instead of up to a dozen Set probes, made on
 * the text's code units without slicing.
 */
import * as names from './names';
import { SpanTable } from './persons-table';

// Gazetteer flags of a capitalised word.
export const F_FIRST = 1;
export const F_AMBIGUOUS = 2;
export const F_LAST = 4;
export const F_NOT_NAME = 8;
/** A title inside a run ("Dr", "Mrs"). */
export const F_TITLE = 16;
// F_ORG and F_WIDE (below) are word flags too.
export const WORD_FLAGS = 31 | 4096 | 8192;
// Phrase flags of the one to three words before a name.
export const P_STRONG = 32;
export const P_WEAK = 64;
export const P_SINGLE = 128;
export const P_LOCATION = 256;
/** A title just before a name (TITLE_WORDS: also "doctor"). */
export const P_TITLE = 512;
/** Some listed phrase of two or three words ends with this one or two. */
export const P_TAIL = 1024;
export const P_NAME = 2048;
/** A word that ends an organisation's or a building's name ("Wexford Bakery Ltd", "Wellington House"). */
export const F_ORG = 4096;
/**
 * A name known only from the generated list (names-wide.ts), not the hand list: enough to tip a
 * capitalised word, not to read an all-capitals token as a name rather than an acronym ("SIM", "ABA").
 */
export const F_WIDE = 8192;

const phrases = (list: string): string[] => list.split('|');
const STRONG = phrases(
  "my name is|my name's|name's|name’s|my names|it is|name is|names are|i am|i'm|this is|call me|speak to|speaking to|speak with|spoke to|spoke with|ask for|asking for|named|called|dear|regards|signed|wishes|sincerely|faithfully",
);
// Other languages' labels for the person a payment or form names; they are no name themselves.
const FOREIGN_LABELS =
  'odbiorca nadawca beneficjent wlasciciel empfanger kontoinhaber destinatario beneficiario titular remitente beneficiaire destinataire titulaire begunstigde';
const WEAK = phrases(
  "im|it's|it’s|its|names|she's|he's|patient|customer|hi|hello|hey|thanks|thank you|cheers|from|son|daughter|wife|husband|partner|mother|father|mum|dad|carer|and|or|with|to|for|by|is|kin|" +
    // Roles that head a name in notes and case files ("Payee Harriet Lo", "Cardholder Angela Moretti").
    'teller|cashier|payee|payer|cardholder|holder|organiser|organizer|applicant|claimant|beneficiary|tenant|caller|client|member|referrer|witness|' +
    'victim|suspect|resident|pupil|student|visitor|deceased|spouse|' +
    // The same labels in other languages, as payment forms and customers' messages have them
    // ("Odbiorca Paweł Nowicki", "Beneficiario Lucía Romero", "Empfänger Jonas Weber").
    FOREIGN_LABELS.replace(/ /g, '|'),
);
const SINGLE = phrases(
  'hi|hello|hey|dear|thanks|thank you|cheers|bye|morning|afternoon|evening|son|daughter|wife|husband|partner|mother|father|mum|mom|dad|brother|sister|carer|colleague|kin|nurse|doctor|nan|gran|grandma|grandad|uncle|aunt|auntie|' +
    // Staff roles that head a lone first name in notes ("the pharmacist Nadia", "Teller Amira").
    'pharmacist|receptionist|teller|cashier|midwife|paramedic|adviser|advisor|cousin|niece|nephew|' +
    // Further relatives who head a lone given name in notes ("Spouse Tiago.", "with baby Noor").
    'spouse|baby|fiance|fiancee|boyfriend|girlfriend|grandson|stepson|stepdaughter|guardian|' +
    // The person a case note or report is about ("Victim Priyanka Desai", "the resident Edna").
    'victim|suspect|resident|pupil|student|visitor|deceased',
);
const LOCATION = phrases('in|at|near|from|via|to the|of the');
// Other languages' honorifics, as customers write them in mixed-language messages ("Pan Tomasz
// Zieliński", "Señor Hernández", "Frau Becker").
const FOREIGN_TITLES =
  'pan pani herr frau señor señora senor senora sr sra monsieur madame mme signor signora';
const TITLE_WORDS = phrases(
  `mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lady|lord|doctor|nurse|father|rev|mister|missus|${FOREIGN_TITLES.replace(/ /g, '|')}`,
);
const TITLES =
  `mr mrs ms miss mx dr prof professor sir dame lady lord nurse father rev mister missus ${FOREIGN_TITLES}`.split(
    ' ',
  );

const ALL = new Map<string, number>();
function mark(keys: Iterable<string>, flag: number): void {
  for (const k of keys) ALL.set(k, (ALL.get(k) ?? 0) | flag);
}
mark(names.FIRST_NAMES, F_FIRST);
mark(names.AMBIGUOUS_FIRST_NAMES, F_AMBIGUOUS);
mark(names.LAST_NAMES, F_LAST);
mark(names.WIDE_ONLY, F_WIDE);
mark(names.NOT_NAME_WORDS, F_NOT_NAME);
mark(FOREIGN_LABELS.split(' '), F_NOT_NAME);
mark(TITLES, F_TITLE);
mark(STRONG, P_STRONG);
mark(WEAK, P_WEAK);
mark(SINGLE, P_SINGLE);
mark(LOCATION, P_LOCATION);
mark(TITLE_WORDS, P_TITLE);
mark(['name'], P_NAME);
mark(
  `ltd limited plc llp inc llc corp corporation estate trading holdings associates bakery joinery kingdom
  testamentary hours request consulting solutions industries foundation society council university college
  academy quay wharf terrace gardens works enterprises house manor lodge mail surgery practice clinic pharmacy
  hospital centre center st rd ave blvd
  farm farmhouse croft cottage cottages barn barns grange granary forge rectory vicarage bungalow mews villas
  grove bridge
  plumbing plumbers electrical electricians builders roofing solicitors accountants motors garage cleaning
  logistics haulage transport catering removals landscaping construction lettings properties dental
  club weekly complaints committee
  police constabulary estates medicine room rooms partners group trust agency healthcare
  avenue road drive place
  conveyancing opticians optometrists studio studios salon dentistry orthodontics veterinary vets pension
  pensions`.split(/\s+/),
  F_ORG,
);
mark(
  [...STRONG, ...WEAK, ...SINGLE, ...LOCATION].flatMap((p) => {
    const w = p.split(' ');
    return w.length === 1 ? [] : w.length === 2 ? [w[1]!] : [w[w.length - 1]!, w.slice(-2).join(' ')];
  }),
  P_TAIL,
);

// One table for the hand lists, the phrases and the generated gazetteer, so every word is one probe. A
// hot tier with the generated words behind a filter cost more: on the bench's texts a fifth of the
// look-ups missed the hot tier (a third of those were generated-list names), each paying for the filter
// and a second table, and the three arrays held more of the cache (p50 about 2% slower).
export const FLAGS = new SpanTable(ALL);

/** Gazetteer flags of a word already lower-cased (its packed key when ASCII, else the Map). */
export function wordFlags(lower: string): number {
  return FLAGS.getString(lower) & WORD_FLAGS;
}

/** Strips diacritics for gazetteer look-ups (García → garcia); Ł and Ø have no decomposition and stay. */
export function fold(lower: string): string {
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 127) return foldLatin(lower);
  }
  return lower;
}

function foldSlow(lower: string): string {
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

// Below U+0250 every character folds to exactly one character, so a word made of them folds char by
// char (checked in persons.test.ts), without the far slower normalize().
const LATIN_END = 0x250;
const FOLD_CHAR: string[] = [];
for (let c = 0; c < LATIN_END; c++) FOLD_CHAR.push(foldSlow(String.fromCharCode(c)));

// Two more blocks fold char by char: Latin Extended Additional (Vietnamese "ễ", "ạ"), each a Latin
// letter and marks, and the CJK ideographs of Han names, which have no decomposition. Every character
// of these ranges decomposes to a starter first, so no mark moves across characters when NFD reorders
// marks, and the word's fold is its characters' folds in order (checked in persons.test.ts); normalize()
// cost more than the rest of a name's look-up.
const LATIN_ADDITIONAL = 0x1e00;
const LATIN_ADDITIONAL_END = 0x1f00;
const FOLD_ADDITIONAL: string[] = [];
for (let c = LATIN_ADDITIONAL; c < LATIN_ADDITIONAL_END; c++)
  FOLD_ADDITIONAL.push(foldSlow(String.fromCharCode(c)));

function foldLatin(lower: string): string {
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < LATIN_END) out += FOLD_CHAR[c]!;
    else if (c >= LATIN_ADDITIONAL && c < LATIN_ADDITIONAL_END) out += FOLD_ADDITIONAL[c - LATIN_ADDITIONAL]!;
    else if ((c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff)) out += lower[i]!;
    else return foldSlow(lower);
  }
  return out;
}
