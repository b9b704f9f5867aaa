/**
 * A given name and the desk or service the person works for: "Grace from accounts will call you",
 * "Precious from Social Services called", "Sunny from the pharmacy". Service text names staff so; the
 * department after "from" makes an everyday word that is also a given name (Grace, Hope, Will) a
 * person, where "Rose from the ashes" and "Spring from the garden" stay words.
 */
import { F_AMBIGUOUS, F_FIRST } from './persons-flags';
import { found } from './persons-words';
import type { Scan } from './scan';
import { MARK_FROM } from './scan-pass';

const SCORE = 0.75;

// Desks, services and workplaces a member of staff is "from".
const DESKS = new Set(
  `accounts it hr reception pharmacy compliance fraud council branch bank surgery practice clinic social
  team office support billing payroll admin finance legal security lending mortgages collections
  complaints helpdesk lab laboratory ward hospital school nursery housing benefits dispensary
  safeguarding underwriting claims`.split(/\s+/),
);

export function fromNames(s: Scan): void {
  const text = s.text;
  // Cheap first: no " from " in the text (the text pass notes it), nothing to read.
  if (!s.hasMark(MARK_FROM)) return;
  const u = s.personsPass();
  const n = found.words;
  for (let i = 0; i < n; i++) {
    const end = found.end[i]!;
    // " from " right after the word, and the word alone (no capitalised word just before it).
    if (u[end] !== 32 || u[end + 1] !== 102 || !text.startsWith('from ', end + 1)) continue;
    const start = found.start[i]!;
    if (i > 0 && found.end[i - 1] === start - 1 && u[start - 1] === 32) continue;
    if ((found.lf[i]! & (F_FIRST | F_AMBIGUOUS)) === 0) continue;
    if (!deskAt(text, u, end + 6) || overlaps(s, start, end)) continue;
    s.add(start, end, 'PERSON', SCORE);
  }
}

/** A desk's word at `p`, after an optional "the", "our" or "your". */
function deskAt(text: string, u: Uint16Array, p: number): boolean {
  let q = p;
  for (const det of ['the ', 'our ', 'your ']) {
    if (text.startsWith(det, q) || text.startsWith(det[0]!.toUpperCase() + det.slice(1), q)) {
      q += det.length;
      break;
    }
  }
  let e = q;
  while (e - q < 16 && (u[e]! | 32) >= 97 && (u[e]! | 32) <= 122) e++;
  if (e === q || e - q >= 16) return false;
  return DESKS.has(text.slice(q, e).toLowerCase());
}

function overlaps(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.type === 'PERSON' && c.start < end && start < c.end) return true;
  return false;
}
