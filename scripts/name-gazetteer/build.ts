/**
 * Derives the wider name gazetteer (main/core/privacy/names-wide.ts) from @faker-js/faker's locale
 * data: given names and surnames of the locales whose speakers write to a UK bank or clinic. The hand
 * list in names.ts stays the core; this one only widens it, so a name of Polish, Igbo or Vietnamese
 * origin is known without a corpus ever being read. Run `node --import tsx scripts/name-gazetteer/build.ts`
 * after a faker upgrade and commit the output; the detector never loads faker at run time.
 *
 * What it keeps out, because a gazetteer only tips a capitalised word one way and a wrong tip costs
 * precision everywhere:
 *  - anything not written in Latin letters (other scripts have their own readers), shorter than three
 *    letters ("Al", "Bo") or longer than the flag table's key (12);
 *  - a given name that is also an everyday English word or a place ("Hope", "Chase", "Florence") is
 *    listed as ambiguous: a name only with context, as the hand list's AMBIGUOUS_FIRST;
 *  - a surname that is an everyday word or a place is dropped ("Little", "Park"): surnames are read
 *    without context after a given name, and the hand list already holds the common English ones.
 */
import { writeFileSync } from 'node:fs';
import * as faker from '@faker-js/faker';
import {
  HAND_AMBIGUOUS_FIRST as AMBIGUOUS_FIRST_NAMES,
  HAND_FIRST as FIRST_NAMES,
  HAND_LAST as LAST_NAMES,
  NOT_NAME_WORDS,
} from '../../main/core/privacy/names';
import { EVERYDAY } from './everyday';

const OUT = new URL('../../main/core/privacy/names-wide.ts', import.meta.url);

// Locales of the people a UK bank's or clinic's staff write about: British and Commonwealth English,
// West and Southern Africa, South Asia, and the EU and neighbouring languages written in Latin letters.
const GIVEN_LOCALES = [
  'en',
  'en_AU',
  'en_GH',
  'en_IN',
  'en_NG',
  'en_ZA',
  'yo_NG',
  'zu_ZA',
  'pl',
  'ro',
  'es',
  'es_MX',
  'pt_BR',
  'pt_PT',
  'tr',
  'vi',
];
// Surnames are read after a given name without a cue of their own: fewer locales, and those whose
// surnames the hand list covers least.
const SURNAME_LOCALES = [
  'en',
  'en_GH',
  'en_IN',
  'en_NG',
  'yo_NG',
  'zu_ZA',
  'pl',
  'ro',
  'es',
  'pt_BR',
  'pt_PT',
  'tr',
];

type Lists = Record<string, unknown>;
const LATIN = /^\p{Script=Latin}+(?:['’-]\p{Script=Latin}+)*$/u;
const MAX_KEY = 12;

function strings(x: unknown): string[] {
  if (Array.isArray(x)) return x.filter((v): v is string => typeof v === 'string');
  if (x !== null && typeof x === 'object') return Object.values(x as Lists).flatMap(strings);
  return [];
}

function usable(word: string): boolean {
  return word.length >= 3 && word.length <= MAX_KEY && LATIN.test(word);
}

function personLists(key: 'first_name' | 'last_name', locales: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const locale of locales) {
    const def = (faker as unknown as Record<string, { person?: Lists }>)[locale];
    for (const name of strings(def?.person?.[key])) {
      // Compound entries ("Mary Ann", "De la Cruz") are read word by word by the detector.
      for (const w of name.toLowerCase().split(/\s+/)) if (usable(w)) out.add(w);
    }
  }
  return out;
}

/** Everyday English words and places, from faker's own English lists and the hand list's non-names. */
function everydayWords(): Set<string> {
  const out = new Set<string>(EVERYDAY);
  for (const locale of ['en', 'en_GB', 'en_US', 'en_AU', 'en_IE']) {
    const def = (faker as unknown as Record<string, Lists>)[locale] ?? {};
    for (const [module, lists] of Object.entries(def)) {
      // Every English list but those made of people's names.
      if (module === 'person' || module === 'metadata') continue;
      for (const [key, list] of Object.entries(lists as Lists)) {
        if (/author|artist|name_pattern|pattern|free_email|domain/.test(key)) continue;
        for (const phrase of strings(list)) {
          if (phrase.includes('{{')) continue;
          for (const w of phrase.toLowerCase().split(/[^\p{L}'’]+/u)) if (w !== '') out.add(w);
        }
      }
    }
  }
  for (const w of NOT_NAME_WORDS) out.add(w);
  for (const w of AMBIGUOUS_FIRST_NAMES) out.add(w);
  return out;
}

function block(list: string[]): string {
  const sorted = [...new Set(list)].sort();
  const lines: string[] = [];
  let line = '';
  for (const w of sorted) {
    if (line.length + w.length + 1 > 100) {
      lines.push(line);
      line = '';
    }
    line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The generated module's text: the given names, ambiguous given names and surnames it adds. */
export function generate(): { text: string; counts: string } {
  const everyday = everydayWords();
  const known = (w: string) => FIRST_NAMES.has(w) || AMBIGUOUS_FIRST_NAMES.has(w) || NOT_NAME_WORDS.has(w);
  const first: string[] = [];
  const ambiguous: string[] = [];
  for (const w of personLists('first_name', GIVEN_LOCALES)) {
    if (known(w)) continue;
    // A hand-listed surname stays only a surname ("Spencer", "Bell"): the hand list chose, and a given
    // name's flag would make it a name after any weak cue ("Marks and Spencer").
    if (LAST_NAMES.has(w)) continue;
    (everyday.has(w) ? ambiguous : first).push(w);
  }
  // Polish surnames in -ski, -cki and -dzki take -ska, -cka and -dzka for a woman (Wiśniewski,
  // Wiśniewska); the locale list gives most of them in the masculine only.
  const FEMININE = /(?<=[sc]k|dzk)i$/u;
  const surnames = personLists('last_name', SURNAME_LOCALES);
  for (const w of [...surnames]) if (FEMININE.test(w)) surnames.add(w.replace(FEMININE, 'a'));
  for (const w of LAST_NAMES) if (FEMININE.test(w)) surnames.add(w.replace(FEMININE, 'a'));
  const last = [...surnames].filter((w) => !LAST_NAMES.has(w) && !everyday.has(w) && !known(w));
  const text = `/**
 * Generated by scripts/name-gazetteer/build.ts from @faker-js/faker's locale lists: do not edit by hand.
 * Given names and surnames beyond the hand list in names.ts (which it never repeats), lower-case.
 * WIDE_AMBIGUOUS_FIRST holds the given names that are also everyday words or places.
 */
export const WIDE_FIRST = \`
${block(first)}
\`;

export const WIDE_AMBIGUOUS_FIRST = \`
${block(ambiguous)}
\`;

export const WIDE_LAST = \`
${block(last)}
\`;
`;
  return { text, counts: `given ${first.length}, ambiguous ${ambiguous.length}, surnames ${last.length}` };
}

if (process.argv[1] === import.meta.filename) {
  const { text, counts } = generate();
  writeFileSync(OUT, text);
  console.log(counts);
}
