import type { StaffUser } from '../../../../shared/contract';
import { UserError } from '../../../../shared/errors';
import type { Role } from '../../../../shared/roles';
import type { Core } from '../../container';
import type { User } from '../../users';
import { actorOf, type HandlerContext } from '../dispatch';

const view = (u: User): StaffUser => ({
  id: u.id,
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  locked: u.locked,
  hasPassword: u.hasPassword,
});

/** Account management: admin only (the contract's access list), every change audited by the directory. */
export function usersHandlers(core: Core) {
  const target = (name: string): User => {
    const user = core.users.findByName(name);
    if (!user) throw new UserError('NOT_FOUND', 'No such user.');
    return user;
  };
  const ledgerActor = (ctx: HandlerContext) => {
    const { id, role } = actorOf(ctx);
    return { kind: 'user' as const, id, role };
  };
  return {
    'users.list': ({ role }: { role?: Role }) =>
      core.users
        .list()
        .filter((u) => role === undefined || u.role === role)
        .map(view),
    'users.add': async (input: { name: string; role: Role; password: string }, ctx: HandlerContext) =>
      view(await core.accounts.add(input, ledgerActor(ctx))),
    'users.set_role': ({ name, role }: { name: string; role: Role }, ctx: HandlerContext) => {
      const user = core.users.setRole(target(name).id, role, ledgerActor(ctx));
      // A session carries no role of its own (the dispatcher reads it per call), but make them sign in again.
      core.sessions.endAllFor(user.id);
      return view(user);
    },
    'users.set_password': async (
      { name, password }: { name: string; password: string },
      ctx: HandlerContext,
    ) => {
      const user = target(name);
      await core.accounts.setPassword(user.id, password, ledgerActor(ctx));
      core.sessions.endAllFor(user.id);
      return view(core.users.get(user.id) as User);
    },
    'users.disable': ({ name, disabled }: { name: string; disabled: boolean }, ctx: HandlerContext) => {
      const user = core.users.setDisabled(target(name).id, disabled, ledgerActor(ctx));
      if (disabled) core.sessions.endAllFor(user.id);
      return view(user);
    },
    'users.unlock': ({ name }: { name: string }, ctx: HandlerContext) =>
      view(core.users.unlock(target(name).id, ledgerActor(ctx))),
  };
}
