import { createHash, randomBytes } from 'node:crypto';

/**
 * Sign-in sessions, in memory only: a restart (a new launch) ends every session, so a cookie or token from
 * a previous launch is simply unknown. Tokens are 256 random bits; the map is keyed by their SHA-256 so a
 * heap dump does not hand out live tokens directly.
 */
export const SESSION_DEFAULTS = {
  /** After this long without a call the session locks: the work stays, the PIN or password reopens it. */
  idleLockMinutes: 5,
  /** However active, a session ends after this long and the user signs in again. */
  maxAgeHours: 12,
  /** Wrong PINs in a row before the locked session is ended outright. */
  maxUnlockFailures: 5,
};

export interface Session {
  readonly userId: string;
  readonly createdAt: number;
  lastActivity: number;
  locked: boolean;
  unlockFailures: number;
  /** Turns typed in this session: their customer text is shown in clear to this session only. */
  readonly authoredTurns: Set<string>;
}

export type SessionLookup =
  { state: 'active'; session: Session } | { state: 'locked'; session: Session } | { state: 'none' };

export interface Sessions {
  create(userId: string): { token: string; session: Session };
  /** Finds the session and applies idle lock and expiry; `touch` counts the call as activity. */
  lookup(token: string | undefined, touch: boolean): SessionLookup;
  lock(token: string): void;
  unlock(token: string): void;
  end(token: string): void;
  /** Ends every session of a user (disabled, role changed, password reset). */
  endAllFor(userId: string): void;
  idleLockMinutes(): number;
  setIdleLockMinutes(minutes: number): void;
  size(): number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

export function createSessions(
  options: { idleLockMinutes?: number; maxAgeHours?: number; now?: () => number } = {},
): Sessions {
  const now = options.now ?? Date.now;
  const byDigest = new Map<string, Session>();
  let idleMs = (options.idleLockMinutes ?? SESSION_DEFAULTS.idleLockMinutes) * 60_000;
  const maxAgeMs = (options.maxAgeHours ?? SESSION_DEFAULTS.maxAgeHours) * 3_600_000;

  return {
    create(userId) {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      // Sessions nobody looks up again (a closed tab) are dropped here rather than kept for the launch.
      for (const [key, s] of byDigest) if (at - s.createdAt > maxAgeMs) byDigest.delete(key);
      const session: Session = {
        userId,
        createdAt: at,
        lastActivity: at,
        locked: false,
        unlockFailures: 0,
        authoredTurns: new Set(),
      };
      byDigest.set(digest(token), session);
      return { token, session };
    },
    lookup(token, touch) {
      if (!token) return { state: 'none' };
      const key = digest(token);
      const session = byDigest.get(key);
      if (!session) return { state: 'none' };
      const at = now();
      if (at - session.createdAt > maxAgeMs) {
        byDigest.delete(key);
        return { state: 'none' };
      }
      if (!session.locked && at - session.lastActivity > idleMs) session.locked = true;
      if (session.locked) return { state: 'locked', session };
      if (touch) session.lastActivity = at;
      return { state: 'active', session };
    },
    lock(token) {
      const session = byDigest.get(digest(token));
      if (session) session.locked = true;
    },
    unlock(token) {
      const session = byDigest.get(digest(token));
      if (!session) return;
      session.locked = false;
      session.unlockFailures = 0;
      session.lastActivity = now();
    },
    end(token) {
      byDigest.delete(digest(token));
    },
    endAllFor(userId) {
      for (const [key, s] of byDigest) if (s.userId === userId) byDigest.delete(key);
    },
    idleLockMinutes: () => idleMs / 60_000,
    setIdleLockMinutes(minutes) {
      idleMs = minutes * 60_000;
    },
    size: () => byDigest.size,
  };
}
