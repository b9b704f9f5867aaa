/**
 * A post-office box as a postal address: "PO Box 2217", "P.O. Box 45", with the town, state and ZIP
 * that follow it on the same line kept in the span ("PO Box 90, Helena, MT 59601-0090"). Read from the
 * digit runs: a run right after "box " (any case) behind "PO", "P.O." or "P O", so a text without one
 * costs a few code-unit reads per run.
 */
import type { Scan } from './scan';

const OPENER = /(?:^|[^\p{L}\d])(p\.? ?o\.? box ?)$/iu;
// ", Town, ST 12345(-1234)" or ", Town ST 12345": a US tail; a UK one is left to the postcode reader.
const TAIL =
  /,? (?:\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,2}),? [A-Z]{2},? \d{5}(?:-\d{4})?(?![\p{L}\d-])/uy;
const SCORE = 0.85;

export function poBoxes(s: Scan): void {
  const { count, starts, ends } = s.runs;
  const u = s.codes;
  const text = s.text;
  for (let k = 0; k < count; k++) {
    const at = starts[k]!;
    // "box " or "box" right before the run: x, then o, then b.
    let q = at - 1;
    if (q >= 0 && u[q] === 32) q--;
    if (q < 2 || (u[q]! | 32) !== 120 || (u[q - 1]! | 32) !== 111 || (u[q - 2]! | 32) !== 98) continue;
    if (ends[k]! - at > 6) continue;
    const m = OPENER.exec(text.slice(Math.max(0, at - 12), at));
    if (m === null) continue;
    const start = at - m[1]!.length;
    let end = ends[k]!;
    TAIL.lastIndex = end;
    if (TAIL.test(text)) end = TAIL.lastIndex;
    s.add(start, end, 'ADDRESS', SCORE);
  }
}
