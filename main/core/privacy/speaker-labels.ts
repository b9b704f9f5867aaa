/**
 * The speakers of a chat or SMS thread, as exports and pasted threads label them: "Jess: did u send
 * it", "[10:42] Kel: sorry!!". Once one label is a name (read already, or a given name the gazetteer
 * knows), the other speakers' labels are names too, whatever the gazetteer knows of them ("Tasha",
 * "Shaz", "DeShawn").
 *
 * A form's fields look the same ("Note: ...", "Status: ..."), so the labels must read as a dialogue:
 * a speaker who comes back, or every label but one known; a label that is a listed non-name or a
 * field's word is never read.
 */
import { F_AMBIGUOUS, F_FIRST, F_NOT_NAME, F_ORG, F_TITLE, fold, wordFlags } from './persons-flags';
import type { Scan } from './scan';

const SCORE = 0.7;
const FOUND_SCORE = 0.5;
// At a line's start, an optional "[time]" or "time -", then one to three capitalised words and ": ".
const LABEL =
  /^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*|\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?[ \t]*[-–]?[ \t]*)?(\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2}):[ \t]/gmu;
// Field labels that no gazetteer lists as non-names but that no speaker is called.
const FIELDS = new Set(
  `note notes subject re date time ref summary outcome action actions status total update comment
  comments reply question answer tip ps nb sent attachment attachments agent staff advisor adviser bot
  system operator host manager admin support team me you them q a`.split(/\s+/),
);

export function speakerLabels(s: Scan): void {
  const text = s.text;
  if (!s.hasLines || text.indexOf(': ') < 0) return;
  const labels: { start: number; end: number; key: string }[] = [];
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m !== null; m = LABEL.exec(text)) {
    const end = m.index + m[0].length - 2;
    const start = end - m[1]!.length;
    labels.push({ start, end, key: m[1]!.toLowerCase() });
  }
  if (labels.length < 2) return;
  const keys = new Set(labels.map((l) => l.key));
  if (keys.size < 2) return;
  const known = new Set<string>();
  for (const l of labels) if (isKnown(s, l.start, l.end, l.key)) known.add(l.key);
  if (known.size === 0) return;
  const dialogue = keys.size < labels.length || keys.size - known.size <= 1;
  if (!dialogue) return;
  for (const l of labels) {
    if (known.has(l.key) && found(s, l.start, l.end)) continue;
    if (!speakerWords(l.key)) continue;
    if (!found(s, l.start, l.end)) s.add(l.start, l.end, 'PERSON', SCORE);
  }
}

function isKnown(s: Scan, start: number, end: number, key: string): boolean {
  if (found(s, start, end)) return true;
  const first = key.split(' ')[0]!;
  const f = wordFlags(fold(first));
  return (f & (F_FIRST | F_AMBIGUOUS)) !== 0 && (f & (F_NOT_NAME | F_TITLE | F_ORG)) === 0;
}

/** Every word of the label may be a name's: no listed non-name, title, firm's word or field. */
function speakerWords(key: string): boolean {
  for (const w of key.split(' ')) {
    if (FIELDS.has(w)) return false;
    const f = wordFlags(fold(w));
    if ((f & (F_TITLE | F_ORG)) !== 0) return false;
    if ((f & F_NOT_NAME) !== 0 && (f & (F_FIRST | F_AMBIGUOUS)) === 0) return false;
  }
  return true;
}

function found(s: Scan, start: number, end: number): boolean {
  for (const c of s.out)
    if (c.type === 'PERSON' && c.score >= FOUND_SCORE && start < c.end && c.start < end) return true;
  return false;
}
