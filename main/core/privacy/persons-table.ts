/**
 * Word and phrase flags looked up straight from a text's code units. The person recognizer asks for
 * the gazetteer flags of every capitalised word and for the phrases before some of them; slicing and
 * lower-casing each one (then hashing it for a Map) cost more than the rest of the recognizer.
 *
 * An ASCII span of up to 12 characters is packed, lower-cased, into three int32s of four 7-bit
 * characters each: an exact key, so an open-addressing table finds it with a few comparisons and no
 * string. A span with any other character falls back to slice + toLowerCase + Map, so the answer is
 * always exactly `map.get(slice.toLowerCase()) ?? 0`.
 */
export const PACKED_CHARS = 12;

/** Packing step: the key so far shifted by seven bits, or-ed with the next (lower-cased, ASCII) code unit. */
export function pack(key: number, lowerCode: number): number {
  return (key << 7) | lowerCode;
}

export class SpanTable {
  private readonly map: ReadonlyMap<string, number>;
  /** The longest key: lower-casing never shortens a string, so longer spans match nothing. */
  private readonly maxLength: number;
  private readonly mask: number;
  /**
   * Four int32s per slot: the packed key (characters 0-3, 4-7 and 8-11), then length << 16 | flags
   * (0 = empty slot). One interleaved array at most 45% full keeps a probe in one or two cache lines:
   * the table is read a few dozen times per text, between other recognizers that evict it.
   */
  private readonly slots: Int32Array;

  constructor(map: ReadonlyMap<string, number>) {
    this.map = map;
    this.maxLength = Math.max(0, ...[...map.keys()].map((k) => k.length));
    if (this.maxLength > PACKED_CHARS) throw new Error(`SpanTable keys must be at most ${PACKED_CHARS} long`);
    this.slots = fill(map);
    this.mask = this.slots.length / 4 - 1;
  }

  /** The flags of `text.slice(start, end).toLowerCase()`; `u` holds the text's code units. */
  get(u: Uint16Array, text: string, start: number, end: number): number {
    const len = end - start;
    if (len > this.maxLength || len <= 0) return 0;
    let k1 = 0;
    let k2 = 0;
    let k3 = 0;
    for (let k = start; k < end; k++) {
      let c = u[k]!;
      if (c >= 128) return this.map.get(text.slice(start, end).toLowerCase()) ?? 0;
      if (c >= 65 && c <= 90) c |= 32;
      const d = k - start;
      if (d < 4) k1 = pack(k1, c);
      else if (d < 8) k2 = pack(k2, c);
      else k3 = pack(k3, c);
    }
    return probe(this.slots, this.mask, k1, k2, k3, len);
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
    let k3 = 0;
    for (let k = 0; k < len; k++) {
      const c = key.charCodeAt(k);
      // Upper-case ASCII too: the slots hold only lower-case keys, and the Map has them exactly as given.
      if (c >= 128 || (c >= 65 && c <= 90)) return this.map.get(key) ?? 0;
      if (k < 4) k1 = pack(k1, c);
      else if (k < 8) k2 = pack(k2, c);
      else k3 = pack(k3, c);
    }
    return len === 0 ? (this.map.get(key) ?? 0) : this.lookup(k1, k2, k3, len);
  }

  /**
   * As `get`, for an all-ASCII span of `len` code units packed (lower-cased) four by four into `k1`,
   * `k2` and `k3`. Any length is accepted: spans longer than every key match nothing.
   */
  lookup(k1: number, k2: number, k3: number, len: number): number {
    if (len > this.maxLength) return 0;
    return probe(this.slots, this.mask, k1, k2, k3, len);
  }
}

/** Open addressing over `slots` (four int32s each: the packed key, then length << 16 | flags). */
function probe(slots: Int32Array, mask: number, k1: number, k2: number, k3: number, len: number): number {
  for (let slot = slotOf(k1, k2, k3, mask); ; slot = (slot + 1) & mask) {
    const at = slot * 4;
    const meta = slots[at + 3]!;
    if (meta === 0) return 0;
    if (meta >>> 16 === len && slots[at] === k1 && slots[at + 1] === k2 && slots[at + 2] === k3) {
      return meta & 0xffff;
    }
  }
}

function slotOf(k1: number, k2: number, k3: number, mask: number): number {
  const h = Math.imul(k1 ^ Math.imul(k2, 0x9e3779b1) ^ Math.imul(k3, 0x85ebca6b), 0x27d4eb2f);
  return (h ^ (h >>> 15)) & mask;
}

/**
 * The ASCII keys of `map` in a table at most 45% full (the gazetteer's ten thousand take 32,768 slots):
 * a miss ends at an empty slot, and at 60% it walked four slots on average; sparser, the few hundred
 * more kilobytes cost less than the walks (p50 about 2% faster on the bench's texts).
 */
function fill(map: ReadonlyMap<string, number>): Int32Array {
  const ascii = [...map.keys()].filter((k) => k.length > 0 && isLowerAscii(k));
  let size = 16;
  while (size * 0.45 < ascii.length) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size * 4);
  for (const key of ascii) {
    const flags = map.get(key)!;
    if (flags <= 0 || flags > 0xffff) throw new Error('SpanTable flags must fit in 16 bits');
    const k = packKey(key);
    let slot = slotOf(k[0]!, k[1]!, k[2]!, mask);
    while (slots[slot * 4 + 3] !== 0) slot = (slot + 1) & mask;
    slots.set([k[0]!, k[1]!, k[2]!, (key.length << 16) | flags], slot * 4);
  }
  return slots;
}

function packKey(key: string): number[] {
  const k = [0, 0, 0];
  for (let c = 0; c < key.length; c++) k[c >> 2] = pack(k[c >> 2]!, key.charCodeAt(c));
  return k;
}

/** Keys other than these can only match spans with non-ASCII characters: they stay in the Map. */
function isLowerAscii(key: string): boolean {
  for (let k = 0; k < key.length; k++) {
    const c = key.charCodeAt(k);
    if (c >= 128 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}
