import type { SupervisorMessage } from '../../../../shared/contract/desk-review';
import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import { lanOverview } from '../../lan';
import { deskReview, type ConversationRow, type DeskReview, type TurnRow } from '../../pipeline';
import { actorOf, type Actor, type HandlerContext } from '../dispatch';
import { audited, requireOwnDesk } from './desk-access';

/** Draft review (desk.send, desk.discard), the supervisor's side of a conversation, and whispers. */
export function deskReviewHandlers(core: Core) {
  const pipeline = () => core.pipeline.get();
  const lanState = lanOverview(core.store);
  let review: DeskReview | null = null;
  const reviews = () => (review ??= deskReview(core.store, core.audit));
  const nameOf = (id: string) => core.users.get(id)?.name ?? null;

  /** The turn and its conversation, for the desk that owns it (supervisors may step into any). */
  function ownTurn(turnId: string, actor: Actor, procedure: string) {
    const conv = core.conversations.conversationOfTurn(turnId);
    const turn = conv ? core.conversations.turns(conv.id).find((t) => t.id === turnId) : undefined;
    if (!conv || !turn) throw new UserError('NOT_FOUND', `No turn ${turnId}.`);
    requireOwnDesk(core, actor, conv, procedure);
    return { conv, turn };
  }

  function draftOf(conv: ConversationRow, turn: TurnRow) {
    const { openSealed } = core.transcripts;
    const result = turn.result_sealed ? openSealed(conv.subject_id, turn.result_sealed) : null;
    const customer = openSealed(conv.subject_id, turn.customer_sealed);
    if (result === null || customer === null)
      throw new UserError('CONFLICT', 'This turn has no draft to send (not finished, or erased).');
    return { draft: (JSON.parse(result) as { reply: string }).reply, customer };
  }

  return {
    'desk.send': async (
      input: { turnId: string; text: string; overrideReason?: string | undefined },
      ctx: HandlerContext,
    ) => {
      const actor = actorOf(ctx);
      const { conv, turn } = ownTurn(input.turnId, actor, 'desk.send');
      if (turn.status !== 'done') throw new UserError('CONFLICT', 'This turn has no finished draft yet.');
      const { draft, customer } = draftOf(conv, turn);
      // The pack the rails check the edited text against: the pipeline's registry (built with the runtime).
      const p = await pipeline();
      const r = reviews().send({
        conv,
        turn,
        draft,
        text: input.text,
        customerText: customer,
        pack: p.policies.active(conv.domain),
        reason: input.overrideReason,
        actor: audited(actor),
      });
      if (r.sent) core.events.publish({ topic: 'desk.sent', data: { conversationId: conv.id } });
      return r;
    },
    'desk.discard': async ({ turnId }: { turnId: string }, ctx: HandlerContext) => {
      const actor = actorOf(ctx);
      const { conv, turn } = ownTurn(turnId, actor, 'desk.discard');
      return reviews().discard({ conv, turn, actor: audited(actor) });
    },
    'desk.supervision': async ({ conversationId }: { conversationId: string }, ctx: HandlerContext) => {
      const actor = actorOf(ctx);
      const conv = core.conversations.get(conversationId);
      if (!conv) return [];
      if (actor.role === 'agent' && conv.owner_id !== actor.id)
        throw new UserError('FORBIDDEN', 'This conversation belongs to another desk.');
      const out: SupervisorMessage[] = [];
      for (const e of core.escalations.forConversation(conversationId)) {
        // The escalations module owns the row: its claim time comes from there.
        const claimedAt = core.escalations.row(e.id)?.claimed_at ?? null;
        if (e.claimedBy && claimedAt)
          out.push({
            kind: 'claimed',
            escalationId: e.id,
            author: nameOf(e.claimedBy),
            text: null,
            outcome: null,
            at: claimedAt,
          });
        for (const n of core.escalations.get(e.id).notes)
          if (n.kind === 'response')
            out.push({
              kind: 'response',
              escalationId: e.id,
              author: nameOf(n.authorId),
              text: n.text,
              outcome: null,
              at: n.createdAt,
            });
        for (const w of reviews().whispers(e.id, conv.subject_id))
          out.push({
            kind: 'whisper',
            escalationId: e.id,
            author: nameOf(w.authorId),
            text: w.text,
            outcome: null,
            at: w.createdAt,
          });
        if (e.resolvedAt)
          out.push({
            kind: 'resolved',
            escalationId: e.id,
            author: null,
            text: null,
            outcome: e.outcome,
            at: e.resolvedAt,
          });
      }
      return out.sort((a, b) => a.at.localeCompare(b.at));
    },
    'queue.paired_desks': async () => {
      // Opening the LAN desk creates a device identity; a desk never paired shows the empty panel instead.
      const paired = lanState.role() !== null;
      if (!paired)
        return {
          enabled: false,
          role: null,
          peers: [],
          witness: { cosignatures: 0, problems: 0 },
          alerts: [],
        };
      const lan = await core.lan.desk();
      const held = lan.verifyCosignatures();
      return {
        enabled: true,
        role: lan.role(),
        peers: lan.peers(),
        witness: { cosignatures: held.cosignatures, problems: held.problems.length },
        alerts: lan
          .alerts()
          .slice(-10)
          .map((a) => ({ peer: a.peer, code: a.code, at: a.at })),
      };
    },
    'escalation.whisper': async (
      { escalationId, text }: { escalationId: string; text: string },
      ctx: HandlerContext,
    ) => {
      const actor = actorOf(ctx);
      const e = core.escalations.get(escalationId);
      if (e.claimedBy !== actor.id)
        throw new UserError('CONFLICT', 'Claim the escalation before whispering to the agent.');
      const conv = core.conversations.get(e.conversationId);
      if (!conv) throw new UserError('NOT_FOUND', `No conversation ${e.conversationId}.`);
      const whisperId = reviews().whisper({
        escalationId,
        conversationId: conv.id,
        subjectId: conv.subject_id,
        resolved: e.status === 'resolved',
        actor: audited(actor),
        text,
      });
      supervisionEvent(core, conv.id, escalationId, 'whisper');
      return { whisperId };
    },
  };
}

/** Pushes the supervisor's other actions to the desk that owns the conversation, as they happen. */
export function supervisionEvent(core: Core, conversationId: string, escalationId: string, kind: string) {
  core.events.publish({ topic: 'desk.supervision', data: { conversationId, escalationId, kind } });
}
