/**
 * Context words. One pass over the lower-cased text finds every keyword and its category; a candidate
 * then asks for the nearest keyword before it (or just after it). "Nearest wins" is what separates
 * "account number 12345678" from "order ref 12345678" and a birth date from a payment date.
 */
export type ContextKind =
  | 'CARD'
  | 'SSN'
  | 'NHS'
  | 'NINO'
  | 'PHONE'
  | 'SORT'
  | 'ACCOUNT'
  | 'NOT_PII'
  | 'DOB'
  | 'EVENT_DATE'
  | 'PASSPORT'
  | 'LICENSE'
  | 'MRN'
  | 'POSTAL'
  | 'IP';

// Order of the capture groups below; a group's index picks the kind.
const KINDS: readonly ContextKind[] = [
  'NHS',
  'SSN',
  'NINO',
  'SORT',
  'ACCOUNT',
  'CARD',
  'PHONE',
  'DOB',
  'EVENT_DATE',
  'PASSPORT',
  'LICENSE',
  'MRN',
  'POSTAL',
  'IP',
  'NOT_PII',
];

const SOURCES = [
  /(nhs|chi number|health (?:service )?(?:no|number))/,
  /(ssn|social security|social sec)/,
  /(national insurance|ni (?:no|number)|nino)/,
  /(sort[ -]?code)/,
  /(account|acct|a\/c|acc(?:\.|ount)? no|routing)/,
  /(card|visa|mastercard|amex|debit|credit|pan)/,
  /(phone|call|calling|mobile|tel|telephone|cell|ring|landline|whatsapp|text|reach|contact|fax|ext)/,
  /(born|birth|d\.o\.b|dob|birthday|bday)/,
  /(paid|payment|transaction|transfer|charged|debited|credited|deposit|withdrawal|purchase|statement|appointment|booked|scheduled|visit|due|expires?|expiry|dated|posted|refund|ordered|delivered)/,
  /(passport)/,
  /(driv(?:ing|er'?s?) licen[cs]e|licen[cs]e (?:no|number)|dl)/,
  /(mrn|medical record|hospital (?:no|number|id)|patient (?:id|no|number)|record (?:no|number)|case number)/,
  /(post ?code|postal|zip|address|live at|lives at|living at|moved to|deliver to)/,
  /(ip|ip address|logged in from|login from)/,
  /(order|ref|reference|invoice|tracking|booking|ticket|claim|policy|receipt|confirmation|id|amount|balance|total|pin|otp|passcode|one-time|security code|verification code|code is)/,
].map((r) => r.source.slice(1, -1)); // drop the capture parentheses

// One alternation without capture groups: V8 scans it several times faster than fifteen \b-prefixed
// groups. The kind is recovered from the (short) matched keyword afterwards.
const KEYWORDS = new RegExp(`\\b(?:${SOURCES.join('|')})(?![a-z])`, 'g');
const KIND_TESTS = SOURCES.map((src) => new RegExp(`^(?:${src})$`));
const kindCache = new Map<string, ContextKind>();

function kindOf(keyword: string): ContextKind {
  let kind = kindCache.get(keyword);
  if (kind === undefined) {
    const i = KIND_TESTS.findIndex((re) => re.test(keyword));
    kind = KINDS[i] ?? 'NOT_PII';
    if (kindCache.size < 1024) kindCache.set(keyword, kind);
  }
  return kind;
}

export interface ContextHit {
  kind: ContextKind;
  start: number;
  end: number;
}

export function scanContext(lower: string): ContextHit[] {
  const hits: ContextHit[] = [];
  KEYWORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORDS.exec(lower)) !== null) {
    hits.push({ kind: kindOf(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return hits;
}

export const BEFORE_WINDOW = 48;
export const AFTER_WINDOW = 24;
