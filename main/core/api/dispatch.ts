import type { output as ZodOutput } from 'zod';
import {
  allows,
  isProcedureName,
  procedures,
  WHILE_LOCKED,
  type ProcedureName,
  type ProcedureOutput,
} from '../../../shared/contract';
import { toApiError, UserError, type ApiError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { Role } from '../../../shared/roles';
import type { AuditLedger } from '../audit';
import type { Logger } from '../log';
import type { Session, Sessions, UserDirectory } from '../users';

/**
 * Where a call came from, as the transport knows it. The transport carries the session token it holds
 * for this caller (a cookie, a window's entry); it never takes an identity from the request body.
 */
export interface CallContext {
  transport: 'ipc' | 'bridge' | 'cli' | 'test';
  /** The caller's session token, if the transport holds one. */
  sessionToken?: string | undefined;
  /** Lets sign-in and sign-out bind (or drop) the session on the transport: a cookie, a window. */
  setSession?: (token: string | null) => void;
}

/** The signed-in staff member: the only identity handlers see. */
export interface Actor {
  kind: 'user';
  id: string;
  role: Role;
  name: string;
}

/** What a handler receives: the transport's context plus the actor the dispatcher established. */
export interface HandlerContext extends CallContext {
  /** Null only for public procedures (sign-in). */
  actor: Actor | null;
  session: Session | null;
}

/** Handlers receive the parsed (output-side) zod type of the input schema. */
type ProcedureOutputInput<N extends ProcedureName> = ZodOutput<(typeof procedures)[N]['input']>;

export type Handler<N extends ProcedureName> = (
  input: ProcedureOutputInput<N>,
  ctx: HandlerContext,
) => Promise<ProcedureOutput<N>> | ProcedureOutput<N>;

export type Handlers = { [N in ProcedureName]: Handler<N> };

const DEFAULT_CONTEXT: CallContext = { transport: 'test' };

/** What authorization needs from the core: the user directory, the sessions and the ledger for denials. */
export interface AuthDeps {
  users: Pick<UserDirectory, 'get'>;
  sessions: Pick<Sessions, 'lookup' | 'end'>;
  audit: Pick<AuditLedger, 'append'>;
}

export interface DispatcherOptions {
  /**
   * Called after a procedure succeeded, with its name only (never its input or output), so a transport can
   * tell other open views to refresh. Reads (`*.get`, `*.list`, `*.search`) are not reported.
   */
  onChange?: (procedure: ProcedureName) => void;
}

const READ_ONLY = /\.(get|list|search|whoami)$/;

const fail = (code: ApiError['code'], message: string): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code, message },
});

export type Authorization =
  { ok: true; actor: Actor | null; session: Session | null } | { ok: false; error: ApiError };

/**
 * The session and role check, before validation and before any handler: an unauthorized caller learns
 * nothing about a procedure's input. A denial is audited with the procedure and role only, no payload.
 */
export function authorize(auth: AuthDeps, name: ProcedureName, ctx: CallContext): Authorization {
  const access = procedures[name].access;
  if (access === 'public') return { ok: true, actor: null, session: null };
  // Any call of an open session is activity (a locked one is not touched): whoami is the UI's keep-alive.
  const found = auth.sessions.lookup(ctx.sessionToken, true);
  if (found.state === 'none')
    return fail('UNAUTHORIZED', 'Not signed in, or the session has ended: sign in again.');
  if (found.state === 'locked' && !WHILE_LOCKED.has(name))
    return fail('UNAUTHORIZED', 'The session is locked: unlock it with your PIN or password.');
  const user = auth.users.get(found.session.userId);
  if (!user || user.disabled) {
    if (ctx.sessionToken) auth.sessions.end(ctx.sessionToken);
    return fail('UNAUTHORIZED', 'This account is no longer active: sign in again.');
  }
  if (!allows(access, user.role)) {
    auth.audit.append({
      type: 'auth.denied',
      actor: { kind: 'user', id: user.id, role: user.role },
      subject: null,
      payload: { procedure: name, role: user.role },
    });
    return fail('FORBIDDEN', `The ${user.role} role may not call ${name}.`);
  }
  return {
    ok: true,
    actor: { kind: 'user', id: user.id, role: user.role, name: user.name },
    session: found.session,
  };
}

/**
 * The one entry point both transports call. It owns authorization, validation and error mapping so no
 * transport can forget any of them; the renderer never sees a stack trace. Outputs are validated too: a
 * handler that drifts from the contract is a bug we want to see here, not a confusing render failure.
 */
export function createDispatcher(
  handlers: Handlers,
  log: Logger,
  auth: AuthDeps,
  options: DispatcherOptions = {},
) {
  return async function dispatch(
    name: string,
    rawInput: unknown,
    ctx: CallContext = DEFAULT_CONTEXT,
  ): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !isProcedureName(name)) {
      return fail('NOT_FOUND', `Unknown procedure: ${String(name).slice(0, 80)}`);
    }
    const authorized = authorize(auth, name, ctx);
    if (!authorized.ok) return authorized;
    const schema = procedures[name];
    const parsed = schema.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return fail('VALIDATION', `Invalid input at ${where}: ${issue?.message ?? 'invalid'}`);
    }
    try {
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => unknown;
      const value = await handler(parsed.data, {
        ...ctx,
        actor: authorized.actor,
        session: authorized.session,
      });
      const checked = schema.output.safeParse(value);
      if (!checked.success) {
        log.error(
          { procedure: name, issues: checked.error.issues.length },
          'handler output broke the contract',
        );
        return fail('INTERNAL', 'Internal error; see the desk log for details.');
      }
      // Sessions are per caller: other tabs have nothing to refresh when someone signs in or locks.
      if (options.onChange && !READ_ONLY.test(name) && !name.startsWith('auth.')) {
        try {
          options.onChange(name);
        } catch (err) {
          log.warn({ err, procedure: name }, 'change listener failed');
        }
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (!(err instanceof UserError)) log.error({ err, procedure: name }, 'procedure failed');
      return { ok: false, error: toApiError(err) };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;

/** The actor of a procedure that is not public: the dispatcher guarantees it. */
export function actorOf(ctx: HandlerContext): Actor {
  if (!ctx.actor) throw new UserError('UNAUTHORIZED', 'Not signed in.');
  return ctx.actor;
}
