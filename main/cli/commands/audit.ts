import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { openLedger } from '../../core/audit';
import { openStore } from '../../core/store';
import { AS_OPTION, credentialsFrom, signInAs } from '../admin';
import {
  DATA_DIR_OPTION,
  dataDirFrom,
  JSON_OPTION,
  passphraseFrom,
  stringFlag,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';

function readInputFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(
      'NOT_FOUND',
      `Cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

function listFlag(ctx: CommandContext, name: string): string[] {
  const v = ctx.values[name];
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x): x is string => typeof x === 'string')) return v;
  if (typeof v === 'string') return [v];
  throw new UsageError(`--${name} needs a value.`);
}

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Recompute the hash chain and Merkle tree and check every signed checkpoint.',
  usage: 'audit verify --data-dir DIR [--checkpoint FILE]... [--trusted-key FILE] [--json]',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    // Checkpoints held outside this desk (an earlier bundle's `checkpoint`, a witness's copy).
    checkpoint: { type: 'string', multiple: true },
    'trusted-key': { type: 'string' },
  },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const passphrase = passphraseFrom(ctx);
    const knownCheckpoints = listFlag(ctx, 'checkpoint').map((p) => readInputFile(p, 'checkpoint'));
    const keyFile = stringFlag(ctx, 'trusted-key');
    const trustedKeys = keyFile ? [readInputFile(keyFile, 'key file').trim()] : [];
    const store = openStore({ dataDir, passphrase });
    let report;
    try {
      // Verification only reads: no automatic or closing checkpoint may sign what it is checking.
      const ledger = openLedger(store, { checkpointEvery: 0 });
      report = ledger.verify({ knownCheckpoints, trustedKeys });
      ledger.close();
    } finally {
      store.close();
    }
    if (ctx.values.json) {
      ctx.printJson({
        ok: report.ok,
        entries: report.entries,
        checkpoints: report.checkpoints,
        firstBad: report.firstBad,
      });
    } else if (report.ok) {
      ctx.print(`Audit ledger intact: ${report.entries} entries, ${report.checkpoints} signed checkpoints.`);
    } else {
      const first = report.firstBad;
      ctx.print(`Audit ledger DAMAGED: first bad entry ${first?.seq} (${first?.problem}).`);
      for (const p of report.problems) ctx.print(`  seq ${p.seq}: ${p.problem}: ${p.detail}`);
    }
    return report.ok ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Write a signed audit bundle (tar; add .gz to compress). Every export is itself audited.',
  usage:
    'audit export --data-dir DIR --out FILE --as USER [--from ISO] [--to ISO] [--case ID [--include-pii]] [--json]   (password: CONFIDANT_USER_PASSWORD or a prompt)',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    ...AS_OPTION,
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    case: { type: 'string' },
    'include-pii': { type: 'boolean' },
  },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const out = stringFlag(ctx, 'out');
    if (!out) throw new UsageError('--out FILE is required.');
    const caseId = stringFlag(ctx, 'case');
    const includePii = ctx.values['include-pii'] === true;
    if (includePii && !caseId) throw new UsageError('--include-pii needs --case ID.');
    const passphrase = passphraseFrom(ctx);
    const who = await credentialsFrom(ctx);
    const store = openStore({ dataDir, passphrase });
    let result;
    try {
      const ledger = openLedger(store);
      try {
        // The export (and any PII it reveals) is on the record under the signed-in officer, no one else.
        const actor = await signInAs(store, ledger, who, ['compliance', 'admin'], 'export audit bundles');
        result = await ledger.exportBundle({
          out: resolve(out),
          from: stringFlag(ctx, 'from'),
          to: stringFlag(ctx, 'to'),
          caseId,
          includePii,
          actor,
        });
      } finally {
        ledger.close();
      }
    } finally {
      store.close();
    }
    const { checkpoint: _note, ...summary } = result;
    if (ctx.values.json) ctx.printJson(summary);
    else {
      ctx.print(`Wrote ${summary.out}: ${summary.entries} entries, tree size ${summary.treeSize}.`);
      if (summary.consistencyFrom !== null)
        ctx.print(`Includes a consistency proof from size ${summary.consistencyFrom}.`);
      if (summary.piiRevealed > 0) ctx.print(`Revealed PII of ${summary.piiRevealed} entries (audited).`);
    }
    return EXIT.OK;
  },
};
