/**
 * The ledger's latest signed checkpoint, kept outside the database so a database that lost writes
 * (a deleted WAL, a restored copy, a rolled-back snapshot) can be told from one that did not. The store
 * only keeps the text; the audit module signs and checks it. Two copies: `ledger-head` beside the
 * database (rewritten after every durable turn) and the key file's `ledgerHead` (rewritten at each
 * stored checkpoint), which the desktop app keeps next to its keychain-protected keys.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fsyncDir } from './keyfile';

export const LEDGER_HEAD_FILE = 'ledger-head';
/** A signed note is a few hundred bytes; witness lines add a little each. */
export const MAX_HEAD_BYTES = 16 * 1024;

export function ledgerHeadPath(dataDir: string): string {
  return join(dataDir, LEDGER_HEAD_FILE);
}

/** The sidecar's text, null when there is none; an unreadable or oversized one is returned as ''. */
export function readLedgerHead(path: string): string | null {
  let text: Buffer;
  try {
    text = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return '';
  }
  return text.length > MAX_HEAD_BYTES ? '' : text.toString('utf8');
}

/**
 * Atomic replace (write a sibling, rename over it). `durable` adds the fsyncs; without them a process
 * crash still leaves the old or the new text (the OS has both), which is what the per-turn copy needs:
 * it is written only after the turn's own fsynced commit, so it is never ahead of the durable database.
 */
export function writeLedgerHead(path: string, note: string, durable: boolean): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, note);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  if (durable) fsyncDir(dirname(path));
}
