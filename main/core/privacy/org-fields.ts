/**
 * A form's "... name" fields that name a firm, a place or a thing rather than a person: "Employer name:
 * Greggs plc", "Practice name: Elm Tree", "Street name: ...". The word before "name" says which.
 */
const ORG_FIELDS = new Set(
  `employer company business trading bank practice surgery school college university product drug
  medication medicine street road building brand store shop firm organisation organization hospital
  pharmacy branch provider insurer lender pet`.split(/\s+/),
);

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** Whether [start, end) is the cue word "name" after one of ORG_FIELDS. */
export function orgField(text: string, start: number, end: number): boolean {
  if (end - start !== 4 || start < 3 || text.charCodeAt(start - 1) !== 32) return false;
  if ((text.charCodeAt(start) | 32) !== 110 || (text.charCodeAt(start + 1) | 32) !== 97) return false;
  let w = start - 1;
  while (w > 0 && isLetter(text.charCodeAt(w - 1))) w--;
  return ORG_FIELDS.has(text.slice(w, start - 1).toLowerCase());
}

/** Whether the value at `p` follows such a field's "name:" (spaces and the colon between). */
export function orgFieldBefore(text: string, p: number): boolean {
  let q = p;
  while (q > 0 && text.charCodeAt(q - 1) === 32) q--;
  if (q < 5 || text.charCodeAt(q - 1) !== 58) return false;
  q--;
  while (q > 0 && text.charCodeAt(q - 1) === 32) q--;
  return orgField(text, q - 4, q);
}
