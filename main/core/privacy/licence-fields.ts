/**
 * A UK photocard driving licence's numbered fields, as a scan or a typed copy has them: 1 surname,
 * 2 forenames, 3 date and place of birth, 4a issue and 4b expiry dates, 5 the licence number. Field 3's
 * date is the holder's birth date ("3. 03.05.1994 WALES"); the other dates are the card's.
 */
import type { Scan } from './scan';

const FIELD_3 = /(?:^|\n) *3\. ?(\d{2}[./]\d{2}[./]\d{4})(?= )/g;
// The card's own layout: field 5 (the licence number) or 4a/4b on a line of its own.
const LAYOUT = /\n *(?:5|4[ab])\. ?\S/;

/** Call only for a text with lines and a licence cue. */
export function licenceFields(s: Scan): void {
  const text = s.text;
  if (!text.includes('3.') || !LAYOUT.test(text)) return;
  FIELD_3.lastIndex = 0;
  for (const m of text.matchAll(FIELD_3)) {
    const end = m.index + m[0].length;
    s.add(end - m[1]!.length, end, 'DATE_OF_BIRTH', 0.9);
  }
}
