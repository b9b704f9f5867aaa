import { loadConfig } from '../../core/config';
import { createCore, type Core } from '../../core/container';
import { createLogger } from '../../core/log';
import type { PipelineService } from '../../core/pipeline';
import { UserError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import {
  DATA_DIR_OPTION,
  dataDirFrom,
  domainFrom,
  JSON_OPTION,
  passphraseFrom,
  stringFlag,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';
import { adminNameFrom, AS_OPTION, credentialsFrom, signInAs, type AdminActor } from '../admin';

const MAX_STDIN = 64 * 1024;

export interface PipelineHandle {
  core: Core;
  pipeline: PipelineService;
  /** The signed-in `--as` user the command acts as; null only when bootstrapping a store with no accounts. */
  actor: AdminActor | null;
  close(): Promise<void>;
}

/**
 * Opens the core and the same pipeline service the desk uses (store, ledger, model runtime with its
 * fallbacks, policy registry, knowledge base, tracer), through the container. Shared by `turn` and `demo`.
 */
export async function openPipeline(
  ctx: CommandContext,
  options: {
    create?: boolean;
    roles: readonly Role[];
    action: string;
    /** Without --as, allowed only on a store that has no accounts yet (the demo creates the first ones). */
    bootstrap?: boolean;
  },
): Promise<PipelineHandle> {
  const dataDir = dataDirFrom(ctx);
  const passphrase = passphraseFrom(ctx);
  const anonymous = options.bootstrap === true && stringFlag(ctx, 'as') === undefined;
  const who = anonymous ? null : await credentialsFrom(ctx);
  const log = createLogger({ level: process.env.CONFIDANT_LOG_LEVEL ?? 'warn' });
  const config = loadConfig({ dataDir, mode: 'cli' });
  const core = await createCore({ config, passphrase, log, create: options.create ?? false });
  try {
    if (who === null && core.users.count() > 0)
      throw new UsageError(
        `--as USER is required: this store has accounts, and only a user may ${options.action}.`,
      );
    const actor =
      who === null ? null : await signInAs(core.store, core.audit, who, options.roles, options.action);
    const pipeline = await core.pipeline.get();
    return { core, pipeline, actor, close: () => core.shutdown() };
  } catch (err) {
    await core.shutdown();
    throw err;
  }
}

export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_STDIN)
      throw new UserError('VALIDATION', `The message on stdin is larger than ${MAX_STDIN} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const turnCommand: Command = {
  name: 'turn',
  summary: 'Run one customer message from stdin through the full pipeline.',
  usage:
    'turn --data-dir DIR --conversation ID --as USER [--domain bank|clinic|generic] [--idempotency-key KEY] [--json]',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    ...AS_OPTION,
    conversation: { type: 'string' },
    domain: { type: 'string' },
    'idempotency-key': { type: 'string' },
  },
  async run(ctx) {
    const conversationId = stringFlag(ctx, 'conversation');
    if (!conversationId) throw new UsageError('--conversation ID is required.');
    const domain = domainFrom(ctx);
    const key = stringFlag(ctx, 'idempotency-key');
    passphraseFrom(ctx);
    adminNameFrom(ctx);
    const text = await readStdin(ctx.io.stdin);
    if (text.trim().length === 0) throw new UsageError('Write the customer message on stdin.');
    const handle = await openPipeline(ctx, { roles: ['agent', 'supervisor'], action: 'run desk turns' });
    try {
      const r = await handle.pipeline.runTurn({
        conversationId,
        text,
        ...(handle.actor ? { staffId: handle.actor.id } : {}),
        ...(domain ? { domain } : {}),
        ...(key ? { idempotencyKey: key } : {}),
      });
      const out = {
        delivered: r.delivered,
        reply: r.reply,
        escalated: r.escalated,
        reasons: r.reasons,
        degraded: r.degraded,
        auditSeq: r.auditSeq,
      };
      if (ctx.values.json) ctx.printJson(out);
      else {
        ctx.print(r.delivered ? r.reply : '(no reply delivered: the draft was blocked)');
        ctx.info(
          `delivered=${r.delivered} escalated=${r.escalated}${r.reasons.length ? ` reasons=${r.reasons.join(',')}` : ''}${r.degraded.length ? ` degraded=${r.degraded.join(',')}` : ''} auditSeq=${r.auditSeq}`,
        );
      }
      return EXIT.OK;
    } finally {
      await handle.close();
    }
  },
};
