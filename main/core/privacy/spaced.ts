/**
 * Letter-spaced text, as scanned forms and their OCR print boxed fields: one character per box, a space
 * between ("P A S S P O R T  N o :  5 3 3 3 8 0 0 1 2", "Date of birth 2 9 O 8 1 9 9 2", "5 8 2 - 3 1 -
 * 9 O 4 4"). No reader sees a value in that, nor a cue. The text is read again with each run of three or
 * more single characters closed up, and a value found there over a closed-up run is mapped back onto
 * the spaced original. Only texts with a run of six such characters are read again (nearly none).
 */
import type { Plan } from './detect-plan';
import type { Candidate, Scan } from './scan';
import type { PiiType } from './types';

/** Single characters in a run before a text is read again, and before a run is closed up in it. */
const GATE_RUN = 6;
const CLOSE_RUN = 3;
/** A value read from closed-up boxes keeps most of its score: its characters are as written. */
const FACTOR = 0.95;

/** Letters, digits and the separators a boxed value is printed with ('-', '/', '.', ':'). */
function boxChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    ((c | 32) >= 97 && (c | 32) <= 122) ||
    c === 45 ||
    c === 47 ||
    c === 46 ||
    c === 58
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || Number.isNaN(c);
}

/**
 * Where each run of single characters starts and ends (inclusive of its last character), for runs of at
 * least `min`: a box character alone between spaces, then one space and another such character.
 */
function spacedRuns(text: string, min: number): number[] {
  const found: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!boxChar(c) || (i > 0 && !isSpace(text.charCodeAt(i - 1))) || !isSpace(text.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    let j = i;
    let count = 1;
    while (
      text.charCodeAt(j + 1) === 32 &&
      boxChar(text.charCodeAt(j + 2)) &&
      isSpace(text.charCodeAt(j + 3))
    ) {
      j += 2;
      count++;
    }
    if (count >= min) found.push(i, j);
    i = j + 1;
  }
  return found;
}

/**
 * The cheap gate, from the text pass's digit runs alone: four single digits in a row, each apart from
 * the next by one space or by a boxed separator or letter and its spaces ("5 8 2 - 3", "9 O 8"). Every
 * boxed value holds digits; the text itself is read only past this gate.
 */
export function mayBeSpaced(s: Scan): boolean {
  const { count, starts, ends } = s.runs;
  let chain = 0;
  for (let k = 0; k < count; k++) {
    if (ends[k]! - starts[k]! !== 1) {
      chain = 0;
      continue;
    }
    const gap = k > 0 ? starts[k]! - ends[k - 1]! : 0;
    chain = chain > 0 && (gap === 1 || gap === 3) ? chain + 1 : 1;
    if (chain >= 4) return spacedRuns(s.text, GATE_RUN).length > 0;
  }
  return false;
}

type Scanner = (text: string, plan: Plan) => Candidate[];

// The structured types read from closed-up boxes; a name spelt out in boxes is left to the name readers.
const SPACED_TYPES: ReadonlySet<PiiType> = new Set<PiiType>([
  'DATE_OF_BIRTH',
  'CREDIT_CARD',
  'IBAN',
  'BANK_ACCOUNT',
  'SORT_CODE',
  'US_SSN',
  'UK_NINO',
  'UK_NHS',
  'PASSPORT',
  'MEDICAL_RECORD_NUMBER',
  'DRIVER_LICENSE',
  'PHONE',
]);

let reading = false;

/**
 * Values found in the closed-up reading of `s`'s text over a closed-up run, added to `s.out`. Run last:
 * it scans another text, which refills the shared code units.
 */
export function spacedValues(s: Scan, plan: Plan, scan: Scanner): void {
  if (reading) return;
  const text = s.text;
  const runs = spacedRuns(text, CLOSE_RUN);
  if (runs.length === 0) return;
  // The closed-up text, and for each of its characters where it stood in the original.
  const parts: string[] = [];
  const at: number[] = [];
  const closed = new Uint8Array(text.length + 1);
  let from = 0;
  for (let r = 0; r < runs.length; r += 2) {
    const a = runs[r]!;
    const b = runs[r + 1]!;
    parts.push(text.slice(from, a));
    for (let k = from; k < a; k++) at.push(k);
    for (let k = a; k <= b; k += 2) {
      parts.push(text[k]!);
      at.push(k);
      closed[k] = 1;
    }
    from = b + 1;
  }
  parts.push(text.slice(from));
  for (let k = from; k <= text.length; k++) at.push(k);
  let found: Candidate[];
  reading = true;
  try {
    found = scan(parts.join(''), plan);
  } finally {
    reading = false;
  }
  for (const c of found) {
    if (!SPACED_TYPES.has(c.type) || c.end <= c.start) continue;
    const start = at[c.start]!;
    const end = at[c.end - 1]! + 1;
    let boxed = 0;
    for (let k = start; k < end; k++) boxed += closed[k]!;
    // The value must lie over boxes, not merely beside them: a value written plainly was read already.
    if (boxed * 2 < c.end - c.start) continue;
    s.add(start, end, c.type, c.score * FACTOR);
  }
}
