/**
 * An address written inside a sentence and ending in a postcode, with no house number or street type
 * the street parser knows: "statements to go to Tŷ Gwyn, Lôn y Felin, Bala LL23 7AB", "letter to: Morwenna
 * Tonkin, Chapel Farm, Zennor, St Ives TR26 3BY". Rural, Welsh, Gaelic, Irish and Cornish addresses open
 * with a house or farm name, then a locality and a town, each its own comma-separated part. At least
 * three parts are needed (two could be a name and a town), read back from the postcode while each looks
 * like an address line (capitalised words and short joining words, an optional house number); the first
 * part may be the end of the sentence's words ("... go to Taigh na Mara"). A person's name opening the
 * block after a cue (the addressee) is left to the names pass. The postcode stays its own span, as on
 * address lines (address-fields.ts).
 */
import { addressOverlaps, endBefore } from './address-fields';
import type { Scan } from './scan';

// One part: an optional house number, then one to five words, each capitalised or a short lower-case
// joining word, with Gaelic and Welsh elisions ("Ceann a' Bhàigh", "Heol y Llan").
const PART =
  /^(?:\d{1,5}[A-Za-z]? )?(?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*|[a-z]{1,4}['’]?)(?: (?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*|[a-z]{1,4}['’]?)){0,4}$/;
// The capitalised end of the sentence's words before the first comma: up to four words after the last
// lower-case word, colon or quote ("statements to go to Taigh na Mara", 'STMTS TO "THE OLD FORGE"').
const TAIL =
  /(?:^|[\s:("“])((?:\d{1,5}[A-Za-z]? )?[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*(?: (?:[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.-]*|[a-z]{1,4}['’]?)){0,3})["”]?$/;
// Field labels that may open the block and are not part of it.
const LABEL = /^(?:address|addr|to|at)\b[:\s]*/i;

export function inlineAddresses(s: Scan): void {
  const text = s.text;
  const out = s.out;
  for (let i = 0, n = out.length; i < n; i++) {
    const pc = out[i]!;
    if (pc.type !== 'POSTCODE') continue;
    const c = text.charCodeAt(pc.start);
    if (c < 65 || c > 90) continue;
    const to = endBefore(text, pc.start, 0);
    // Three parts need two commas close before the postcode: most postcodes end a street line and stop here.
    const comma = text.lastIndexOf(',', to - 1);
    const before = comma > 0 ? text.lastIndexOf(',', comma - 1) : -1;
    if (before < 0 || to - before > 160) continue;
    // A street the parser found there (most addresses) takes the block: asked before any slicing.
    if (addressOverlaps(s, before, pc.end)) continue;
    // The sentence or line the block is in.
    const from = Math.max(0, text.lastIndexOf('\n', to - 1) + 1, sentenceStart(text, to));
    if (to - from < 8) continue;
    if (addressOverlaps(s, from, pc.end)) continue;
    const parts = text.slice(from, to).split(',');
    let k = parts.length;
    let offset = to - from;
    let start = -1;
    while (k > 0) {
      const raw = parts[k - 1]!;
      const partStart = offset - raw.length;
      const trimmed = raw.trim().replace(/^["“]|["”]$/g, '');
      if (PART.test(trimmed) && !LABEL.test(trimmed)) {
        start = from + partStart + raw.indexOf(trimmed);
        // "I, Ann Roe, of Ty Gwyn, ...": the address a deed or letter names its writer 'of' opens here.
        if (trimmed.startsWith('of ')) {
          start += 3;
          k--;
          break;
        }
      } else {
        // A comma typed after a space ("Rose Cottage , Mill Lane"), as scans and hurried typing have it.
        const m = TAIL.exec(raw.trimEnd());
        if (m !== null) {
          const value = m[1]!.replace(LABEL, '');
          if (value !== '') {
            start = from + partStart + raw.lastIndexOf(value);
            k--;
          }
        }
        break;
      }
      k--;
      offset = partStart - 1;
    }
    if (start < 0) continue;
    start = afterSentenceWords(text, start, text.indexOf(',', start));
    let count = parts.length - k;
    // The addressee opening the block ("to: Kerenza Pascoe, Roskilly Farm, ...") is a name, not a line.
    const firstEnd = text.indexOf(',', start);
    if (count >= 4 && personAt(s, start, firstEnd)) {
      start = firstEnd + 1;
      while (text.charCodeAt(start) === 32) start++;
      count--;
    }
    if (count < 3) continue;
    s.add(start, to, 'ADDRESS', 0.8);
  }
}

/** Where the sentence holding `p` starts: after ". ", "? ", "! " or "; " (0 when none). */
function sentenceStart(text: string, p: number): number {
  let best = 0;
  for (const stop of ['. ', '? ', '! ', '; ']) {
    const q = text.lastIndexOf(stop, p - 1);
    if (q >= 0 && q + 2 > best) best = q + 2;
  }
  return best;
}

// English words that join a sentence, not a house name ("Send it to Rose Cottage"): Welsh, Gaelic and
// Irish names join theirs with y, yr, a', na, an.
const SENTENCE_WORD = /(?:^|\s)(?:to|it|at|is|of|for|and|me|my|us|we|our|her|his|them|from|via|with)(?= \S)/g;

/** The first part's start moved past the sentence's own words before the house name. */
function afterSentenceWords(text: string, start: number, end: number): number {
  if (end < 0 || end - start > 80) return start;
  const part = text.slice(start, end);
  let cut = 0;
  SENTENCE_WORD.lastIndex = 0;
  for (let m = SENTENCE_WORD.exec(part); m !== null; m = SENTENCE_WORD.exec(part))
    cut = m.index + m[0].length + 1;
  return start + cut;
}

/** Whether a PERSON candidate covers [from, to). */
function personAt(s: Scan, from: number, to: number): boolean {
  for (const a of s.out) if (a.type === 'PERSON' && a.start <= from && to <= a.end) return true;
  return false;
}
