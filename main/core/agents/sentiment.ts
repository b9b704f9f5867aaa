import { parseMessage, SentimentReadingSchema, type SentimentReading } from './messages';
import type { SentimentScorerLike } from './ports';
import { accumulate, type SafetyMemory } from './safety/accumulate';
import { detectMessage, type MessageCues } from './safety/detect';
import { withLearned } from './safety/learned';
import type { Driver } from './safety/rules';
import type { SemanticHit, SemanticMatcher } from './safety/semantic';

const PROFANITY =
  /\b(damn|hell|bloody|crap|shit\w*|fuck\w*|bastard\w*|useless|ridiculous|disgrace\w*|outrage\w*)\b/i;
const NEGATIVE_WORDS =
  /\b(angry|furious|livid|upset|awful|terrible|horrible|worst|hate|disgusting|unacceptable|appalling|fed up|sick of|frustrated|frustrating|annoyed|outraged|disgusted|shocking)\b/gi;

export interface SentimentMonitorOptions {
  highEmotion: number;
  trendWindow: number;
  /** The pack's own cue patterns (regex sources), added to the built-in lexicons. */
  cues?: Partial<Record<'selfHarm' | 'humanRequest' | 'vulnerability' | 'fraud', readonly string[]>>;
  /** Semantic prototypes on the installed embedder, with calibrated thresholds; absent: rules only. */
  semantic?: SemanticMatcher | null;
}

export interface SentimentMonitor {
  /**
   * Full reading: model (or lexicon) score plus cues and trend over previous scores. `memory` is the
   * conversation's safety memory after the previous turn (null on the first turn or when unknown).
   */
  read(
    text: string,
    turnIndex: number,
    previous: readonly number[],
    memory?: SafetyMemory | null,
  ): Promise<SentimentReading>;
  /** Model-free reading used when the scorer fails or its budget is blown. */
  fallback(
    text: string,
    turnIndex: number,
    previous: readonly number[],
    memory?: SafetyMemory | null,
  ): SentimentReading;
}

export function createSentimentMonitor(
  scorer: SentimentScorerLike,
  options: SentimentMonitorOptions,
): SentimentMonitor {
  const extra = compileCues(options.cues);
  const build = (
    text: string,
    turnIndex: number,
    previous: readonly number[],
    scored: { score: number; label: SentimentReading['label']; source: SentimentReading['source'] },
    memory: SafetyMemory | null,
    semanticHits: readonly SemanticHit[] = [],
  ): SentimentReading => {
    const message = withLearned(text, withSemantic(detectMessage(text), semanticHits));
    const packed = withPackCues(text, message, extra);
    const tone = emotionalIntensity(text, scored.score, message.scores.distress > 0);
    const acc = accumulate(memory, {
      scores: message.scores,
      selfHarm: packed.selfHarm,
      drivers: message.drivers,
      intensity: tone,
    });
    const intensity = tone;
    const cues = {
      selfHarm: acc.selfHarm,
      // Fear, despair and grief feed the risk score; anger is high emotion, not a risk on its own.
      distress: message.families.some((f) => FEARFUL.test(f)) || acc.distressTrend,
      requestsHuman: acc.request || packed.requestsHuman,
      fraud: acc.fraud || packed.fraud,
      vulnerable: [...new Set([...acc.vulnerable, ...packed.vulnerable])],
    };
    const trend = computeTrend([...previous, scored.score], options.trendWindow);
    const families = [...message.families];
    if (acc.distressTrend) families.push('distress.trend');
    if (acc.lateDisclosure) families.push('self_harm.late_disclosure');
    if (packed.selfHarm && !message.selfHarm) families.push('self_harm.pack_cue');
    return parseMessage(
      SentimentReadingSchema,
      {
        turnIndex,
        score: clamp(scored.score, -1, 1),
        label: scored.label,
        source: scored.source,
        intensity,
        trend,
        // Strong or building distress is high emotion whatever the tone says: calm typing hides panic.
        cues: { ...cues, highEmotion: intensity >= options.highEmotion || cues.selfHarm || acc.distress },
        safety: {
          families: [...new Set(families)].sort(),
          thirdParty: message.thirdParty,
          distressTrend: acc.distressTrend,
          distress: acc.distress,
          selfHarmEarlier: acc.selfHarmEarlier,
          memory: acc.memory,
        },
      },
      'SentimentReading',
    );
  };
  return {
    async read(text, turnIndex, previous, memory = null) {
      const [s, hits] = await Promise.all([scorer.score(text), semanticHits(options.semantic, text)]);
      return build(
        text,
        turnIndex,
        previous,
        { score: s.score, label: s.label, source: s.source },
        memory,
        hits,
      );
    },
    fallback(text, turnIndex, previous, memory = null) {
      const score = lexiconScore(text);
      const label = score < -0.2 ? 'negative' : score > 0.2 ? 'positive' : 'neutral';
      return build(text, turnIndex, previous, { score, label, source: 'fallback' }, memory);
    },
  };
}

interface ExtraCues {
  selfHarm: RegExp[];
  humanRequest: RegExp[];
  vulnerability: RegExp[];
  fraud: RegExp[];
}

function compileCues(cues: SentimentMonitorOptions['cues']): ExtraCues {
  const compile = (sources: readonly string[] | undefined) =>
    (sources ?? []).flatMap((s) => {
      try {
        return [new RegExp(s, 'i')];
      } catch {
        return [];
      }
    });
  return {
    selfHarm: compile(cues?.selfHarm),
    humanRequest: compile(cues?.humanRequest),
    vulnerability: compile(cues?.vulnerability),
    fraud: compile(cues?.fraud),
  };
}

const NO_EXTRA: ExtraCues = { selfHarm: [], humanRequest: [], vulnerability: [], fraud: [] };

type Vulnerable = SentimentReading['cues']['vulnerable'];

/** A failing embedder costs the semantic second look, never the reading. */
async function semanticHits(matcher: SemanticMatcher | null | undefined, text: string) {
  if (!matcher) return [];
  try {
    return await matcher.match(text);
  } catch {
    return [];
  }
}

const SEMANTIC_DRIVER: Record<string, Driver> = {
  health: 'health',
  capability: 'capability',
  coercion: 'life_event',
  resilience: 'resilience',
};

/** Semantic hits raise their reason (never lower one) and are named `semantic:reason.family`. */
function withSemantic(message: MessageCues, hits: readonly SemanticHit[]): MessageCues {
  if (hits.length === 0) return message;
  const scores = { ...message.scores };
  const drivers = new Set(message.drivers);
  const families = new Set(message.families);
  for (const h of hits) {
    scores[h.reason] = Math.max(scores[h.reason], 1);
    families.add(`semantic:${h.reason}.${h.family}`);
    const driver = SEMANTIC_DRIVER[h.family];
    if (h.reason === 'vulnerable' && driver) drivers.add(driver);
  }
  return {
    ...message,
    scores,
    selfHarm: message.selfHarm || scores.self_harm >= 1,
    drivers: [...drivers],
    families: [...families].sort(),
  };
}
const FEARFUL = /^distress\.(?:panic|despair|grief)$/;

/**
 * The pack's own cue patterns on top of the built-in detection. They are plain regexes, blind to
 * idiom and negation, so a pack hit does not count where the detector saw an idiom or a negated cue.
 */
function withPackCues(
  text: string,
  message: MessageCues,
  extra: ExtraCues,
): { selfHarm: boolean; requestsHuman: boolean; fraud: boolean; vulnerable: Vulnerable } {
  const any = (res: RegExp[], reason: MessageCues['negated'][number]) =>
    !message.idiom && !message.negated.includes(reason) && res.some((re) => re.test(text));
  // Pack vulnerability patterns carry no driver; 'health' is the conservative default bucket. Where the
  // detector read a vulnerability or fraud cue and judged it light (a driver named as an errand's
  // context, a scam's set-up), its reading of the same words stands; self-harm is never lowered.
  const vulnerable: Vulnerable =
    message.scores.vulnerable === 0 && any(extra.vulnerability, 'vulnerable') ? ['health'] : [];
  return {
    selfHarm: message.selfHarm || any(extra.selfHarm, 'self_harm'),
    requestsHuman: any(extra.humanRequest, 'request'),
    fraud: (message.scores.fraud === 0 || message.scores.fraud >= 1) && any(extra.fraud, 'fraud'),
    vulnerable,
  };
}

/** Instant cues of one message (no conversation memory): for guards evaluated before scoring. */
export function detectCues(
  text: string,
  extra: ExtraCues = NO_EXTRA,
): Omit<SentimentReading['cues'], 'highEmotion'> {
  const message = withLearned(text, detectMessage(text));
  const packed = withPackCues(text, message, extra);
  return {
    selfHarm: packed.selfHarm,
    distress: message.families.some((f) => FEARFUL.test(f)),
    requestsHuman: message.scores.request >= 1 || packed.requestsHuman,
    fraud: message.scores.fraud >= 1 || packed.fraud,
    vulnerable: [
      ...new Set([...(message.scores.vulnerable >= 1 ? message.drivers : []), ...packed.vulnerable]),
    ],
  };
}

/** How charged a message is, 0..1: negativity, shouting, exclamation runs, profanity, distress words. */
export function emotionalIntensity(text: string, score: number, distress: boolean): number {
  const letters = text.replace(/[^A-Za-z]/g, '');
  const caps = letters.length >= 12 ? letters.replace(/[^A-Z]/g, '').length / letters.length : 0;
  // Shouted words ("NOW", "HELP") in otherwise normal text; "I" and short acronyms like "PIN" aside.
  const shouted = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w)).length;
  const exclamations = (text.match(/!/g) ?? []).length;
  const negatives = (text.match(NEGATIVE_WORDS) ?? []).length;
  const value =
    Math.max(0, -score) * 0.45 +
    (caps > 0.5 ? 0.25 : caps > 0.3 ? 0.12 : Math.min(shouted, 3) * 0.1) +
    // Exclamations from a happy customer are not distress: they count half when the tone is positive.
    (Math.min(exclamations, 3) * 0.08 + (/!{2,}/.test(text) ? 0.15 : 0)) * (score > 0.2 ? 0.5 : 1) +
    Math.min(negatives, 3) * 0.15 +
    (LOSS.test(text) ? 0.1 : 0) +
    (URGENT.test(text) ? 0.1 : 0) +
    (PROFANITY.test(text) ? 0.15 : 0) +
    (distress ? 0.2 : 0);
  return round(clamp(value, 0, 1));
}

const ACRONYMS = new Set([
  'PIN',
  'ATM',
  'NHS',
  'GP',
  'ISA',
  'APR',
  'EAR',
  'UK',
  'USA',
  'BIC',
  'IBAN',
  'SMS',
  'OK',
  'ID',
  'AI',
  'HMRC',
  'DVLA',
  'A&E',
  'MRI',
  'COVID',
]);
const LOSS =
  /\b(stole|stolen|emptied|robbed|cheated|lost everything|wiped out|third time|again and again)\b/i;
const URGENT = /\b(right now|immediately|asap|this instant|at once)\b|\bNOW\b/;

/** Least-squares slope over the last `window` scores; negative slope = mood worsening. */
export function computeTrend(scores: readonly number[], window: number): SentimentReading['trend'] {
  const w = Math.max(1, Math.floor(window));
  const recent = scores.slice(-w);
  const n = recent.length;
  const mean = recent.reduce((a, b) => a + b, 0) / Math.max(1, n);
  let slope = 0;
  if (n >= 2) {
    const xMean = (n - 1) / 2;
    let num = 0;
    let den = 0;
    recent.forEach((y, x) => {
      num += (x - xMean) * (y - mean);
      den += (x - xMean) ** 2;
    });
    slope = den === 0 ? 0 : num / den;
  }
  const direction = slope < -0.1 ? 'worsening' : slope > 0.1 ? 'improving' : 'stable';
  return { window: w, mean: round(mean), slope: round(slope), direction };
}

const POSITIVE_WORDS = /\b(thanks|thank you|great|perfect|helpful|appreciate|lovely|brilliant|happy)\b/gi;

function lexiconScore(text: string): number {
  const pos = (text.match(POSITIVE_WORDS) ?? []).length;
  const neg = (text.match(NEGATIVE_WORDS) ?? []).length + (PROFANITY.test(text) ? 1 : 0);
  if (pos + neg === 0) return 0;
  return round((pos - neg) / (pos + neg));
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 1000) / 1000;
