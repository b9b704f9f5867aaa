import { createHash } from 'node:crypto';
import { assertNever, UserError } from '../../../shared/errors';
import { DEFAULT_FLAGS } from '../../../shared/flags';
import {
  composeExtractive,
  type DialogueManager,
  type DraftRequest,
  type EscalationHandler,
  type EscalationReason,
  type FactCheckReport,
  type FactsVerifier,
  type Guard,
  type HandoffPacket,
  type OutputRails,
  type LlmAdapterLike,
  type Passage,
  type PolicySupervisor,
  type PseudonymizerLike,
  type SentimentMonitor,
  type TemplateId,
  type GuardReviewer,
  type GuardVerdict,
  type SentimentReading,
  withSelfHarm,
} from '../agents';
import type { AuditActor, AuditAppend, AuditEntryType, JsonValue } from '../audit';
import { escalationFor, matchesAny, type PolicyNode, type PolicyPack } from '../policy';
import type { ConversationRepo } from './conversations';
import { suggestionRepo, type EscalationService, type SuggestionRepo } from './escalations';
import { withoutCrisisWording } from './crisis';
import { heldGuards, holds } from './guards';
import { keepPromises } from './promise-rail';
import type { Degradation, PipelineDeps, TurnState } from './types';

export interface TurnContext {
  deps: PipelineDeps;
  pack: PolicyPack;
  packHash: string;
  llm: LlmAdapterLike | null;
  dialogue: DialogueManager | null;
  supervisor: PolicySupervisor;
  monitor: SentimentMonitor;
  /** The guard model's reviewer when one is installed (docs/SAFETY.md, "Guard model"). */
  guard?: GuardReviewer | null;
  verifier: FactsVerifier;
  handoff: EscalationHandler;
  pseudonymizer: PseudonymizerLike;
  repo: ConversationRepo;
  escalations: EscalationService;
  /** Earlier turns, pseudonymized, for the draft's context window. */
  history: DraftRequest['history'];
  /** Earlier turns' raw customer text and delivered replies, for the handoff transcript (redacted there). */
  transcript: Array<{ role: 'customer' | 'agent'; text: string }>;
  previousScores: number[];
  now: () => Date;
  /** Audit entries of the running node, appended with its checkpoint. */
  pendingAudit: AuditAppend[];
  /**
   * A shadow run (shadow.ts): the stages write nothing. Its escalation service and conversation repo
   * are inert stand-ins, and it records no suggestion; its audit entries are discarded.
   */
  shadow?: boolean;
  /** The turn's live draft listener (TurnInput.onDraft). */
  onDraft?: (replySoFar: string) => void;
}

export const AGENT: AuditActor = { kind: 'agent', id: 'pipeline', role: 'agent' };

/**
 * Queues an audit entry that links the turn, the policy version and its hash; payloads carry no PII.
 * The executor appends a node's entries in the same transaction as the node's checkpoint, so a crash
 * either keeps both or neither: a resumed turn never repeats an entry.
 */
export function audit(
  ctx: TurnContext,
  state: TurnState,
  type: AuditEntryType,
  payload: Record<string, JsonValue>,
): void {
  ctx.pendingAudit.push({
    type,
    actor: AGENT,
    subject: state.subjectId,
    payload: {
      conversationId: state.conversationId,
      turnId: state.turnId,
      policy: `${ctx.pack.id}@${ctx.pack.version}`,
      policyHash: ctx.packHash,
      ...(state.staffId ? { staffId: state.staffId } : {}),
      ...payload,
    },
  });
}

function degrade(ctx: TurnContext, state: TurnState, what: Degradation, detail: Record<string, JsonValue>) {
  if (!state.degraded.includes(what)) state.degraded.push(what);
  // A budget blown with its fallback taken is what the pack's budget_exceeded guard answers.
  if (detail.cause === 'budget' && !state.overBudget.includes(what)) state.overBudget.push(what);
  audit(ctx, state, 'degradation', { component: what, ...detail });
}

/** Races an async stage against its budget; the caller supplies the fallback value. */
async function withinBudget<T>(
  work: Promise<T>,
  budgetMs: number,
): Promise<{ ok: true; value: T } | { ok: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: false }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value) => ({ ok: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

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
  // A pack's own risk cue (chest pain, threats, coercion) is enough on its own to reach the threshold.
  if (pack.cues.risk.length > 0 && matchesAny(state.text, pack.cues.risk))
    risk += Math.max(0.6, pack.thresholds.risk);
  return Math.round(Math.min(1, risk) * 1000) / 1000;
}

export function lowConfidence(state: TurnState, pack: PolicyPack): boolean {
  if (state.facts?.verdict === 'unsure') return true;
  return state.draft !== null && CONFIDENCE_VALUE[state.draft.confidence] < pack.thresholds.minConfidence;
}

/** Runs one node's stage. Terminal stages set the reply and the outcome. */
export async function runStage(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const stage = node.stage;
  switch (stage) {
    case 'receive':
      return receive(ctx, state);
    case 'input_rails': {
      state.input = ctx.supervisor.inputRails(state.text);
      state.risk = riskScore(state, ctx.pack);
      audit(ctx, state, 'policy.checked', { phase: 'input', matched: state.input.matched, risk: state.risk });
      return;
    }
    case 'sentiment':
      return sentiment(ctx, state, node.budgetMs);
    case 'retrieve':
      return retrieve(ctx, state, node.budgetMs);
    case 'draft':
      return draft(ctx, state, node.budgetMs, null);
    case 'verify_facts':
      return verify(ctx, state);
    case 'output_rails':
      return outputRails(ctx, state);
    case 'decide': {
      state.verdict = ctx.supervisor.verdict(heldGuards(state, ctx.pack), state.input, state.output);
      audit(ctx, state, 'policy.checked', {
        phase: 'final',
        decision: state.verdict.decision,
        guards: state.verdict.guards,
        reasons: state.verdict.reasons,
        modelSha256: state.draft?.modelSha256 ?? null,
        kbSnapshot: state.kbSnapshot,
      });
      return;
    }
    case 'deliver':
      return deliver(ctx, state);
    case 'rewrite':
      return rewrite(ctx, state, node);
    case 'escalate':
      return escalate(ctx, state, node);
    case 'block':
      return block(ctx, state, node);
    default:
      return assertNever(stage, 'stage');
  }
}

async function receive(ctx: TurnContext, state: TurnState): Promise<void> {
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

async function sentiment(ctx: TurnContext, state: TurnState, budgetMs: number): Promise<void> {
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

async function retrieve(ctx: TurnContext, state: TurnState, budgetMs: number): Promise<void> {
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

async function draft(
  ctx: TurnContext,
  state: TurnState,
  budgetMs: number,
  revision: DraftRequest['revision'],
): Promise<void> {
  if (!ctx.dialogue || !ctx.llm) {
    state.draftError = 'model_unavailable';
    state.draft = null;
    degrade(ctx, state, 'model_unavailable', { cause: 'no_model' });
    return;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), budgetMs);
  try {
    state.draft = await ctx.dialogue.draft(
      {
        turnId: state.turnId,
        domain: state.domain,
        customerText: state.pseudoText ?? '',
        history: ctx.history,
        passages: state.passages,
        revision,
        timeoutMs: budgetMs,
      },
      controller.signal,
      ctx.onDraft,
    );
    state.draftError = null;
    audit(ctx, state, 'model.called', {
      modelId: state.draft.modelId,
      modelSha256: state.draft.modelSha256,
      source: state.draft.source,
      promptTokens: state.draft.promptTokens,
      completionTokens: state.draft.completionTokens,
      totalMs: round(state.draft.totalMs),
      confidence: state.draft.confidence,
      intent: state.draft.intent,
      citedDocIds: state.draft.citedDocIds,
      revision: revision !== null,
      draftSha256: createHash('sha256').update(state.draft.reply).digest('hex'),
    });
  } catch (err) {
    const timedOut = controller.signal.aborted || (err instanceof UserError && err.code === 'TIMEOUT');
    const cause = timedOut
      ? 'model_timeout'
      : err instanceof UserError && err.code === 'UNAVAILABLE'
        ? 'model_unavailable'
        : 'model_failed';
    state.draft = null;
    state.draftError = cause;
    audit(ctx, state, 'model.called', {
      modelId: ctx.llm.info.modelId,
      modelSha256: ctx.llm.info.sha256,
      error: cause,
      revision: revision !== null,
    });
    degrade(ctx, state, cause, { budgetMs, ...(timedOut ? { cause: 'budget' } : {}) });
  } finally {
    clearTimeout(timer);
  }
}

function citedPassages(state: TurnState): Passage[] {
  const cited = new Set(state.draft?.citedDocIds ?? []);
  return state.passages.filter((p) => cited.has(p.docId));
}

async function verify(ctx: TurnContext, state: TurnState): Promise<void> {
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

function outputRails(ctx: TurnContext, state: TurnState): void {
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

/** Model placeholders (<PERSON_1>) never reach the customer: rehydration is for staff views only. */
function stripPlaceholders(text: string): string {
  return text
    .replace(/<[A-Z][A-Z_]{1,40}_\d{1,4}>/g, '')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function template(pack: PolicyPack, id: TemplateId): string {
  return pack.templates[id];
}

/** Appends the disclosures due on this reply that it does not already carry. */
function withDisclosures(
  ctx: TurnContext,
  state: TurnState,
  text: string,
): { text: string; added: string[] } {
  const missing = ctx.supervisor.missingDisclosures(text, state.text, state.firstReply);
  const add = ctx.pack.requiredDisclosures.filter((d) => missing.includes(d.id));
  return { text: [text, ...add.map((d) => d.text)].join(' ').trim(), added: add.map((d) => d.id) };
}

/** The last line of defence: whatever path led here, a reply that leaks PII or advises is replaced. */
function safetyNet(ctx: TurnContext, state: TurnState, text: string): { text: string; replaced: boolean } {
  // The pack's own templates (helplines, 999) are public text, like the cited passages.
  const packText = {
    chunkId: 'pack',
    docId: 'pack',
    title: 'pack',
    text: Object.values(ctx.pack.templates).join(' '),
  };
  const check = ctx.supervisor.outputRails({
    draft: text,
    customerPii: state.piiValues,
    cited: [...citedPassages(state), packText],
    customerText: state.text,
    firstReply: state.firstReply,
  });
  if (check.piiEcho.length > 0 || check.forbiddenAdvice.length > 0 || check.toneViolations.length > 0)
    return { text: template(ctx.pack, 'blocked_rewrite'), replaced: true };
  return { text, replaced: false };
}

function send(
  ctx: TurnContext,
  state: TurnState,
  body: string,
  outcome: NonNullable<TurnState['outcome']>,
  source: string,
): void {
  const net = safetyNet(ctx, state, stripPlaceholders(body));
  if (net.replaced)
    audit(ctx, state, 'reply.rewritten', { cause: 'safety_net', template: 'blocked_rewrite' });
  if (source !== 'template:self_harm') {
    // Crisis resources are for self-harm replies only: a draft that signposts them elsewhere loses those sentences.
    const calm = withoutCrisisWording(ctx.pack, net.text);
    if (calm !== null) {
      audit(ctx, state, 'reply.rewritten', { cause: 'crisis_wording', template: null });
      net.text = calm.length > 0 ? calm : template(ctx.pack, 'conservative');
    }
  }
  const kept = keepPromises(ctx, state, net.text, outcome, {
    audit: (type, payload) => audit(ctx, state, type, payload),
    cited: citedPassages(state)
      .map((p) => p.text)
      .join('\n'),
    offer: template(ctx.pack, 'handoff_offer'),
    allowed: (reasons, guards) => autoEscalationOn(ctx) || safetyCritical(ctx.pack, reasons, guards),
    escalate: (reasons, guards) => enqueue(ctx, state, packetFor(ctx, state, reasons, guards, null)),
  });
  const final = withDisclosures(ctx, state, kept.text);
  state.reply = final.text;
  state.delivered = true;
  state.outcome = kept.outcome;
  audit(ctx, state, 'reply.delivered', {
    outcome: kept.outcome,
    source: kept.source ?? (net.replaced ? 'template:blocked_rewrite' : source),
    chars: final.text.length,
    disclosures: final.added,
    modelSha256: state.draft?.modelSha256 ?? null,
    kbSnapshot: state.kbSnapshot,
    degraded: state.degraded,
  });
}

function fallbackBody(ctx: TurnContext): string {
  return `${template(ctx.pack, 'safe_fallback')} ${template(ctx.pack, 'handoff_offer')}`;
}

function deliver(ctx: TurnContext, state: TurnState): void {
  if (!state.draft) return send(ctx, state, fallbackBody(ctx), 'delivered', 'template:safe_fallback');
  if (lowConfidence(state, ctx.pack) || state.facts?.verdict === 'unsupported') {
    // A pack that delivers without routing doubtful drafts elsewhere still gets the conservative reply.
    audit(ctx, state, 'reply.rewritten', { cause: 'low_confidence', template: 'conservative' });
    return send(ctx, state, template(ctx.pack, 'conservative'), 'rewritten', 'template:conservative');
  }
  return send(ctx, state, state.draft.reply, 'delivered', state.draft.source);
}

async function rewrite(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const problems = (): Guard[] =>
    (['unsupported_claims', 'forbidden_advice', 'pii_echo', 'tone_violation'] as const).filter((g) =>
      holds(g, state, ctx.pack),
    );
  // Revise once: the model gets the unsupported claims back; anything else gets a template.
  if (state.draft && !state.revised && ctx.dialogue && problems().join() === 'unsupported_claims') {
    state.revised = true;
    const unsupported = (state.facts?.claims ?? []).filter((c) => !c.supported).map((c) => c.text);
    const previous = state.draft.reply;
    await draft(ctx, state, node.budgetMs, { unsupportedClaims: unsupported, previousReply: previous });
    if (state.draft) {
      await verify(ctx, state);
      outputRails(ctx, state);
    }
    if (state.draft && problems().length === 0 && !lowConfidence(state, ctx.pack)) {
      audit(ctx, state, 'reply.rewritten', { cause: 'revised', template: null });
      return send(ctx, state, state.draft.reply, 'rewritten', 'revision');
    }
  }
  if (state.draft && problems().join() === 'tone_violation' && !lowConfidence(state, ctx.pack)) {
    // Soften by dropping the sentences that carry the tone problem; the rest of the answer stands.
    const kept = state.draft.reply
      .split(/(?<=[.!?])\s+/)
      .filter((sentence) => ctx.supervisor.tone(sentence).length === 0)
      .join(' ')
      .trim();
    if (kept.length > 0 && ctx.supervisor.tone(kept).length === 0) {
      audit(ctx, state, 'reply.rewritten', { cause: 'tone_softened', template: null });
      return send(ctx, state, kept, 'rewritten', state.draft.source);
    }
  }
  if (state.draft && problems().length === 0 && !lowConfidence(state, ctx.pack)) {
    // Only disclosures were missing: the draft stands and send() appends them.
    audit(ctx, state, 'reply.rewritten', { cause: 'missing_disclosure', template: null });
    return send(ctx, state, state.draft.reply, 'rewritten', state.draft.source);
  }
  const chosen: TemplateId =
    node.template ??
    (!state.draft
      ? 'safe_fallback'
      : problems().some((g) => g !== 'unsupported_claims')
        ? 'blocked_rewrite'
        : 'conservative');
  if (state.draft) audit(ctx, state, 'reply.blocked', { guards: problems(), revised: state.revised });
  audit(ctx, state, 'reply.rewritten', { cause: problems().join(',') || 'no_draft', template: chosen });
  const body = chosen === 'safe_fallback' ? fallbackBody(ctx) : template(ctx.pack, chosen);
  return send(ctx, state, body, 'rewritten', `template:${chosen}`);
}

const GUARD_REASON: Partial<Record<Guard, EscalationReason>> = {
  self_harm: 'self_harm',
  high_emotion: 'high_emotion',
  risk_high: 'risk',
  customer_requests_human: 'customer_request',
  vulnerable_customer: 'vulnerable_customer',
  fraud: 'fraud',
  model_unavailable: 'model_unavailable',
  low_confidence: 'low_confidence',
  unsupported_claims: 'low_confidence',
  prompt_injection: 'policy_breach',
  forbidden_advice: 'policy_breach',
  pii_echo: 'policy_breach',
};

export function escalationReasons(state: TurnState, pack: PolicyPack): EscalationReason[] {
  const fromPack = escalationFor(pack, (g) => holds(g, state, pack)).map((r) => r.reason);
  if (fromPack.length > 0) return fromPack;
  // The graph escalated on a guard the pack has no rule for: name the guard's natural reason.
  const guessed = heldGuards(state, pack)
    .map((g) => GUARD_REASON[g])
    .filter((r): r is EscalationReason => r !== undefined);
  return guessed.length > 0 ? [...new Set(guessed)] : ['policy_breach'];
}

async function escalate(ctx: TurnContext, state: TurnState, node: PolicyNode): Promise<void> {
  const reasons = escalationReasons(state, ctx.pack);
  const guards = heldGuards(state, ctx.pack);
  if (await answerExtractively(ctx, state, reasons, guards)) return;
  const active = ctx.escalations.activeFor(state.conversationId);
  const packet = packetFor(ctx, state, reasons, guards, active);
  if (
    !autoEscalationOn(ctx) &&
    !safetyCritical(ctx.pack, reasons, guards) &&
    // A conversation already in the queue keeps collecting reasons there: a person is on it.
    active === null
  )
    return suggest(ctx, state, node, packet);
  enqueue(ctx, state, packet);
  // A self-harm escalation always carries the crisis resources, whatever template the node names.
  const chosen: TemplateId = reasons.includes('self_harm') ? 'self_harm' : (node.template ?? 'escalated');
  send(ctx, state, template(ctx.pack, chosen), 'escalated', `template:${chosen}`);
}

const autoEscalationOn = (ctx: TurnContext): boolean =>
  ctx.deps.flags?.autoEscalation ?? DEFAULT_FLAGS.autoEscalation;

function packetFor(
  ctx: TurnContext,
  state: TurnState,
  reasons: readonly EscalationReason[],
  guards: readonly Guard[],
  active: { reasons: readonly EscalationReason[] } | null,
): HandoffPacket {
  return ctx.handoff.packet({
    conversationId: state.conversationId,
    turnId: state.turnId,
    transcript: [...ctx.transcript, { role: 'customer', text: state.text }],
    guards,
    // An escalation already queued for the conversation is updated: the rationale covers all its reasons.
    reasons: active ? [...new Set([...active.reasons, ...reasons])] : reasons,
    sentiment: state.sentiment,
    facts: state.facts,
    riskScore: state.risk,
    model: state.draft ? { modelId: state.draft.modelId, sha256: state.draft.modelSha256 } : null,
    kbSnapshot: state.kbSnapshot,
    now: ctx.now(),
  });
}

/** Opens the escalation, or updates the conversation's active one (escalations.ts, merge). */
function enqueue(ctx: TurnContext, state: TurnState, packet: HandoffPacket): string {
  const opened = ctx.escalations.open({
    conversationId: state.conversationId,
    subjectId: state.subjectId,
    packet,
    actor: { kind: 'agent', id: 'escalation-handler', role: 'agent' },
    ...(state.staffId ? { staffId: state.staffId } : {}),
  });
  if (opened.auditSeq !== null) state.lastAuditSeq = opened.auditSeq;
  ctx.repo.setStatus(state.conversationId, 'escalated', ctx.now().toISOString());
  state.escalationId = opened.id;
  state.reasons = opened.reasons;
  return opened.id;
}

/**
 * Escalations that happen even with the autoEscalation flag off: self-harm always, and every pack rule
 * marked `always` whose guard holds (the shipped packs mark self_harm and risk_high: immediate danger).
 */
export function safetyCritical(
  pack: PolicyPack,
  reasons: readonly string[],
  guards: readonly Guard[],
): boolean {
  if (reasons.includes('self_harm') || guards.includes('self_harm')) return true;
  return pack.escalation.some((r) => r.always && guards.includes(r.guard));
}

/** Suggestion store per database: statements are prepared once, not per turn. */
const suggestionRepos = new WeakMap<object, SuggestionRepo>();
function suggestionsOf(ctx: TurnContext): SuggestionRepo {
  let repo = suggestionRepos.get(ctx.deps.store.db);
  if (!repo) {
    repo = suggestionRepo(ctx.deps.store);
    suggestionRepos.set(ctx.deps.store.db, repo);
  }
  return repo;
}

/**
 * autoEscalation off: nothing is enqueued. The packet the handler built is kept (sealed) as this turn's
 * suggestion, the staff member sees the triggers and escalates with one click (`desk.escalate`), and the
 * customer gets an honest reply: the handoff offer (after the conservative line when nothing was drafted),
 * never the "I've passed you to a colleague" template.
 */
function suggest(ctx: TurnContext, state: TurnState, node: PolicyNode, packet: HandoffPacket): void {
  if (!ctx.shadow) suggestionsOf(ctx).record({ subjectId: state.subjectId, packet });
  audit(ctx, state, 'policy.checked', {
    phase: 'escalation_suggested',
    autoEscalation: false,
    reasons: packet.reasons,
    priority: packet.priority,
    triggers: packet.triggers.map((t) => ({ reason: t.reason, guard: t.guard, score: t.score })),
    node: node.id,
  });
  const offer = template(ctx.pack, 'handoff_offer');
  if (!state.draft || node.template === 'safe_fallback')
    return send(
      ctx,
      state,
      `${template(ctx.pack, 'conservative')} ${offer}`,
      'delivered',
      'template:conservative',
    );
  return send(ctx, state, offer, 'rewritten', 'template:handoff_offer');
}

/** Guards that mean a person should look at the turn: an extractive answer never replaces them. */
const EXTRACTIVE_BLOCKERS: readonly Guard[] = [
  'self_harm',
  'high_emotion',
  'risk_high',
  'prompt_injection',
  'off_topic',
  'customer_requests_human',
  'vulnerable_customer',
  'fraud',
];

/**
 * The model could not draft (missing, timed out, failed) and model_unavailable is the only reason to
 * escalate: answer an FAQ-type question by quoting the top retrieved passage, when the pack allows it
 * (`extractive`) and the passage covers the question. The quote goes through the facts verifier and
 * the output rails like any draft; any doubt and the turn escalates as before. Declared as the
 * `extractive_kb` degradation and audited either way.
 */
async function answerExtractively(
  ctx: TurnContext,
  state: TurnState,
  reasons: readonly EscalationReason[],
  guards: readonly Guard[],
): Promise<boolean> {
  const options = ctx.pack.extractive;
  if (!options || state.draftError === null || state.draft !== null) return false;
  if (reasons.some((r) => r !== 'model_unavailable')) return false;
  if (guards.some((g) => EXTRACTIVE_BLOCKERS.includes(g))) return false;
  const answer = composeExtractive(state.pseudoText ?? '', state.passages, options);
  if (!answer.ok) {
    audit(ctx, state, 'policy.checked', {
      phase: 'extractive',
      accepted: false,
      refusal: answer.reason,
      coverage: answer.coverage,
      kbSnapshot: state.kbSnapshot,
    });
    return false;
  }
  state.draft = {
    reply: answer.body,
    citedDocIds: [answer.passage.docId],
    confidence: 'high',
    intent: 'answer',
    source: 'extractive',
    modelId: 'extractive-kb',
    modelSha256: '',
    promptTokens: 0,
    completionTokens: 0,
    totalMs: 0,
  };
  await verify(ctx, state);
  outputRails(ctx, state);
  const facts = state.facts as FactCheckReport | null;
  const output = state.output as OutputRails | null;
  const clean =
    (facts?.verdict === 'supported' || facts?.verdict === 'no_claims') &&
    output !== null &&
    output.forbiddenAdvice.length === 0 &&
    output.piiEcho.length === 0 &&
    output.toneViolations.length === 0;
  audit(ctx, state, 'policy.checked', {
    phase: 'extractive',
    accepted: clean,
    refusal: clean ? null : 'rails',
    coverage: answer.coverage,
    sentenceOverlap: answer.sentenceOverlap,
    sentences: answer.sentences,
    docId: answer.passage.docId,
    chunkId: answer.passage.chunkId,
    kbSnapshot: state.kbSnapshot,
  });
  if (!clean) {
    // The handoff packet must not list "verified facts" of an answer that was never given.
    state.draft = null;
    state.facts = null;
    state.output = null;
    return false;
  }
  degrade(ctx, state, 'extractive_kb', {
    cause: state.draftError ?? 'model_unavailable',
    docId: answer.passage.docId,
    chunkId: answer.passage.chunkId,
  });
  send(ctx, state, `${answer.body} ${template(ctx.pack, 'handoff_offer')}`, 'delivered', 'extractive:kb');
  return true;
}

function block(ctx: TurnContext, state: TurnState, node: PolicyNode): void {
  audit(ctx, state, 'reply.blocked', {
    guards: heldGuards(state, ctx.pack),
    template: node.template ?? null,
  });
  if (node.template)
    return send(ctx, state, template(ctx.pack, node.template), 'blocked', `template:${node.template}`);
  state.reply = '';
  state.delivered = false;
  state.outcome = 'blocked';
}

const round = (v: number) => Math.round(v * 1000) / 1000;
