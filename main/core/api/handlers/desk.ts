import type { z } from 'zod';
import type { EscalationDetailSchema, TurnView } from '../../../../shared/contract/desk';
import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import type { EscalationDetail, PipelineService, TurnRow } from '../../pipeline';
import { actorFor } from './actor';

function turnView(pipeline: PipelineService, subjectId: string, row: TurnRow): TurnView {
  const open = (envelope: string | null) => (envelope ? pipeline.openSealed(subjectId, envelope) : null);
  const result = open(row.result_sealed);
  const parsed = result
    ? (JSON.parse(result) as { reply: string; outcome: string; reasons: string[]; degraded: string[] })
    : null;
  return {
    turnId: row.id,
    index: row.idx,
    status: row.status,
    customer: open(row.customer_sealed),
    reply: parsed?.reply ?? null,
    delivered: row.delivered === null ? null : row.delivered === 1,
    escalated: row.escalated === null ? null : row.escalated === 1,
    sentiment: row.sentiment,
    outcome: parsed?.outcome ?? null,
    reasons: parsed?.reasons ?? [],
    degraded: parsed?.degraded ?? [],
    at: row.started_at,
    suggestedEscalation: row.status === 'done' ? pipeline.suggestions.forTurn(row.id) : null,
  };
}

function detailView(d: EscalationDetail): z.output<typeof EscalationDetailSchema> {
  return {
    id: d.id,
    conversationId: d.conversationId,
    status: d.status,
    priority: d.priority,
    reasons: d.reasons,
    slaDueAt: d.slaDueAt,
    createdAt: d.createdAt,
    claimedBy: d.claimedBy,
    resolvedAt: d.resolvedAt,
    outcome: d.outcome,
    packet: d.packet
      ? {
          priority: d.packet.priority,
          reasons: d.packet.reasons,
          triggers: d.packet.triggers,
          rationale: d.packet.rationale,
          transcript: d.packet.transcript,
          sentiment: d.packet.sentiment,
          verifiedFacts: d.packet.verifiedFacts,
          versions: d.packet.versions,
        }
      : null,
    notes: d.notes,
  };
}

const summary = (e: ReturnType<PipelineService['escalations']['list']>[number]) => ({
  id: e.id,
  conversationId: e.conversationId,
  status: e.status,
  priority: e.priority,
  reasons: e.reasons,
  slaDueAt: e.slaDueAt,
  createdAt: e.createdAt,
  claimedBy: e.claimedBy,
  resolvedAt: e.resolvedAt,
  outcome: e.outcome,
});

export function deskHandlers(core: Core) {
  const pipeline = () => core.pipeline.get();
  return {
    'conversation.list': async ({ limit }: { limit: number }) =>
      (await pipeline()).conversations.list(limit).map((c) => ({
        id: c.id,
        domain: c.domain,
        status: c.status,
        turnCount: c.turn_count,
        updatedAt: c.updated_at,
      })),
    'conversation.get': async ({ conversationId }: { conversationId: string }) => {
      const p = await pipeline();
      const c = p.conversations.get(conversationId);
      if (!c) throw new UserError('NOT_FOUND', `No conversation ${conversationId}.`);
      const turns = p.conversations.turns(conversationId).map((row) => turnView(p, c.subject_id, row));
      const active = p.escalations.activeFor(conversationId);
      return {
        id: c.id,
        domain: c.domain,
        status: c.status,
        turnCount: c.turn_count,
        updatedAt: c.updated_at,
        turns,
        sentimentTrend: turns.map((t) => t.sentiment).filter((s): s is number => s !== null),
        escalationId: active?.id ?? null,
      };
    },
    'turn.submit': async (input: {
      conversationId: string;
      domain?: 'bank' | 'clinic' | 'generic' | undefined;
      text: string;
      idempotencyKey?: string | undefined;
    }) => {
      const p = await pipeline();
      const r = await p.runTurn({
        conversationId: input.conversationId,
        text: input.text,
        ...(input.domain ? { domain: input.domain } : {}),
        ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      });
      return {
        turnId: r.turnId,
        delivered: r.delivered,
        reply: r.reply,
        escalated: r.escalated,
        queued: p.escalations.activeFor(input.conversationId) !== null,
        reasons: r.reasons,
        degraded: r.degraded,
        auditSeq: r.auditSeq,
        escalationId: r.escalationId,
        outcome: r.outcome,
        replayed: r.replayed,
        stages: r.trace,
        suggestedEscalation: r.suggestedEscalation ?? null,
      };
    },
    'escalation.list': async ({
      status,
      limit,
    }: {
      status?: 'open' | 'claimed' | 'resolved' | undefined;
      limit: number;
    }) => (await pipeline()).escalations.list({ ...(status ? { status } : {}), limit }).map(summary),
    'escalation.get': async ({ escalationId }: { escalationId: string }) =>
      detailView((await pipeline()).escalations.get(escalationId)),
    'escalation.claim': async ({ escalationId, userId }: { escalationId: string; userId: string }) =>
      summary((await pipeline()).escalations.claim(escalationId, actorFor(core, userId))),
    'escalation.note': async ({
      escalationId,
      userId,
      text,
    }: {
      escalationId: string;
      userId: string;
      text: string;
    }) => ({
      noteId: (await pipeline()).escalations.note(escalationId, actorFor(core, userId), text, 'note'),
    }),
    'escalation.respond': async ({
      escalationId,
      userId,
      text,
    }: {
      escalationId: string;
      userId: string;
      text: string;
    }) => ({
      noteId: (await pipeline()).escalations.note(escalationId, actorFor(core, userId), text, 'response'),
    }),
    'escalation.resolve': async ({
      escalationId,
      userId,
      outcome,
    }: {
      escalationId: string;
      userId: string;
      outcome: 'resolved' | 'taken_over' | 'returned_to_agent';
    }) => summary((await pipeline()).escalations.resolve(escalationId, actorFor(core, userId), outcome)),
    'escalation.reveal': async ({
      escalationId,
      userId,
      reason,
    }: {
      escalationId: string;
      userId: string;
      reason: string;
    }) => {
      const p = await pipeline();
      // The pipeline's flags are the config's (loadConfig applies CONFIDANT_FLAGS): one source of truth.
      return p.escalations.reveal(escalationId, actorFor(core, userId), reason, {
        allowed: p.flags.rehydrateForStaff,
      });
    },
    'desk.escalate': async ({ turnId, userId }: { turnId: string; userId: string }) =>
      summary((await pipeline()).escalations.escalateSuggestion(turnId, actorFor(core, userId))),
    'kb.search': async ({
      domain,
      query,
      k,
    }: {
      domain: 'bank' | 'clinic' | 'generic';
      query: string;
      k: number;
    }) =>
      (await (await pipeline()).kb.search(query, { domain, k })).map((h) => ({
        chunkId: h.chunkId,
        docId: h.docId,
        title: h.title,
        text: h.text,
        score: h.score,
        source: h.source,
      })),
  };
}
