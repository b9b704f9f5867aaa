import { BugError, UserError, type ErrorCode } from '../../shared/errors';
import { environmentMessage } from './environment';
import { UsageError } from './usage-error';
import { EXIT, type ExitCode } from './exit-codes';

export interface CliFailure {
  code: ExitCode;
  /** The contract error code for --json output. */
  errorCode: ErrorCode;
  message: string;
}

/**
 * Maps a thrown error to the contract's exit code and a one-line message without customer text.
 * UserError messages are written to be safe; anything else is reduced to its class name.
 */
export function exitCodeFor(err: unknown): CliFailure {
  if (err instanceof UsageError) return { code: EXIT.USAGE, errorCode: 'VALIDATION', message: err.message };
  // The machine, not the input: checked first so a full disk under a UserError's cause is still exit 5.
  const environment = environmentMessage(err);
  if (environment !== null) return { code: EXIT.ENVIRONMENT, errorCode: 'UNAVAILABLE', message: environment };
  if (err instanceof UserError) {
    const message = err.message.split('\n')[0] ?? '';
    switch (err.code) {
      case 'KEY_ERROR':
      case 'UNAUTHORIZED':
      case 'FORBIDDEN':
        return { code: EXIT.KEY, errorCode: err.code, message };
      // A missing store or file is input we cannot read: the contract's "corrupt or unreadable".
      case 'CORRUPT':
      case 'NOT_FOUND':
        return { code: EXIT.CORRUPT, errorCode: err.code, message };
      case 'VALIDATION':
        return { code: EXIT.USAGE, errorCode: err.code, message };
      default:
        return { code: EXIT.CHECK_FAILED, errorCode: err.code, message };
    }
  }
  const kind = err instanceof BugError ? 'bug' : err instanceof Error ? err.name : 'unknown';
  return { code: EXIT.CHECK_FAILED, errorCode: 'INTERNAL', message: `internal error (${kind})` };
}
