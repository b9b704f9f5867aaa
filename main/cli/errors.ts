import { UserError } from '../../shared/errors';
import { UsageError } from './command';
import { EXIT, type ExitCode } from './exit-codes';

/** Maps a thrown error to the contract's exit code and a one-line message without customer text. */
export function exitCodeFor(err: unknown): { code: ExitCode; message: string } {
  if (err instanceof UsageError) return { code: EXIT.USAGE, message: err.message };
  if (err instanceof UserError) {
    switch (err.code) {
      case 'KEY_ERROR':
      case 'UNAUTHORIZED':
      case 'FORBIDDEN':
        return { code: EXIT.KEY, message: err.message };
      case 'CORRUPT':
        return { code: EXIT.CORRUPT, message: err.message };
      case 'VALIDATION':
        return { code: EXIT.USAGE, message: err.message };
      default:
        return { code: EXIT.CHECK_FAILED, message: err.message };
    }
  }
  return {
    code: EXIT.CHECK_FAILED,
    message: `internal error: ${err instanceof Error ? err.name : 'unknown'}`,
  };
}
