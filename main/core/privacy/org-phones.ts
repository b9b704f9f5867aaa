/**
 * An organisation's own telephone number is no one's personal data, nor a meeting's dial-in code: "please call the clinic on ...",
 * "Customer Service 1-800-...", a letterhead's "NORTHGATE SURGERY  Tel ...". The words right before
 * the number say whose it is; a person's number has their name or "my", "mobile", "home" there.
 */
import { isAsciiLetter } from './chars';
import { codeUnits } from './code-units';
import type { PiiSpan } from './types';

// "call the clinic on", "ring us at", "contact the surgery on".
const CALL_THE_ORG =
  /\b(?:call|ring|contact|phone)\s+(?:the\s+)?(?:clinic|surgery|practice|branch|office|ward|department|helpline|switchboard|reception|pharmacy|hospital|team|us)\s+(?:on|at)\s*$/i;
// "Customer Service", "Helpline:", "Switchboard no.", "Fax".
const ORG_LINE =
  /\b(?:customer\s+services?|helpline|switchboard|reception|enquiries|head\s+office|main\s+office|fax)\s*(?:no\.?|number|line)?\s*[:-]?\s*$/i;
// A letterhead: an organisation's name on the line (or the one above, in the first lines), then "Tel".
const LETTERHEAD =
  /\b(?:SURGERY|PRACTICE|CLINIC|HOSPITAL|PHARMACY|BANK|TRUST|COUNCIL|CENTRE|CENTER|Surgery|Practice|Clinic|Hospital|Pharmacy|Bank|Trust|Council|Centre)\b[^\n]{0,60}(?:\n[^\n]{0,60})?\b(?:Tel|Phone|T)\.?:?\s*$/;

// A conference call's access code or PIN is shaped like a number to dial, and is none.
const MEETING_CODE = /\b(?:dial-?in|conference|meeting|access|participant)\s+(?:code|pin|id)\s*[:#]?\s*$/i;

/** How far back the words naming the number are read: a phrase, or a letterhead's two lines. */
const REACH = 48;
const LETTERHEAD_REACH = 130;

// Which form may end in the word right before the number: only that form's regex is tried.
const FORM_BY_LAST_WORD: ReadonlyMap<string, RegExp> = new Map([
  ...['on', 'at'].map((w) => [w, CALL_THE_ORG] as const),
  ...`service services helpline switchboard reception enquiries office fax no number line`
    .split(' ')
    .map((w) => [w, ORG_LINE] as const),
  ...['code', 'pin', 'id'].map((w) => [w, MEETING_CODE] as const),
  ...['tel', 'phone', 't'].map((w) => [w, LETTERHEAD] as const),
]);

/** A word's length and its first and last letters (lower case) as one number: no slice to test it. */
function wordKey(length: number, first: number, last: number): number {
  return (length << 10) | ((first | 32) << 5) | ((last | 32) & 31);
}
const LAST_WORD_KEYS: ReadonlySet<number> = new Set(
  [...FORM_BY_LAST_WORD.keys()].map((w) => wordKey(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1))),
);

/**
 * The lower-case word ending right before `start` past a few separators (" : ", "# "), or '' when it
 * cannot be one of FORM_BY_LAST_WORD's (told from its length and end letters, before any slice).
 */
function lastWord(text: string, u: Uint16Array, start: number): string {
  let e = start;
  while (e > 0 && start - e < 4 && isSeparator(u[e - 1]!)) e--;
  let b = e;
  while (b > 0 && e - b < 12 && isAsciiLetter(u[b - 1]!)) b--;
  if (b === e || !LAST_WORD_KEYS.has(wordKey(e - b, u[b]!, u[e - 1]!))) return '';
  return text.slice(b, e).toLowerCase();
}

/** ' ', ':', '#', '-', '.', tab. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 58 || c === 35 || c === 45 || c === 46 || c === 9;
}

/**
 * Drops the PHONE spans that an organisation's words name, in place. Run on the resolved spans (a few per
 * text) before the requested types are picked, so a narrowed request agrees with a full one.
 */
export function dropOrgPhones(spans: PiiSpan[], text: string): void {
  // The text's code units (read again here: a scan of another text may have refilled the buffer); only
  // fetched once a phone is found, and read within the text, so they say what charCodeAt would.
  let u: Uint16Array | null = null;
  for (let i = spans.length - 1; i >= 0; i--) {
    const c = spans[i]!;
    if (c.type !== 'PHONE' || c.start === 0) continue;
    u ??= codeUnits(text);
    const form = FORM_BY_LAST_WORD.get(lastWord(text, u, c.start));
    if (form === undefined) continue;
    const reach = form === LETTERHEAD ? LETTERHEAD_REACH : REACH;
    const before = text.slice(Math.max(0, c.start - reach), c.start);
    if (form === LETTERHEAD ? letterhead(text, c.start, before) : form.test(before)) spans.splice(i, 1);
  }
}

/** The letterhead form, only in the first three lines: lower down a bank's name is a customer's bank. */
function letterhead(text: string, start: number, before: string): boolean {
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) {
    if (++lines > 2) return false;
  }
  return LETTERHEAD.test(before);
}
