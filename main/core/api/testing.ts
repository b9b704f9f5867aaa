/** Test-only: signed-in sessions for each role over a real core, and a caller bound to each. */
import type { Result } from '../../../shared/result';
import { ROLES, type Role } from '../../../shared/roles';
import { ledgerEntries } from '../audit';
import type { Core } from '../container';
import type { User } from '../users';
import type { CallContext, DispatcherOptions } from './dispatch';
import { createCoreDispatcher } from './index';

export const TEST_PASSWORD = 'correct horse battery staple';

export type Caller = (name: string, input?: unknown) => Promise<Result<unknown>>;

export interface StaffSession {
  user: User;
  token: string;
  call: Caller;
}

/** A caller that holds whatever session sign-in gives it, as a browser tab holds its cookie. */
export function sessionCaller(
  dispatch: (name: string, input: unknown, ctx: CallContext) => Promise<Result<unknown>>,
  token: string | undefined,
): Caller & { token(): string | undefined } {
  let current = token;
  const call = (name: string, input: unknown = {}) =>
    dispatch(name, input, {
      transport: 'test',
      sessionToken: current,
      setSession: (next) => {
        current = next ?? undefined;
      },
    });
  return Object.assign(call, { token: () => current });
}

/**
 * Creates one user per role (name `<role>-<suffix>`, password TEST_PASSWORD) and a session for each,
 * without the scrypt cost of a sign-in per test.
 */
export async function staffSessions(
  core: Core,
  options: DispatcherOptions & { suffix?: string; roles?: readonly Role[] } = {},
): Promise<Record<Role, StaffSession> & { dispatch: ReturnType<typeof createCoreDispatcher> }> {
  const dispatch = createCoreDispatcher(core, options);
  const out = {} as Record<Role, StaffSession>;
  for (const role of options.roles ?? ROLES) {
    const name = `${role}-${options.suffix ?? 'one'}`;
    const user =
      core.users.findByName(name) ??
      (await core.accounts.add(
        { name, role, password: TEST_PASSWORD },
        { kind: 'system', id: 'test', role: 'system' },
      ));
    const { token } = core.sessions.create(user.id);
    out[role] = { user, token, call: sessionCaller(dispatch, token) };
  }
  return Object.assign(out, { dispatch });
}

export interface LedgerEntry {
  type: string;
  actor: { kind: string; id: string; role: string };
  payload: Record<string, unknown>;
}

/** The ledger's entries as stored (leaves are canonical JSON), optionally of one type. */
export function auditEntries(core: Core, type?: string): LedgerEntry[] {
  core.audit.flush();
  return ledgerEntries(core.store).filter((e) => type === undefined || e.type === type);
}
