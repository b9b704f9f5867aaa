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
   * (0 = empty slot). One interleaved array about 60% full keeps a probe in one or two cache lines:
   * the table is read a few dozen times per text, between other recognizers that evict it.
   */
  private readonly slots: Int32Array;

  /**
   * Keys probed only when the hot slots miss, behind a one-bit-per-hash filter that rejects most
   * other spans without touching them: the generated gazetteer is three times the hand lists, and in
   * one table every probe of a common word would cross four times the memory.
   */
  private readonly cold: SpanTable | null;
  private readonly coldBits: Uint32Array | null;

  /** `cold` keys are answered only when `map` lacks them; `get`'s Map path sees both. */
  constructor(map: ReadonlyMap<string, number>, cold?: ReadonlyMap<string, number>) {
    const hot = map;
    if (cold !== undefined && cold.size > 0) {
      const onlyCold = new Map([...cold].filter(([k]) => !hot.has(k)));
      this.cold = new SpanTable(onlyCold);
      this.coldBits = new Uint32Array(COLD_BITS >>> 5);
      for (const key of onlyCold.keys()) {
        if (!isLowerAscii(key)) continue;
        const k = packKey(key);
        const bit = coldBit(k[0]!, k[1]!, k[2]!, key.length);
        this.coldBits[bit >>> 5]! |= 1 << (bit & 31);
      }
      map = new Map([...onlyCold, ...hot]);
    } else {
      this.cold = null;
      this.coldBits = null;
    }
    this.map = map;
    const keys = [...hot.keys()];
    this.maxLength = Math.max(0, ...[...map.keys()].map((k) => k.length));
    if (this.maxLength > PACKED_CHARS) throw new Error(`SpanTable keys must be at most ${PACKED_CHARS} long`);
    const ascii = keys.filter((k) => k.length > 0 && isLowerAscii(k));
    let size = 16;
    while (size * 0.6 < ascii.length) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size * 4);
    for (const key of ascii) {
      const flags = map.get(key)!;
      if (flags <= 0 || flags > 0xffff) throw new Error('SpanTable flags must fit in 16 bits');
      const k = packKey(key);
      let slot = this.slotOf(k[0]!, k[1]!, k[2]!);
      while (this.slots[slot * 4 + 3] !== 0) slot = (slot + 1) & this.mask;
      this.slots.set([k[0]!, k[1]!, k[2]!, (key.length << 16) | flags], slot * 4);
    }
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
    return this.lookup(k1, k2, k3, len);
  }

  /**
   * As `get`, for an all-ASCII span of `len` code units packed (lower-cased) four by four into `k1`,
   * `k2` and `k3`. Any length is accepted: spans longer than every key match nothing.
   */
  lookup(k1: number, k2: number, k3: number, len: number): number {
    if (len > this.maxLength) return 0;
    const { mask, slots } = this;
    for (let slot = this.slotOf(k1, k2, k3); ; slot = (slot + 1) & mask) {
      const at = slot * 4;
      const meta = slots[at + 3]!;
      if (meta === 0) return this.cold === null ? 0 : this.lookupCold(k1, k2, k3, len);
      if (meta >>> 16 === len && slots[at] === k1 && slots[at + 1] === k2 && slots[at + 2] === k3) {
        return meta & 0xffff;
      }
    }
  }

  private lookupCold(k1: number, k2: number, k3: number, len: number): number {
    const bit = coldBit(k1, k2, k3, len);
    if ((this.coldBits![bit >>> 5]! & (1 << (bit & 31))) === 0) return 0;
    return this.cold!.lookup(k1, k2, k3, len);
  }

  private slotOf(k1: number, k2: number, k3: number): number {
    const h = Math.imul(k1 ^ Math.imul(k2, 0x9e3779b1) ^ Math.imul(k3, 0x85ebca6b), 0x27d4eb2f);
    return (h ^ (h >>> 15)) & this.mask;
  }
}

// The cold filter's size: 16 KB, so a gazetteer of ten thousand keys lets about one span in sixteen through.
const COLD_BITS = 1 << 17;

function coldBit(k1: number, k2: number, k3: number, len: number): number {
  const h = Math.imul(k1 ^ Math.imul(k2 ^ len, 0x85ebca6b) ^ Math.imul(k3, 0xc2b2ae35), 0x9e3779b1);
  return (h >>> 15) & (COLD_BITS - 1);
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
