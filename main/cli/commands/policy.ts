import { resolve } from 'node:path';
import {
  DOMAINS,
  loadPackFile,
  openPolicyRegistry,
  packHash,
  type PolicyActor,
  type PolicyDomain,
  type PolicyRegistry,
} from '../../core/policy';
import { withLedgerStore } from '../admin';
import {
  DATA_DIR_OPTION,
  domainFrom,
  JSON_OPTION,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';

function fileArg(ctx: CommandContext): string {
  const [file, ...rest] = ctx.positionals;
  if (!file || rest.length > 0) throw new UsageError('Give exactly one policy pack file.');
  return resolve(file);
}

/** Opens store, ledger and registry; `as` must name an enabled admin (activation is an admin action). */
function withRegistry<T>(
  ctx: CommandContext,
  needAdmin: boolean,
  fn: (registry: PolicyRegistry, actor: PolicyActor | null) => T,
): Promise<T> {
  return withLedgerStore(
    ctx,
    needAdmin ? 'activate or roll back a policy pack' : null,
    (store, ledger, actor) => fn(openPolicyRegistry(store, ledger), actor),
  );
}

function describeActive(registry: PolicyRegistry, domain: PolicyDomain) {
  const a = registry.activeInfo(domain);
  return { domain, id: a.pack.id, version: a.pack.version, hash: a.hash, source: a.source };
}

export const policyValidateCommand: Command = {
  name: 'policy validate',
  summary: 'Check a policy pack file (schema, graph, patterns) without activating it.',
  usage: 'policy validate FILE [--json]',
  options: { ...JSON_OPTION },
  allowPositionals: true,
  async run(ctx) {
    const pack = loadPackFile(fileArg(ctx));
    const out = { ok: true, id: pack.id, domain: pack.domain, version: pack.version, hash: packHash(pack) };
    if (ctx.values.json) ctx.printJson(out);
    else ctx.print(`valid: ${out.id}@${out.version} (${out.domain}) ${out.hash}`);
    return EXIT.OK;
  },
};

export const policyStatusCommand: Command = {
  name: 'policy status',
  summary: 'Show the active policy pack per domain, and the activation history of one domain.',
  usage: 'policy status --data-dir DIR [--domain D] [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, domain: { type: 'string' } },
  async run(ctx) {
    const only = domainFrom(ctx) ?? null;
    const out = await withRegistry(ctx, false, (registry) => ({
      active: (only ? [only] : [...DOMAINS]).map((d) => describeActive(registry, d)),
      history: only ? registry.history(only) : undefined,
    }));
    if (ctx.values.json) ctx.printJson(out);
    else {
      for (const a of out.active) ctx.print(`${a.domain}: ${a.id}@${a.version} (${a.source}) ${a.hash}`);
      for (const h of out.history ?? [])
        ctx.print(`  #${h.seq} ${h.at} ${h.action} -> ${h.packId}@${h.version}`);
    }
    return EXIT.OK;
  },
};

export const policyActivateCommand: Command = {
  name: 'policy activate',
  summary: 'Validate and activate a policy pack (an audited admin action).',
  usage: 'policy activate FILE --data-dir DIR --as ADMIN [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, as: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    // Validate before opening anything: a malformed pack is rejected and nothing changes.
    const pack = loadPackFile(fileArg(ctx));
    const out = await withRegistry(ctx, true, (registry, actor) => {
      const previous = describeActive(registry, pack.domain);
      registry.activate(pack, actor as PolicyActor);
      return { ok: true, previous, active: describeActive(registry, pack.domain) };
    });
    if (ctx.values.json) ctx.printJson(out);
    else ctx.print(`activated ${out.active.id}@${out.active.version} for ${out.active.domain}`);
    return EXIT.OK;
  },
};

export const policyRollbackCommand: Command = {
  name: 'policy rollback',
  summary: 'Return a domain to the policy pack active before the latest activation (audited).',
  usage: 'policy rollback --data-dir DIR --domain D --as ADMIN [--json]',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, domain: { type: 'string' }, as: { type: 'string' } },
  async run(ctx) {
    const domain = domainFrom(ctx, true);
    const out = await withRegistry(ctx, true, (registry, actor) => {
      const from = describeActive(registry, domain);
      registry.rollback(domain, actor as PolicyActor);
      return { ok: true, from, active: describeActive(registry, domain) };
    });
    if (ctx.values.json) ctx.printJson(out);
    else ctx.print(`rolled back ${domain} to ${out.active.id}@${out.active.version} (${out.active.source})`);
    return EXIT.OK;
  },
};
