import { UserError } from '../../../shared/errors';
import { isRole, type Role } from '../../../shared/roles';
import { createAccounts, openUserDirectory, type User } from '../../core/users';
import { AS_OPTION, secretFrom, withLedgerStore } from '../admin';
import {
  DATA_DIR_OPTION,
  JSON_OPTION,
  stringFlag,
  UsageError,
  type Command,
  type CommandContext,
} from '../command';
import { EXIT } from '../exit-codes';

const NEW_PASSWORD_ENV = 'CONFIDANT_NEW_PASSWORD';

const view = (u: User) => ({ id: u.id, name: u.name, role: u.role, disabled: u.disabled, locked: u.locked });

function roleFrom(ctx: CommandContext): Role {
  const role = stringFlag(ctx, 'role');
  if (!role || !isRole(role)) throw new UsageError('--role must be agent, supervisor, compliance or admin.');
  return role;
}

function nameArg(ctx: CommandContext): string {
  const [name, ...rest] = ctx.positionals;
  if (!name || rest.length > 0) throw new UsageError('Give exactly one user NAME.');
  return name;
}

type Action = 'add' | 'list' | 'passwd' | 'role' | 'disable' | 'enable' | 'unlock';

/**
 * Account management for admins, signed in with `--as ADMIN` and their own password. New passwords come
 * from CONFIDANT_NEW_PASSWORD or a prompt, never a flag. Every change is audited by the user directory.
 */
function usersCommand(action: Action): Command {
  const needsName = action !== 'list';
  return {
    name: `users ${action}`,
    summary:
      action === 'list'
        ? 'List staff accounts (admin).'
        : `${action[0]?.toUpperCase()}${action.slice(1)} a staff account (admin, audited).`,
    usage: `users ${action}${needsName ? ' NAME' : ''} --data-dir DIR --as ADMIN${action === 'add' || action === 'role' ? ' --role R' : ''} [--json]`,
    options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION, role: { type: 'string' } },
    allowPositionals: needsName,
    async run(ctx) {
      const name = needsName ? nameArg(ctx) : null;
      const role = action === 'add' || action === 'role' ? roleFrom(ctx) : null;
      const password =
        action === 'add' || action === 'passwd'
          ? await secretFrom(ctx, NEW_PASSWORD_ENV, `New password for ${name ?? ''}: `)
          : null;
      const result = await withLedgerStore(ctx, 'manage accounts', async (store, ledger, actor) => {
        if (!actor) throw new UserError('UNAUTHORIZED', 'Not signed in.');
        const users = openUserDirectory(store, { audit: ledger });
        const accounts = createAccounts(users, { audit: ledger });
        if (action === 'list') return { users: users.list().map(view) };
        if (action === 'add')
          return view(
            await accounts.add(
              { name: name as string, role: role as Role, password: password as string },
              actor,
            ),
          );
        const user = users.findByName(name as string);
        if (!user) throw new UserError('NOT_FOUND', 'No such user.');
        switch (action) {
          case 'passwd':
            await accounts.setPassword(user.id, password as string, actor);
            return view(users.get(user.id) as User);
          case 'role':
            return view(users.setRole(user.id, role as Role, actor));
          case 'disable':
            return view(users.setDisabled(user.id, true, actor));
          case 'enable':
            return view(users.setDisabled(user.id, false, actor));
          case 'unlock':
            return view(users.unlock(user.id, actor));
        }
      });
      if (ctx.values.json) ctx.printJson(result);
      else if ('users' in result)
        for (const u of result.users)
          ctx.print(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}${u.locked ? '\tlocked' : ''}`);
      else
        ctx.print(
          `${result.name}: ${result.role}${result.disabled ? ', disabled' : ''}${result.locked ? ', locked' : ''}`,
        );
      return EXIT.OK;
    },
  };
}

// One named export per command: the compiled CLI (scripts/build-cli.mjs) finds each command by its export.
export const usersAddCommand = usersCommand('add');
export const usersListCommand = usersCommand('list');
export const usersPasswdCommand = usersCommand('passwd');
export const usersRoleCommand = usersCommand('role');
export const usersDisableCommand = usersCommand('disable');
export const usersEnableCommand = usersCommand('enable');
export const usersUnlockCommand = usersCommand('unlock');
