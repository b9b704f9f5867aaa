import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BugError } from '../../../shared/errors';
import { openKeyed } from './db';
import { migrate, schemaVersion } from './migrate';
import type { Migration } from './migrations';
import { tempDir } from '../../test-support';
import { newKey } from './wrap';

describe('migration runner', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  const db = () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const d = openKeyed(join(t.dir, 'm.db'), newKey());
    cleanups.unshift(() => d.close());
    return d;
  };
  const m = (version: number, sql: string): Migration => ({
    version,
    name: `m${version}`,
    up: (d) => d.exec(sql),
  });

  it('applies each pending migration once, in order, up to a target', () => {
    const d = db();
    const list = [m(1, 'CREATE TABLE a (x INTEGER) STRICT'), m(3, 'CREATE TABLE b (x INTEGER) STRICT')];
    expect(migrate(d, list, 1)).toBe(1);
    expect(migrate(d, list)).toBe(3);
    expect(migrate(d, list)).toBe(3);
    expect(schemaVersion(d)).toBe(3);
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const d = db();
    const list = [
      m(1, 'CREATE TABLE a (x INTEGER) STRICT'),
      m(2, 'CREATE TABLE c (x INTEGER) STRICT; SELECT * FROM nope'),
    ];
    expect(() => migrate(d, list)).toThrow();
    expect(schemaVersion(d)).toBe(1);
    expect(d.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'c'").pluck().get()).toBe(0);
  });

  it('rejects out-of-order lists', () => {
    expect(() => migrate(db(), [m(2, 'SELECT 1'), m(1, 'SELECT 1')])).toThrow(BugError);
  });
});
