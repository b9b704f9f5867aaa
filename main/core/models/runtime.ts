/**
 * createModelRuntime: picks the active model per role, verifies and loads it, and degrades to the
 * declared fallbacks (lexicon sentiment, FTS5 retrieval, safe template + handoff) when a model is
 * missing, refused, or failing. Nothing here ever downloads: pulling is an explicit CLI action.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import { projectRoot, type Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store';
import { createLexiconScorer, lexiconSentiment } from './lexicon';
import { loadLlm, type LoadedLlm } from './llm';
import {
  filePath,
  loadManifest,
  modelDirs,
  resolveManifestPath,
  type Manifest,
  type ManifestEntry,
  type ModelDirs,
} from './manifest';
import {
  configureOffline,
  loadClassifier,
  loadEmbedder,
  loadTokenClassifier,
  polarityScore,
  type LoadedClassifier,
  type LoadedEmbedder,
  type LoadedTokenClassifier,
} from './onnx';
import { openModelRegistry, type ModelRegistry } from './registry';
import { BoundedQueue, CircuitBreaker, type CircuitOptions } from './resilience';
import {
  MODEL_ROLES,
  type AuditSink,
  type Embedder,
  type Fallback,
  type ModelRole,
  type ModelRuntime,
  type ModelStatus,
  type SentimentScorer,
} from './types';
import { assertFitsInRam, assertVerified, HashCache, isInstalled, verifyEntry } from './verify';

export interface CreateModelRuntimeOptions {
  config: Config;
  store?: Store;
  audit?: AuditSink;
  log?: Logger;
  /** Defaults to `<modelsDir>/manifest.json`, else the repo's models/manifest.json. */
  manifestPath?: string;
  /** Per-role override of the active model (null: use none). Wins over the registry and the manifest. */
  select?: Partial<Record<ModelRole, string | null>>;
  /** Temperature 0 and a fixed seed unless a request overrides them. */
  deterministic?: boolean;
  contextSize?: number;
  defaultTimeoutMs?: number;
  circuit?: Omit<CircuitOptions, 'name' | 'onChange'>;
  maxPending?: number;
  /** For tests of the RAM guard. */
  totalMemBytes?: number;
}

export interface FullModelRuntime extends ModelRuntime {
  readonly manifest: Manifest;
  readonly dirs: ModelDirs;
  /** Null without a store. */
  readonly registry: ModelRegistry | null;
  /** The token-classification (NER) model when one is active and loaded. */
  ner(): LoadedTokenClassifier | null;
}

type Loaded =
  | { role: 'llm' | 'guard'; llm: LoadedLlm }
  | { role: 'embedding'; embedder: LoadedEmbedder }
  | { role: 'sentiment' | 'emotion'; classifier: LoadedClassifier }
  | { role: 'ner'; tagger: LoadedTokenClassifier };

export async function createModelRuntime(options: CreateModelRuntimeOptions): Promise<FullModelRuntime> {
  const { config, log, audit } = options;
  const dirs = modelDirs(config.modelsDir);
  const manifest = loadManifest(
    options.manifestPath ?? resolveManifestPath(dirs.modelsDir, join(projectRoot(), 'models')),
  );
  let registry: ModelRegistry | null = null;
  if (options.store) {
    try {
      registry = openModelRegistry(options.store, manifest, audit);
    } catch (err) {
      // A store created before migration 005 existed lacks the tables; run on manifest defaults.
      log?.error({ err }, 'model registry unavailable; using manifest defaults');
    }
  }
  const cache = new HashCache(dirs.cacheDir);
  configureOffline(dirs.weightsDir);

  const chosen = new Map<ModelRole, ManifestEntry>();
  for (const role of MODEL_ROLES) {
    const override = options.select?.[role];
    const id =
      override !== undefined
        ? override
        : (registry?.active(role)?.modelId ?? manifest.defaults[role] ?? null);
    if (!id) continue;
    const entry = manifest.models.find((e) => e.id === id && e.role === role);
    if (!entry) throw new UserError('VALIDATION', `no ${role} model '${id}' in the manifest`);
    chosen.set(role, entry);
  }

  const problems = new Map<string, string>();
  const loaded = new Map<ModelRole, Loaded>();

  const degrade = (role: ModelRole, entry: ManifestEntry, err: unknown): void => {
    const code = err instanceof UserError ? err.code : 'INTERNAL';
    const message = err instanceof UserError ? err.message : 'unexpected error while loading';
    problems.set(entry.id, message);
    log?.warn({ role, modelId: entry.id, code }, 'model not loaded; using its fallback');
    audit?.append({
      type: 'degradation',
      actor: { kind: 'system', id: 'models', role: 'system' },
      payload: { reason: 'model_unavailable', role, modelId: entry.id, code },
    });
  };

  for (const [role, entry] of chosen) {
    if (!isInstalled(dirs, entry)) continue; // not installed is normal, not a problem
    try {
      const report = await verifyEntry(dirs, entry, cache);
      assertVerified(report);
      const bytes = entry.files.reduce((n, f) => n + statSync(filePath(dirs, entry, f)).size, 0);
      assertFitsInRam(entry, bytes, options.totalMemBytes);
      const primary = report.files[0]?.actualSha256 ?? '';
      loaded.set(role, await loadRole(role, entry, primary));
    } catch (err) {
      degrade(role, entry, err);
    }
  }

  async function loadRole(role: ModelRole, entry: ManifestEntry, sha256: string): Promise<Loaded> {
    switch (role) {
      case 'llm':
      case 'guard': {
        const gguf = entry.files.find((f) => f.path.endsWith('.gguf')) ?? entry.files[0];
        if (!gguf) throw new UserError('VALIDATION', `model ${entry.id} lists no GGUF file`);
        const llm = await loadLlm({
          modelPath: filePath(dirs, entry, gguf),
          info: { modelId: entry.id, sha256, templateId: entry.templateId },
          threads: config.modelThreads,
          contextSize: options.contextSize ?? entry.contextLength,
          deterministic: options.deterministic,
          defaultTimeoutMs: options.defaultTimeoutMs,
          circuit: options.circuit,
          maxPending: options.maxPending,
          audit,
        });
        return { role, llm };
      }
      case 'embedding':
        return { role, embedder: await loadEmbedder(entry.id, entry.dtype) };
      case 'sentiment':
      case 'emotion':
        return { role, classifier: await loadClassifier(entry.id, entry.dtype) };
      case 'ner':
        return { role, tagger: await loadTokenClassifier(entry.id, entry.dtype) };
    }
  }

  const breakerFor = (name: string): CircuitBreaker =>
    new CircuitBreaker({
      name,
      ...options.circuit,
      onChange: (c) =>
        audit?.append({
          type: 'circuit.changed',
          actor: { kind: 'system', id: 'models', role: 'system' },
          payload: { adapter: name, from: c.from, to: c.to, failures: c.failures },
        }),
    });

  // ---- embedder: breaker + bounded queue around the ONNX pipeline ----
  const emb = loaded.get('embedding');
  let embedder: Embedder | null = null;
  let embedBreaker: CircuitBreaker | null = null;
  if (emb?.role === 'embedding') {
    const inner = emb.embedder;
    const breaker = breakerFor('embedding');
    const queue = new BoundedQueue({ name: 'the embedding model', maxPending: options.maxPending ?? 16 });
    embedBreaker = breaker;
    embedder = { info: inner.info, embed: (texts) => queue.run(() => breaker.run(() => inner.embed(texts))) };
  }

  // ---- sentiment: model when available, lexicon otherwise or on any failure ----
  const sent = loaded.get('sentiment');
  const emo = loaded.get('emotion');
  const sentimentBreaker = breakerFor('sentiment');
  const sentimentQueue = new BoundedQueue({
    name: 'the sentiment model',
    maxPending: options.maxPending ?? 16,
  });
  const lexicon = createLexiconScorer();
  const sentimentEntry = chosen.get('sentiment');
  const sentimentScorer: SentimentScorer =
    sent?.role !== 'sentiment' && emo?.role !== 'emotion'
      ? lexicon
      : {
          async score(text) {
            try {
              return await sentimentQueue.run(() =>
                sentimentBreaker.run(async () => {
                  const emotions = emo?.role === 'emotion' ? await emo.classifier.classify(text) : undefined;
                  if (sent?.role !== 'sentiment') return { ...lexiconSentiment(text), emotions };
                  const probs = await sent.classifier.classify(text);
                  const polarity = sentimentEntry?.labelPolarity ?? {};
                  return { ...polarityScore(probs, polarity), emotions, source: 'model' as const };
                }),
              );
            } catch (err) {
              log?.warn(
                { code: err instanceof UserError ? err.code : 'INTERNAL' },
                'sentiment model failed; lexicon used',
              );
              return lexiconSentiment(text);
            }
          },
        };

  const llmLoaded = loaded.get('llm');
  const llm = llmLoaded?.role === 'llm' ? llmLoaded.llm : null;
  const guardLoaded = loaded.get('guard');
  const guard = guardLoaded?.role === 'guard' ? guardLoaded.llm : null;
  const nerLoaded = loaded.get('ner');
  let closed = false;

  return {
    manifest,
    dirs,
    registry,
    llm: () => (llm && llm.breaker.state !== 'open' ? llm : null),
    guard: () => (guard && guard.breaker.state !== 'open' ? guard : null),
    embedder: () => (embedder && embedBreaker?.state !== 'open' ? embedder : null),
    sentiment: () => sentimentScorer,
    ner: () => (nerLoaded?.role === 'ner' ? nerLoaded.tagger : null),
    status: (): ModelStatus[] =>
      manifest.models.map((e) => {
        const s: ModelStatus = {
          id: e.id,
          role: e.role,
          installed: isInstalled(dirs, e),
          active: chosen.get(e.role)?.id === e.id && loaded.has(e.role),
        };
        const problem = problems.get(e.id);
        if (problem) s.problem = problem;
        return s;
      }),
    fallbacks(): Fallback[] {
      const out: Fallback[] = [];
      if (sent?.role !== 'sentiment' || sentimentBreaker.state === 'open') out.push('lexicon-sentiment');
      if (!embedder || embedBreaker?.state === 'open') out.push('fts5-retrieval');
      if (!llm || llm.breaker.state === 'open') out.push('safe-template');
      return out;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const l of loaded.values()) {
        switch (l.role) {
          case 'llm':
          case 'guard':
            await l.llm.close();
            break;
          case 'embedding':
            await l.embedder.close();
            break;
          case 'sentiment':
          case 'emotion':
            await l.classifier.close();
            break;
          case 'ner':
            await l.tagger.close();
            break;
        }
      }
    },
  };
}
