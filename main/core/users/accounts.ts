import { UserError } from '../../../shared/errors';
import { isRole, type Role } from '../../../shared/roles';
import { checkPasswordRules, checkPinRules, hashSecret, verifySecret } from './password';
import type { User, UserActor, UserAuditSink, UserDirectory } from './users';

/**
 * Failed sign-ins back off, then lock the account (docs/ACCOUNTS.md). The first failures cost nothing, so
 * a typo is not punished; from the third, the next attempt waits 1, 2, ... seconds; the fifth locks the
 * account for LOCK_MINUTES or until an admin unlocks it. Attempts during a back-off are refused unchecked.
 */
export const SIGN_IN_POLICY = { freeFailures: 2, lockAfter: 5, lockMinutes: 15, maxBackoffSeconds: 30 };

/** One line each; a wrong name and a wrong password read the same so names cannot be probed. */
const WRONG = 'Wrong user name or password.';

/** A hash of a throwaway secret, so an unknown name costs the same scrypt work as a known one. */
let decoy: Promise<string> | null = null;

export interface Accounts {
  /** Checks name and password; audits auth.sign_in, auth.sign_in_failed and auth.locked. */
  signIn(name: string, password: string): Promise<User>;
  /** The PIN (or, without one, the password) of a signed-in user: the idle lock's key. */
  verifyUnlock(userId: string, secret: { pin?: string; password?: string }): Promise<boolean>;
  add(input: { name: string; role: Role; password: string }, actor: UserActor): Promise<User>;
  setPassword(userId: string, password: string, actor: UserActor): Promise<void>;
  setPin(userId: string, pin: string | null): Promise<void>;
}

export function createAccounts(
  users: UserDirectory,
  options: { audit?: UserAuditSink; now?: () => Date } = {},
): Accounts {
  const now = options.now ?? (() => new Date());
  const audit = options.audit;
  const system: UserActor = { kind: 'system', id: 'system', role: 'system' };

  function backoffSeconds(failures: number): number {
    if (failures <= SIGN_IN_POLICY.freeFailures) return 0;
    return Math.min(2 ** (failures - SIGN_IN_POLICY.freeFailures - 1), SIGN_IN_POLICY.maxBackoffSeconds);
  }

  return {
    async signIn(name, password) {
      const user = users.findByName(name);
      const creds = user ? users.credentials(user.id) : null;
      if (!user || !creds?.passwordHash) {
        decoy ??= hashSecret('decoy-password-never-used');
        await verifySecret(password, await decoy);
        // An account from before sign-in existed: say what to do rather than "wrong password".
        if (user && !creds?.passwordHash && !user.disabled)
          throw new UserError('UNAUTHORIZED', 'This account has no password yet; ask an admin to set one.');
        throw new UserError('UNAUTHORIZED', WRONG);
      }
      const at = now();
      const actor: UserActor = { kind: 'user', id: user.id, role: user.role };
      if (creds.lockedUntil && creds.lockedUntil > at.toISOString())
        throw new UserError(
          'UNAUTHORIZED',
          'This account is locked after repeated failed sign-ins; try later or ask an admin to unlock it.',
        );
      const wait = backoffSeconds(creds.failedAttempts);
      if (wait > 0 && creds.lastFailedAt && Date.parse(creds.lastFailedAt) + wait * 1000 > at.getTime())
        throw new UserError('UNAUTHORIZED', `Too many failed sign-ins; wait ${wait} s and try again.`);
      if (!(await verifySecret(password, creds.passwordHash))) {
        const failures = creds.failedAttempts + 1;
        const lock = failures >= SIGN_IN_POLICY.lockAfter;
        const until = lock ? new Date(at.getTime() + SIGN_IN_POLICY.lockMinutes * 60_000) : null;
        users.recordFailure(user.id, at, until);
        audit?.append({
          type: 'auth.sign_in_failed',
          actor,
          subject: null,
          payload: { userId: user.id, failures: String(failures) },
        });
        if (lock)
          audit?.append({
            type: 'auth.locked',
            actor: system,
            subject: null,
            payload: { userId: user.id, until: (until as Date).toISOString() },
          });
        throw new UserError('UNAUTHORIZED', WRONG);
      }
      if (user.disabled) throw new UserError('UNAUTHORIZED', 'This account is disabled.');
      users.recordSuccess(user.id);
      audit?.append({ type: 'auth.sign_in', actor, subject: null, payload: { userId: user.id } });
      return users.get(user.id) as User;
    },
    async verifyUnlock(userId, secret) {
      const creds = users.credentials(userId);
      if (!creds) return false;
      if (secret.pin !== undefined && creds.pinHash) return verifySecret(secret.pin, creds.pinHash);
      if (secret.password !== undefined && creds.passwordHash)
        return verifySecret(secret.password, creds.passwordHash);
      return false;
    },
    async add(input, actor) {
      if (!isRole(input.role)) throw new UserError('VALIDATION', 'Unknown role.');
      checkPasswordRules(input.password);
      const hash = await hashSecret(input.password);
      const user = users.create({ name: input.name, role: input.role }, actor);
      users.setPasswordHash(user.id, hash, actor);
      return users.get(user.id) as User;
    },
    async setPassword(userId, password, actor) {
      checkPasswordRules(password);
      users.setPasswordHash(userId, await hashSecret(password), actor);
    },
    async setPin(userId, pin) {
      if (pin === null) return users.setPinHash(userId, null);
      checkPinRules(pin);
      users.setPinHash(userId, await hashSecret(pin));
    },
  };
}
