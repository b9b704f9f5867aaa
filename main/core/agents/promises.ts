/**
 * The promise-keeping rail's detector: does a reply promise the customer a person or a callback?
 * ("A colleague will be with you shortly", "someone will ring you back", "I've passed this to my
 * manager", "you'll hear from our team today".) Such a reply may only go out with an escalation behind
 * it; the pipeline (stages.ts, send) enforces that. Offers ("Would you like me to pass this to…",
 * "I can put you through…") and refusals ("no one will call you") are not promises.
 *
 * Works clause by clause: a clause is a sentence piece split at ";" and at ", but/and/so".
 */

export const PROMISE_KINDS = ['person_coming', 'callback', 'handed_over'] as const;
export type PromiseKind = (typeof PROMISE_KINDS)[number];

export interface PromiseMatch {
  kind: PromiseKind;
  /** The person promised, lower-cased ("colleague", "doctor", "we"): grounds a match in a cited passage. */
  agent: string;
}

// Who is promised. Longer alternatives first so "member of our team" wins over "member".
const ROLE =
  '(?:colleague|colleagues|member of (?:our|the|my) (?:[a-z]{1,20} )?(?:team|staff)|team member|staff member|member of staff|(?:human|real|live) (?:agent|person|adviser|advisor)|person|someone|somebody|(?:an? |the |our |my )?(?:specialist|adviser|advisor|manager|supervisor|nurse|doctor|gp|clinician|pharmacist|receptionist|representative|agent|expert|counsell?or|case ?worker|team leader)s?|(?:the|our|my) (?:[a-z]{1,20} )?team|(?:the )?duty doctor|on-?call [a-z]{1,20})';
const AGENT = `(?:(?:a|an|the|our|my|one of our|one of the|someone from (?:our|the))\\s+)?(?:[a-z]{1,20}\\s+)?${ROLE}`;
const WILL = "(?:will|'ll|’ll|is going to|are going to|is about to|shall|is|are|should)";
const SOON =
  '(?:\\s+(?:shortly|soon|in a (?:moment|minute|few minutes)|right away|now|today|straight away))?';

const COMING =
  '(?:be (?:right )?(?:with you|over|along|out|down|here)|come (?:over|out|down|to you|to the desk|and (?:see|collect|get|fetch|find|meet) you)|collect you|meet you|join (?:you|us|this|the (?:chat|conversation))|take (?:over|it from here)|pick (?:this|it|your [a-z]{1,20}) up|look after you|help you(?: further)?' +
  `${SOON}|be in (?:touch|contact)|get (?:back )?in (?:touch|contact)|get back to you|contact you|reach out|speak (?:to|with) you|talk (?:to|with) you|see you\\s+(?:shortly|soon|in a (?:moment|minute|few minutes)|right away|now|straight away)|attend to you|follow (?:this )?up|assist you)`;
const CALL = '(?:call|ring|phone|telephone|text|email|message) you(?: back)?';

/** [kind, pattern over one clause, capture group 1 = the agent]. */
const RULES: ReadonlyArray<[PromiseKind, RegExp]> = [
  [
    'callback',
    new RegExp(
      `\\b(${AGENT}|we|i|they|he|she)\\s*${WILL}\\s+(?:be (?:able )?(?:to )?)?(?:give you a (?:call|ring)|${CALL})`,
      'i',
    ),
  ],
  [
    'callback',
    new RegExp(
      `\\b(you)(?:'ll|’ll| will| should)\\s+(?:get|receive|have) (?:a )?(?:call|phone call|ring|call ?back)`,
      'i',
    ),
  ],
  ['callback', new RegExp(`\\b(you)(?:'ll|’ll| will| should)\\s+hear (?:back )?from (?:us|${AGENT})`, 'i')],
  [
    'callback',
    /\b(i)(?:'ve|’ve| have)? (?:arranged|booked|requested|scheduled) (?:a |for )?(?:call ?back|call|ring)/i,
  ],
  ['callback', /\b(expect) (?:a )?(?:call|phone call|ring|call ?back)\b/i],
  ['person_coming', new RegExp(`\\b(${AGENT}|we|they|he|she)\\s*${WILL}\\s+(?:be\\s+)?${COMING}`, 'i')],
  [
    'person_coming',
    new RegExp(
      `\\b(${AGENT}|help|they|he|she)(?:'s|’s|'re|’re|\\s+is|\\s+are)\\s+(?:on (?:the|their|his|her|its) way|coming (?:over|out|down|to you|to see you))`,
      'i',
    ),
  ],
  [
    'person_coming',
    new RegExp(
      `\\bi(?:'ll|’ll| will|'m going to|’m going to| am going to)\\s+(?:get|have|ask|make sure|arrange for|send)\\s+(${AGENT})\\s+(?:to\\s+)?(?:call|ring|phone|contact|come|see|join|help|get back|calls|rings|phones|contacts|comes)\\b`,
      'i',
    ),
  ],
  [
    'callback',
    new RegExp(
      `\\b(you)(?:'ll|’ll| will)\\s+be\\s+(?:contacted|called|rung|phoned|seen|collected)\\s+by\\s+${AGENT}`,
      'i',
    ),
  ],
  [
    'person_coming',
    new RegExp(
      `\\bi(?:'m|’m| am)\\s+(?:bringing in|getting|fetching|calling (?:over|in)|asking)\\s+(${AGENT})`,
      'i',
    ),
  ],
  ['person_coming', new RegExp(`\\blet me (?:get|fetch|bring in|call over)\\s+(${AGENT})`, 'i')],
  ['person_coming', new RegExp(`\\bi(?:'ve|’ve| have)(?: just| now)?\\s+asked\\s+(${AGENT})\\s+to`, 'i')],
  [
    'handed_over',
    new RegExp(
      `\\b(?:i|we)(?:'ve|’ve| have)?(?: just| now| already)?\\s+(?:passed|transferred|forwarded|handed|referred|escalated|sent|flagged|put)\\s+(?:this|that|it|you|your [a-z]{1,20}(?: [a-z]{1,20})?)\\s+(?:on |over |through |across )?(?:to|with)\\s+(${AGENT})`,
      'i',
    ),
  ],
  [
    'handed_over',
    new RegExp(
      `\\bi(?:'m|’m| am|'ll|’ll| will)\\s+(?:going to\\s+)?(?:passing|transferring|handing|putting|referring|pass|transfer|hand|put|refer)\\s+(?:this|you|your [a-z]{1,20})\\s+(?:on |over |through |across )?to\\s+(${AGENT})`,
      'i',
    ),
  ],
  [
    'handed_over',
    new RegExp(
      `\\b(?:has|have|was|were|is being)\\s+(?:been\\s+)?(?:passed|escalated|referred|forwarded|handed|transferred)\\s+(?:on |over |through )?to\\s+(${AGENT})`,
      'i',
    ),
  ],
  ['handed_over', /\bi(?:'ve|’ve| have)(?: just| now)? (escalated) (?:this|it|your)/i],
];

/** A question or a conditional offers a person; it does not promise one. */
const OFFER =
  /\?\s*$|\b(?:would you like|do you want|if you(?:'d| would)? (?:like|prefer|want)|shall i|should i|i can|we can|i could|we could|happy to|you can (?:ask|request)|you may|if needed|if necessary)\b/i;
/** A refusal or a negated promise is not one either. */
const NEGATED =
  /\b(?:no one|nobody|no-one|won'?t|will not|can'?t|cannot|haven'?t|have not|hasn'?t|isn'?t|aren'?t|not able|unable|not going to|never)\b/i;

function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .flatMap((s) => s.split(/;\s*|,\s*(?=(?:but|and|so|then)\b)/i))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Every promise of a person or a callback in `text`, one per clause and kind. */
export function detectPromises(text: string): PromiseMatch[] {
  const out: PromiseMatch[] = [];
  for (const clause of clauses(text)) {
    if (OFFER.test(clause) || NEGATED.test(clause)) continue;
    for (const [kind, re] of RULES) {
      const m = re.exec(clause);
      if (!m) continue;
      if (out.some((o) => o.kind === kind && o.agent === agentOf(m[1]))) continue;
      out.push({ kind, agent: agentOf(m[1]) });
    }
  }
  return out;
}

/**
 * Promises the cited passages do not make themselves. "A doctor will phone you first" quoted from the
 * practice's own home-visit page describes its procedure; the same words made up by the model promise
 * something nobody arranged.
 */
export function ungroundedPromises(text: string, citedText: string): PromiseMatch[] {
  const found = detectPromises(text);
  if (found.length === 0 || citedText.trim() === '') return found;
  const grounded = detectPromises(citedText);
  return found.filter((p) => !grounded.some((g) => g.kind === p.kind && g.agent === p.agent));
}

/** `text` without the clauses that promise a person or a callback (the sentence's other clauses stay). */
export function withoutPromises(text: string): string {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => {
      const kept = sentence
        .split(/(;\s*|,\s*(?=(?:but|and|so|then)\b))/i)
        .reduce<string[]>((acc, piece, i, all) => {
          if (i % 2 === 1) return acc; // a separator: kept with the clause that follows it
          if (detectPromises(piece).length > 0) return acc;
          acc.push(acc.length > 0 ? `${all[i - 1] ?? ' '}${piece}` : piece);
          return acc;
        }, [])
        .join('')
        .trim();
      if (kept === '' || kept === sentence.trim()) return kept;
      // A clause went: end the sentence where the kept part ends.
      return /[.!?]$/.test(kept) ? kept : `${kept.replace(/[,;:\s]+$/, '')}.`;
    })
    .filter((s) => s.length > 0)
    .join(' ')
    .replace(/^(?:and|but|so|then)\s+/i, '')
    .trim();
}

function agentOf(raw: string | undefined): string {
  const words = (raw ?? '').toLowerCase().trim().split(/\s+/);
  // The head noun: the last word names the role ("a member of our team" -> team, "my manager" -> manager).
  return words[words.length - 1] ?? '';
}
