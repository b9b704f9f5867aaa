/**
 * Parts of one address found apart ("Flat 12, Riverside Court" and "3 Wharf Lane" in "Flat 12, Riverside
 * Court, 3 Wharf Lane"): one recognizer reads a flat and building, another the street after it. Two
 * address spans with nothing but a comma, a space or a line break between them are one address, as its
 * lines are; reporting them as one span keeps one address one value.
 */
import type { PiiSpan } from './types';

/** Joins adjacent ADDRESS spans in place; spans are sorted by start and never overlap. */
export function joinAddressParts(spans: PiiSpan[], text: string): PiiSpan[] {
  // Most texts have no two addresses side by side: nothing is rewritten for them.
  let i0 = 1;
  while (i0 < spans.length && !(spans[i0]!.type === 'ADDRESS' && spans[i0 - 1]!.type === 'ADDRESS')) i0++;
  if (i0 >= spans.length) return spans;
  let k = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const prev = k > 0 ? spans[k - 1]! : undefined;
    if (
      prev !== undefined &&
      s.type === 'ADDRESS' &&
      prev.type === 'ADDRESS' &&
      onlyJoiner(text, prev.end, s.start)
    ) {
      spans[k - 1] = { ...prev, end: s.end, score: Math.max(prev.score, s.score) };
      continue;
    }
    spans[k++] = s;
  }
  spans.length = k;
  return spans;
}

/** ", ", ",", " ", "\n", ",\n" (a carriage return allowed before a line feed). */
function onlyJoiner(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3) return false;
  let comma = 0;
  let space = 0;
  let line = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) comma++;
    else if (c === 32) space++;
    else if (c === 10) line++;
    else if (c !== 13) return false;
  }
  return comma <= 1 && space <= 1 && line <= 1 && !(space === 1 && line === 1);
}
