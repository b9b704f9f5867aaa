import type { z } from 'zod';
import type { Domain } from '../../../../shared/contract';
import {
  DRAFT_PROGRESS_TOPIC,
  EscalationRevealSchema,
  type EscalationDetailSchema,
  type TurnView,
} from '../../../../shared/contract/desk';
import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import type { EscalationDetail, EscalationSummary } from '../../escalations';
import {
  citationsOf,
  deskReview,
  type ConversationRow,
  type DraftDecision,
  type TurnRow,
} from '../../pipeline';
import { actorOf, type Actor, type HandlerContext } from '../dispatch';
import { audited, requireOwnDesk } from './desk-access';
import { supervisionEvent } from './desk-review';

/**
 * The customer's words in clear only for the agent who typed them, in the session they typed them in;
 * everyone else (that agent later, other agents, supervisors, compliance) gets the pseudonymised text.
 */
function isOwnFreshTurn(ctx: HandlerContext, row: TurnRow): boolean {
  return (
    ctx.actor !== null && row.author_id === ctx.actor.id && (ctx.session?.authoredTurns.has(row.id) ?? false)
  );
}

function turnView(
  core: Core,
  conv: ConversationRow,
  row: TurnRow,
  original: boolean,
  decision: DraftDecision | null,
  citations: TurnView['citations'],
): TurnView {
  const open = (envelope: string | null) =>
    envelope ? core.transcripts.openSealed(conv.subject_id, envelope) : null;
  const shown = (text: string | null) =>
    text === null || original ? text : core.transcripts.pseudonymizeFor(conv.id, text);
  const result = open(row.result_sealed);
  const parsed = result
    ? (JSON.parse(result) as { reply: string; outcome: string; reasons: string[]; degraded: string[] })
    : null;
  return {
    turnId: row.id,
    index: row.idx,
    status: row.status,
    customer: shown(open(row.customer_sealed)),
    customerForm: original ? 'original' : 'pseudonymised',
    reply: shown(parsed?.reply ?? null),
    delivered: row.delivered === null ? null : row.delivered === 1,
    escalated: row.escalated === null ? null : row.escalated === 1,
    sentiment: row.sentiment,
    outcome: parsed?.outcome ?? null,
    reasons: parsed?.reasons ?? [],
    degraded: parsed?.degraded ?? [],
    at: row.started_at,
    suggestedEscalation: row.status === 'done' ? core.escalations.suggestionFor(row.id) : null,
    draft: decision
      ? {
          status: decision.status,
          edited: decision.edited,
          text: shown(decision.text),
          flags: decision.flags,
          overridden: decision.overridden,
          decidedBy: decision.actorId,
          decidedAt: decision.decidedAt,
        }
      : null,
    citations,
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

const summary = (e: EscalationSummary) => ({
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
  const review = deskReview(core.store, core.audit);
  const nameOf = (id: string) => core.users.get(id)?.name ?? null;
  /**
   * A one-click escalation goes into the LAN outbox now, as a turn's does: else a paired supervisor desk would
   * only hear of it at the next turn of the conversation or the next `lan serve` start.
   */
  const toLan = <E extends { conversationId: string }>(e: E): E => {
    try {
      core.lan.queue.onTurnDone(e.conversationId);
    } catch (err) {
      // The escalation stands; `lan serve` reconciles at start, so a failed enqueue only delays it.
      core.log.warn({ err }, 'lan outbox enqueue failed');
    }
    return e;
  };
  const requireDesk = (actor: Actor, conv: ConversationRow | undefined, procedure: string) =>
    requireOwnDesk(core, actor, conv, procedure);
  return {
    'conversation.list': async ({ limit }: { limit: number }, ctx: HandlerContext) => {
      const actor = actorOf(ctx);
      // A list of rows: the conversations repository needs no model runtime.
      const repo = core.conversations;
      const rows = actor.role === 'agent' ? repo.listByOwner(actor.id, limit) : repo.list(limit);
      return rows.map((c) => ({
        id: c.id,
        domain: c.domain,
        status: c.status,
        turnCount: c.turn_count,
        updatedAt: c.updated_at,
      }));
    },
    'conversation.get': async ({ conversationId }: { conversationId: string }, ctx: HandlerContext) => {
      const actor = actorOf(ctx);
      // Reading a conversation needs no model runtime: the repo and the transcript reader serve it.
      const c = core.conversations.get(conversationId);
      if (!c) throw new UserError('NOT_FOUND', `No conversation ${conversationId}.`);
      requireDesk(actor, c, 'conversation.get');
      const rows = core.conversations.turns(conversationId);
      const turns = rows.map((row) =>
        turnView(
          core,
          c,
          row,
          isOwnFreshTurn(ctx, row),
          review.decision(c, row.id),
          row.status === 'done'
            ? citationsOf(core.store, c, row.id, core.conversations.lastCheckpoint(row.id))
            : [],
        ),
      );
      const othersText = rows.filter((row) => row.author_id !== actor.id).length;
      if (othersText > 0)
        core.audit.append({
          type: 'conversation.read',
          actor: audited(actor),
          subject: c.subject_id,
          payload: { conversationId: c.id, turns: othersText, form: 'pseudonymised' },
        });
      const active = core.escalations.activeFor(conversationId);
      return {
        id: c.id,
        domain: c.domain,
        status: c.status,
        turnCount: c.turn_count,
        updatedAt: c.updated_at,
        turns,
        sentimentTrend: turns.map((t) => t.sentiment).filter((s): s is number => s !== null),
        escalationId: active?.id ?? null,
        supervisor: core.lan.timeline(conversationId),
      };
    },
    'turn.submit': async (
      input: {
        conversationId: string;
        domain?: Domain | undefined;
        text: string;
        idempotencyKey?: string | undefined;
      },
      ctx: HandlerContext,
    ) => {
      const actor = actorOf(ctx);
      const p = await pipeline();
      requireDesk(actor, p.conversations.get(input.conversationId), 'turn.submit');
      const audience = ctx.sessionToken;
      const r = await p.runTurn({
        conversationId: input.conversationId,
        text: input.text,
        staffId: actor.id,
        // The draft as the model writes it, to this sign-in session's streams only.
        ...(audience
          ? {
              onDraft: (turnId: string, text: string) =>
                core.events.publish({
                  topic: DRAFT_PROGRESS_TOPIC,
                  audience,
                  data: { conversationId: input.conversationId, turnId, text },
                }),
            }
          : {}),
        ...(input.domain ? { domain: input.domain } : {}),
        ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
      });
      // Only this session shows these words in clear again (conversation.get); a new sign-in does not.
      ctx.session?.authoredTurns.add(r.turnId);
      return {
        turnId: r.turnId,
        delivered: r.delivered,
        reply: r.reply,
        escalated: r.escalated,
        queued: core.escalations.activeFor(input.conversationId) !== null,
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
    }) => {
      // The queue is the container's own service: opening it never builds the model runtime.
      const { escalations, conversations } = core;
      return escalations.list({ ...(status ? { status } : {}), limit }).map((e) => {
        const conv = conversations.get(e.conversationId);
        const latest = conv ? conversations.turns(conv.id).findLast((t) => t.sentiment !== null) : undefined;
        return {
          ...summary(e),
          claimedByName: e.claimedBy ? nameOf(e.claimedBy) : null,
          desk: conv?.owner_id ? nameOf(conv.owner_id) : null,
          ...(conv ? { domain: conv.domain } : {}),
          sentiment: latest?.sentiment ?? null,
        };
      });
    },
    'escalation.get': async ({ escalationId }: { escalationId: string }, ctx: HandlerContext) => {
      const actor = audited(actorOf(ctx));
      const d = core.escalations.get(escalationId);
      // The packet's transcript is customer text (pseudonymised): reading it is on the record.
      if (d.packet)
        core.audit.append({
          type: 'escalation.read',
          actor,
          subject: null,
          payload: { escalationId: d.id, conversationId: d.conversationId, form: 'pseudonymised' },
        });
      const conv = core.conversations.get(d.conversationId);
      const view = detailView(d);
      return {
        ...view,
        claimedByName: d.claimedBy ? nameOf(d.claimedBy) : null,
        notes: view.notes.map((n) => ({ ...n, authorName: nameOf(n.authorId) })),
        whispers: conv
          ? review.whispers(d.id, conv.subject_id).map((w) => ({
              id: w.id,
              authorName: nameOf(w.authorId),
              text: w.text,
              createdAt: w.createdAt,
            }))
          : [],
      };
    },
    'escalation.claim': async ({ escalationId }: { escalationId: string }, ctx: HandlerContext) => {
      const e = core.escalations.claim(escalationId, audited(actorOf(ctx)));
      supervisionEvent(core, e.conversationId, e.id, 'claimed');
      return summary(e);
    },
    'escalation.note': async (
      { escalationId, text }: { escalationId: string; text: string },
      ctx: HandlerContext,
    ) => ({
      noteId: core.escalations.note(escalationId, audited(actorOf(ctx)), text, 'note'),
    }),
    'escalation.respond': async (
      { escalationId, text }: { escalationId: string; text: string },
      ctx: HandlerContext,
    ) => {
      const noteId = core.escalations.note(escalationId, audited(actorOf(ctx)), text, 'response');
      supervisionEvent(core, core.escalations.get(escalationId).conversationId, escalationId, 'response');
      return { noteId };
    },
    'escalation.resolve': async (
      {
        escalationId,
        outcome,
      }: { escalationId: string; outcome: 'resolved' | 'taken_over' | 'returned_to_agent' },
      ctx: HandlerContext,
    ) => {
      const e = core.escalations.resolve(escalationId, audited(actorOf(ctx)), outcome);
      supervisionEvent(core, e.conversationId, e.id, 'resolved');
      return summary(e);
    },
    'escalation.reveal': async (
      { escalationId, reason }: { escalationId: string; reason: string },
      ctx: HandlerContext,
    ) => {
      // An escalation from a staff desk: its originals stay there; that desk reveals over the link.
      if (core.lan.paired()) {
        const desk = await core.lan.desk();
        if (desk.isRemote(escalationId)) {
          // The staff desk's answer is a peer's word: held to the same shape as a local reveal.
          return EscalationRevealSchema.parse(await desk.reveal(escalationId, actorOf(ctx), reason));
        }
      }
      // The config's flags (loadConfig applies CONFIDANT_FLAGS) are the pipeline's too: one source of truth.
      return core.escalations.reveal(escalationId, audited(actorOf(ctx)), reason, {
        allowed: core.config.flags.rehydrateForStaff,
      });
    },
    'desk.escalate': async ({ turnId }: { turnId: string }, ctx: HandlerContext) => {
      const actor = actorOf(ctx);
      requireDesk(actor, core.conversations.conversationOfTurn(turnId), 'desk.escalate');
      return summary(toLan(core.escalations.escalateSuggestion(turnId, audited(actor))));
    },
    'desk.escalate_conversation': async (
      { conversationId }: { conversationId: string },
      ctx: HandlerContext,
    ) => {
      const actor = actorOf(ctx);
      requireDesk(actor, core.conversations.get(conversationId), 'desk.escalate_conversation');
      return summary(toLan(core.escalateConversation(conversationId, audited(actor))));
    },
    'kb.search': async ({ domain, query, k }: { domain: Domain; query: string; k: number }) =>
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
