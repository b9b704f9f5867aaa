import { afterEach, describe, expect, it } from 'vitest';
import { BugError } from '../../../shared/errors';
import { openStore, withSynchronous, type Store } from './index';
import { tempDir } from '../../test-support';

const NORMAL = 1;
const FULL = 2;

const opened: Array<{ store: Store; cleanup: () => void }> = [];
afterEach(() => {
  for (const o of opened.splice(0)) {
    o.store.close();
    o.cleanup();
  }
});

function store(): Store {
  const { dir, cleanup } = tempDir();
  const s = openStore({ dataDir: dir, passphrase: 'sync-test', create: true });
  opened.push({ store: s, cleanup });
  s.db.exec('CREATE TABLE t (x INTEGER NOT NULL) STRICT');
  return s;
}

const level = (s: Store) => s.db.pragma('synchronous', { simple: true });

describe('withSynchronous', () => {
  it('runs the commit under the asked level and restores the previous one', () => {
    const s = store();
    expect(level(s)).toBe(FULL);
    const seen = withSynchronous(s.db, 'NORMAL', () => {
      s.db.prepare('INSERT INTO t (x) VALUES (1)').run();
      return level(s);
    });
    expect(seen).toBe(NORMAL);
    expect(level(s)).toBe(FULL);
    expect(s.db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
  });

  it('restores the level when the function throws, and the failed transaction rolls back', () => {
    const s = store();
    const tx = s.db.transaction(() => {
      s.db.prepare('INSERT INTO t (x) VALUES (2)').run();
      throw new Error('node failed');
    });
    expect(() => withSynchronous(s.db, 'NORMAL', tx)).toThrow('node failed');
    expect(level(s)).toBe(FULL);
    expect(s.db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
  });

  it('restores a non-default previous level too (FULL inside a NORMAL connection)', () => {
    const s = store();
    s.db.pragma('synchronous = NORMAL');
    expect(withSynchronous(s.db, 'FULL', () => level(s))).toBe(FULL);
    expect(level(s)).toBe(NORMAL);
  });

  it('inside an open transaction it leaves the level alone (SQLite refuses; the outer COMMIT decides)', () => {
    const s = store();
    const inner = s.db.transaction(() => withSynchronous(s.db, 'NORMAL', () => level(s)));
    expect(inner()).toBe(FULL);
    expect(level(s)).toBe(FULL);
  });

  it('refuses an async function (its tail would commit after the level is restored) and still restores', () => {
    const s = store();
    expect(() => withSynchronous(s.db, 'NORMAL', () => Promise.resolve(1))).toThrow(BugError);
    expect(level(s)).toBe(FULL);
  });
});
