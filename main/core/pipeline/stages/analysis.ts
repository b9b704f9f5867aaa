/** Analysis stages: they read the customer's message and the draft and record what they find; none replies. */
import { emergencyNow, type GuardVerdict, type SentimentReading, withSelfHarm } from '../../agents';
import { type PolicyPack } from '../../policy';
import { heldGuards } from '../guards';
import type { TurnState } from '../types';
import { type TurnContext, audit, degrade, withinBudget, citedPassages, round } from './context';

const CONFIDENCE_VALUE = { low: 0.3, medium: 0.6, high: 0.9 } as const;

export function riskScore(state: TurnState, pack: PolicyPack): number {
  const s = state.sentiment;
  const input = state.input;
  let risk = 0;
  if (s) {
    risk += s.intensity * 0.5;
    if (s.cues.fraud) risk += 0.35;
    if (s.cues.distress) risk += 0.2;
    if (s.cues.selfHarm) risk += 1;
    if (s.cues.vulnerable.length > 0) risk += 0.15;
    if (s.trend.direction === 'worsening') risk += 0.15;
    // Never downgraded: after a self-harm disclosure every later turn stays at the risk threshold, so a
    // retraction ("forget it, I'm fine") still goes to the person who is already on the conversation.
    if (s.safety?.selfHarmEarlier) risk = Math.max(risk, pack.thresholds.risk);
  }
  if (input && (input.promptInjection || input.otherCustomerData || input.systemPromptExtraction))
    risk += 0.3;
  // A pack's own risk cue (chest pain, threats, coercion) is enough on its own to reach the threshold,
  // when it is told as happening now (not a family history, a death years ago, or a denied symptom).
  if (pack.cues.risk.length > 0 && emergencyNow(state.text, pack.cues.risk))
    risk += Math.max(0.6, pack.thresholds.risk);
  return Math.round(Math.min(1, risk) * 1000) / 1000;
}

export function lowConfidence(state: TurnState, pack: PolicyPack): boolean {
  if (state.facts?.verdict === 'unsure') return true;
  return state.draft !== null && CONFIDENCE_VALUE[state.draft.confidence] < pack.thresholds.minConfidence;
}

export async function receive(ctx: TurnContext, state: TurnState): Promise<void> {
  const spans = ctx.deps.privacy.detectPii(state.text);
  const { text: pseudo } = ctx.pseudonymizer.pseudonymize(state.text);
  state.pseudoText = pseudo;
  const types: Record<string, number> = {};
  for (const s of spans) types[s.type] = (types[s.type] ?? 0) + 1;
  state.piiTypes = types;
  const values = spans.map((s) => state.text.slice(s.start, s.end)).filter((v) => v.trim().length > 0);
  state.piiValues = [...new Set([...state.piiValues, ...values])];
  audit(ctx, state, 'turn.received', {
    turnIndex: state.turnIndex,
    domain: state.domain,
    chars: state.text.length,
    policyVersion: ctx.pack.version,
  });
  audit(ctx, state, 'pii.detected', { types, count: spans.length });
}

/**
 * A guard model reads slower than the lexicon: it gets its own budget, runs alongside the scorer, and a
 * late or failed answer is simply no second opinion.
 */
export const GUARD_BUDGET_MS = 4000;

async function guardVerdict(
  ctx: TurnContext,
  state: TurnState,
): Promise<GuardVerdict | 'timeout' | 'error' | null> {
  if (!ctx.guard) return null;
  const controller = new AbortController();
  try {
    const raced = await withinBudget(
      ctx.guard.review(state.pseudoText ?? '', controller.signal),
      GUARD_BUDGET_MS,
    );
    if (!raced.ok) controller.abort();
    return raced.ok ? raced.value : 'timeout';
  } catch {
    return 'error';
  }
}

/** The guard's S11 raises self-harm on a reading that lacked it; nothing the guard says lowers a cue. */
function raisedByGuard(
  reading: SentimentReading,
  verdict: GuardVerdict | 'timeout' | 'error' | null,
): SentimentReading {
  if (verdict === null || typeof verdict === 'string' || verdict.status !== 'unsafe' || !verdict.selfHarm)
    return reading;
  if (reading.cues.selfHarm) return reading;
  return {
    ...reading,
    cues: { ...reading.cues, selfHarm: true, highEmotion: true },
    ...(reading.safety
      ? {
          safety: {
            ...reading.safety,
            families: [...new Set([...reading.safety.families, 'guard:self_harm'])].sort(),
            memory: withSelfHarm(reading.safety.memory),
          },
        }
      : {}),
  };
}

export async function sentiment(ctx: TurnContext, state: TurnState, budgetMs: number): Promise<void> {
  let reading;
  const second = guardVerdict(ctx, state);
  try {
    const raced = await withinBudget(
      ctx.monitor.read(state.text, state.turnIndex, ctx.previousScores, state.safetyMemory),
      budgetMs,
    );
    if (raced.ok) reading = raced.value;
    else degrade(ctx, state, 'sentiment_fallback', { cause: 'budget', budgetMs });
  } catch {
    degrade(ctx, state, 'sentiment_fallback', { cause: 'error' });
  }
  const verdict = await second;
  state.sentiment = raisedByGuard(
    reading ?? ctx.monitor.fallback(state.text, state.turnIndex, ctx.previousScores, state.safetyMemory),
    verdict,
  );
  state.risk = riskScore(state, ctx.pack);
  const s = state.sentiment;
  audit(ctx, state, 'sentiment.scored', {
    score: s.score,
    label: s.label,
    source: s.source,
    intensity: s.intensity,
    trend: s.trend.direction,
    trendSlope: s.trend.slope,
    cues: {
      highEmotion: s.cues.highEmotion,
      distress: s.cues.distress,
      selfHarm: s.cues.selfHarm,
      requestsHuman: s.cues.requestsHuman,
      fraud: s.cues.fraud,
      vulnerable: s.cues.vulnerable,
    },
    families: s.safety?.families ?? [],
    guard:
      verdict === null
        ? null
        : typeof verdict === 'string'
          ? verdict
          : {
              modelId: ctx.guard?.modelId ?? '',
              status: verdict.status,
              categories: verdict.status === 'unsafe' ? verdict.categories : [],
            },
    risk: state.risk,
  });
}

export async function retrieve(ctx: TurnContext, state: TurnState, budgetMs: number): Promise<void> {
  const kb = ctx.deps.kb;
  if (!kb) {
    degrade(ctx, state, 'retrieval_unavailable', { cause: 'no_kb' });
    audit(ctx, state, 'retrieval.done', { hits: [], kbSnapshot: null });
    return;
  }
  state.kbSnapshot = kb.snapshotHash(state.domain);
  const query = state.pseudoText ?? '';
  const raced = await withinBudget(
    Promise.resolve(kb.search(query, { domain: state.domain, k: 5 })),
    budgetMs,
  );
  if (!raced.ok) degrade(ctx, state, 'retrieval_budget', { budgetMs });
  const hits = raced.ok ? raced.value : [];
  state.passages = hits.map((h) => ({
    chunkId: String(h.chunkId),
    docId: h.docId,
    title: h.title,
    text: h.text,
  }));
  audit(ctx, state, 'retrieval.done', {
    hits: hits.map((h) => ({
      chunkId: String(h.chunkId),
      docId: h.docId,
      score: round(h.score),
      source: h.source,
    })),
    kbSnapshot: state.kbSnapshot,
  });
}

export async function verify(ctx: TurnContext, state: TurnState): Promise<void> {
  if (!state.draft) {
    state.facts = null;
    return;
  }
  state.facts = await ctx.verifier.verify(
    state.draft.reply,
    citedPassages(state),
    state.kbSnapshot ?? 'none',
  );
  if (state.facts.verdict === 'unsure' && !state.degraded.includes('verifier_unsure'))
    state.degraded.push('verifier_unsure');
  audit(ctx, state, 'facts.verified', {
    verdict: state.facts.verdict,
    claims: state.facts.claims.length,
    unsupported: state.facts.unsupported,
    supportedBy: state.facts.claims.filter((c) => c.chunkId).map((c) => c.chunkId ?? ''),
    kbSnapshot: state.facts.kbSnapshot,
    modelSha256: state.draft.modelSha256,
  });
}

export function outputRails(ctx: TurnContext, state: TurnState): void {
  if (!state.draft) {
    state.output = null;
    return;
  }
  state.output = ctx.supervisor.outputRails({
    draft: state.draft.reply,
    customerPii: state.piiValues,
    cited: citedPassages(state),
    customerText: state.text,
    firstReply: state.firstReply,
  });
  audit(ctx, state, 'policy.checked', {
    phase: 'output',
    forbiddenAdvice: state.output.forbiddenAdvice.map((f) => f.topicId),
    piiEcho: state.output.piiEcho,
    missingDisclosures: state.output.missingDisclosures,
    toneViolations: state.output.toneViolations,
    promises: state.output.promises,
    modelSha256: state.draft.modelSha256,
  });
}

export function inputRails(ctx: TurnContext, state: TurnState): void {
  state.input = ctx.supervisor.inputRails(state.text);
  state.risk = riskScore(state, ctx.pack);
  audit(ctx, state, 'policy.checked', { phase: 'input', matched: state.input.matched, risk: state.risk });
}

/** The supervisor's verdict on the guards that hold, before the graph picks a terminal node. */
export function decide(ctx: TurnContext, state: TurnState): void {
  state.verdict = ctx.supervisor.verdict(heldGuards(state, ctx.pack), state.input, state.output);
  audit(ctx, state, 'policy.checked', {
    phase: 'final',
    decision: state.verdict.decision,
    guards: state.verdict.guards,
    reasons: state.verdict.reasons,
    modelSha256: state.draft?.modelSha256 ?? null,
    kbSnapshot: state.kbSnapshot,
  });
}
