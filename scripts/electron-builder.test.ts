import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  realpathSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const NATIVE = ['better-sqlite3-multiple-ciphers', 'sqlite-vec', 'node-llama-cpp', 'onnxruntime-node'];

interface BuilderConfig {
  asar: boolean;
  asarUnpack: string[];
  files: string[];
  extraResources: { from: string; to: string }[];
  afterPack: string;
  publish: unknown;
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; entitlements: string; hardenedRuntime: boolean };
  win: { target: string[]; signtoolOptions: { sign: string } };
  nsis: { deleteAppDataOnUninstall: boolean };
}
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };

describe('electron-builder.yml', () => {
  it('packs the bundled shell and renderer in an asar, with every native module unpacked and rebuilt', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/app/**', 'renderer/dist/**']));
    expect(pkg.main).toBe('dist/app/main.js');
    for (const native of NATIVE) expect(config.asarUnpack).toContain(`node_modules/${native}/**`);
    expect(config.npmRebuild).toBe(true);
  });

  it('targets AppImage and deb, dmg, and nsis, with icons, entitlements and signing hooks in place', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const file of [
      config.linux.icon,
      config.mac.entitlements,
      config.afterPack,
      config.win.signtoolOptions.sign,
    ])
      expect(existsSync(join(root, file)), file).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    // Updates are off: nothing is published, so no update feed is written into the app.
    expect(config.publish).toBeNull();
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });
});

/** A stand-in for the Electron binary: just the fuse wire, as Electron 45 ships it (all defaults). */
function stubElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('#!/bin/sh\n# stub Electron for packaging tests\n'),
    Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
    Buffer.from([1, 8]),
    Buffer.from('10110001'),
  ]);
  writeFileSync(join(dir, 'electron'), wire, { mode: 0o755 });
}

/**
 * name@version of every package the lockfile installs for production. electron-builder re-hoists the
 * production tree (a nested production copy may land where a dev-only one sits on disk), so packages
 * are matched by name and version, not by path.
 */
function productionPackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; version?: string; name?: string }>;
  };
  const names = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.dev || !path.includes('node_modules/')) continue;
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    names.add(`${name}@${entry.version}`);
  }
  return names;
}

/** The package a shipped file belongs to, as a lockfile path; undefined for the app's own files. */
function packagePathOf(file: string): string | undefined {
  return /^\/((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
}

/**
 * The real config, packed for Linux as a folder against a stub Electron, without rebuilding native
 * modules (there are no Electron headers here): what goes into app.asar is decided exactly as for an
 * installer, and the afterPack hook flips the stub's fuses as it would Electron's.
 */
describe('smoke pack: electron-builder --linux dir', () => {
  const work = mkdtempSync(join(tmpdir(), 'confidant-pack-'));
  const project = join(work, 'project');
  const appOut = join(work, 'out', 'linux-unpacked');
  let asarFiles: string[] = [];

  beforeAll(async () => {
    mkdirSync(project);
    for (const path of [
      'package.json',
      'package-lock.json',
      'models/manifest.json',
      'main/core/policy/packs',
      'build',
    ])
      cpSync(join(root, path), join(project, path), { recursive: true });
    execFileSync(process.execPath, [join(root, 'scripts', 'build-app.mjs')], {
      env: { ...process.env, CONFIDANT_APP_OUT: join(project, 'dist', 'app') },
      stdio: 'pipe',
    });
    const renderer = join(root, 'renderer', 'dist');
    if (existsSync(join(renderer, 'index.html')))
      cpSync(renderer, join(project, 'renderer', 'dist'), { recursive: true });
    else {
      mkdirSync(join(project, 'renderer', 'dist'), { recursive: true });
      writeFileSync(
        join(project, 'renderer', 'dist', 'index.html'),
        '<!doctype html><title>Confidant</title>',
      );
    }
    // Decoys that the file rules must keep out, and a one-file model bundle for extraResources.
    writeFileSync(join(project, 'dist', 'app', 'main.js.map'), '{}');
    writeFileSync(join(project, 'dist', 'app', 'main.test.js'), '');
    mkdirSync(join(project, 'models', 'bundle', 'weights', 'tiny'), { recursive: true });
    writeFileSync(join(project, 'models', 'bundle', 'weights', 'tiny', 'model.onnx'), 'weights');
    // A real node_modules (hard links: a second or so), not a symlink: `npm list`, which electron-builder
    // asks for the production tree, reports every package missing through a symlinked node_modules.
    const modules = realpathSync(join(root, 'node_modules'));
    try {
      execFileSync('cp', ['-al', `${modules}/.`, join(project, 'node_modules')]);
    } catch {
      execFileSync('cp', ['-a', `${modules}/.`, join(project, 'node_modules')]);
    }
    stubElectron(join(work, 'electron-dist'));

    await build({
      projectDir: project,
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        ...(config as object),
        electronDist: join(work, 'electron-dist'),
        npmRebuild: false,
        afterPack: join(root, config.afterPack),
        directories: { output: join(work, 'out'), buildResources: 'build' },
      },
    });
    asarFiles = listPackage(join(appOut, 'resources', 'app.asar'), { isPack: false });
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the app, the model manifest and the policy packs, and no tests, source maps or sources', () => {
    for (const file of [
      '/package.json',
      '/dist/app/main.js',
      '/dist/app/preload.cjs',
      '/renderer/dist/index.html',
      '/models/manifest.json',
      '/main/core/policy/packs/bank.yaml',
    ])
      expect(asarFiles).toContain(file);
    expect(asarFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(asarFiles.filter((f) => /\.test\.|\/(__tests__|tests?)\//.test(f))).toEqual([]);
    expect(asarFiles.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('ships no development dependency, and every native module unpacked beside the asar', () => {
    const archive = join(appOut, 'resources', 'app.asar');
    const packageDirs = asarFiles.flatMap((f) => {
      const dir = packagePathOf(f);
      return dir !== undefined && f === `/${dir}/package.json` ? [dir] : [];
    });
    const shipped = packageDirs.map((path) => {
      const manifest = JSON.parse(extractFile(archive, `${path}/package.json`).toString('utf8')) as {
        name: string;
        version: string;
      };
      return `${manifest.name}@${manifest.version}`;
    });
    expect(shipped.length).toBeGreaterThan(50);
    const production = productionPackages();
    expect(shipped.filter((p) => !production.has(p))).toEqual([]);
    for (const name of ['electron', 'vitest', 'vite', 'tsx', 'esbuild', 'typescript', 'playwright-core'])
      expect(shipped.filter((p) => p.startsWith(`${name}@`))).toEqual([]);
    const unpacked = join(appOut, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(
      existsSync(
        join(unpacked, 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'),
      ),
    ).toBe(true);
    for (const native of NATIVE) expect(existsSync(join(unpacked, native)), native).toBe(true);
  });

  it('puts the model bundle in resources/models and writes no update feed', () => {
    expect(readFileSync(join(appOut, 'resources', 'models', 'weights', 'tiny', 'model.onnx'), 'utf8')).toBe(
      'weights',
    );
    expect(existsSync(join(appOut, 'resources', 'app-update.yml'))).toBe(false);
  });

  it('flips the fuses in the packed binary (afterPack hook)', async () => {
    const wire = await getCurrentFuseWire(join(appOut, 'confidant'));
    const on = 49;
    const off = 48;
    expect(wire).toMatchObject({ 0: off, 1: on, 2: off, 3: off, 4: on, 5: on, 7: off });
  });
});
