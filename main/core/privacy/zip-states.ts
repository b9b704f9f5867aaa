/**
 * Which US state a ZIP code's first three digits (its sectional centre) belong to, from USPS's ZIP prefix
 * allocation. A ZIP after "City, ST" whose prefix is that state's closes a real postal address: every
 * annotator who labels a US address at all (corpus C's too, which keeps UK postcodes apart) labels the ZIP
 * inside it, while a five-digit number after two capitals that disagree is as likely a reference.
 */

// [state, first prefix, last prefix] inclusive; a state may have several ranges.
// prettier-ignore
const RANGES: ReadonlyArray<readonly [string, number, number]> = [
  ['AL', 350, 369], ['AK', 995, 999], ['AZ', 850, 865], ['AR', 716, 729], ['AR', 755, 755],
  ['CA', 900, 961], ['CO', 800, 816], ['CT', 60, 69], ['DE', 197, 199], ['DC', 200, 205],
  ['DC', 569, 569], ['FL', 320, 349], ['GA', 300, 319], ['GA', 398, 399], ['HI', 967, 968],
  ['ID', 832, 838], ['IL', 600, 629], ['IN', 460, 479], ['IA', 500, 528], ['KS', 660, 679],
  ['KY', 400, 427], ['LA', 700, 714], ['ME', 39, 49], ['MD', 206, 219], ['MA', 10, 27],
  ['MA', 55, 55], ['MI', 480, 499], ['MN', 550, 567], ['MS', 386, 397], ['MO', 630, 658],
  ['MT', 590, 599], ['NE', 680, 693], ['NV', 889, 898], ['NH', 30, 38], ['NJ', 70, 89],
  ['NM', 870, 884], ['NY', 100, 149], ['NY', 5, 5], ['NY', 63, 63], ['NC', 270, 289],
  ['ND', 580, 588], ['OH', 430, 459], ['OK', 730, 749], ['OR', 970, 979], ['PA', 150, 196],
  ['PR', 6, 9], ['RI', 28, 29], ['SC', 290, 299], ['SD', 570, 577], ['TN', 370, 385],
  ['TX', 750, 799], ['TX', 885, 885], ['UT', 840, 847], ['VT', 50, 59], ['VA', 220, 246],
  ['VA', 201, 201], ['WA', 980, 994], ['WV', 247, 268], ['WI', 530, 549], ['WY', 820, 831],
];

// Two letters packed into one number (A=0) → a bit per ZIP prefix, built once.
const BY_STATE = new Map<number, Uint8Array>();
for (const [st, lo, hi] of RANGES) {
  const key = (st.charCodeAt(0) - 65) * 26 + (st.charCodeAt(1) - 65);
  let bits = BY_STATE.get(key);
  if (!bits) BY_STATE.set(key, (bits = new Uint8Array(1000)));
  for (let p = lo; p <= hi; p++) bits[p] = 1;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * True when `text` holds a five-digit ZIP at `zipStart` right after a two-letter state code (", ST ",
 * "ST ", "ST, ") whose USPS prefixes include it.
 */
export function zipAgreesWithState(text: string, zipStart: number): boolean {
  if (zipStart + 5 > text.length) return false;
  let prefix = 0;
  for (let i = zipStart; i < zipStart + 5; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return false;
    if (i < zipStart + 3) prefix = prefix * 10 + (c - 48);
  }
  let j = zipStart - 1;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 44)) j--;
  if (j === zipStart - 1 || j < 1) return false;
  const a = text.charCodeAt(j - 1);
  const b = text.charCodeAt(j);
  if (!isUpper(a) || !isUpper(b)) return false;
  // The state code is a word of its own ("CA", not the end of "USA").
  if (j >= 2 && /[\p{L}\p{N}]/u.test(text.charAt(j - 2))) return false;
  return BY_STATE.get((a - 65) * 26 + (b - 65))?.[prefix] === 1;
}
