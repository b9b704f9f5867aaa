import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { openLedger } from '../../core/audit';
import { erasedSubjects } from '../../core/retention';
import { KEYRING_EXPORT_FORMAT, openStore, type Store } from '../../core/store';
import { AS_OPTION, credentialsFrom, requireUser, type AdminActor } from '../admin';
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

export const RECOVERY_PASSPHRASE_ENV = 'CONFIDANT_RECOVERY_PASSPHRASE';

/** Environment only, like the store passphrase: never a flag (shell history, `ps`). Missing: exit 3. */
function recoveryPassphraseFrom(ctx: CommandContext): string {
  const value = ctx.io.env[RECOVERY_PASSPHRASE_ENV];
  if (!value) throw new UserError('KEY_ERROR', `No recovery passphrase: set ${RECOVERY_PASSPHRASE_ENV}.`);
  return value;
}

/** One ledger entry per export/import, by the admin named with `--as`; counts only, no subject or key id. */
function audit(
  store: Store,
  actor: AdminActor,
  type: 'keyring.exported' | 'keyring.imported',
  payload: Record<string, string | number>,
): number {
  const ledger = openLedger(store, { checkpointEvery: 0 });
  try {
    return ledger.append({
      type,
      actor,
      subject: null,
      payload: { format: KEYRING_EXPORT_FORMAT, ...payload },
    }).seq;
  } finally {
    ledger.close();
  }
}

export const keyringExportCommand: Command = {
  name: 'keyring export',
  summary: 'Write the subject keys and shred log, sealed under a recovery passphrase, for disaster recovery.',
  usage:
    'keyring export --data-dir DIR --out FILE --as ADMIN [--json]   (recovery passphrase: CONFIDANT_RECOVERY_PASSPHRASE)',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION, out: { type: 'string' } },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const out = stringFlag(ctx, 'out');
    if (!out) throw new UsageError('--out FILE is required.');
    checkOutputFile(out);
    const recoveryPassphrase = recoveryPassphraseFrom(ctx);
    const passphrase = passphraseFrom(ctx);
    const who = await credentialsFrom(ctx);
    const store = openStore({ dataDir, passphrase });
    let info;
    let auditSeq;
    try {
      const actor = await requireUser(store, who, ['admin'], 'export the keyring');
      info = store.exportKeyring(resolve(out), { recoveryPassphrase });
      auditSeq = audit(store, actor, 'keyring.exported', {
        keys: info.keys,
        shredRecords: info.shredRecords,
      });
    } finally {
      store.close();
    }
    const summary = { ...info, auditSeq };
    if (ctx.values.json) ctx.printJson(summary);
    else {
      ctx.print(`Wrote ${info.file}: ${info.keys} subject keys, ${info.shredRecords} shred records.`);
      ctx.print('It is as sensitive as the keyring: keep it offline; re-export after erasures.');
    }
    return EXIT.OK;
  },
};

export const keyringImportCommand: Command = {
  name: 'keyring import',
  summary: 'Import a keyring export; never for an erased or shredded customer, never over a different key.',
  usage:
    'keyring import FILE --data-dir DIR --as ADMIN [--allow-foreign-store] [--json]   (recovery passphrase: CONFIDANT_RECOVERY_PASSPHRASE)',
  options: {
    ...DATA_DIR_OPTION,
    ...JSON_OPTION,
    ...AS_OPTION,
    'allow-foreign-store': { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx) {
    const [file, ...extra] = ctx.positionals;
    if (!file || extra.length > 0) throw new UsageError('Give exactly one keyring export FILE.');
    const dataDir = dataDirFrom(ctx);
    const recoveryPassphrase = recoveryPassphraseFrom(ctx);
    const passphrase = passphraseFrom(ctx);
    const who = await credentialsFrom(ctx);
    const store = openStore({ dataDir, passphrase });
    let report;
    let auditSeq;
    try {
      const actor = await requireUser(store, who, ['admin'], 'import a keyring export');
      report = store.importKeyring(resolve(file), {
        recoveryPassphrase,
        allowForeignStore: ctx.values['allow-foreign-store'] === true,
        erased: erasedSubjects(store),
      });
      const { storeId: _s, exportCreatedAt, ...counts } = report;
      auditSeq = audit(store, actor, 'keyring.imported', { exportCreatedAt, ...counts });
    } finally {
      store.close();
    }
    const summary = { ...report, auditSeq };
    if (ctx.values.json) ctx.printJson(summary);
    else {
      ctx.print(
        `Imported ${report.imported} subject keys (${report.alreadyPresent} already present); ` +
          `skipped ${report.skippedShredded} shredded and ${report.skippedErased} erased; ` +
          `${report.conflicts} conflicts left untouched.`,
      );
      if (report.shredRecordsMerged > 0)
        ctx.print(`Merged ${report.shredRecordsMerged} erasure records into the shred log.`);
    }
    return EXIT.OK;
  },
};
