/**
 * The packet sweep's numbers: a card's last four, a loan or claim reference, a member number, an NHS
 * number with a typo, a date of birth given as a bare answer. The detector leaves them when no cue or
 * checksum names their type, for precision at the prompt; on the wire to a supervisor they are worth
 * more masked (an authorised supervisor can reveal them) than sent. Amounts, times, years, counts and
 * short numbers stay: they carry the story ("£900 today", "since 2019", "twelve weeks").
 */
import type { PiiSpan } from './types';
import { MONTH_NAMES } from './months';

/** Letters, digits and the joiners inside one identifier ("MTG-20719", "1EG4-TE5-MK73", "30/01/1984"). */
const TOKEN = /(?<![\p{L}\p{N}])[\p{L}\p{N}]+(?:[-/.][\p{L}\p{N}]+)*/gu;
/** Digit groups a customer spaces out: "4659 3021 8844 4417", "485 777 3456". */
const SPACED_GROUPS = /(?<![\p{L}\p{N}])\d{2,6}(?: \d{2,6})+(?![\p{L}\p{N}])/gu;
/** A written date with a year: "2nd of February 1944", "February 2, 1944". */
const WORD_DATE = new RegExp(
  `\\b(?:\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:${MONTH_NAMES})\\.?|(?:${MONTH_NAMES})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?)\\s+((?:19|20)\\d{2})\\b`,
  'giu',
);
const NUMERIC_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)?\d{2})$/u;
/** A date this many years back or more is a birth date far more often than anything else at a desk. */
const BIRTH_YEARS_BACK = 10;

const digitCount = (s: string) => s.replace(/\D/g, '').length;

function birthYear(year: string, now: Date): boolean {
  const y = year.length === 2 ? 1900 + Number(year) : Number(year);
  return y <= now.getFullYear() - BIRTH_YEARS_BACK;
}

/** A number that tells the story rather than naming a record: an amount, a time, a year, a count. */
function storyNumber(text: string, start: number, token: string): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  if (/[£$€¥]\s?$/u.test(before)) return true;
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token) || /^\d+\.\d{1,2}$/.test(token)) return true;
  if (/^(?:19|20)\d{2}s?$/.test(token)) return true;
  // Units and ordinals: "2000mg", "500ml", "1200th".
  if (/^\d+(?:mg|ml|mcg|kg|km|g|k|m|st|nd|rd|th|s|pm|am)$/i.test(token)) return true;
  return digitCount(token) < 4;
}

/** `spans` plus a REFERENCE (or DATE_OF_BIRTH) span for each leftover identifier number. */
export function sweepNumbers(text: string, spans: readonly PiiSpan[], now: Date = new Date()): PiiSpan[] {
  const added: PiiSpan[] = [];
  const taken = (s: number, e: number) =>
    spans.some((x) => x.start < e && s < x.end) || added.some((x) => x.start < e && s < x.end);
  for (const m of text.matchAll(WORD_DATE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!taken(start, end) && birthYear(m[1] as string, now))
      added.push({ start, end, type: 'DATE_OF_BIRTH', score: 0.5 });
  }
  for (const m of text.matchAll(SPACED_GROUPS)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!taken(start, end) && digitCount(m[0]) >= 8)
      added.push({ start, end, type: 'REFERENCE', score: 0.5 });
  }
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const token = m[0].replace(/[.]+$/, '');
    const end = start + token.length;
    if (taken(start, end) || !/\d/.test(token)) continue;
    const date = NUMERIC_DATE.exec(token);
    if (date) {
      if (birthYear(date[3] as string, now)) added.push({ start, end, type: 'DATE_OF_BIRTH', score: 0.5 });
      continue;
    }
    if (/:/.test(token) || storyNumber(text, start, token)) continue;
    added.push({ start, end, type: 'REFERENCE', score: 0.5 });
  }
  if (added.length === 0) return [...spans];
  return [...spans, ...added].sort((a, b) => a.start - b.start);
}
