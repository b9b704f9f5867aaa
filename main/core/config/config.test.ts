import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDataDir, flagsFromEnv, loadConfig, projectRoot, readAppVersion } from './index';

describe('config', () => {
  it('reads the app version from package.json, not from npm env', () => {
    const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(readAppVersion()).toBe(pkg.version);
    expect(readAppVersion('/nonexistent-confidant-root')).toBe('0.0.0');
  });

  it('resolves the data dir and keeps safe flag defaults', () => {
    const config = loadConfig({ dataDir: 'relative/dir' });
    expect(config.dataDir).toBe(join(process.cwd(), 'relative/dir'));
    expect(config.flags.rehydrateForStaff).toBe(false);
    expect(config.mode).toBe('cli');
  });

  it('uses the per-platform user data folder by default', () => {
    expect(defaultDataDir('darwin')).toMatch(/Library\/Application Support\/Confidant$/);
    expect(defaultDataDir('linux')).toMatch(/Confidant$/);
  });

  describe('CONFIDANT_FLAGS', () => {
    afterEach(() => vi.unstubAllEnvs());

    it("overrides defaults and the caller's flags, so every consumer of the config sees the same", () => {
      vi.stubEnv('CONFIDANT_FLAGS', 'rehydrateForStaff=on,autoEscalation=off');
      const config = loadConfig({
        dataDir: 'd',
        flags: { autoEscalation: true, shadowRuns: true, rehydrateForStaff: false },
      });
      expect(config.flags).toEqual({ autoEscalation: false, shadowRuns: true, rehydrateForStaff: true });
    });

    it('leaves the flags alone when unset or empty', () => {
      vi.stubEnv('CONFIDANT_FLAGS', '');
      expect(loadConfig({ dataDir: 'd' }).flags).toEqual({
        autoEscalation: true,
        shadowRuns: false,
        rehydrateForStaff: false,
      });
      expect(flagsFromEnv({})).toEqual({});
    });

    it('rejects an unknown name or value as a usage error naming the variable', () => {
      vi.stubEnv('CONFIDANT_FLAGS', 'warpDrive=on');
      expect(() => loadConfig({ dataDir: 'd' })).toThrow(/CONFIDANT_FLAGS: Unknown flag "warpDrive"/);
      try {
        loadConfig({ dataDir: 'd' });
      } catch (err) {
        expect(err).toMatchObject({ name: 'UserError', code: 'VALIDATION' });
      }
      expect(() => flagsFromEnv({ CONFIDANT_FLAGS: 'shadowRuns=maybe' })).toThrow(/shadowRuns needs/);
    });
  });
});
