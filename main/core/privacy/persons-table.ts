/**
 * Word and phrase flags looked up straight from a text's code units. The person recognizer asks for
 * the gazetteer flags of every capitalised word and for the phrases before some of them; slicing and
 * lower-casing each one (then hashing it for a Map) cost more than the rest of the recognizer.
 *
 * The keys' alphabet is the letters, space, apostrophe and hyphen: five bits a character (a letter's
 * code is its code unit & 31, either case), so a span of up to 12 is packed into two int30s, six
 * characters each. No code is 0, so the packing is an exact key that also says the length. A span
 * with a character outside the alphabet matches no packed key; a non-ASCII one (or a key outside the
 * alphabet) asks the Map, so the answer is always exactly `map.get(slice.toLowerCase()) ?? 0`.
 */
export const PACKED_CHARS = 12;

/** Packing step: the key so far shifted by five bits, or-ed with the next character's code (1-31). */
export function pack(key: number, code: number): number {
  return (key << 5) | code;
}

/** Each ASCII code unit's five-bit code (0: none; no key holds it). */
export const CODES = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CODES[c] = CODES[c + 32] = c & 31;
CODES[32] = 27;
CODES[39] = 28;
CODES[45] = 29;

export class SpanTable {
  private readonly map: ReadonlyMap<string, number>;
  /** The longest key: lower-casing never shortens a string, so longer spans match nothing. */
  private readonly maxLength: number;
  /** Some lower-case ASCII key holds a character without a code: it stays in the Map alone. */
  private readonly oddAscii: boolean;
  private readonly mask: number;
  /**
   * Three int32s per slot: the packed key (characters 0-5, then 6-11), then the flags (k1 = 0: empty).
   * 12 bytes a slot at most 62% full: the gazetteer's ten thousand keys take 192 KB where 16-byte slots
   * at 45% took 512 KB, so more of the table stays in cache between the other recognizers.
   */
  private readonly slots: Int32Array;

  constructor(map: ReadonlyMap<string, number>) {
    this.map = map;
    this.maxLength = Math.max(0, ...[...map.keys()].map((k) => k.length));
    if (this.maxLength > PACKED_CHARS) throw new Error(`SpanTable keys must be at most ${PACKED_CHARS} long`);
    this.oddAscii = [...map.keys()].some((k) => isLowerAscii(k) && !packable(k));
    this.slots = fill(map);
    this.mask = this.slots.length / 3 - 1;
  }

  /** The flags of `text.slice(start, end).toLowerCase()`; `u` holds the text's code units. */
  get(u: Uint16Array, text: string, start: number, end: number): number {
    const len = end - start;
    if (len > this.maxLength || len <= 0) return 0;
    let k1 = 0;
    let k2 = 0;
    // A character without a code: only an unpacked key can match, and a later non-ASCII one still may.
    let odd = false;
    for (let k = start; k < end; k++) {
      const c = u[k]!;
      if (c >= 128) return this.map.get(text.slice(start, end).toLowerCase()) ?? 0;
      const code = CODES[c]!;
      if (code === 0) odd = true;
      else if (k - start < 6) k1 = pack(k1, code);
      else k2 = pack(k2, code);
    }
    if (odd) return this.oddAscii ? (this.map.get(text.slice(start, end).toLowerCase()) ?? 0) : 0;
    return probe(this.slots, this.mask, k1, k2);
  }

  /**
   * `map.get(key) ?? 0` for a string: a key of lower-case ASCII is packed and found in the slots (no
   * string hash, and the slots are far smaller than the Map); any other key asks the Map.
   */
  getString(key: string): number {
    const len = key.length;
    if (len > this.maxLength) return 0;
    let k1 = 0;
    let k2 = 0;
    let odd = false;
    for (let k = 0; k < len; k++) {
      const c = key.charCodeAt(k);
      // Upper-case ASCII too: the slots hold only lower-case keys, and the Map has them exactly as given.
      if (c >= 128 || (c >= 65 && c <= 90)) return this.map.get(key) ?? 0;
      const code = CODES[c]!;
      if (code === 0) odd = true;
      else if (k < 6) k1 = pack(k1, code);
      else k2 = pack(k2, code);
    }
    if (odd) return this.oddAscii ? (this.map.get(key) ?? 0) : 0;
    return len === 0 ? (this.map.get(key) ?? 0) : probe(this.slots, this.mask, k1, k2);
  }

  /**
   * As `get`, for a span of `len` letters packed (by `pack`) six by six into `k1` and `k2`. Any length
   * is accepted: spans longer than every key match nothing.
   */
  lookup(k1: number, k2: number, len: number): number {
    if (len > this.maxLength) return 0;
    return probe(this.slots, this.mask, k1, k2);
  }
}

/** Open addressing over `slots` (three int32s each: the packed key, then the flags). */
function probe(slots: Int32Array, mask: number, k1: number, k2: number): number {
  for (let slot = slotOf(k1, k2, mask); ; slot = (slot + 1) & mask) {
    const at = slot * 3;
    const s1 = slots[at]!;
    if (s1 === 0) return 0;
    if (s1 === k1 && slots[at + 1] === k2) return slots[at + 2]!;
  }
}

function slotOf(k1: number, k2: number, mask: number): number {
  const h = Math.imul(k1 ^ Math.imul(k2, 0x9e3779b1), 0x27d4eb2f);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * The packable keys of `map` in a table at most 62% full (the gazetteer's ten thousand take 16,384
 * slots): a miss ends at an empty slot, a few slots on, mostly in the same cache line.
 */
function fill(map: ReadonlyMap<string, number>): Int32Array {
  const keys = [...map.keys()].filter((k) => k.length > 0 && isLowerAscii(k) && packable(k));
  let size = 16;
  while (size * 0.62 < keys.length) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 3);
  for (const key of keys) {
    const flags = map.get(key)!;
    if (flags <= 0) throw new Error('SpanTable flags must be positive');
    let k1 = 0;
    let k2 = 0;
    for (let c = 0; c < key.length; c++) {
      if (c < 6) k1 = pack(k1, CODES[key.charCodeAt(c)]!);
      else k2 = pack(k2, CODES[key.charCodeAt(c)]!);
    }
    let slot = slotOf(k1, k2, mask);
    while (slots[slot * 3] !== 0) slot = (slot + 1) & mask;
    slots.set([k1, k2, flags], slot * 3);
  }
  return slots;
}

/** Keys other than these can only match spans with non-ASCII characters: they stay in the Map. */
function isLowerAscii(key: string): boolean {
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c >= 128 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

/** Every character of a lower-case ASCII key has a code. */
function packable(key: string): boolean {
  for (let k = 0; k < key.length; k++) if (CODES[key.charCodeAt(k)] === 0) return false;
  return true;
}
