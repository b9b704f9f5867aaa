/**
 * Names written in Han characters: in conversation text a short run of them (two to four) is almost
 * always a name; a known surname first makes it near certain.
 */
import { HAN_SURNAMES } from './names';
import { found } from './persons-pass';
import type { Scan } from './scan';

const HAN_RUN = /(?<!\p{Script=Han})\p{Script=Han}{2,4}(?!\p{Script=Han})/gu;
const SURNAME_UNITS: ReadonlySet<number> = new Set([...HAN_SURNAMES].map((ch) => ch.charCodeAt(0)));

// Which BMP code units are Han, one bit each (from the regex property itself, so it tracks V8's
// Unicode version), built on the first text that needs it.
let hanBits: Int32Array | null = null;

function hanTable(): Int32Array {
  const bits = new Int32Array(0x10000 >> 5);
  let all = '';
  for (let c = 0x2e80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCharCode(c);
  for (const m of all.matchAll(/\p{Script=Han}/gu)) {
    const c = m[0].charCodeAt(0);
    bits[c >> 5]! |= 1 << (c & 31);
  }
  return bits;
}

function isHan(bits: Int32Array, c: number): boolean {
  return (bits[c >> 5]! & (1 << (c & 31))) !== 0;
}

/** Adds the Han names of the text last given to `pass`, whose code units are `u`. */
export function hanNames(s: Scan, u: Uint16Array): void {
  const text = s.text;
  if (found.astralHan) {
    // Surrogate pairs: leave code points to the regex.
    HAN_RUN.lastIndex = found.firstHan;
    let m: RegExpExecArray | null;
    while ((m = HAN_RUN.exec(text)) !== null) {
      s.add(m.index, m.index + m[0].length, 'PERSON', SURNAME_UNITS.has(m[0].charCodeAt(0)) ? 0.85 : 0.65);
    }
    return;
  }
  // BMP only: what the regex finds is every maximal run of two to four Han code units. Each is
  // among the code units >= 128 the pass listed.
  if (found.firstHan < 0) return;
  const han = (hanBits ??= hanTable());
  const other = found.other;
  const count = found.others;
  let m = 0;
  while (m < count) {
    const p = other[m++]!;
    if (!isHan(han, u[p]!)) continue;
    // The run goes on while the next code unit is also listed and Han.
    let q = p + 1;
    while (m < count && other[m] === q && isHan(han, u[q]!)) {
      q++;
      m++;
    }
    if (q - p >= 2 && q - p <= 4) s.add(p, q, 'PERSON', SURNAME_UNITS.has(u[p]!) ? 0.85 : 0.65);
  }
}
