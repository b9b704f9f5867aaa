import { readFileSync } from 'node:fs';

/**
 * Who made a pooled key (keyring.db `key_pool_owners`), and whether that maker can still hand it out.
 *
 * A pooled key is handed out (bound to a customer) only by the connection that made it, from memory. So an
 * unbound pooled key may be removed once its maker can never bind it again: the maker's process is gone.
 * Liveness is asked of the operating system, not of a lease clock: a process that stalls (a laptop asleep,
 * a debugger) keeps its keys however long it stalls, so no timing can delete a key it is about to bind.
 * All connections to a store are on one machine (SQLite's WAL needs shared memory), so a pid names a process
 * there. A pid reused by another process only keeps a dead owner's keys (never the reverse); on Linux the
 * process start time (from /proc) tells a reused pid apart, so those are reclaimed too.
 */
export interface PoolOwner {
  /** Random per connection: a connection's own rows, whatever else runs in its process. */
  id: string;
  pid: number;
  /** Process start time in clock ticks since boot (Linux), '' where /proc does not tell. */
  start: string;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command name, which may hold spaces). */
export function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** True unless the owner's process is certainly gone. */
export function ownerMayBeAlive(pid: number, start: string): boolean {
  if (pid === process.pid) return true; // another connection of this very process: closes release its own
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: the process exists under another user. Anything but ESRCH: cannot tell, so keep.
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    return true;
  }
  // The pid is taken; by the same process only if its start time matches (where it can be read).
  const now = start === '' ? '' : processStart(pid);
  return start === '' || now === '' || now === start;
}
