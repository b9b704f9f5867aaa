/**
 * Vietnamese names, family name first with the middle word that marks them: "Thị" for a woman, "Văn"
 * for a man ("Nguyễn Thị Mai Anh", "Tran Van Thanh", typed in chat as "nguyen thi hoa"). A listed family
 * name before the marker and short given words after it make the shape, so it holds at a sentence's
 * start and in lower case, where the names pass has no capital or cue to go on. In lower case only
 * "thi" counts: "to van hire" and "do van sales" are English.
 */
import { F_NOT_NAME, fold, wordFlags } from './persons-flags';
import type { Scan } from './scan';
import { MARK_THI } from './scan-pass';

const SCORE = 0.85;

// The commonest family names (about nine in ten Vietnamese), with and without diacritics.
const FAMILY = new Set(
  `nguyễn nguyen trần tran lê le phạm pham hoàng hoang huỳnh huynh phan vũ vu võ vo đặng dang bùi bui đỗ
  do hồ ho ngô ngo dương duong lý ly đinh dinh trương truong đào dao cao lâm lam trịnh trinh lương luong
  đoàn doan quách quach`.split(/\s+/),
);

const MARKED = /(?<![\p{L}\p{M}])(\p{L}+) (Thị|Thi|Văn|Van|thị|thi|văn) (\p{L}{2,7})(?: (\p{L}{2,7}))?/gu;

export function vietnameseNames(s: Scan): void {
  const text = s.text;
  // Cheap first: the woman's marker without its diacritic, or either with its own ("Thị", "Văn"), is
  // in the text at all (the text pass notes them). A plain "Van" is
  // no trigger: Dutch and Flemish surnames have it far more often, and the regex over a whole text
  // costs more than the rest of this reader.
  if (!s.hasMark(MARK_THI)) return;
  MARKED.lastIndex = 0;
  for (let m = MARKED.exec(text); m !== null; m = MARKED.exec(text)) {
    const family = m[1]!;
    if (!FAMILY.has(family.toLowerCase())) continue;
    const capitalised = isCapital(family);
    const marker = m[2]!;
    // One case throughout: "Nguyen Thi Hoa" or "nguyen thi hoa"; in lower case only the woman's marker.
    if (capitalised !== isCapital(marker)) continue;
    if (!capitalised && marker !== 'thi' && marker !== 'thị') continue;
    // The marker makes the word after it a given name in capitals, even one that is an English
    // abbreviation too ("Thu", "Mai"); in lower case it must not be a listed non-name ("is", "the").
    if (capitalised ? !isCapital(m[3]!) : !givenWord(m[3]!, false)) continue;
    let end = m.index + m[1]!.length + 1 + marker.length + 1 + m[3]!.length;
    // A second given word only in capitals ("Mai Anh"): in lower case the sentence goes on.
    if (capitalised && m[4] !== undefined && givenWord(m[4], true)) end += 1 + m[4].length;
    if (!foundOver(s, m.index, end)) s.add(m.index, end, 'PERSON', SCORE);
    else widen(s, m.index, end);
    MARKED.lastIndex = end;
  }
}

/** "Thị"/"thị"/"Văn"/"văn" among the text's code units above Latin-1 (the names pass lists them). */
function isCapital(w: string): boolean {
  const c = w[0]!;
  return c !== c.toLowerCase();
}

/** A given word in the family name's case and no listed non-name ("Hoa", "Ngoc", not "Road"). */
function givenWord(w: string, capitalised: boolean): boolean {
  if (isCapital(w) !== capitalised) return false;
  if (!capitalised && w !== w.toLowerCase()) return false;
  return (wordFlags(fold(w.toLowerCase())) & F_NOT_NAME) === 0;
}

function foundOver(s: Scan, start: number, end: number): boolean {
  for (const c of s.out) if (c.type === 'PERSON' && c.start < end && start < c.end) return true;
  return false;
}

/** A name another reader took in part ("Trần Thị" of "Trần Thị Hoa") grows to the whole. */
function widen(s: Scan, start: number, end: number): void {
  for (const c of s.out) {
    if (c.type !== 'PERSON' || c.end <= start || c.start >= end) continue;
    if (c.start >= start && c.end <= end) {
      c.start = start;
      c.end = end;
    }
  }
}
