/**
 * An address written as a line or a spreadsheet cell of its own ("Sophie<tab>Flat 7, 2 Park Row, Bristol
 * BS1 5LJ<tab>07462 ...", a letter's one-line address under the name): the postcode closes the one value
 * that line holds. Annotators who keep a postcode apart in running prose or after a field's label
 * ("Address: ..., Bristol NE15 7AH") take such a line whole, so only a bare line or cell counts, and
 * never one spread over several lines (a letter's address block keeps each line its own).
 */

/** A line break or a tab: the edge of a line or of a pasted row's cell. */
function edge(c: number): boolean {
  return c === 10 || c === 13 || c === 9;
}

/**
 * Whether text[start, end) fills its line or tab cell: one line, only spaces before it and only spaces
 * and closing punctuation (. , ;) after it, up to a line break, a tab or the text's edge.
 */
export function fillsItsLine(text: string, start: number, end: number): boolean {
  let i = start;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  if (i > 0 && !edge(text.charCodeAt(i - 1))) return false;
  for (let k = start; k < end; k++) if (edge(text.charCodeAt(k))) return false;
  const n = text.length;
  for (let j = end; j < n; j++) {
    const c = text.charCodeAt(j);
    if (edge(c)) return true;
    if (c !== 32 && c !== 46 && c !== 44 && c !== 59) return false;
  }
  return true;
}
