/**
 * Staff roles: a closed set shared by main (authorisation, audit actors) and renderer (navigation).
 * The users table enforces the same set with a CHECK constraint (migration 011).
 */
export const ROLES = ['admin', 'agent', 'supervisor', 'compliance'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
