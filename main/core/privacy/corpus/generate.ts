/**
 * Generates the labelled evaluation corpus (corpus.jsonl) from bank and clinic conversation templates.
 * Values come from @faker-js/faker under a fixed seed, so the file is reproducible:
 *   node --import tsx main/core/privacy/corpus/generate.ts
 * Phone numbers are kept only when libphonenumber-js (max metadata) calls them valid, and every
 * checksummed identifier is generated valid, so the labels never depend on our own detector.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fakerDA,
  fakerDE,
  fakerEN_GB,
  fakerEN_US,
  fakerES,
  fakerFR,
  fakerPL,
  fakerZH_CN,
  type Faker,
} from '@faker-js/faker';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { PiiType } from '../types';
import { BANK_TEMPLATES, CLINIC_TEMPLATES } from './templates';

export interface CorpusSpan {
  start: number;
  end: number;
  type: PiiType;
}
export interface CorpusEntry {
  id: string;
  domain: 'bank' | 'clinic';
  text: string;
  spans: CorpusSpan[];
}

const SEED = 20261129;
const COUNT = 2400;
const f = fakerEN_GB;
const locales: Faker[] = [fakerEN_GB, fakerEN_GB, fakerEN_GB, fakerEN_US, fakerEN_US, fakerDE, fakerFR, fakerES, fakerPL, fakerDA, fakerZH_CN];

const pick = <T>(items: readonly T[]): T => f.helpers.arrayElement(items);
const int = (min: number, max: number): number => f.number.int({ min, max });
const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// Hand-picked names with diacritics and scripts faker rarely yields, plus names that are common words.
const SPECIAL_NAMES = ['José García', 'Zoë Müller', 'Łukasz Nowak', 'Søren Kierkegaard', '李伟', '王芳', 'Chloé Dubois', 'François Lefèvre', 'Björn Karlsson', "Siobhán O'Connor", 'Nguyễn Văn An', 'Ayşe Yılmaz', 'Jürgen Schröder', 'Małgorzata Wiśniewska', 'Zoë Ashworth', 'Renée Fontaine'];
const AMBIGUOUS = ['Will', 'Grace', 'May', 'Bill', 'Rose', 'Mark', 'Hope', 'June', 'Frank', 'Ruby', 'Jack', 'Faith', 'Holly', 'Dawn', 'Robin'];

function fullName(): string {
  if (f.datatype.boolean(0.12)) return pick(SPECIAL_NAMES);
  const l = pick(locales);
  if (l === fakerZH_CN) return `${l.person.lastName()}${l.person.firstName()}`;
  return `${l.person.firstName()} ${l.person.lastName()}`;
}

function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let v = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

function card(): string {
  if (f.datatype.boolean(0.15)) {
    const n = withLuhn(pick(['34', '37']) + digits(12));
    const sep = pick([' ', '-', '']);
    return [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep);
  }
  const prefix = pick(['4', '4', '4', '51', '52', '53', '54', '55', '2221']);
  const n = withLuhn(prefix + digits(15 - prefix.length));
  const groups = [n.slice(0, 4), n.slice(4, 8), n.slice(8, 12), n.slice(12)];
  const style = int(0, 9);
  if (style < 5) return groups.join(' ');
  if (style < 7) return groups.join('-');
  if (style < 9) return groups.join('');
  return `${groups[0]}-${groups[1]} ${groups[2]}-${groups[3]}`; // split across mixed punctuation
}

function iban(): string {
  const country = pick(['GB', 'GB', 'GB', 'DE', 'FR', 'ES', 'IE', 'NL', 'PL', 'IT']);
  const raw = f.finance.iban({ formatted: false, countryCode: country });
  return f.datatype.boolean(0.7) ? raw.replace(/(.{4})/g, '$1 ').trim() : raw;
}

function ssn(): string {
  let area = int(1, 899);
  if (area === 666) area = 667;
  const parts = [pad(area, 3), pad(int(1, 99), 2), pad(int(1, 9999), 4)];
  return parts.join(f.datatype.boolean(0.8) ? '-' : ' ');
}

function nhs(): string {
  for (;;) {
    const body = pick(['4', '6', '7']) + digits(8);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check === 10) continue;
    const n = body + check;
    const style = int(0, 9);
    if (style < 6) return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
    if (style < 8) return n;
    return `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`;
  }
}

function nino(): string {
  const first = 'ABCEGHJKLMNOPRSTWXYZ';
  const second = 'ABCEGHJKLMNPRSTWXYZ';
  for (;;) {
    const prefix = pick([...first]) + pick([...second]);
    if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix)) continue;
    const d = digits(6);
    const suffix = pick(['A', 'B', 'C', 'D']);
    return f.datatype.boolean(0.6)
      ? `${prefix}${d}${suffix}`
      : `${prefix} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${suffix}`;
  }
}

function phone(): string {
  for (;;) {
    const kind = int(0, 13);
    let p: string;
    if (kind < 4) p = `07${pick(['4', '5', '7', '8', '9'])}${digits(2)} ${digits(6)}`;
    else if (kind < 5) p = `+44 7${pick(['4', '5', '7', '8', '9'])}${digits(2)} ${digits(6)}`;
    else if (kind < 6) p = pick([`020 ${pick(['3', '7', '8'])}${digits(3)} ${digits(4)}`, `0161 ${digits(3)} ${digits(4)}`, `0113 ${digits(3)} ${digits(4)}`, `+44 (0)20 ${pick(['3', '7', '8'])}${digits(3)} ${digits(4)}`]);
    else if (kind < 9) {
      const npa = `${int(2, 9)}${int(0, 8)}${int(0, 9)}`;
      const nxx = `${int(2, 9)}${digits(2)}`;
      const line = digits(4);
      p = pick([`(${npa}) ${nxx}-${line}`, `${npa}-${nxx}-${line}`, `+1 ${npa} ${nxx} ${line}`, `${npa}.${nxx}.${line}`, `+1-${npa}-${nxx}-${line}`]);
    } else
      p = pick([
        `+33 6 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
        `+49 15${int(1, 7)} ${digits(8)}`,
        `+34 6${digits(2)} ${digits(3)} ${digits(3)}`,
        `+48 5${digits(2)} ${digits(3)} ${digits(3)}`,
        `+45 ${digits(2)} ${digits(2)} ${digits(2)} ${digits(2)}`,
        `+86 13${digits(1)} ${digits(4)} ${digits(4)}`,
        `+353 8${pick(['3', '5', '6', '7', '9'])} ${digits(3)} ${digits(4)}`,
        `+91 9${digits(4)} ${digits(5)}`,
        `0044 7${pick(['4', '5', '7'])}${digits(2)} ${digits(6)}`,
      ]);
    const normalised = p.replace(/^0044/, '+44');
    const region = normalised.startsWith('+') ? undefined : normalised.startsWith('0') ? 'GB' : 'US';
    if (isValidPhoneNumber(normalised, region)) return p;
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function formatDate(d: Date): string {
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  const th = (n: number): string => (n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th');
  switch (int(0, 6)) {
    case 0:
      return `${pad(day, 2)}/${pad(month + 1, 2)}/${year}`;
    case 1:
      return `${day} ${MONTHS[month]} ${year}`;
    case 2:
      return `${MONTHS[month]} ${day}, ${year}`;
    case 3:
      return `${year}-${pad(month + 1, 2)}-${pad(day, 2)}`;
    case 4:
      return `${pad(day, 2)}.${pad(month + 1, 2)}.${year}`;
    case 5:
      return `${day}${th(day)} ${MONTHS[month]} ${year}`;
    default:
      return `${day}/${month + 1}/${String(year).slice(2)}`;
  }
}

function dob(): string {
  return formatDate(f.date.birthdate({ mode: 'age', min: 18, max: 95 }));
}
function eventDate(): string {
  return formatDate(f.date.between({ from: '2023-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }));
}

function streetAddress(): string {
  const l = f.datatype.boolean(0.7) ? fakerEN_GB : fakerEN_US;
  const flat = f.datatype.boolean(0.1) ? `Flat ${int(1, 40)}, ` : '';
  return `${flat}${l.location.buildingNumber()} ${l.location.street()}`;
}

// Real postcode areas and the inward letters Royal Mail uses (faker's en_GB postcodes are not valid).
const POSTCODE_AREAS = ['SW', 'SE', 'NW', 'N', 'E', 'W', 'EC', 'WC', 'B', 'M', 'L', 'LS', 'G', 'EH', 'CF', 'BS', 'NE', 'S', 'OX', 'CB', 'BT', 'RG', 'GU', 'KT', 'SO', 'PO', 'BN', 'NG', 'LE', 'DH'];
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
function ukPostcode(): string {
  const area = pick(POSTCODE_AREAS);
  const district = area.length === 1 ? String(int(1, 20)) : String(int(1, 99));
  const outward = f.datatype.boolean(0.1) && area.length === 2 ? `${area}${int(1, 9)}${pick(['A', 'B', 'E', 'W'])}` : `${area}${district}`;
  return `${outward}${f.datatype.boolean(0.9) ? ' ' : ''}${int(0, 9)}${pick([...INWARD])}${pick([...INWARD])}`;
}

const STATES = ['CA', 'NY', 'TX', 'FL', 'IL', 'WA', 'MA', 'GA', 'OH', 'PA'];

export type SlotValue = { text: string; type: PiiType | null };
export const SLOTS: Record<string, () => SlotValue> = {
  name: () => ({ text: fullName(), type: 'PERSON' }),
  first: () => ({ text: pick(locales).person.firstName().replace(/\s.*/, ''), type: 'PERSON' }),
  last: () => ({ text: pick([fakerEN_GB, fakerEN_US, fakerDE, fakerFR]).person.lastName(), type: 'PERSON' }),
  agent: () => ({ text: fakerEN_GB.person.firstName(), type: 'PERSON' }),
  ambig: () => ({ text: `${pick(AMBIGUOUS)} ${pick([fakerEN_GB, fakerEN_US]).person.lastName()}`, type: 'PERSON' }),
  ambigfirst: () => ({ text: pick(AMBIGUOUS), type: 'PERSON' }),
  card: () => ({ text: card(), type: 'CREDIT_CARD' }),
  iban: () => ({ text: iban(), type: 'IBAN' }),
  ssn: () => ({ text: ssn(), type: 'US_SSN' }),
  nhs: () => ({ text: nhs(), type: 'UK_NHS' }),
  nino: () => ({ text: nino(), type: 'UK_NINO' }),
  phone: () => ({ text: phone(), type: 'PHONE' }),
  email: () => ({ text: pick([fakerEN_GB, fakerEN_US]).internet.email().toLowerCase(), type: 'EMAIL' }),
  ip: () => ({ text: f.datatype.boolean(0.8) ? f.internet.ipv4() : f.internet.ipv6(), type: 'IP_ADDRESS' }),
  dob: () => ({ text: dob(), type: 'DATE_OF_BIRTH' }),
  addr: () => ({ text: streetAddress(), type: 'ADDRESS' }),
  postcode: () => ({ text: ukPostcode(), type: 'POSTCODE' }),
  zip: () => ({ text: fakerEN_US.location.zipCode(pick(['#####', '#####-####'])), type: 'POSTCODE' }),
  state: () => ({ text: pick(STATES), type: null }),
  city: () => ({ text: pick([fakerEN_GB, fakerEN_US]).location.city(), type: null }),
  sort: () => ({ text: [digits(2), digits(2), digits(2)].join(pick(['-', '-', ' ', ''])), type: 'SORT_CODE' }),
  acct: () => ({ text: digits(8), type: 'BANK_ACCOUNT' }),
  passport: () => ({ text: f.datatype.boolean(0.7) ? digits(9) : `${pick(['C', 'E', 'P'])}${digits(8)}`, type: 'PASSPORT' }),
  mrn: () => ({ text: pick([`${pick(['H', 'RX', 'MRN'])}${digits(7)}`, `${pick(['H', 'K'])}-${digits(6)}`, digits(8)]), type: 'MEDICAL_RECORD_NUMBER' }),
  dl: () => ({
    text: f.datatype.boolean(0.6)
      ? `${fakerEN_GB.person.lastName().toUpperCase().replace(/[^A-Z]/g, '').padEnd(5, '9').slice(0, 5)}${digits(6)}${pick(['AB', 'JS', 'MK', 'SM'])}9${pick(['IJ', 'DV', 'XY'])}`
      : `${pick(['D', 'S', 'F', 'B'])}${digits(7)}`,
    type: 'DRIVER_LICENSE',
  }),
  // Numbers that are not PII: the hard negatives.
  amount: () => ({ text: pick([`£${int(1, 9999)}.${pad(int(0, 99), 2)}`, `$${int(1, 4000)}.${pad(int(0, 99), 2)}`, `£${int(1, 99)},${pad(int(0, 999), 3)}.00`, `€${int(5, 900)}`, `${int(10, 900)} pounds`]), type: null }),
  txndate: () => ({ text: eventDate(), type: null }),
  orderid: () => ({ text: pick([`ORD-${digits(8)}`, `${digits(10)}`, `#${digits(6)}`, `A${digits(7)}`]), type: null }),
  ref: () => ({ text: pick([`${digits(4)} ${digits(4)}`, `REF${digits(6)}`, `${digits(8)}`, `CX-${digits(5)}`]), type: null }),
  time: () => ({ text: pick([`${int(8, 17)}:${pick(['00', '15', '30', '45'])}`, `${int(1, 11)}.${pick(['00', '30'])}${pick(['am', 'pm'])}`, `${int(1, 11)}pm`]), type: null }),
  last4: () => ({ text: digits(4), type: null }),
  dose: () => ({ text: pick([`${pick([250, 500, 20, 40, 5, 10])}mg`, `${int(1, 3)} tablets`, `${int(5, 20)}ml`]), type: null }),
  count: () => ({ text: String(int(2, 30)), type: null }),
  pin: () => ({ text: digits(6), type: null }),
  year: () => ({ text: String(int(2015, 2026)), type: null }),
};

export function render(template: string): { text: string; spans: CorpusSpan[] } {
  let text = '';
  const spans: CorpusSpan[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    text += template.slice(last, m.index);
    const slot = SLOTS[m[1] ?? ''];
    if (!slot) throw new Error(`unknown slot ${m[1]} in template: ${template}`);
    const value = slot();
    if (value.type) spans.push({ start: text.length, end: text.length + value.text.length, type: value.type });
    text += value.text;
    last = (m.index ?? 0) + m[0].length;
  }
  text += template.slice(last);
  return { text, spans };
}

/** Birth dates are generated as ages on this day. */
const REF_DATE = '2026-11-29T20:30:00Z';

export function generateCorpus(count = COUNT): CorpusEntry[] {
  // Re-seed on every call, and pin the reference date that birth dates are counted back from (faker
  // uses "now" otherwise, so the file changed every day), so the output depends on nothing but `count`.
  for (const [i, l] of [fakerEN_GB, fakerEN_US, fakerDE, fakerFR, fakerES, fakerPL, fakerDA, fakerZH_CN].entries()) {
    l.seed(SEED + i);
    l.setDefaultRefDate(REF_DATE);
  }
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < count; i++) {
    const domain = i % 2 === 0 ? 'bank' : 'clinic';
    const pool = domain === 'bank' ? BANK_TEMPLATES : CLINIC_TEMPLATES;
    const parts = int(1, 3);
    let text = '';
    const spans: CorpusSpan[] = [];
    for (let p = 0; p < parts; p++) {
      const r = render(pick(pool));
      const offset = text.length === 0 ? 0 : text.length + 1;
      if (text.length > 0) text += ' ';
      for (const s of r.spans) spans.push({ start: s.start + offset, end: s.end + offset, type: s.type });
      text += r.text;
    }
    entries.push({ id: `${domain}-${pad(i, 4)}`, domain, text, spans });
  }
  return entries;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const corpus = generateCorpus();
  const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus.jsonl');
  writeFileSync(out, corpus.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const spans = corpus.reduce((n, e) => n + e.spans.length, 0);
  process.stdout.write(`wrote ${corpus.length} texts, ${spans} spans to ${out}\n`);
}
