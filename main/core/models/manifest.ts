/**
 * The model manifest (models/manifest.json): what may be installed, where it comes from, and the pinned
 * sha256 and size of every file. Weights live under `<modelsDir>/weights/<id>/<path>` (git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../shared/errors';
import { MODEL_ROLES } from './types';

const SHA256 = /^[0-9a-f]{64}$/;

const fileSchema = z.object({
  /** Relative to the model's folder; no `..`, no absolute paths. */
  path: z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('/') && !normalize(p).startsWith('..') && !p.includes('\\'), 'unsafe path'),
  url: z.url(),
  sha256: z.string().regex(SHA256).nullable(),
  size: z.number().int().positive().nullable(),
});

export const manifestEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/),
  version: z.string().min(1),
  displayName: z.string().min(1),
  role: z.enum(MODEL_ROLES),
  format: z.enum(['gguf', 'onnx']),
  task: z.enum(['text-generation', 'feature-extraction', 'text-classification', 'token-classification']),
  files: z.array(fileSchema).min(1),
  /** 'published': hashes copied from the publisher's LFS pointers; otherwise pin with `models pin`. */
  hashStatus: z.enum(['published', 'partially-published', 'unpublished']),
  license: z.string().min(1),
  source: z.url(),
  revision: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  templateId: z.string().min(1),
  minRamMb: z.number().int().positive(),
  /** ONNX weight variant: 'q8' loads onnx/model_quantized.onnx. */
  dtype: z.enum(['fp32', 'q8']).optional(),
  dims: z.number().int().positive().optional(),
  /** Sentiment classifiers: polarity of each output label. */
  labelPolarity: z.record(z.string(), z.enum(['negative', 'neutral', 'positive'])).optional(),
  notes: z.string().optional(),
});

export const manifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    defaults: z.partialRecord(z.enum(MODEL_ROLES), z.string()),
    models: z.array(manifestEntrySchema),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    for (const [i, e] of m.models.entries()) {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['models', i, 'id'], message: 'duplicate id' });
      ids.add(e.id);
      if ((e.format === 'gguf') !== (e.role === 'llm' || e.role === 'guard'))
        ctx.addIssue({ code: 'custom', path: ['models', i, 'format'], message: 'llm or guard <=> gguf' });
    }
    for (const [role, id] of Object.entries(m.defaults)) {
      const entry = m.models.find((e) => e.id === id);
      if (!entry || entry.role !== role)
        ctx.addIssue({ code: 'custom', path: ['defaults', role], message: `no ${role} model '${id}'` });
    }
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type ManifestFile = ManifestEntry['files'][number];

export interface ModelDirs {
  modelsDir: string;
  weightsDir: string;
  cacheDir: string;
  pinsPath: string;
}

export function modelDirs(modelsDir: string): ModelDirs {
  const weightsDir = join(modelsDir, 'weights');
  return {
    modelsDir,
    weightsDir,
    cacheDir: join(modelsDir, 'cache'),
    pinsPath: join(weightsDir, 'pins.json'),
  };
}

export function filePath(dirs: ModelDirs, entry: ManifestEntry, file: ManifestFile): string {
  return join(dirs.weightsDir, entry.id, file.path);
}

/** Reads and validates a manifest; a bad manifest is a VALIDATION error naming the field. */
export function loadManifest(path: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UserError('VALIDATION', `manifest ${path} is not readable JSON`, { cause: err });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      'VALIDATION',
      `manifest ${path}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/** `<modelsDir>/manifest.json` wins; otherwise the manifest shipped in the repo's models/ folder. */
export function resolveManifestPath(modelsDir: string, shippedDir: string): string {
  const local = join(modelsDir, 'manifest.json');
  return existsSync(local) ? local : join(shippedDir, 'manifest.json');
}

export function findEntry(manifest: Manifest, id: string): ManifestEntry {
  const entry = manifest.models.find((e) => e.id === id);
  if (!entry) throw new UserError('NOT_FOUND', `no model '${id}' in the manifest`);
  return entry;
}

// ---- pins: hashes an administrator recorded for files whose publisher gave none ----

export interface Pin {
  sha256: string;
  size: number;
  pinnedAt: string;
}
type Pins = Record<string, Record<string, Pin>>;

const pinsSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      sha256: z.string().regex(SHA256),
      size: z.number().int().nonnegative(),
      pinnedAt: z.string(),
    }),
  ),
);

export function readPins(dirs: ModelDirs): Pins {
  if (!existsSync(dirs.pinsPath)) return {};
  try {
    return pinsSchema.parse(JSON.parse(readFileSync(dirs.pinsPath, 'utf8')));
  } catch (err) {
    throw new UserError('CORRUPT', `pins file ${dirs.pinsPath} is unreadable`, { cause: err });
  }
}

export function writePins(dirs: ModelDirs, pins: Pins): void {
  mkdirSync(dirs.weightsDir, { recursive: true });
  const tmp = `${dirs.pinsPath}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(pins, null, 2)}\n`);
  renameSync(tmp, dirs.pinsPath);
}

/** The hash and size a file must have: the manifest's where published, else an administrator's pin. */
export function expectedFor(
  entry: ManifestEntry,
  file: ManifestFile,
  pins: Pins,
): { sha256: string | null; size: number | null; pinned: 'manifest' | 'pin' | null } {
  if (file.sha256) return { sha256: file.sha256, size: file.size, pinned: 'manifest' };
  const pin = pins[entry.id]?.[file.path];
  if (pin) return { sha256: pin.sha256, size: pin.size, pinned: 'pin' };
  return { sha256: null, size: file.size, pinned: null };
}
