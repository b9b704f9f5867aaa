import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, loadConfig, projectRoot, readAppVersion } from './index';

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
});
