/**
 * An organisation's own telephone number is no one's personal data, nor a meeting's dial-in code: "please call the clinic on ...",
 * "Customer Service 1-800-...", a letterhead's "NORTHGATE SURGERY  Tel ...". The words right before
 * the number say whose it is; a person's number has their name or "my", "mobile", "home" there.
 */
import type { Scan } from './scan';

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

/** How far back the words naming the number are read. */
const REACH = 130;

/** Drops the PHONE candidates that an organisation's words name. */
export function dropOrgPhones(s: Scan): void {
  const text = s.text;
  const out = s.out;
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (c.type !== 'PHONE') continue;
    const before = text.slice(Math.max(0, c.start - REACH), c.start);
    if (
      CALL_THE_ORG.test(before) ||
      ORG_LINE.test(before) ||
      MEETING_CODE.test(before) ||
      letterhead(text, c.start, before)
    )
      out.splice(i, 1);
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
