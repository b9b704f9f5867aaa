/**
 * Failures of the machine rather than of the input or the user: a full disk, a port in use, a folder that
 * cannot be written. They get exit 5 and one line saying what to do, never a stack trace or a SqliteError
 * class name.
 */
import { UserError } from '../../shared/errors';

/** A problem the environment causes, with the sentence that tells the user what to do about it. */
export class EnvironmentError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
  }
}

interface SystemLike {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
  port?: unknown;
  address?: unknown;
  cause?: unknown;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'SQLITE_FULL', 'SQLITE_IOERR_SHMSIZE']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']);
const TOO_MANY_FILES = new Set(['EMFILE', 'ENFILE']);

function where(e: SystemLike): string {
  return typeof e.path === 'string' ? ` (${e.path})` : '';
}

/**
 * The one-line, actionable message for an environment failure anywhere in `err`'s cause chain, or null
 * when it is not one. SQLite's codes arrive as strings (`SQLITE_FULL`, `SQLITE_IOERR_WRITE`, ...).
 */
export function environmentMessage(err: unknown): string | null {
  for (let e = err as SystemLike | undefined, depth = 0; e && depth < 5; e = e.cause as SystemLike, depth++) {
    if (typeof e !== 'object') return null;
    if (e instanceof EnvironmentError) return e.message;
    const code = typeof e.code === 'string' ? e.code : '';
    if (DISK_FULL.has(code))
      return `The disk is full${where(e)}: free some space (or use --data-dir/--out on another disk) and run the command again; nothing already saved was lost.`;
    if (code === 'EADDRINUSE')
      return `${typeof e.port === 'number' ? `Port ${e.port}` : 'The port'} is in use: stop what uses it or pick another with --port (0 picks any free port).`;
    if (code === 'EADDRNOTAVAIL' || (code === 'EACCES' && e.syscall === 'listen'))
      return `Cannot listen on that address or port: pick another with --port (0 picks any free port, ports below 1024 need privileges).`;
    if (NOT_WRITABLE.has(code))
      return `Cannot use${where(e)}: permission denied or a read-only disk; choose a folder you can write to.`;
    if (TOO_MANY_FILES.has(code))
      return 'Too many open files: close other programs or raise the limit (ulimit -n), then retry.';
    if (code.startsWith('SQLITE_IOERR'))
      return 'The disk reported a write error: check the disk (and its free space), then run the command again.';
  }
  return null;
}
