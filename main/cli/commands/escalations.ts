import { UserError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { Core } from '../../core/container';
import type { SupervisorAction } from '../../core/lan';
import type { EscalationStatus } from '../../core/escalations';
import {
  DATA_DIR_OPTION,
  JSON_OPTION,
  stringFlag,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';
import { authenticateCliUser, AS_OPTION, cliCredentials, withCore } from '../lan-auth';
import { readStdin } from './turn';

const READERS: readonly Role[] = ['agent', 'supervisor', 'admin'];
const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
const STATES = ['open', 'claimed', 'resolved', 'all'] as const;

/** A supervisor's claim is stored under their user id on their desk and by name on the staff desk. */
const claimName = (core: Core, claimedBy: string | null) =>
  claimedBy === null ? null : (core.users.get(claimedBy)?.name ?? claimedBy);

export const escalationsListCommand: Command = {
  name: 'escalations list',
  summary: 'List escalations on this desk (the same id on both desks).',
  usage: 'escalations list --data-dir DIR --as USER [--state open|claimed|resolved|all] [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION, state: { type: 'string' } },
  async run(ctx) {
    const state = stringFlag(ctx, 'state') ?? 'all';
    if (!(STATES as readonly string[]).includes(state))
      throw new UsageError('--state must be open, claimed, resolved or all.');
    const who = await cliCredentials(ctx);
    return withCore(ctx, async (core) => {
      await authenticateCliUser(core, who, READERS, 'list escalations');
      const desk = await core.lan.desk();
      const rows = core.escalations.list({
        ...(state === 'all' ? {} : { status: state as EscalationStatus }),
        limit: 10_000,
      });
      const escalations = rows.map((e) => ({
        id: e.id,
        conversationId: e.conversationId,
        desk: desk.deskOf(e.id),
        state: e.status,
        priority: e.priority,
        reasons: e.reasons,
        openedAt: e.createdAt,
        dueAt: e.slaDueAt,
        claimedBy: claimName(core, e.claimedBy),
      }));
      if (ctx.values.json) ctx.printJson({ escalations });
      else
        for (const e of escalations)
          ctx.print(`${e.id} ${e.state} ${e.priority} due ${e.dueAt} ${e.reasons.join(',')}`);
      return EXIT.OK;
    });
  },
};

async function textFrom(ctx: CommandContext): Promise<string> {
  const raw = stringFlag(ctx, 'text');
  if (raw === undefined) throw new UsageError('--text TEXT (or --text - for stdin) is required.');
  const text = raw === '-' ? await readStdin(ctx.io.stdin) : raw;
  if (text.trim().length === 0) throw new UsageError('The text is empty.');
  return text;
}

function actionCommand(kind: 'claim' | 'whisper' | 'respond' | 'resolve', summary: string): Command {
  const withText = kind === 'whisper' || kind === 'respond';
  return {
    name: `escalations ${kind}`,
    summary,
    usage: `escalations ${kind} ID --data-dir DIR --as USER${withText ? ' --text TEXT|-' : ''}${kind === 'resolve' ? ' [--outcome resolved|taken_over|returned_to_agent]' : ''} [--json]`,
    options: {
      ...DATA_DIR_OPTION,
      ...JSON_OPTION,
      ...AS_OPTION,
      text: { type: 'string' },
      outcome: { type: 'string' },
    },
    allowPositionals: true,
    async run(ctx) {
      const id = ctx.positionals[0];
      if (!id || ctx.positionals.length > 1) throw new UsageError('Give exactly one escalation ID.');
      const who = await cliCredentials(ctx);
      let action: SupervisorAction;
      if (withText) action = { kind: kind as 'whisper' | 'respond', text: await textFrom(ctx) };
      else if (kind === 'resolve') {
        const outcome = stringFlag(ctx, 'outcome') ?? 'resolved';
        if (outcome !== 'resolved' && outcome !== 'taken_over' && outcome !== 'returned_to_agent')
          throw new UsageError('--outcome must be resolved, taken_over or returned_to_agent.');
        action = { kind: 'resolve', outcome };
      } else action = { kind: 'claim' };
      return withCore(ctx, async (core) => {
        const actor = await authenticateCliUser(core, who, SUPERVISORS, `${kind} an escalation`);
        const desk = await core.lan.desk();
        if (desk.role() !== 'supervisor') throw new UserError('CONFLICT', 'This is not a supervisor desk.');
        desk.act(id, actor, action);
        const e = core.escalations.list({ limit: 10_000 }).find((x) => x.id === id);
        const out = {
          id,
          state: e?.status ?? null,
          claimedBy: claimName(core, e?.claimedBy ?? null),
          desk: desk.deskOf(id),
        };
        if (ctx.values.json) ctx.printJson(out);
        else ctx.print(`${id} ${out.state}`);
        return EXIT.OK;
      });
    },
  };
}

export const escalationsClaimCommand = actionCommand('claim', 'Claim an escalation (supervisor desk).');
export const escalationsWhisperCommand = actionCommand(
  'whisper',
  'Send guidance only the staff member sees.',
);
export const escalationsRespondCommand = actionCommand(
  'respond',
  'Send a response to the customer through the staff desk.',
);
export const escalationsResolveCommand = actionCommand('resolve', 'Resolve an escalation.');

export const conversationShowCommand: Command = {
  name: 'conversation show',
  summary: "Show a conversation's turns and its escalation as it arrived from the supervisor desk.",
  usage: 'conversation show ID --data-dir DIR --as USER --json',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION },
  allowPositionals: true,
  async run(ctx) {
    const id = ctx.positionals[0];
    if (!id || ctx.positionals.length > 1) throw new UsageError('Give exactly one conversation ID.');
    const who = await cliCredentials(ctx);
    return withCore(ctx, async (core) => {
      await authenticateCliUser(core, who, READERS, 'read a conversation');
      const desk = await core.lan.desk();
      const conv = core.conversations.get(id);
      if (!conv) throw new UserError('NOT_FOUND', `No conversation ${id}.`);
      const open = (sealed: string | null) =>
        sealed === null ? null : core.store.cipher.open(conv.subject_id, sealed);
      const turns = core.conversations.turns(id).map((t) => {
        const result = open(t.result_sealed);
        const parsed = result ? (JSON.parse(result) as { reply?: unknown; delivered?: unknown }) : null;
        return {
          id: t.id,
          idx: t.idx,
          status: t.status,
          customer: open(t.customer_sealed),
          reply:
            parsed && parsed.delivered === true && typeof parsed.reply === 'string' ? parsed.reply : null,
          escalated: t.escalated === 1,
          at: t.started_at,
        };
      });
      const escs = core.escalations.forConversation(id);
      const last = escs.at(-1);
      const escalation = last
        ? {
            id: last.id,
            state: last.status,
            claimedBy: claimName(core, last.claimedBy),
            events: desk
              .staffTimeline(last.id)
              .map((e) => ({ type: e.type, at: e.at, text: e.text, by: e.by })),
          }
        : null;
      const out = { id, turns, escalation };
      if (ctx.values.json) ctx.printJson(out);
      else {
        ctx.print(`${id}: ${turns.length} turn(s); escalation ${escalation ? escalation.state : 'none'}`);
        for (const e of escalation?.events ?? [])
          ctx.print(`  ${e.at} ${e.type}${e.text ? `: ${e.text}` : ''}`);
      }
      return EXIT.OK;
    });
  },
};
