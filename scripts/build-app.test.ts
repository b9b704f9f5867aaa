import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

describe('desktop bundle (scripts/build-app.mjs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'confidant-app-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('emits an ESM main and a self-contained CommonJS preload that requires only electron', () => {
    execFileSync(process.execPath, [join(import.meta.dirname, 'build-app.mjs')], {
      env: { ...process.env, CONFIDANT_APP_OUT: out },
      stdio: 'pipe',
    });
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/\bimport\s/);

    const main = readFileSync(join(out, 'main.js'), 'utf8');
    expect(main).toMatch(/from "electron"/);
    // Native modules stay external so electron-builder can unpack them from the asar.
    expect(main).toMatch(/from "better-sqlite3-multiple-ciphers"/);
    expect(main).toContain('confidant:call');
  });
});
