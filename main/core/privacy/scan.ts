import { AFTER_WINDOW, BEFORE_WINDOW, scanContext, type ContextHit, type ContextKind } from './context';
import type { PiiType } from './types';

export interface Candidate {
  start: number;
  end: number;
  type: PiiType;
  score: number;
}

/** Per-text scan state shared by all recognizers; the lower-cased copy and keyword hits are lazy. */
export class Scan {
  private lowerCache: string | null = null;
  private hitsCache: ContextHit[] | null = null;
  private stopsCache: number[] | null = null;
  readonly out: Candidate[] = [];
  constructor(readonly text: string) {}

  get lower(): string {
    if (this.lowerCache === null) this.lowerCache = this.text.toLowerCase();
    return this.lowerCache;
  }

  get hits(): ContextHit[] {
    if (this.hitsCache === null) this.hitsCache = scanContext(this.lower);
    return this.hitsCache;
  }

  /** Sentence ends (". ", "? ", "! ", newline): context never reaches across one. */
  private get stops(): number[] {
    if (this.stopsCache === null) {
      const stops: number[] = [];
      STOP.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = STOP.exec(this.text)) !== null) stops.push(m.index + 1);
      this.stopsCache = stops;
    }
    return this.stopsCache;
  }

  private crossesStop(from: number, to: number): boolean {
    for (const p of this.stops) if (p > from && p <= to) return true;
    return false;
  }

  /** The kind of the nearest keyword ending before `start`, in the same sentence and window. */
  before(start: number, window = BEFORE_WINDOW): ContextKind | null {
    let best: ContextHit | null = null;
    for (const h of this.hits) {
      if (h.end > start) break;
      if (start - h.end <= window) best = h;
    }
    return best && !this.crossesStop(best.end, start) ? best.kind : null;
  }

  /** The kind of the first keyword after `end`, in the same sentence and window. */
  after(end: number): ContextKind | null {
    for (const h of this.hits) {
      if (h.start < end) continue;
      return h.start - end <= AFTER_WINDOW && !this.crossesStop(end, h.start) ? h.kind : null;
    }
    return null;
  }

  /** Nearest keyword among `kinds` only (before, else after), in the same sentence. */
  nearestOf(
    kinds: ReadonlySet<ContextKind>,
    start: number,
    end: number,
    window = BEFORE_WINDOW,
  ): ContextHit | null {
    let best: ContextHit | null = null;
    for (const h of this.hits) {
      if (h.end > start) break;
      if (kinds.has(h.kind) && start - h.end <= window) best = h;
    }
    if (best) return this.crossesStop(best.end, start) ? null : best;
    for (const h of this.hits) {
      if (h.start < end || !kinds.has(h.kind)) continue;
      return h.start - end <= AFTER_WINDOW && !this.crossesStop(end, h.start) ? h : null;
    }
    return null;
  }

  /** True when a keyword of `kind` ends within `window` before `start` in the same sentence. */
  hasBefore(kind: ContextKind, start: number, window = BEFORE_WINDOW): boolean {
    for (const h of this.hits) {
      if (h.end > start) break;
      if (h.kind === kind && start - h.end <= window && !this.crossesStop(h.end, start)) return true;
    }
    return false;
  }

  add(start: number, end: number, type: PiiType, score: number): void {
    this.out.push({ start, end, type, score: score > 1 ? 1 : score });
  }
}

const STOP = /[.!?](?=\s)|\n/g;

const NON_DIGITS = /\D+/g;

export function digitsOf(s: string): string {
  return s.replace(NON_DIGITS, '');
}
