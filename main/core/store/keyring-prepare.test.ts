import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from './index';
import { tempDir } from '../../test-support';

const opened: Store[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const c of cleanups.splice(0)) c();
});
const open = (dataDir: string, create: boolean) => {
  const s = openStore({ dataDir, passphrase: 'correct horse', create });
  opened.push(s);
  return s;
};

describe('keyring prepareKeys (one commit for a batch of new customers)', () => {
  it('creates the missing keys, keeps existing ones, skips erased customers, and the keys survive a reopen', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = t.dir;
    const s = open(dir, true);
    const old = s.cipher.seal('subj-old', 'kept');
    s.cipher.shred('subj-gone');
    s.cipher.prepareKeys(['subj-a', 'subj-b', 'subj-old', 'subj-gone', 'subj-a']);
    expect(s.cipher.hasKey('subj-a')).toBe(true);
    expect(s.cipher.hasKey('subj-b')).toBe(true);
    expect(s.cipher.hasKey('subj-gone')).toBe(false);
    expect(s.cipher.open('subj-old', old)).toBe('kept');
    const sealed = s.cipher.seal('subj-a', 'hello');
    expect(() => s.cipher.seal('subj-gone', 'x')).toThrow(/erased/);
    s.close();
    opened.pop();
    const again = open(dir, false);
    expect(again.cipher.open('subj-a', sealed)).toBe('hello');
    expect(again.cipher.hasKey('subj-b')).toBe(true);
  });
});

describe('keyring key pool (a new customer costs no keyring commit)', () => {
  const fresh = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };
  const bindings = (s: Store) =>
    s.db.prepare('SELECT subject_id, key_id FROM subject_key_bindings ORDER BY subject_id').all() as Array<{
      subject_id: string;
      key_id: string;
    }>;
  // Every keyring commit appends frames to its WAL (nothing checkpoints it in between here).
  const keyringVersion = (dir: string) => readFileSync(join(dir, 'keyring.db-wal')).length;

  it('binds a pooled key in the caller transaction, without writing the keyring; reopen and a second connection read it', () => {
    const dir = fresh();
    const s = open(dir, true);
    s.cipher.enableKeyPool(4);
    const walBefore = keyringVersion(dir);
    let sealed = '';
    s.db.transaction(() => {
      sealed = s.cipher.seal('subj-new', 'hello');
    })();
    expect(keyringVersion(dir)).toBe(walBefore);
    expect(bindings(s)).toEqual([{ subject_id: 'subj-new', key_id: expect.stringMatching(/^sk-/) }]);
    expect(sealed.split('.')[1]).toBe(bindings(s)[0]!.key_id);
    const other = open(dir, false);
    expect(other.cipher.open('subj-new', sealed)).toBe('hello');
    expect(other.cipher.seal('subj-new', 'x').split('.')[1]).toBe(bindings(s)[0]!.key_id);
    s.close();
    opened.splice(opened.indexOf(s), 1);
    const again = open(dir, false);
    expect(again.cipher.open('subj-new', sealed)).toBe('hello');
  });

  it('a binding rolled back with its transaction is made again by the next seal', () => {
    const dir = fresh();
    const s = open(dir, true);
    s.cipher.enableKeyPool(4);
    expect(() =>
      s.db.transaction(() => {
        s.cipher.seal('subj-rb', 'lost');
        throw new Error('rollback');
      })(),
    ).toThrow('rollback');
    expect(bindings(s)).toEqual([]);
    const kept = s.cipher.seal('subj-rb', 'kept');
    expect(bindings(s).map((b) => b.subject_id)).toEqual(['subj-rb']);
    s.close();
    opened.splice(opened.indexOf(s), 1);
    expect(open(dir, false).cipher.open('subj-rb', kept)).toBe('kept');
  });

  it('shredding a pooled customer deletes the key and the binding; nothing more can be sealed', () => {
    const dir = fresh();
    const s = open(dir, true);
    s.cipher.enableKeyPool(2);
    const sealed = s.cipher.seal('subj-x', 'secret');
    const keyId = bindings(s)[0]!.key_id;
    s.cipher.seal('subj-y', 'other');
    s.cipher.seal('subj-z', 'third'); // beyond the pool: a refill or a key of its own
    s.cipher.shred('subj-x');
    expect(s.cipher.open('subj-x', sealed)).toBeNull();
    expect(s.cipher.hasKey('subj-x')).toBe(false);
    expect(bindings(s).map((b) => b.subject_id)).toEqual(['subj-y']);
    expect(s.cipher.shredLog()).toEqual([expect.objectContaining({ subjectId: 'subj-x', keyId })]);
    expect(() => s.cipher.seal('subj-x', 'again')).toThrow(/erased/);
    s.close();
    opened.splice(opened.indexOf(s), 1);
    const again = open(dir, false);
    expect(again.cipher.open('subj-x', sealed)).toBeNull();
    expect(again.cipher.hasKey('subj-y')).toBe(true);
  });

  it('a keyring export taken before a pooled customer was shredded does not bring the key back', () => {
    const dir = fresh();
    const s = open(dir, true);
    s.cipher.enableKeyPool(4);
    const sealed = s.cipher.seal('subj-p', 'secret');
    const kept = s.cipher.seal('subj-q', 'kept');
    const file = join(fresh(), 'keys.export');
    s.exportKeyring(file, { recoveryPassphrase: 'recovery passphrase for tests' });
    s.cipher.shred('subj-p');
    const report = s.importKeyring(file, {
      recoveryPassphrase: 'recovery passphrase for tests',
      // No audited erasure here: the shred alone must keep the key out.
      erased: new Set(),
    });
    expect(report.imported).toBe(0);
    expect(report.skippedShredded).toBe(1);
    expect(s.cipher.open('subj-p', sealed)).toBeNull();
    expect(s.cipher.open('subj-q', kept)).toBe('kept');
  });
});
