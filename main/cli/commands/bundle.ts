import { readFileSync, statSync } from 'node:fs';
import { BUNDLE_LIMITS, verifyBundle, type BundleReport } from '../../core/bundle-verify';
import { JSON_OPTION, stringFlag, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';

function readOrReport(path: string, what: string): Buffer | BundleReport {
  try {
    if (statSync(path).size > BUNDLE_LIMITS.maxBytes)
      return { ok: false, entries: 0, problems: [`corrupt: ${what} is too large`], corrupt: true };
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return { ok: false, entries: 0, problems: [`corrupt: cannot read ${what} (${code})`], corrupt: true };
  }
}

/** Offline: needs no data folder, no passphrase, nothing but the bundle (and optionally a trusted key). */
export const bundleVerifyCommand: Command = {
  name: 'bundle verify',
  summary: 'Verify an audit bundle offline: signatures, every inclusion proof, consistency.',
  usage: 'bundle verify FILE [--trusted-key FILE] [--checkpoint FILE] [--json]',
  // --checkpoint: a checkpoint kept from an earlier bundle; the new bundle must prove it extends it.
  options: { ...JSON_OPTION, 'trusted-key': { type: 'string' }, checkpoint: { type: 'string' } },
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0) throw new UsageError('Give exactly one bundle FILE.');
    const keyPath = stringFlag(ctx, 'trusted-key');
    let report: BundleReport;
    const bytes = readOrReport(file, 'bundle');
    const key = keyPath ? readOrReport(keyPath, 'trusted key file') : undefined;
    const cpPath = stringFlag(ctx, 'checkpoint');
    const previous = cpPath ? readOrReport(cpPath, 'checkpoint file') : undefined;
    if (!Buffer.isBuffer(bytes)) report = bytes;
    else if (key !== undefined && !Buffer.isBuffer(key)) report = key;
    else if (previous !== undefined && !Buffer.isBuffer(previous)) report = previous;
    else
      report = await verifyBundle(bytes, {
        trustedKey: key?.toString('utf8').trim(),
        previousCheckpoint: previous?.toString('utf8'),
      });

    if (ctx.values.json) ctx.printJson({ ok: report.ok, entries: report.entries, problems: report.problems });
    else if (report.ok) {
      const cp = report.checkpoint;
      ctx.print(
        `Bundle valid: ${report.entries} entries included in ${cp?.origin} tree of size ${cp?.size}.`,
      );
      ctx.print(
        `Signed by: ${cp?.signers.join(', ')}${keyPath ? ' (trusted key matched)' : ' (keys from the bundle itself; pass --trusted-key to pin)'}`,
      );
    } else {
      ctx.print(`Bundle ${report.corrupt ? 'UNREADABLE' : 'INVALID'}:`);
      for (const p of report.problems) ctx.print(`  ${p}`);
    }
    if (report.ok) return EXIT.OK;
    return report.corrupt ? EXIT.CORRUPT : EXIT.CHECK_FAILED;
  },
};
