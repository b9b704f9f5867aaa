import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
    asar: boolean;
    asarUnpack: string[];
    files: string[];
    linux: { target: string[] };
    mac: { target: string[] };
    win: { target: string[] };
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

  it('packs the bundled shell and renderer in an asar, with every native module unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/app/**', 'renderer/dist/**']));
    expect(pkg.main).toBe('dist/app/main.js');
    for (const native of [
      'better-sqlite3-multiple-ciphers',
      'sqlite-vec',
      'node-llama-cpp',
      'onnxruntime-node',
    ]) {
      expect(config.asarUnpack).toContain(`node_modules/${native}/**`);
    }
  });

  it('targets AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });
});
