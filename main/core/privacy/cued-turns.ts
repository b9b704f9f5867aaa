/**
 * A value answered on the next speaker's turn of a speech-to-text transcript, which has neither lines
 * nor punctuation: "can i take your date of birth please caller fourteenth of march ...", "your NHS
 * number if you have it patient yeah it's nine four three ...". The words between the cue and the value
 * are the rest of the question, a speaker's role and the answer's opening words, so the usual reach of a
 * cue (cued.ts valueStart) stops short of the value.
 */

import type { Scan } from './scan';

// Up to 40 characters of the question (no digit, line or sentence end: a written value would be read
// by the cue itself), a speaker's role, then up to four words that open an answer.
const TURN =
  /[^\n.?!\d]{0,40}?\b(?:agent|caller|customer|patient|client|nurse|doctor|receptionist|advisor|adviser|pharmacist|operator|member) (?:(?:yeah|yes|yep|yup|um|uh|erm|er|sure|ok|okay|so|right|it's|its|it|is|that's|thats|my|mine|uhh|umm),? ){0,4}/y;

// Quoted dialogue: the question closes its quote and the answer opens the next ('"And the date of
// birth?" "Fifth of May 2011."').
const QUOTED_TURN = /[^\n.!\d"“”]{0,40}?\?["”] ["“](?:(?:yeah|yes|um|erm|sure|it's|its|it is),? )?/y;

/**
 * Where the answer after a cue ending at `p` starts on the next speaker's turn, or -1. Only a text with
 * no sentence end at all is such a transcript, and only one with a double quote holds quoted dialogue:
 * other texts are not read again (a cue with no value near it is common).
 */
export function turnAnswerStart(s: Scan, p: number): number {
  const text = s.text;
  if (s.stopList.length === 0) {
    TURN.lastIndex = p;
    if (TURN.test(text)) return TURN.lastIndex;
  }
  if (!s.hasQuotes) return -1;
  QUOTED_TURN.lastIndex = p;
  return QUOTED_TURN.test(text) ? QUOTED_TURN.lastIndex : -1;
}
