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
vinted depop etsy tesco sainsbury's asda morrisons aldi lidl waitrose argos currys boots primark
shield royal national station airport city
lankan kenyan ugandan korean japanese vietnamese nepali nepalese sri-lankan filipino thai malaysian
`);

// What a spoken answer runs on with after a name cue ("surname caller it's", "name is siobhan that's"):
// said around the name, never part of it.
const SPOKEN = set(`it's its that's thats i'm im he's she's there's what's um erm er uh ah yeah`);

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

const WORD = /[\p{L}'’-]+/gu;

/** Drops the PERSON candidates these lists rule out, or trims a role off a name's edge. */
export function vetoNames(s: Scan): void {
  const out = s.out;
  const text = s.text;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'PERSON') continue;
    const kept = keptPart(text, c.start, c.end);
    if (kept === null) out.splice(i, 1);
    else if (kept.start !== c.start || kept.end !== c.end)
      out[i] = { ...c, start: kept.start, end: kept.end };
  }
}

interface Part {
  start: number;
  end: number;
}

/**
 * The part of [start, end) that may be a person's name: all of it, none (null), or the name before or
 * after a role word at its edge ("Priya Patel Manager" keeps "Priya Patel"; "Store Manager" keeps
 * nothing, as one word left beside a role is as likely the role's own).
 */
function keptPart(text: string, start: number, end: number): Part | null {
  const whole = { start, end };
  if (orgAfter(text, end)) return null;
  const words = [...text.slice(start, end).matchAll(WORD)];
  // A lone word stays: "Royal" or "Delivery" alone is as likely a surname as anything.
  if (words.length < 2) return whole;
  const lower = words.map((m) => m[0].toLowerCase().replace(/’/g, "'"));
  if (SPOKEN.has(lower[0]!) || SPOKEN.has(lower[lower.length - 1]!))
    return spokenTrimmed(start, words, lower);
  if (PUBLIC_FIGURES.has(lower.join(' '))) return null;
  if (lower.some((w) => NEVER_IN_NAME.has(w))) return null;
  const bad = lower.map((w) => ROLES.has(w) || SPECIALTY.test(w));
  if (!bad.includes(true)) return whole;
  const first = bad.indexOf(false);
  const last = bad.lastIndexOf(false);
  if (first < 0 || last - first < 1 || bad.slice(first, last + 1).includes(true)) return null;
  return { start: start + words[first]!.index, end: start + words[last]!.index + words[last]![0].length };
}

/** The words between the spoken fillers at a run's edges, unless none or only a cue's own word is left. */
function spokenTrimmed(start: number, words: RegExpExecArray[], lower: string[]): Part | null {
  let a = 0;
  let b = lower.length - 1;
  while (a <= b && SPOKEN.has(lower[a]!)) a++;
  while (b >= a && SPOKEN.has(lower[b]!)) b--;
  if (a > b || (a === b && NOT_NAME_WORDS.has(lower[a]!))) return null;
  return { start: start + words[a]!.index, end: start + words[b]!.index + words[b]![0].length };
}

// "Cardiologist", "Paediatrician", "Psychiatrist": a specialist is named by the field, not the person.
const SPECIALTY = /^[a-z]{3,}(?:ologist|ician|iatrist|ologists)$/;

/** The capitalised word after `end` on the same line, when it heads an organisation's name. */
function orgAfter(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 32) return false;
  const c = text.charCodeAt(end + 1);
  if (c < 65 || c > 90) return false;
  let e = end + 2;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  return ORG_AFTER.has(text.slice(end + 1, e).toLowerCase());
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
