/**
 * The closed set of error codes that may cross a boundary (IPC, bridge, CLI JSON).
 * Extending it is a contract change: renderer and CLI switch on these exhaustively.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'KEY_ERROR',
  'CORRUPT',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/**
 * An error a user can act on. Its message is safe to show and must never carry customer text.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A broken invariant: a bug in Confidant. Shown to users only as INTERNAL, details go to the log.
 */
export class BugError extends Error {
  override readonly name = 'BugError';
}

export function assertNever(value: never, context = 'unexpected variant'): never {
  throw new BugError(`${context}: ${JSON.stringify(value)}`);
}

/** Map anything thrown to an ApiError that is safe to send across a boundary (no stack, no internals). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof UserError) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: 'Internal error; see the desk log for details.' };
}
