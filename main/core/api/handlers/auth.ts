import type { SessionInfo } from '../../../../shared/contract';
import { UserError } from '../../../../shared/errors';
import type { Core } from '../../container';
import type { User } from '../../users';
import { checkPasswordRules, hashSecret, normaliseUserName, SESSION_DEFAULTS } from '../../users';
import { actorOf, type HandlerContext } from '../dispatch';

/**
 * Sign-in and the idle lock. The session token never appears in a body: the transport binds it through
 * ctx.setSession (an HttpOnly cookie in browser mode, the window's entry in the desktop app).
 */
export function authHandlers(core: Core) {
  const info = (user: User, locked: boolean): SessionInfo => ({
    user: { id: user.id, name: user.name, role: user.role },
    idleLockMinutes: core.sessions.idleLockMinutes(),
    hasPin: user.hasPin,
    locked,
  });
  const ledgerActor = (ctx: HandlerContext) => {
    const { id, role } = actorOf(ctx);
    return { kind: 'user' as const, id, role };
  };
  const current = (ctx: HandlerContext): User => {
    const user = core.users.get(actorOf(ctx).id);
    if (!user) throw new UserError('UNAUTHORIZED', 'Not signed in.');
    return user;
  };
  return {
    'auth.sign_in': async ({ name, password }: { name: string; password: string }, ctx: HandlerContext) => {
      if (!ctx.setSession)
        throw new UserError('VALIDATION', 'This transport cannot hold a session; sign in from the app.');
      const user = await core.accounts.signIn(name, password);
      // A new sign-in replaces whatever this caller held before.
      if (ctx.sessionToken) core.sessions.end(ctx.sessionToken);
      const { token } = core.sessions.create(user.id);
      ctx.setSession(token);
      return info(user, false);
    },
    'auth.setup_needed': () => ({ needed: core.users.count() === 0 }),
    'auth.setup': async ({ name, password }: { name: string; password: string }, ctx: HandlerContext) => {
      if (!ctx.setSession)
        throw new UserError('VALIDATION', 'This transport cannot hold a session; set up from the app.');
      const refused = () => new UserError('FORBIDDEN', 'Accounts already exist: sign in, or ask an admin.');
      if (core.users.count() > 0) throw refused();
      const cleanName = normaliseUserName(name);
      checkPasswordRules(password);
      const hash = await hashSecret(password);
      // Checked again after the await: between the two checks nothing else may have created an account.
      if (core.users.count() > 0) throw refused();
      const system = { kind: 'system' as const, id: 'setup', role: 'system' };
      const created = core.users.create({ name: cleanName, role: 'admin' }, system);
      core.users.setPasswordHash(created.id, hash, system);
      const user = core.users.get(created.id) as User;
      core.audit.append({
        type: 'auth.sign_in',
        actor: { kind: 'user', id: user.id, role: user.role },
        subject: null,
        payload: { userId: user.id },
      });
      ctx.setSession(core.sessions.create(user.id).token);
      return info(user, false);
    },
    'auth.sign_out': (_input: Record<string, never>, ctx: HandlerContext) => {
      const actor = ledgerActor(ctx);
      if (ctx.sessionToken) core.sessions.end(ctx.sessionToken);
      ctx.setSession?.(null);
      core.audit.append({ type: 'auth.signed_out', actor, subject: null, payload: { userId: actor.id } });
      return { signedOut: true };
    },
    'auth.whoami': (_input: Record<string, never>, ctx: HandlerContext) =>
      info(current(ctx), ctx.session?.locked ?? false),
    'auth.lock': (_input: Record<string, never>, ctx: HandlerContext) => {
      const actor = ledgerActor(ctx);
      if (ctx.sessionToken) core.sessions.lock(ctx.sessionToken);
      core.audit.append({ type: 'auth.session_locked', actor, subject: null, payload: { userId: actor.id } });
      return { locked: true };
    },
    'auth.unlock': async (
      secret: { pin?: string | undefined; password?: string | undefined },
      ctx: HandlerContext,
    ) => {
      const user = current(ctx);
      const session = ctx.session;
      if (!session || !ctx.sessionToken) throw new UserError('UNAUTHORIZED', 'Not signed in.');
      if (!session.locked) return info(user, false);
      const ok = await core.accounts.verifyUnlock(user.id, {
        ...(secret.pin !== undefined ? { pin: secret.pin } : {}),
        ...(secret.password !== undefined ? { password: secret.password } : {}),
      });
      if (!ok) {
        session.unlockFailures += 1;
        // A short PIN must not be guessable: a few misses end the session and a full sign-in is needed.
        if (session.unlockFailures >= SESSION_DEFAULTS.maxUnlockFailures) {
          core.sessions.end(ctx.sessionToken);
          ctx.setSession?.(null);
          throw new UserError('UNAUTHORIZED', 'Too many wrong PINs: the session has ended; sign in again.');
        }
        throw new UserError('UNAUTHORIZED', 'Wrong PIN or password.');
      }
      core.sessions.unlock(ctx.sessionToken);
      core.audit.append({
        type: 'auth.session_unlocked',
        actor: ledgerActor(ctx),
        subject: null,
        payload: { userId: user.id },
      });
      return info(user, false);
    },
    'auth.set_pin': async (
      { password, pin }: { password: string; pin: string | null },
      ctx: HandlerContext,
    ) => {
      const user = current(ctx);
      if (!(await core.accounts.verifyUnlock(user.id, { password })))
        throw new UserError('UNAUTHORIZED', 'Wrong password.');
      await core.accounts.setPin(user.id, pin);
      return { hasPin: pin !== null };
    },
    'auth.set_idle_lock': ({ minutes }: { minutes: number }, ctx: HandlerContext) => {
      core.setIdleLockMinutes(minutes);
      core.audit.append({
        type: 'admin.settings_changed',
        actor: ledgerActor(ctx),
        subject: null,
        payload: { setting: 'idleLockMinutes', value: minutes },
      });
      return { idleLockMinutes: minutes };
    },
  };
}
