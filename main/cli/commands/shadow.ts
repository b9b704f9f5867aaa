import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { AuditActor } from '../../core/audit';
import { DOMAINS, loadPackFile, openPolicyRegistry, type PolicyRegistry } from '../../core/policy';
import { shadowStore, type ShadowStore } from '../../core/pipeline';
import { withLedgerStore, type AdminActor } from '../admin';
import {
  DATA_DIR_OPTION,
  domainFrom,
  JSON_OPTION,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';

/** `id@version` names a pack the registry already holds (activated earlier); anything else is a file. */
const PACK_REF = /^([a-z][a-z0-9_.-]{0,63})@([0-9A-Za-z.+-]{1,140})$/;

function withShadow<T>(
  ctx: CommandContext,
  needAdmin: boolean,
  fn: (shadow: ShadowStore, actor: AdminActor | null, policies: () => PolicyRegistry) => T,
): Promise<T> {
  return withLedgerStore(
    ctx,
    needAdmin ? 'stage or clear a shadow candidate' : null,
    (store, ledger, actor) =>
      fn(shadowStore({ store, audit: ledger }), actor, () => openPolicyRegistry(store, ledger)),
  );
}

export const policyShadowCommand: Command = {
  name: 'policy shadow',
  summary: 'Stage a candidate policy pack for shadow runs (FILE or ID@VERSION), or clear it (audited).',
  usage: 'policy shadow (FILE | ID@VERSION | --clear --domain D) --data-dir DIR --as ADMIN [--json]',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    as: { type: 'string' },
    domain: { type: 'string' },
    clear: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx) {
    if (ctx.values.clear) {
      if (ctx.positionals.length > 0) throw new UsageError('--clear takes no pack.');
      const domain = domainFrom(ctx, true);
      const cleared = await withShadow(ctx, true, (shadow, actor) =>
        shadow.clear(domain, actor as AuditActor),
      );
      if (ctx.values.json) ctx.printJson({ ok: true, domain, cleared });
      else
        ctx.print(
          cleared ? `cleared the shadow candidate for ${domain}` : `no shadow candidate for ${domain}`,
        );
      return EXIT.OK;
    }
    const [ref, ...rest] = ctx.positionals;
    if (!ref || rest.length > 0) throw new UsageError('Give exactly one policy pack: a FILE or ID@VERSION.');
    const named = PACK_REF.exec(ref);
    // A file is validated before the store is opened: a malformed pack changes nothing.
    const fromFile = named ? null : loadPackFile(resolve(ref));
    const staged = await withShadow(ctx, true, (shadow, actor, policies) => {
      let pack: unknown = fromFile;
      if (named) {
        // The policy registry owns policy_packs: the CLI asks it, as the app does.
        pack = policies().byIdVersion(named[1] as string, named[2] as string);
        if (!pack)
          throw new UserError('NOT_FOUND', `No registered policy pack ${ref}; give its file instead.`);
      }
      return shadow.stage(pack, actor as AuditActor);
    });
    if (ctx.values.json) ctx.printJson({ ok: true, staged });
    else
      ctx.print(
        `staged ${staged.packId}@${staged.version} as the ${staged.domain} shadow candidate (${staged.hash}); turns are replayed when the shadowRuns flag is on`,
      );
    return EXIT.OK;
  },
};

export const policyShadowReportCommand: Command = {
  name: 'policy shadow-report',
  summary: 'Agreement of the staged shadow candidate(s) with the live policy, from recorded shadow runs.',
  usage: 'policy shadow-report --data-dir DIR [--domain D] [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, domain: { type: 'string' } },
  async run(ctx) {
    const only = domainFrom(ctx);
    const reports = await withShadow(ctx, false, (shadow) =>
      (only ? [only] : [...DOMAINS]).map((domain) => shadow.report({ domain })),
    );
    if (ctx.values.json) ctx.printJson({ reports });
    else
      for (const r of reports) {
        if (!r.candidate) {
          ctx.print(`${r.domain}: no shadow candidate staged`);
          continue;
        }
        const rate = r.agreementRate === null ? 'n/a' : `${(r.agreementRate * 100).toFixed(1)}%`;
        ctx.print(
          `${r.domain}: ${r.candidate.packId}@${r.candidate.version} runs=${r.runs} agreed=${r.agreed} agreement=${rate}`,
        );
        for (const [field, n] of Object.entries(r.differences)) ctx.print(`  differs on ${field}: ${n}`);
      }
    return EXIT.OK;
  },
};
