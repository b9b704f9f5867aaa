/**
 * Parts of one address found apart ("Flat 12, Riverside Court" and "3 Wharf Lane" in "Flat 12, Riverside
 * Court, 3 Wharf Lane"): one recognizer reads a flat and building, another the street after it. Two
 * address spans with nothing but a comma, a space or a line break between them are one address, as its
 * lines are; reporting them as one span keeps one address one value.
 */
import type { PiiSpan } from './types';
import { fillsItsLine } from './address-own-line';
import { zipAgreesWithState } from './zip-states';

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

// Between an address's street and its postcode: up to six words of unit, locality, town and state, with
// commas, spaces and at most one line break ("14 Belvedere Crescent, Hove, BN3 6QL"; "5 Rose Lane\nLeeds
// \nLS6 2AB"; "510 Pine St Apt 3C, Seattle, WA 98101").
// A unit may be written "#3B" ("1420 N Oak St #3B, Tulsa, OK 74106").
const LOCALITY = /^[ ,\n]*(?:#?[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f'\u2019.-]*[ ,\n]+){0,6}$/;

/**
 * A POSTCODE right after an ADDRESS, past only its locality and town, joined into the ADDRESS span: every
 * such postcode with DetectOptions.postcodeInAddress (`all`), otherwise only a US ZIP its state agrees with
 * ("Dallas, TX 75202") or an address filling a line or cell of its own (fillsItsLine), which annotators
 * who keep a UK postcode apart still label whole. In place; spans sorted by start, never overlapping.
 */
export function postcodeIntoAddress(spans: PiiSpan[], text: string, all: boolean): PiiSpan[] {
  let k = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const prev = k > 0 ? spans[k - 1]! : undefined;
    if (
      s.type === 'POSTCODE' &&
      prev !== undefined &&
      prev.type === 'ADDRESS' &&
      s.start - prev.end <= 40 &&
      (all || zipAgreesWithState(text, s.start) || fillsItsLine(text, prev.start, s.end))
    ) {
      const gap = text.slice(prev.end, s.start);
      if (!gap.includes('\n\n') && LOCALITY.test(gap)) {
        spans[k - 1] = { ...prev, end: s.end };
        continue;
      }
    }
    spans[k++] = s;
  }
  spans.length = k;
  return spans;
}

/**
 * A district or town read as a name between a street and its postcode ("34 Stoney Lane, Balsall Heath,
 * Birmingham B12 8AF", "82 Hollybush Lane, Welwyn Garden City AL7 4JS"): the address's locality, no
 * person. Dropped in place before the requested types are picked, so a narrowed request agrees with a
 * full one; spans sorted by start, never overlapping.
 */
export function dropLocalityNames(spans: PiiSpan[], text: string): void {
  for (let i = spans.length - 2; i >= 0; i--) {
    const s = spans[i]!;
    if (s.type !== 'PERSON') continue;
    const b = spans[i + 1]!;
    if (townBeforePostcode(s, b, text)) {
      spans.splice(i, 1);
      continue;
    }
    if (i === 0) continue;
    const a = spans[i - 1]!;
    if (a.type !== 'ADDRESS' || b.type !== 'POSTCODE' || b.start - a.end > 40) continue;
    const gap = text.slice(a.end, b.start);
    if (!gap.includes('\n\n') && LOCALITY.test(gap)) spans.splice(i, 1);
  }
}

/**
 * A town an address line names after a comma, right before its postcode ("High Street, Ebbw Vale NP23
 * 6BD"): a person's name is parted from a postcode by a comma or a line, and one read after a title
 * (scored 0.9 and up) is left.
 */
function townBeforePostcode(s: PiiSpan, b: PiiSpan, text: string): boolean {
  if (b.type !== 'POSTCODE' || b.start !== s.end + 1 || text.charCodeAt(s.end) !== 32 || s.score >= 0.9)
    return false;
  return s.start >= 2 && text.charCodeAt(s.start - 1) === 32 && text.charCodeAt(s.start - 2) === 44;
}
