import { scanContext, type ContextHit } from './context';
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

  add(start: number, end: number, type: PiiType, score: number): void {
    this.out.push({ start, end, type, score: score > 1 ? 1 : score });
  }
}

export function digitsOf(s: string): string {
  let d = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) d += s[i];
  }
  return d;
}
