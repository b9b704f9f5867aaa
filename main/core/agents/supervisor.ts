import {
  InputRailsSchema,
  OutputRailsSchema,
  parseMessage,
  PolicyVerdictSchema,
  type InputRails,
  type OutputRails,
  type Passage,
  type PolicyVerdict,
} from './messages';
import type { EscalationReason, Guard, PackView, PrivacyPort } from './ports';
import { ungroundedPromises } from './promises';

/**
 * Rails run in-process as compiled regular expressions: no extra model call, microseconds per turn.
 * Heuristics follow the NeMo Guardrails / Llama Guard categories (jailbreak, prompt extraction,
 * privacy, specialised advice); the pack adds its own patterns on top.
 */
const INJECTION: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|your|the|any)\b.{0,20}\b(instructions?|rules|prompts?|guidelines|polic(y|ies)|restrictions)\b/i,
  /\byou are (now|no longer)\b|\bpretend (to be|you are|that you)\b|\bact as (an? )?(unrestricted|different|evil|admin|developer|system)/i,
  /\b(developer|debug|god|admin|jailbreak|dan) mode\b|\bdo anything now\b|\bjailbreak\w*/i,
  /<\/?\s*(system|assistant|instructions?)\s*>|\[\/?(system|inst)\]|###\s*(system|instruction)/i,
  /\bnew (system )?instructions?\s*:/i,
];
const EXTRACTION: readonly RegExp[] = [
  /\b(show|reveal|print|repeat|tell|give|output|display|share|leak|what (is|are|were))\b.{0,25}\b(system|initial|hidden|original|internal|secret)\s+(prompt|instructions?|message|rules|configuration)/i,
  /\b(your|the) (prompt|instructions) (verbatim|word for word)\b/i,
  /\bwhat (were|are) you told\b/i,
];
const OTHER_CUSTOMER: readonly RegExp[] = [
  /\b(another|other|different) (customer|person|client|patient|account ?holder|member)'?s?\b.{0,40}\b(account|balance|details|records?|address|appointments?|statements?|transactions?|number|results?|data)/i,
  /\bsomeone else'?s\b.{0,30}\b(account|balance|details|records?|address|appointments?|results?|data)/i,
  /\bmy (neighbou?r|ex|husband|wife|partner|friend|brother|sister|mother|father|mum|dad|son|daughter|colleague|boss)'?s\b.{0,30}\b(account|balance|details|records?|address|appointments?|results?|statements?|transactions?|prescriptions?|test)/i,
  /\b(balance|details|records?|address|appointments?|results?|statements?|phone number|date of birth)\b.{0,10}\b(of|for|belonging to)\b.{0,6}\b(mr|mrs|ms|miss|dr)\.?\s+[A-Z][a-z]+/i,
  /\b(all|list|every)\b.{0,15}\b(customers?|patients?|clients?)\b.{0,20}\b(names?|accounts?|details|records|data|addresses)/i,
];
const OFF_TOPIC_DEFAULT: readonly RegExp[] = [
  /\b(write|compose) (me )?(a |an )?(poem|story|essay|song|limerick|code|script|program)\b/i,
  /\b(recipe|weather forecast|football|lottery numbers|horoscope|capital of|homework|crossword)\b/i,
  /\btell me a joke\b/i,
];
const TONE: readonly RegExp[] = [
  /\b(calm down|your (own )?fault|you should have known|obviously|stupid|idiot|whatever|not my problem|deal with it|as i already (said|told you)|stop complaining|you people)\b/i,
];
const REFUSAL =
  /\b(can(no|')t|cannot|unable to|not able to|not allowed|won'?t|do not|don'?t|never|not permitted|isn'?t something)\b/i;

export interface OutputRailsInput {
  draft: string;
  customerPii: readonly string[];
  /** Passages the draft cited: PII inside them (e.g. a published helpline) is public, not an echo. */
  cited: readonly Passage[];
  customerText: string;
  firstReply: boolean;
}

export interface PolicySupervisor {
  inputRails(text: string): InputRails;
  outputRails(input: OutputRailsInput): OutputRails;
  verdict(guards: readonly Guard[], input: InputRails | null, output: OutputRails | null): PolicyVerdict;
  /** Required disclosures that apply to this reply and are missing from `text`. */
  missingDisclosures(text: string, customerText: string, firstReply: boolean): string[];
  /** Tone problems of a text (codes only). */
  tone(text: string): string[];
  /** Escalation reasons the pack attaches to the guards that hold. */
  reasonsFor(guards: readonly Guard[]): EscalationReason[];
}

export function createPolicySupervisor(pack: PackView, privacy: PrivacyPort): PolicySupervisor {
  const compile = (sources: readonly string[] | undefined): RegExp[] =>
    (sources ?? []).flatMap((s) => {
      try {
        return [new RegExp(s, 'i')];
      } catch {
        return [];
      }
    });
  const injection = [...INJECTION, ...compile(pack.injectionPatterns)];
  const offTopic = [...OFF_TOPIC_DEFAULT, ...compile(pack.offTopic)];
  const otherCustomer = [...OTHER_CUSTOMER, ...compile(pack.cues.otherCustomerData)];
  const tone = toneChecker(compile(pack.toneViolations));
  const topics = pack.forbiddenTopics.map((t) => ({
    ...t,
    res: compile(t.patterns),
    mentionRes: compile([...t.patterns, ...t.mentions]),
  }));

  /** A topic "comes up" when its advice patterns or its mention patterns match. */
  const topicMatches = (text: string, id: string) => {
    const t = topics.find((x) => x.id === id);
    if (t) return t.mentionRes.some((re) => re.test(text));
    return new RegExp(`\\b${escapeRe(id)}`, 'i').test(text);
  };

  const missingDisclosures = (text: string, customerText: string, firstReply: boolean): string[] => {
    const lowered = normalise(text);
    return pack.requiredDisclosures
      .filter((d) => {
        const applies =
          d.when === 'every_reply'
            ? true
            : d.when === 'first_reply'
              ? firstReply
              : topicMatches(customerText, d.when.topic) || topicMatches(text, d.when.topic);
        if (!applies) return false;
        const present = d.detect
          ? compile([d.detect]).some((re) => re.test(text))
          : lowered.includes(normalise(d.text).slice(0, 60));
        return !present;
      })
      .map((d) => d.id);
  };

  const reasonsFor = (guards: readonly Guard[]): EscalationReason[] => {
    const held = new Set(guards);
    const reasons: EscalationReason[] = [];
    for (const rule of pack.escalation) {
      if (held.has(rule.guard) && !reasons.includes(rule.reason)) reasons.push(rule.reason);
    }
    return reasons;
  };

  return {
    inputRails(text) {
      const matched: string[] = [];
      const check = (name: string, res: readonly RegExp[]) => {
        const hit = res.some((re) => re.test(text));
        if (hit) matched.push(name);
        return hit;
      };
      return parseMessage(
        InputRailsSchema,
        {
          promptInjection: check('prompt_injection', injection),
          systemPromptExtraction: check('system_prompt_extraction', EXTRACTION),
          otherCustomerData: check('other_customer_data', otherCustomer),
          offTopic: check('off_topic', offTopic),
          matched,
        },
        'InputRails',
      );
    },
    outputRails({ draft, customerPii, cited, customerText, firstReply }) {
      const forbiddenAdvice: OutputRails['forbiddenAdvice'] = [];
      const sentences = draft.split(/(?<=[.!?])\s+|\n+/);
      for (const t of topics) {
        // A sentence that names the topic to decline it ("I can't give investment advice") is not advice.
        const advises = sentences.some((s) => t.res.some((re) => re.test(s)) && !REFUSAL.test(s));
        if (advises) forbiddenAdvice.push({ topicId: t.id, category: t.category });
      }
      const publicText = normaliseDigits(cited.map((p) => p.text).join(' '));
      const customer = new Set(customerPii.map(normaliseDigits));
      const piiEcho: string[] = [];
      for (const span of privacy.detectPii(draft)) {
        const value = normaliseDigits(draft.slice(span.start, span.end));
        if (value.length === 0) continue;
        if (customer.has(value)) piiEcho.push(span.type);
        else if (!publicText.includes(value)) piiEcho.push(`foreign:${span.type}`);
      }
      // Exact customer values the detector missed (e.g. a bare surname) still count as an echo.
      const flat = normaliseDigits(draft);
      for (const v of customer)
        if (v.length >= 4 && flat.includes(v) && piiEcho.length === 0) piiEcho.push('VALUE');
      const toneViolations = tone(draft);
      const promises = [
        ...new Set(ungroundedPromises(draft, cited.map((p) => p.text).join('\n')).map((p) => p.kind)),
      ];
      return parseMessage(
        OutputRailsSchema,
        {
          forbiddenAdvice,
          piiEcho: [...new Set(piiEcho)],
          missingDisclosures: missingDisclosures(draft, customerText, firstReply),
          toneViolations,
          promises,
        },
        'OutputRails',
      );
    },
    verdict(guards, input, output) {
      const reasons = reasonsFor(guards);
      const held = new Set(guards);
      const needsRewrite =
        held.has('forbidden_advice') ||
        held.has('pii_echo') ||
        held.has('tone_violation') ||
        held.has('unsupported_claims') ||
        held.has('missing_disclosure');
      return parseMessage(
        PolicyVerdictSchema,
        {
          decision: reasons.length > 0 ? 'escalate' : needsRewrite ? 'rewrite' : 'deliver',
          guards: [...held],
          reasons,
          input,
          output,
          policyId: pack.id,
          policyVersion: pack.version,
        },
        'PolicyVerdict',
      );
    },
    missingDisclosures,
    reasonsFor,
    tone,
  };
}

function toneChecker(packTone: readonly RegExp[]) {
  return (text: string): string[] => toneOf(text, packTone);
}

function toneOf(text: string, packTone: readonly RegExp[]): string[] {
  const out: string[] = [];
  if (TONE.some((re) => re.test(text)) || packTone.some((re) => re.test(text))) out.push('tone:dismissive');
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 20 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6)
    out.push('tone:shouting');
  if (/!{3,}/.test(text)) out.push('tone:exclamations');
  return out;
}

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
/** Card numbers and phones are compared without spaces or dashes, so "4111-1111" matches "4111 1111". */
export const normaliseDigits = (s: string) => s.toLowerCase().replace(/[\s\-().]/g, '');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
