import {
  FactCheckReportSchema,
  parseMessage,
  type Claim,
  type FactCheckReport,
  type Passage,
} from './messages';
import type { EmbedderLike } from './ports';

const MONEY =
  /[£$€]\s?\d|\d\s?(pounds|dollars|euros|pence|p)\b|\b(fee|fees|charge[sd]?|cost[s]?|free of charge|interest|apr)\b/i;
const DURATION =
  /\b\d+(\.\d+)?\s?(working |business |calendar )?(minutes?|hours?|days?|weeks?|months?|years?)\b|\b(within|up to|at least|no later than)\b/i;
const TIME =
  /\b\d{1,2}([:.]\d{2})?\s?(am|pm)\b|\b\d{1,2}:\d{2}\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekday|weekend)s?\b/i;
const NUMBER = /\d/;
const POLICY =
  /\b(policy|policies|we (charge|refund|require|will|cannot|can't|do not|don't|must|never|always|offer)|you (must|need to|will need|are required|can't|cannot|are entitled)|is required|are required|is free|are free|entitled|eligible|guarantee\w*|compensat\w*|refund\w*|limit|maximum|minimum|deadline)\b/i;

const WORD_NUMBERS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fourteen: '14',
  thirty: '30',
  'twenty-four': '24',
};

const STOP = new Set(
  'a an the and or but if of to in on at by for with from as is are was were be been it its this that these those you your we our us i me my can will would could should may might do does did have has had not no yes so than then there here what which who when where how all any each more most some such only own same too very just about into over after before up down out off again further once also please thank thanks'.split(
    ' ',
  ),
);

export interface FactsVerifierOptions {
  /** Lexical support a numberless policy claim needs from one passage (0..1). */
  minSupport?: number;
  embedder?: EmbedderLike | null;
}

export interface FactsVerifier {
  verify(draft: string, cited: readonly Passage[], kbSnapshot: string): Promise<FactCheckReport>;
}

/**
 * Splits a draft into sentences, keeps the factual ones (numbers, money, durations, times, policy
 * statements) and requires each to be supported by one cited passage of the current KB snapshot:
 * every number in the claim must appear in that passage, and enough of its content words must too.
 * Borderline policy claims are settled by embedding similarity when an embedder exists, else "unsure".
 */
export function createFactsVerifier(options: FactsVerifierOptions = {}): FactsVerifier {
  const minSupport = options.minSupport ?? 0.5;
  return {
    async verify(draft, cited, kbSnapshot) {
      const claims: Claim[] = [];
      let unsure = 0;
      for (const sentence of splitSentences(draft)) {
        const kinds = claimKinds(sentence);
        if (kinds.length === 0) continue;
        const best = bestSupport(sentence, cited);
        let supported =
          best !== null && best.numbersOk && best.support >= (best.hasNumbers ? 0.3 : minSupport);
        if (!supported && best && best.numbersOk && !best.hasNumbers && best.support >= 0.3) {
          const similar = options.embedder
            ? await similarity(options.embedder, sentence, best.passage.text)
            : null;
          if (similar === null) unsure += 1;
          else supported = similar >= 0.8;
        }
        claims.push({
          text: sentence.slice(0, 300),
          kinds,
          supported,
          chunkId: supported && best ? best.passage.chunkId : null,
          docId: supported && best ? best.passage.docId : null,
          support: best ? Math.round(best.support * 1000) / 1000 : 0,
        });
      }
      const unsupported = claims.filter((c) => !c.supported).length;
      const verdict =
        claims.length === 0
          ? 'no_claims'
          : unsupported === 0
            ? 'supported'
            : unsupported === unsure
              ? 'unsure'
              : 'unsupported';
      return parseMessage(
        FactCheckReportSchema,
        { claims, unsupported, verdict, kbSnapshot },
        'FactCheckReport',
      );
    },
  };
}

export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9£$€"'(])|\n+|;\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function claimKinds(sentence: string): Claim['kinds'] {
  const stripped = sentence.replace(/<[A-Z_]+_\d+>/g, '');
  const kinds: Claim['kinds'] = [];
  if (MONEY.test(stripped)) kinds.push('money');
  if (DURATION.test(stripped)) kinds.push('duration');
  if (TIME.test(stripped)) kinds.push('time');
  if (NUMBER.test(stripped) && kinds.length === 0) kinds.push('number');
  if (POLICY.test(stripped)) kinds.push('policy');
  return kinds;
}

export function numbersIn(text: string): string[] {
  const lowered = text.toLowerCase().replace(/<[a-z_]+_\d+>/g, '');
  const out = new Set<string>();
  for (const m of lowered.matchAll(/\d[\d,]*(\.\d+)?/g)) {
    const n = m[0].replace(/,/g, '').replace(/\.0+$/, '');
    out.add(n);
  }
  for (const [word, digit] of Object.entries(WORD_NUMBERS)) {
    if (new RegExp(`\\b${word}\\b`).test(lowered)) out.add(digit);
  }
  return [...out];
}

/** Lower-cased, stemmed words that carry meaning (stop words and placeholders removed). */
export function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/<[a-z_]+_\d+>/g, ' ')
      .split(/[^a-z0-9£$€]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map(stem),
  );
}

const stem = (w: string) => w.replace(/(ing|ed|es|s)$/, '');

interface Support {
  passage: Passage;
  support: number;
  numbersOk: boolean;
  hasNumbers: boolean;
}

function bestSupport(claim: string, passages: readonly Passage[]): Support | null {
  const words = contentWords(claim);
  const nums = numbersIn(claim);
  let best: Support | null = null;
  for (const passage of passages) {
    const pWords = contentWords(passage.text + ' ' + passage.title);
    const pNums = new Set(numbersIn(passage.text));
    let hit = 0;
    for (const w of words) if (pWords.has(w)) hit += 1;
    const support = words.size === 0 ? 1 : hit / words.size;
    const numbersOk = nums.every((n) => pNums.has(n));
    const candidate = { passage, support, numbersOk, hasNumbers: nums.length > 0 };
    if (
      !best ||
      (candidate.numbersOk && !best.numbersOk) ||
      (candidate.numbersOk === best.numbersOk && candidate.support > best.support)
    )
      best = candidate;
  }
  return best;
}

async function similarity(embedder: EmbedderLike, a: string, b: string): Promise<number | null> {
  try {
    const [x, y] = await embedder.embed([a, b]);
    if (!x || !y || x.length !== y.length) return null;
    let dot = 0;
    let nx = 0;
    let ny = 0;
    for (let i = 0; i < x.length; i += 1) {
      const xi = x[i] ?? 0;
      const yi = y[i] ?? 0;
      dot += xi * yi;
      nx += xi * xi;
      ny += yi * yi;
    }
    return nx === 0 || ny === 0 ? null : dot / Math.sqrt(nx * ny);
  } catch {
    return null;
  }
}
