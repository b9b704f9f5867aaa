import { z } from 'zod';
import { ANY_ROLE, ADMIN, type Access } from './access';
import { RoleSchema } from './users';

/** Sign-in, sign-out, the idle lock and who am I. The session itself never appears in a body. */

export const SessionInfoSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
  /** The UI blurs the work and asks for the PIN or password after this long without input. */
  idleLockMinutes: z.number().int(),
  hasPin: z.boolean(),
  locked: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

const Secret = z.string().min(1).max(256);
export const PinSchema = z.string().regex(/^\d{4,8}$/, 'must be 4-8 digits');

export const authProcedures = {
  'auth.sign_in': {
    access: 'public' as Access,
    input: z.strictObject({ name: z.string().min(1).max(64), password: Secret }),
    output: SessionInfoSchema,
  },
  /** Whether the store has no account at all yet: the sign-in screen then offers to create the first admin. */
  'auth.setup_needed': {
    access: 'public' as Access,
    input: z.strictObject({}),
    output: z.object({ needed: z.boolean() }),
  },
  /**
   * Creates the first admin and signs them in; only while the store has no account at all (a desktop
   * store, or one `confidant web` created), else FORBIDDEN. Afterwards accounts come from an admin.
   */
  'auth.setup': {
    access: 'public' as Access,
    input: z.strictObject({ name: z.string().min(1).max(64), password: Secret }),
    output: SessionInfoSchema,
  },
  'auth.sign_out': {
    access: ANY_ROLE as Access,
    input: z.strictObject({}),
    output: z.object({ signedOut: z.boolean() }),
  },
  'auth.whoami': { access: ANY_ROLE as Access, input: z.strictObject({}), output: SessionInfoSchema },
  'auth.lock': {
    access: ANY_ROLE as Access,
    input: z.strictObject({}),
    output: z.object({ locked: z.boolean() }),
  },
  /** Reopens an idle-locked session with the PIN, or the password when no PIN is set. */
  'auth.unlock': {
    access: ANY_ROLE as Access,
    input: z.strictObject({ pin: PinSchema.optional(), password: Secret.optional() }),
    output: SessionInfoSchema,
  },
  /** Sets (or with null removes) the signed-in user's own PIN; the password proves it is them. */
  'auth.set_pin': {
    access: ANY_ROLE as Access,
    input: z.strictObject({ password: Secret, pin: PinSchema.nullable() }),
    output: z.object({ hasPin: z.boolean() }),
  },
  'auth.set_idle_lock': {
    access: ADMIN as Access,
    input: z.strictObject({ minutes: z.number().int().min(1).max(120) }),
    output: z.object({ idleLockMinutes: z.number().int() }),
  },
};

/** Procedures a locked session may still call: the lock screen's own. */
export const WHILE_LOCKED = new Set(['auth.unlock', 'auth.sign_out', 'auth.whoami']);
