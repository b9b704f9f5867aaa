/** What every stage shares: the turn's context, its queued audit entries, budgets and templates. */
import {
  type DialogueManager,
  type DraftRequest,
  type EscalationHandler,
  type FactsVerifier,
  type LlmAdapterLike,
  type Passage,
  type PolicySupervisor,
  type PseudonymizerLike,
  type SentimentMonitor,
  type TemplateId,
  type GuardReviewer,
} from '../../agents';
import type { AuditActor, AuditAppend, AuditEntryType, JsonValue } from '../../audit';
import type { PolicyPack } from '../../policy';
import type { ConversationRepo } from '../conversations';
import type { Degradation, EscalationPort, PipelineDeps, TurnState } from '../types';

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
  /** The pack's crisis resources (crisis.ts): signposted in self-harm replies only. */
  crisis: RegExp | null;
  /** The turn's live draft listener (TurnInput.onDraft). */
  onDraft?: (replySoFar: string) => void;
  pseudonymizer: PseudonymizerLike;
  repo: ConversationRepo;
  escalations: EscalationPort;
  /** Earlier turns, pseudonymized, for the draft's context window. */
  history: DraftRequest['history'];
  /** Earlier turns' raw customer text and delivered replies, for the handoff transcript (redacted there). */
  transcript: Array<{ role: 'customer' | 'agent'; text: string }>;
  previousScores: number[];
  now: () => Date;
  /** Audit entries of the running node, appended with its checkpoint. */
  pendingAudit: AuditAppend[];
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

export function degrade(
  ctx: TurnContext,
  state: TurnState,
  what: Degradation,
  detail: Record<string, JsonValue>,
) {
  if (!state.degraded.includes(what)) state.degraded.push(what);
  // A budget blown with its fallback taken is what the pack's budget_exceeded guard answers.
  if (detail.cause === 'budget' && !state.overBudget.includes(what)) state.overBudget.push(what);
  audit(ctx, state, 'degradation', { component: what, ...detail });
}

/** Races an async stage against its budget; the caller supplies the fallback value. */
export async function withinBudget<T>(
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

export function citedPassages(state: TurnState): Passage[] {
  const cited = new Set(state.draft?.citedDocIds ?? []);
  return state.passages.filter((p) => cited.has(p.docId));
}

export function template(pack: PolicyPack, id: TemplateId): string {
  return pack.templates[id];
}

export const round = (v: number) => Math.round(v * 1000) / 1000;
