import { loadConfig } from '../../core/config';
import { createCore, storeExists } from '../../core/container';
import { createLogger } from '../../core/log';
import { checkPasswordRules, normaliseUserName } from '../../core/users';
import { secretFrom, USER_PASSWORD_ENV } from '../admin';
import {
  DATA_DIR_OPTION,
  dataDirFrom,
  JSON_OPTION,
  passphraseFrom,
  stringFlag,
  type Command,
} from '../command';
import { EXIT } from '../exit-codes';
import { checkDataFolder } from '../output-path';

export interface InitReport {
  dataDir: string;
  created: boolean;
  schemaVersion: number;
  admin: { id: string; name: string; created: boolean; passwordSet: boolean } | null;
}

/**
 * Idempotent: the same command run twice changes nothing the second time and says so. Everything that
 * can be refused (passphrase, admin name) is checked before the first byte is written.
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'Create an encrypted store (no-op if one exists); optionally its first admin.',
  usage:
    'init --data-dir DIR [--role-admin NAME] [--json]   (the admin password: CONFIDANT_USER_PASSWORD or a prompt)',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, 'role-admin': { type: 'string' } },
  async run(ctx) {
    const dataDir = dataDirFrom(ctx);
    const passphrase = passphraseFrom(ctx);
    checkDataFolder(dataDir);
    const rawAdmin = stringFlag(ctx, 'role-admin');
    const adminName = rawAdmin === undefined ? undefined : normaliseUserName(rawAdmin);
    const password =
      adminName === undefined
        ? undefined
        : await secretFrom(ctx, USER_PASSWORD_ENV, `Password for the admin ${adminName}: `);
    if (password !== undefined) checkPasswordRules(password);

    const existed = storeExists(dataDir);
    const core = await createCore({
      config: loadConfig({ dataDir, mode: 'cli' }),
      passphrase,
      create: !existed,
      log: createLogger({ level: process.env.CONFIDANT_LOG_LEVEL ?? 'warn' }),
    });
    let report: InitReport;
    try {
      let admin: InitReport['admin'] = null;
      if (adminName !== undefined && password !== undefined) {
        const found = core.users.findByName(adminName);
        const system = { kind: 'system' as const, id: 'init', role: 'system' };
        if (found && found.role !== 'admin') {
          // Silently promoting an existing agent would be a privilege change nobody asked for.
          ctx.info(`confidant init: user '${found.name}' exists with role ${found.role}; not changed.`);
          admin = { id: found.id, name: found.name, created: false, passwordSet: false };
        } else if (found && !found.hasPassword) {
          // A store from before accounts: its admin gets a first password here, once; then they manage the rest.
          await core.accounts.setPassword(found.id, password, system);
          admin = { id: found.id, name: found.name, created: false, passwordSet: true };
        } else if (found) {
          admin = { id: found.id, name: found.name, created: false, passwordSet: false };
        } else {
          const user = await core.accounts.add({ name: adminName, role: 'admin', password }, system);
          admin = { id: user.id, name: user.name, created: true, passwordSet: true };
        }
      }
      report = { dataDir, created: !existed, schemaVersion: core.store.schemaVersion(), admin };
    } finally {
      await core.shutdown();
    }

    if (ctx.values.json) {
      ctx.printJson(report);
      return EXIT.OK;
    }
    ctx.print(
      report.created
        ? `Created an encrypted store in ${dataDir} (schema v${report.schemaVersion}).`
        : `A store already exists in ${dataDir}; nothing to create (no-op).`,
    );
    if (report.admin) {
      ctx.print(
        report.admin.created
          ? `Created admin user '${report.admin.name}'.`
          : report.admin.passwordSet
            ? `User '${report.admin.name}' had no password; set it.`
            : `User '${report.admin.name}' already exists; unchanged.`,
      );
    }
    return EXIT.OK;
  },
};
