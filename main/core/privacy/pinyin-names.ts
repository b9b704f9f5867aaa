/**
 * Chinese names in pinyin, family name first: a listed family name, then a given name of two pinyin
 * syllables written as one word ("Huang Weiqiang transferred ...", "Zhou Xiaoling"). Two syllables that
 * spell pinyin and nothing else are a given name's shape in any position, where the names pass wants a
 * cue or a listed given name; a one-syllable given name ("Ma Long", "Sun Tan") is left to it.
 */
import { found } from './persons-words';
import type { Scan } from './scan';

const SCORE = 0.8;

// Mainland family names romanised in pinyin (the hundred commonest cover most people); not "He",
// which opens English sentences far more often.
const FAMILY = new Set(
  `wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo lin gao luo zheng liang xie song
  tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren
  shen yao jin fan fang shi tan liao zou xiong qiu qin jia xue yan hou lei long duan hao kong shao meng
  qian bai cui kang mao gu lai wan qiao hong`.split(/\s+/),
);

const INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
  '',
];
const FINALS = new Set(
  `a o e ai ei ao ou an en ang eng ong er i ia ie iao iu ian in iang ing iong u ua uo uai ui uan un uang
  ue v ve`.split(/\s+/),
);

// English words and Chinese cities that also split into two syllables ("Gao Human", "Lin Beijing").
const NOT_GIVEN = new Set(
  'human woman shaman linen gaming pagan began beijing shanghai nanjing tianjin hangzhou guangzhou shenzhen chengdu wuhan'.split(
    ' ',
  ),
);

/** The letters [a, b) packed base 27, lower case (at most five ASCII letters): no slice per word. */
function letterKey(u: Uint16Array, a: number, b: number): number {
  let k = 0;
  for (let q = a; q < b; q++) k = k * 27 + ((u[q]! | 32) - 96);
  return k;
}

const FAMILY_KEYS = new Set<number>();
for (const f of FAMILY) {
  let k = 0;
  for (let q = 0; q < f.length; q++) k = k * 27 + (f.charCodeAt(q) - 96);
  FAMILY_KEYS.add(k);
}

export function pinyinNames(s: Scan): void {
  const u = s.personsPass();
  const n = found.words;
  const text = s.text;
  for (let i = 0; i + 1 < n; i++) {
    const a = found.start[i]!;
    const b = found.end[i]!;
    // Cheap first: a short family name, one space, then the given word.
    if (b - a > 5 || found.start[i + 1] !== b + 1 || u[b] !== 32) continue;
    const gs = found.start[i + 1]!;
    const ge = found.end[i + 1]!;
    if (ge - gs < 4 || ge - gs > 12 || !lowerAfterFirst(u, gs, ge)) continue;
    if (u[a]! < 65 || u[a]! > 90 || !lowerAfterFirst(u, a, b) || !FAMILY_KEYS.has(letterKey(u, a, b)))
      continue;
    const given = text.slice(gs, ge).toLowerCase();
    if (NOT_GIVEN.has(given) || !twoSyllables(given)) continue;
    // The name ends here: a third capitalised word makes it something else ("Li Ning Sports").
    if (i + 2 < n && found.start[i + 2] === ge + 1) continue;
    if (!overlaps(s, a, ge)) s.add(a, ge, 'PERSON', SCORE);
  }
}

function lowerAfterFirst(u: Uint16Array, start: number, end: number): boolean {
  for (let q = start + 1; q < end; q++) if (u[q]! < 97 || u[q]! > 122) return false;
  return true;
}

/** Whether `w` splits into exactly two pinyin syllables ("weiqiang" = wei + qiang). */
function twoSyllables(w: string): boolean {
  for (let k = 1; k < w.length; k++) if (syllable(w, 0, k) && syllable(w, k, w.length)) return true;
  return false;
}

function syllable(w: string, start: number, end: number): boolean {
  for (const ini of INITIALS) {
    if (!w.startsWith(ini, start)) continue;
    const fin = w.slice(start + ini.length, end);
    if (fin === '') continue;
    // After j, q, x and y, 'u' is the rounded vowel; w and y open finals of their own ("wu", "yi").
    if (FINALS.has(fin) || ((ini === 'y' || ini === 'w') && (fin === 'i' || fin === 'u' || FINALS.has(fin))))
      return true;
  }
  return false;
}

function overlaps(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.type === 'PERSON' && c.start < end && start < c.end) return true;
  return false;
}
