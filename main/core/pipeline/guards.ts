import { assertNever } from '../../../shared/errors';
import { GUARDS, type Guard } from '../agents';
import type { PolicyPack } from '../policy';
import { detectCues } from '../agents';
import type { TurnState } from './types';

const CONFIDENCE_VALUE = { low: 0.3, medium: 0.6, high: 0.9 } as const;

/**
 * The pack's named guards as predicates over turn state. A guard whose evidence has not been produced
 * yet (its stage has not run) is false, except the cue guards, which fall back to the instant lexical
 * cues so a pack may route on self-harm before sentiment scoring.
 */
export function holds(guard: Guard, state: TurnState, pack: PolicyPack): boolean {
  const cues = () =>
    state.sentiment?.cues ?? {
      ...detectCues(state.text),
      highEmotion: false,
    };
  switch (guard) {
    case 'always':
      return true;
    case 'self_harm':
      return cues().selfHarm;
    case 'high_emotion':
      return (
        state.sentiment !== null &&
        (state.sentiment.intensity >= pack.thresholds.highEmotion ||
          state.sentiment.safety?.distress === true)
      );
    case 'risk_high':
      return state.risk !== null && state.risk >= pack.thresholds.risk;
    case 'prompt_injection':
      return (
        state.input !== null &&
        (state.input.promptInjection || state.input.systemPromptExtraction || state.input.otherCustomerData)
      );
    case 'off_topic':
      return state.input?.offTopic ?? false;
    case 'customer_requests_human':
      return cues().requestsHuman;
    case 'vulnerable_customer':
      return cues().vulnerable.length > 0;
    case 'fraud':
      return cues().fraud;
    case 'model_unavailable':
      return state.draftError !== null;
    case 'low_confidence':
      return (
        state.facts?.verdict === 'unsure' ||
        (state.draft !== null && CONFIDENCE_VALUE[state.draft.confidence] < pack.thresholds.minConfidence)
      );
    case 'unsupported_claims':
      return state.facts?.verdict === 'unsupported';
    case 'forbidden_advice':
      return (state.output?.forbiddenAdvice.length ?? 0) > 0;
    case 'pii_echo':
      return (state.output?.piiEcho.length ?? 0) > 0;
    case 'missing_disclosure':
      return (state.output?.missingDisclosures.length ?? 0) > 0;
    case 'tone_violation':
      return (state.output?.toneViolations.length ?? 0) > 0;
    case 'budget_exceeded':
      return state.overBudget.length > 0;
    default:
      return assertNever(guard, 'guard');
  }
}

export function heldGuards(state: TurnState, pack: PolicyPack): Guard[] {
  return GUARDS.filter((g) => g !== 'always' && holds(g, state, pack));
}
