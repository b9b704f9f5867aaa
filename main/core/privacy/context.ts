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

const KEYWORDS = new RegExp(
  [
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
  ]
    .map((r) => r.source)
    .map((s) => `\\b${s}(?![a-z])`)
    .join('|'),
  'g',
);

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
    for (let g = 1; g < m.length; g++) {
      if (m[g] !== undefined) {
        hits.push({ kind: KINDS[g - 1] ?? 'NOT_PII', start: m.index, end: m.index + m[0].length });
        break;
      }
    }
  }
  return hits;
}

export const BEFORE_WINDOW = 48;
export const AFTER_WINDOW = 24;
