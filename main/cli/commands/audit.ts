import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { openLedger, type VerifyReport } from '../../core/audit';
import { verifyHeldCosignatures } from '../../core/lan';
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
import { checkOutputFile } from '../output-path';

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
    let report: VerifyReport;
    try {
      // Verification only reads: no automatic or closing checkpoint may sign what it is checking, and a
      // ledger behind its checkpoint kept outside the database is reported (rolled_back), not refused.
      const ledger = openLedger(store, { checkpointEvery: 0, rollbackCheck: 'report' });
      report = ledger.verify({ knownCheckpoints, trustedKeys });
      // Co-signatures a supervisor desk gave this ledger over the LAN (docs/LAN.md, "Witnessing").
      const witnessed = verifyHeldCosignatures(store, ledger);
      ledger.close();
      if (witnessed.problems.length > 0) {
        const problems = witnessed.problems.map((p) => ({
          seq: Math.min(p.size, report.entries),
          problem:
            p.problem === 'ledger-behind-cosigned'
              ? ('truncated_tail' as const)
              : ('forged_checkpoint' as const),
          detail: `co-signed checkpoint of size ${p.size}: ${p.problem}`,
        }));
        report = {
          ...report,
          ok: false,
          firstBad: report.firstBad ?? problems[0]!,
          problems: [...report.problems, ...problems],
        };
      }
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
    checkOutputFile(out);
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

/**
 * After a detected rollback (exit 4 on open, `rolled_back` in audit verify) an admin accepts the ledger
 * as it now is. The acknowledgement is an audit entry recording what was lost (sizes, the lost root);
 * then a new checkpoint is signed and the copies kept outside the database are replaced.
 */
export const auditAcknowledgeRollbackCommand: Command = {
  name: 'audit acknowledge-rollback',
  summary: 'Accept a ledger that came back behind its last signed checkpoint (audited).',
  usage:
    'audit acknowledge-rollback --data-dir DIR --as ADMIN [--json]   (password: CONFIDANT_USER_PASSWORD or a prompt)',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const passphrase = passphraseFrom(ctx);
    const who = await credentialsFrom(ctx);
    const store = openStore({ dataDir, passphrase });
    let finding;
    try {
      const ledger = openLedger(store, { rollbackCheck: 'report' });
      try {
        const actor = await signInAs(store, ledger, who, ['admin'], 'acknowledge a ledger rollback');
        finding = ledger.acknowledgeRollback(actor);
      } finally {
        ledger.close();
      }
    } finally {
      store.close();
    }
    if (ctx.values.json) ctx.printJson({ ok: true, acknowledged: finding });
    else if (!finding) ctx.print('Nothing to acknowledge: the ledger matches its last signed checkpoint.');
    else
      ctx.print(
        `Acknowledged (audited): the ledger has ${finding.ledgerSize} entries; the checkpoint kept in the ${finding.where} covered ${finding.recordedSize} (${finding.problem}).`,
      );
    return EXIT.OK;
  },
};
