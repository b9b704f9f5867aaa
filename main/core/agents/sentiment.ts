import { parseMessage, SentimentReadingSchema, type SentimentReading } from './messages';
import type { SentimentScorerLike } from './ports';

/**
 * Cue lexicons. They run on every turn in microseconds, independent of any model, so self-harm and
 * distress are caught even when the sentiment model is missing or over budget.
 */
const SELF_HARM =
  /\b(kill(ing)? my ?self|end(ing)? (it all|my life)|suicid\w*|self[- ]?harm\w*|hurt(ing)? my ?self|(don'?t|do not) want to (live|be alive|be here)|no reason to live|take my (own )?life|better off dead|overdos\w*)\b/i;
const DISTRESS =
  /\b(desperate|panick?\w*|terrified|scared|crying|in tears|can'?t cope|cannot cope|wit'?s end|falling apart|helpless|hopeless|devastated|breaking down)\b/i;
const REQUESTS_HUMAN =
  /\b((speak|talk|chat)\s+(to|with)\s+(a |an |the |your |some )?(real |actual )?(human|person|manager|supervisor|someone|somebody|member of staff|staff)|(want|need|get) (me )?(a |an )?(real |actual )?(human|person|manager|supervisor)|real person|human (being|agent|now|please)|not (a|another) (bot|robot|machine)|escalate (this|my))\b/i;
const FRAUD =
  /\b(fraud\w*|scam\w*|stolen|stole|unauthori[sz]ed|hacked|phish\w*|cloned|(didn'?t|did not|never) (make|authori[sz]e) (this|these|that|the|those)|emptied my account|someone (took|used|accessed|withdrew))\b/i;
const VULNERABLE: ReadonlyArray<[SentimentReading['cues']['vulnerable'][number], RegExp]> = [
  [
    'health',
    /\b(cancer|dementia|disab\w*|mental health|depress\w*|anxiety|chemo\w*|terminal(ly)? ill|carer|stroke|in hospital)\b/i,
  ],
  [
    'life_event',
    /\b(bereave\w*|passed away|died|funeral|widow\w*|divorc\w*|lost my job|redundan\w*|laid off|job loss)\b/i,
  ],
  [
    'resilience',
    /\b(can'?t afford|cannot afford|in debt|debts|arrears|bailiff\w*|food ?bank|struggling to pay|payday loan|behind on (my )?(rent|payments|bills))\b/i,
  ],
  [
    'capability',
    /\b((don'?t|do not) understand|confus\w*|can'?t read|english is not my|not good with (computers|technology|phones|online)|hard of hearing|partially sighted)\b/i,
  ],
];
const PROFANITY =
  /\b(damn|hell|bloody|crap|shit\w*|fuck\w*|bastard\w*|useless|ridiculous|disgrace\w*|outrage\w*)\b/i;
const NEGATIVE_WORDS =
  /\b(angry|furious|livid|upset|awful|terrible|horrible|worst|hate|disgusting|unacceptable|appalling|fed up|sick of|frustrated|frustrating|annoyed|outraged|disgusted|shocking)\b/gi;

export interface SentimentMonitorOptions {
  highEmotion: number;
  trendWindow: number;
  /** The pack's own cue patterns (regex sources), added to the built-in lexicons. */
  cues?: Partial<Record<'selfHarm' | 'humanRequest' | 'vulnerability' | 'fraud', readonly string[]>>;
}

export interface SentimentMonitor {
  /** Full reading: model (or lexicon) score plus cues and trend over previous scores. */
  read(text: string, turnIndex: number, previous: readonly number[]): Promise<SentimentReading>;
  /** Model-free reading used when the scorer fails or its budget is blown. */
  fallback(text: string, turnIndex: number, previous: readonly number[]): SentimentReading;
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
  ): SentimentReading => {
    const cues = detectCues(text, extra);
    const intensity = emotionalIntensity(text, scored.score, cues.distress);
    const trend = computeTrend([...previous, scored.score], options.trendWindow);
    return parseMessage(
      SentimentReadingSchema,
      {
        turnIndex,
        score: clamp(scored.score, -1, 1),
        label: scored.label,
        source: scored.source,
        intensity,
        trend,
        cues: { ...cues, highEmotion: intensity >= options.highEmotion || cues.selfHarm },
      },
      'SentimentReading',
    );
  };
  return {
    async read(text, turnIndex, previous) {
      const s = await scorer.score(text);
      return build(text, turnIndex, previous, { score: s.score, label: s.label, source: s.source });
    },
    fallback(text, turnIndex, previous) {
      const score = lexiconScore(text);
      const label = score < -0.2 ? 'negative' : score > 0.2 ? 'positive' : 'neutral';
      return build(text, turnIndex, previous, { score, label, source: 'fallback' });
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

export function detectCues(
  text: string,
  extra: ExtraCues = NO_EXTRA,
): Omit<SentimentReading['cues'], 'highEmotion'> {
  const any = (res: RegExp[]) => res.some((re) => re.test(text));
  const vulnerable = VULNERABLE.filter(([, re]) => re.test(text)).map(([driver]) => driver);
  // Pack vulnerability patterns carry no driver; 'health' is the conservative default bucket.
  if (vulnerable.length === 0 && any(extra.vulnerability)) vulnerable.push('health');
  return {
    selfHarm: SELF_HARM.test(text) || any(extra.selfHarm),
    distress: DISTRESS.test(text),
    requestsHuman: REQUESTS_HUMAN.test(text) || any(extra.humanRequest),
    fraud: FRAUD.test(text) || any(extra.fraud),
    vulnerable,
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
