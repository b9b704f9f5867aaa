import { readFileSync, statSync } from 'node:fs';
import { BUNDLE_LIMITS, verifyBundle, type BundleReport } from '../../core/bundle-verify';
import { JSON_OPTION, stringFlag, UsageError, type Command, type CommandContext } from '../command';
import { EXIT } from '../exit-codes';

/** Key and checkpoint files are a few hundred bytes; anything bigger is not one. */
const MAX_SIDE_FILE = 1024 * 1024;

function readSmall(path: string, what: string): Buffer | BundleReport {
  const fail = (why: string): BundleReport => ({
    ok: false,
    entries: 0,
    problems: [`corrupt: ${why}`],
    corrupt: true,
    anchor: 'none',
  });
  try {
    if (statSync(path).size > MAX_SIDE_FILE) return fail(`${what} is too large`);
    return readFileSync(path);
  } catch (err) {
    return fail(`cannot read ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** `512MiB`, `2G`, `1000000`: a size in bytes for the limit options. */
export function parseSize(ctx: CommandContext, name: string): number | undefined {
  const text = stringFlag(ctx, name);
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(|k|m|g|t)(?:i?b)?$/iu.exec(text.trim());
  const scale = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[(m?.[2] ?? '').toLowerCase()];
  const bytes = m && scale ? Math.floor(Number(m[1]) * scale) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new UsageError(`--${name} needs a size such as 2GiB or 1000000.`);
  return bytes;
}

const ANCHOR_TEXT: Record<BundleReport['anchor'], string> = {
  'trusted-key': 'Anchor: trusted-key (the desk key you pinned with --trusted-key)',
  checkpoint: 'Anchor: checkpoint (consistent with the earlier checkpoint you kept)',
  none: 'Anchor: none (only keys carried inside the bundle: anyone can make such a bundle; pin the desk key with --trusted-key or pass an earlier --checkpoint)',
};

/** Offline: needs no data folder, no passphrase, nothing but the bundle (and optionally a trusted key). */
export const bundleVerifyCommand: Command = {
  name: 'bundle verify',
  summary: 'Verify an audit bundle offline: signatures, every inclusion proof, consistency.',
  usage:
    'bundle verify FILE [--trusted-key FILE] [--checkpoint FILE] [--max-bytes SIZE] [--max-member-bytes SIZE] [--json]',
  // --checkpoint: a checkpoint kept from an earlier bundle; the new bundle must prove it extends it.
  options: {
    ...JSON_OPTION,
    'trusted-key': { type: 'string' },
    checkpoint: { type: 'string' },
    'max-bytes': { type: 'string' },
    'max-member-bytes': { type: 'string' },
  },
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0) throw new UsageError('Give exactly one bundle FILE.');
    const maxExpandedBytes = parseSize(ctx, 'max-bytes') ?? BUNDLE_LIMITS.maxExpandedBytes;
    const maxMemberBytes = parseSize(ctx, 'max-member-bytes') ?? BUNDLE_LIMITS.maxMemberBytes;
    const keyPath = stringFlag(ctx, 'trusted-key');
    const cpPath = stringFlag(ctx, 'checkpoint');
    const key = keyPath ? readSmall(keyPath, 'trusted key file') : undefined;
    const previous = cpPath ? readSmall(cpPath, 'checkpoint file') : undefined;
    let report: BundleReport;
    if (key !== undefined && !Buffer.isBuffer(key)) report = key;
    else if (previous !== undefined && !Buffer.isBuffer(previous)) report = previous;
    else
      report = await verifyBundle(
        { path: file },
        {
          trustedKey: key?.toString('utf8').trim(),
          previousCheckpoint: previous?.toString('utf8'),
          limits: { maxExpandedBytes, maxMemberBytes: Math.min(maxMemberBytes, maxExpandedBytes) },
        },
      );

    if (ctx.values.json)
      ctx.printJson({
        ok: report.ok,
        entries: report.entries,
        anchor: report.anchor,
        problems: report.problems,
      });
    else {
      ctx.print(ANCHOR_TEXT[report.anchor]);
      if (report.ok) {
        const cp = report.checkpoint;
        ctx.print(
          `Bundle valid: ${report.entries} entries included in ${cp?.origin} tree of size ${cp?.size}.`,
        );
        ctx.print(`Signed by: ${cp?.signers.join(', ')}`);
      } else {
        ctx.print(`Bundle ${report.corrupt ? 'UNREADABLE' : 'INVALID'}:`);
        for (const p of report.problems) ctx.print(`  ${p}`);
      }
    }
    if (report.ok) return EXIT.OK;
    return report.corrupt ? EXIT.CORRUPT : EXIT.CHECK_FAILED;
  },
};
