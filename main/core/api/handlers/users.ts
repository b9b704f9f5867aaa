import type { StaffUser } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import type { Core } from '../../container';

export function usersHandlers(core: Core) {
  return {
    'users.list': ({ role }: { role?: Role }): StaffUser[] =>
      core.users
        .list()
        .filter((u) => role === undefined || u.role === role)
        .map((u) => ({ id: u.id, name: u.name, role: u.role, disabled: u.disabled })),
  };
}
