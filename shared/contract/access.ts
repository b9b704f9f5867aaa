import { ROLES, type Role } from '../roles';

/**
 * Who may call a procedure: `public` needs no session (only signing in), otherwise the roles listed.
 * Every procedure declares one; the dispatcher checks it against the session's user before any handler.
 */
export type Access = 'public' | readonly Role[];

export const ANY_ROLE: readonly Role[] = ROLES;
export const STAFF_DESK: readonly Role[] = ['agent', 'supervisor'];
export const QUEUE: readonly Role[] = ['supervisor', 'admin'];
export const OVERSIGHT: readonly Role[] = ['compliance', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];

export function allows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
