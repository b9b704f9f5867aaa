/**
 * An IBAN read out after its name, as dictation and call transcripts have it: "the IBAN is G B four two
 * N W B K five eight ...". Letters come as single letters, digits as words or digits; the whole must be
 * an IBAN of its country's length with ISO 13616's mod-97 check, which a stray run of letters and
 * numbers passes about once in a hundred. Written IBANs are the structured reader's; this reads only
 * what has a spelled-out letter or digit word in it.
 */
import { spokenValue } from './cued-values';
import type { Scan } from './scan';
import { MARK_IBAN } from './scan-pass';
import { ibanValid } from './validators';

// After the cue: "is", "um", "number", a colon or a comma, as a speaker puts them.
const AFTER_CUE = /^(?:[\s:,-]|is\b|number\b|um\b|uh\b|er\b|erm\b)*/i;

export function spokenIbans(s: Scan): void {
  const text = s.text;
  // The cheap test first: most texts never name an IBAN (the text pass notes the word).
  if (!s.hasMark(MARK_IBAN)) return;
  for (const cue of ['IBAN', 'iban', 'Iban']) {
    for (let i = text.indexOf(cue); i >= 0; i = text.indexOf(cue, i + 4))
      if (!isLetterAt(text, i - 1) && !isLetterAt(text, i + 4)) readAfter(s, i + 4);
  }
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 32;
  return c >= 97 && c <= 122;
}

function readAfter(s: Scan, cueEnd: number): void {
  const text = s.text;
  const gap = AFTER_CUE.exec(text.slice(cueEnd, cueEnd + 24))![0].length;
  const p = cueEnd + gap;
  // A letter spelled alone opens it ("G B ..."); a written IBAN ("GB82 WEST ...") is the other reader's.
  const c = text.charCodeAt(p);
  const next = text.charCodeAt(p + 1);
  if (!((c | 32) >= 97 && (c | 32) <= 122) || next !== 32) return;
  const v = spokenValue(text, p, 34, true);
  if (v === null || v.value.length < 15 || !ibanValid(v.value)) return;
  s.add(p, v.end, 'IBAN', 0.85);
}
