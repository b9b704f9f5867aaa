import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { loadConfig, projectRoot } from '../../core/config';
import {
  expectedFor,
  filePath,
  findEntry,
  HashCache,
  isInstalled,
  loadManifest,
  modelDirs,
  pullFile,
  readPins,
  resolveManifestPath,
  sha256File,
  verifyEntry,
  writePins,
  type EntryReport,
  type Manifest,
  type ModelDirs,
} from '../../core/models';
import { UsageError, type Command, type CommandContext } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';

const ACTIONS = ['list', 'verify', 'pull', 'pin'] as const;
type Action = (typeof ACTIONS)[number];

interface Setup {
  dirs: ModelDirs;
  manifest: Manifest;
  manifestPath: string;
}

function setup(ctx: CommandContext): Setup {
  const modelsDir =
    typeof ctx.values['models-dir'] === 'string' ? ctx.values['models-dir'] : loadConfig().modelsDir;
  const dirs = modelDirs(modelsDir);
  const manifestPath = resolveManifestPath(modelsDir, join(projectRoot(), 'models'));
  return { dirs, manifest: loadManifest(manifestPath), manifestPath };
}

function list(ctx: CommandContext, s: Setup): ExitCode {
  const pins = readPins(s.dirs);
  const models = s.manifest.models.map((e) => ({
    id: e.id,
    role: e.role,
    format: e.format,
    version: e.version,
    installed: isInstalled(s.dirs, e),
    default: s.manifest.defaults[e.role] === e.id,
    hashStatus: e.hashStatus,
    license: e.license,
    minRamMb: e.minRamMb,
    files: e.files.map((f) => {
      const exp = expectedFor(e, f, pins);
      return { path: f.path, sha256: exp.sha256, size: exp.size, pinnedBy: exp.pinned };
    }),
  }));
  if (ctx.values.json)
    ctx.printJson({ ok: true, modelsDir: s.dirs.modelsDir, manifest: s.manifestPath, models });
  else
    for (const m of models) {
      const unpinned = m.files.filter((f) => !f.pinnedBy).length;
      ctx.print(
        `${m.installed ? 'installed' : 'available'}  ${m.role.padEnd(9)} ${m.id}${m.default ? ' (default)' : ''}` +
          `  ${m.license}, ≥${m.minRamMb} MB RAM${unpinned ? `, ${unpinned} file(s) unpinned` : ''}`,
      );
    }
  return EXIT.OK;
}

async function verify(ctx: CommandContext, s: Setup, id: string | undefined): Promise<ExitCode> {
  const entries = id ? [findEntry(s.manifest, id)] : s.manifest.models.filter((e) => isInstalled(s.dirs, e));
  const cache = new HashCache(s.dirs.cacheDir);
  const reports: EntryReport[] = [];
  for (const e of entries) {
    ctx.info(`verifying ${e.id}...`);
    reports.push(await verifyEntry(s.dirs, e, cache));
  }
  const ok = reports.every((r) => r.ok);
  if (ctx.values.json) ctx.printJson({ ok, models: reports });
  else {
    if (reports.length === 0) ctx.print('no models installed');
    for (const r of reports) {
      ctx.print(`${r.ok ? 'ok      ' : 'FAILED  '} ${r.id}`);
      for (const f of r.files.filter((x) => x.status !== 'ok'))
        ctx.print(
          `  ${f.status}: ${f.path}` +
            (f.status === 'hash-mismatch' ? ` expected ${f.expectedSha256} actual ${f.actualSha256}` : '') +
            (f.status === 'size-mismatch' ? ` expected ${f.expectedSize} bytes, found ${f.actualSize}` : '') +
            (f.status === 'unpinned' ? ` actual ${f.actualSha256} (confidant models pin ${r.id})` : ''),
        );
    }
  }
  return ok ? EXIT.OK : EXIT.CHECK_FAILED;
}

async function pull(ctx: CommandContext, s: Setup, id: string): Promise<ExitCode> {
  const entry = findEntry(s.manifest, id);
  const pins = readPins(s.dirs);
  const cache = new HashCache(s.dirs.cacheDir);
  const files = [];
  for (const f of entry.files) {
    const dest = filePath(s.dirs, entry, f);
    const exp = expectedFor(entry, f, pins);
    if (existsSync(dest) && exp.sha256 && (await cache.hash(dest)).sha256 === exp.sha256) {
      files.push({ path: f.path, sha256: exp.sha256, skipped: true, verified: true });
      continue;
    }
    ctx.info(`downloading ${entry.id}/${f.path}...`);
    let lastPct = -10;
    const r = await pullFile({
      url: f.url,
      dest,
      sha256: exp.sha256,
      size: exp.size,
      onProgress: (got, total) => {
        const pct = total ? Math.floor((got / total) * 100) : -1;
        if (pct >= lastPct + 10) {
          lastPct = pct;
          ctx.info(`  ${f.path}: ${pct}%`);
        }
      },
    });
    files.push({
      path: f.path,
      sha256: r.sha256,
      size: r.size,
      resumedFrom: r.resumedFrom,
      verified: r.verified,
    });
  }
  const unverified = files.filter((f) => !f.verified).map((f) => f.path);
  if (ctx.values.json) ctx.printJson({ ok: true, id: entry.id, files, unpinned: unverified });
  else {
    ctx.print(`pulled ${entry.id}`);
    if (unverified.length)
      ctx.print(
        `  no published sha256 for ${unverified.join(', ')}: check the hashes above, then run confidant models pin ${entry.id}`,
      );
  }
  return EXIT.OK;
}

async function pin(ctx: CommandContext, s: Setup, id: string): Promise<ExitCode> {
  const entry = findEntry(s.manifest, id);
  const pins = readPins(s.dirs);
  const pinned = [];
  for (const f of entry.files) {
    if (f.sha256) continue; // published hashes are never overridden by a pin
    const path = filePath(s.dirs, entry, f);
    if (!existsSync(path)) throw new UserError('NOT_FOUND', `model ${id}: ${f.path} is not installed`);
    const sha256 = await sha256File(path);
    const { size } = statSync(path);
    (pins[entry.id] ??= {})[f.path] = { sha256, size, pinnedAt: new Date().toISOString() };
    pinned.push({ path: f.path, sha256, size });
  }
  writePins(s.dirs, pins);
  if (ctx.values.json) ctx.printJson({ ok: true, id, pinned });
  else {
    if (pinned.length === 0) ctx.print(`${id}: every file has a published sha256; nothing to pin`);
    for (const p of pinned) ctx.print(`pinned ${id}/${p.path} sha256 ${p.sha256} (${p.size} bytes)`);
  }
  return EXIT.OK;
}

export const modelsCommand: Command = {
  name: 'models',
  summary:
    'Local models: list the manifest, verify installed files (sha256), pull with resume, pin unpublished hashes.',
  usage: 'models list|verify|pull|pin [ID] [--models-dir DIR] [--json]',
  options: {
    'models-dir': { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(ctx) {
    const [action, id, ...extra] = ctx.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(`expected one of ${ACTIONS.join(', ')}`);
    if (extra.length) throw new UsageError('too many arguments');
    const s = setup(ctx);
    const a = action as Action;
    switch (a) {
      case 'list':
        return list(ctx, s);
      case 'verify':
        return verify(ctx, s, id);
      case 'pull':
        if (!id) throw new UsageError('pull needs a model ID (see confidant models list)');
        return pull(ctx, s, id);
      case 'pin':
        if (!id) throw new UsageError('pin needs a model ID');
        return pin(ctx, s, id);
    }
  },
};
