import { AFTER_WINDOW, BEFORE_WINDOW, type ContextHit, type ContextKind } from './context';
import { codeUnits } from './code-units';
import { pass } from './persons-pass';
import { textPass, type DigitRuns, type Pass } from './scan-pass';
import type { PiiType } from './types';

export type { DigitRuns } from './scan-pass';

export interface Candidate {
  start: number;
  end: number;
  type: PiiType;
  score: number;
}

/** Per-text scan state shared by all recognizers; the lower-cased copy and the text pass are lazy. */
export class Scan {
  private lowerCache: string | null = null;
  private passCache: Pass | null = null;
  readonly out: Candidate[] = [];
  /** Cells or fields that hold no personal data ([from, to) pairs), kept for the name readers that run later. */
  readonly quietFields: number[] = [];
  /**
   * `names`: the name cues are needed (`cues`); without them the pass is cheaper and `cues` empty.
   * `persons`: the names pass will be asked for (`personsPass`), so the text pass does its work too.
   */
  constructor(
    readonly text: string,
    private readonly names = true,
    private readonly persons = false,
  ) {}

  /** Digit runs, sentence stops and keywords come from one pass (scan-pass.ts), made on first use. */
  private get pass(): Pass {
    // Kept tiny for inlining into every context query; the pass itself is made out of line.
    return this.passCache ?? this.makePass();
  }

  private makePass(): Pass {
    return (this.passCache = textPass(this.text, this.names, this.persons));
  }

  /**
   * The names pass (persons-pass.ts) over this text: its results are in `found`, and the code units
   * are returned. Done by the text pass when the Scan was made for it, else by a pass of its own.
   * Another Scan's text pass refills `found`, so read it before working on another text.
   */
  personsPass(): Uint16Array {
    if (!this.persons) return pass(this.text);
    // Made now if no recognizer needed it yet; `found` is this text's either way.
    void this.pass;
    return codeUnits(this.text);
  }

  /**
   * Every maximal digit run. Most recognizers can only match where a digit run starts, so they try
   * their (sticky) pattern at those few positions instead of running a full-text regex each.
   */
  get runs(): DigitRuns {
    return this.pass.runs;
  }

  get lower(): string {
    if (this.lowerCache === null) this.lowerCache = this.text.toLowerCase();
    return this.lowerCache;
  }

  /**
   * The text's code units then a 0, for recognizers that read many characters (typed-array reads are
   * several times cheaper than charCodeAt). Shared between Scans: read it again after any other
   * Scan's work rather than keep it.
   */
  get codes(): Uint16Array {
    return codeUnits(this.text);
  }

  /** Context keywords in text order (see context.ts). */
  get hits(): ContextHit[] {
    return this.pass.hits;
  }

  /** Name cues (NAME_CUES kinds) in text order; empty for a Scan made without `names`. */
  get cues(): ContextHit[] {
    return this.pass.cues;
  }

  /** Whether the text holds a line break: `text.includes('\n')`, from the text pass. */
  get hasLines(): boolean {
    return this.pass.lines;
  }

  /** Whether the text holds a double quote: `text.includes('"')`, from the text pass. */
  get hasQuotes(): boolean {
    return this.pass.quotes;
  }

  /** Whether the text holds " dot ": `text.includes(' dot ')`, from the text pass. */
  get hasSpokenDot(): boolean {
    return this.pass.dot;
  }

  /** Whether a cue word a reader starts from occurs (a MARK_* bit of scan-pass.ts): from the text pass. */
  hasMark(mark: number): boolean {
    return (this.pass.marks & mark) !== 0;
  }

  /** Whether two spaces follow a digit run, directly or after a ')': from the text pass. */
  get spacedDigits(): boolean {
    return this.pass.spacedDigits;
  }

  /** Whether a lone 0 or 1 touches a letter ("Passp0rt", "N0"): from the text pass. */
  get ocrInWord(): boolean {
    return this.pass.ocrInWord;
  }

  /** Whether O, o, l or I stands right before or after a digit run: from the text pass. */
  get ocrNear(): boolean {
    return this.pass.ocrNear;
  }

  /** Where "'s " or "’s " occurs (either apostrophe), ascending. */
  get apostropheS(): number[] {
    return this.pass.apostropheS;
  }

  /** Where " at " occurs (lower case), as the index of its first space, ascending: from the text pass. */
  get atSpaces(): number[] {
    return this.pass.ats;
  }

  /** Whether "at" stands right before ')', ']' or '}' ("jo (at) example.org"): from the text pass. */
  get hasBracketedAt(): boolean {
    return this.pass.bracketAt;
  }

  /** Whether the word "box" (any case) occurs: from the text pass. */
  get hasBox(): boolean {
    return this.pass.box;
  }

  /** Whether a dash stands between two spaces (" - ", " – ", " — "): from the text pass. */
  get hasSpacedDash(): boolean {
    return this.pass.spacedDash;
  }

  /** Whether the text holds '@': `text.includes('@')`, from the text pass. */
  get hasAtSign(): boolean {
    return this.pass.atSign;
  }

  /** Whether the text holds '.' or ':' (an IP address may be in it), and ':' (an IPv6 one). */
  get hasPeriodOrColon(): boolean {
    return this.pass.period || this.pass.colon;
  }

  get hasColon(): boolean {
    return this.pass.colon;
  }

  /** Whether the text holds '=': `text.includes('=')`, from the text pass. */
  get hasEquals(): boolean {
    return this.pass.equals;
  }

  /** Whether the text holds "</": `text.includes('</')`, from the text pass. */
  get hasClosingTag(): boolean {
    return this.pass.closingTag;
  }

  /** Whether the text holds a tab: `text.includes('\t')`, from the text pass. */
  get hasTab(): boolean {
    return this.pass.tab;
  }

  /** Sentence ends (". ", "? ", "! ", newline): context never reaches across one. */
  get stopList(): number[] {
    return this.pass.stops;
  }

  /** Sentence ends (". ", "? ", "! ", newline): context never reaches across one. */
  private get stops(): number[] {
    return this.pass.stops;
  }

  // Binary searches keep every context query logarithmic: a 32 K window full of keywords and numbers
  // must not turn the scan quadratic. They are written out (no predicate closure per query).
  private crossesStop(from: number, to: number): boolean {
    const stops = this.stops;
    // The first stop after `from`.
    let lo = 0;
    let hi = stops.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (stops[mid]! > from) hi = mid;
      else lo = mid + 1;
    }
    return lo < stops.length && stops[lo]! <= to;
  }

  /** Index of the first hit that ends after `pos` (hits never overlap, so ends are sorted). */
  private firstEndingAfter(pos: number): number {
    const hits = this.hits;
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hits[mid]!.end > pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Index of the first hit that starts at or after `pos`. */
  private firstStartingFrom(pos: number): number {
    const hits = this.hits;
    let lo = 0;
    let hi = hits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (hits[mid]!.start >= pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The kind of the nearest keyword ending before `start`, in the same sentence and window. */
  before(start: number, window = BEFORE_WINDOW): ContextKind | null {
    const best = this.hits[this.firstEndingAfter(start) - 1];
    if (!best || start - best.end > window) return null;
    return this.crossesStop(best.end, start) ? null : best.kind;
  }

  /** The nearest keyword itself (not only its kind) ending before `start`, as `before` finds it. */
  beforeHit(start: number, window = BEFORE_WINDOW): ContextHit | null {
    const best = this.hits[this.firstEndingAfter(start) - 1];
    if (!best || start - best.end > window) return null;
    return this.crossesStop(best.end, start) ? null : best;
  }

  /** The first keyword itself (not only its kind) after `end`, as `after` finds it. */
  afterHit(end: number): ContextHit | null {
    const h = this.hits[this.firstStartingFrom(end)];
    if (!h || h.start - end > AFTER_WINDOW) return null;
    return this.crossesStop(end, h.start) ? null : h;
  }

  /** The kind of the first keyword after `end`, in the same sentence and window. */
  after(end: number): ContextKind | null {
    const h = this.hits[this.firstStartingFrom(end)];
    if (!h || h.start - end > AFTER_WINDOW) return null;
    return this.crossesStop(end, h.start) ? null : h.kind;
  }

  /** Nearest keyword among `kinds` only (before, else after), in the same sentence. */
  nearestOf(
    kinds: ReadonlySet<ContextKind>,
    start: number,
    end: number,
    window = BEFORE_WINDOW,
  ): ContextHit | null {
    const hits = this.hits;
    for (let k = this.firstEndingAfter(start) - 1; k >= 0 && start - hits[k]!.end <= window; k--) {
      const h = hits[k]!;
      if (kinds.has(h.kind)) return this.crossesStop(h.end, start) ? null : h;
    }
    for (let k = this.firstStartingFrom(end); k < hits.length && hits[k]!.start - end <= AFTER_WINDOW; k++) {
      const h = hits[k]!;
      if (kinds.has(h.kind)) return this.crossesStop(end, h.start) ? null : h;
    }
    return null;
  }

  /** True when a keyword of `kind` ends within `window` before `start` in the same sentence. */
  hasBefore(kind: ContextKind, start: number, window = BEFORE_WINDOW): boolean {
    const hits = this.hits;
    for (let k = this.firstEndingAfter(start) - 1; k >= 0 && start - hits[k]!.end <= window; k--) {
      if (hits[k]!.kind === kind && !this.crossesStop(hits[k]!.end, start)) return true;
    }
    return false;
  }

  /** True when any keyword of `kind` occurs in the text. */
  hasKind(kind: ContextKind): boolean {
    for (const h of this.hits) if (h.kind === kind) return true;
    return false;
  }

  add(start: number, end: number, type: PiiType, score: number): void {
    this.out.push({ start, end, type, score: score > 1 ? 1 : score });
  }
}

const NON_DIGITS = /\D+/g;

export function digitsOf(s: string): string {
  return s.replace(NON_DIGITS, '');
}
