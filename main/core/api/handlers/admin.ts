import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../../shared/errors';
import { projectRoot } from '../../config';
import type { Core } from '../../container';
import type { ModelPull } from '../../../../shared/contract';
import {
  expectedFor,
  FALLBACKS,
  filePath,
  HashCache,
  pullFile,
  readPins,
  isInstalled,
  loadManifest,
  MODEL_ROLES,
  modelDirs,
  openModelRegistry,
  resolveManifestPath,
  type Manifest,
  type ModelRole,
} from '../../models';
import { canonicalJson, entryCounter } from '../../audit';
import {
  builtinPack,
  DOMAINS,
  openPolicyRegistry,
  packHash,
  parsePackText,
  type PolicyDomain,
  type PolicyPack,
} from '../../policy';
import { fingerprintOfPem, lanOverview } from '../../lan';
import { shadowStore } from '../../pipeline';
import { stageDurations } from '../../tracing';
import { actorOf, type HandlerContext } from '../dispatch';
import { lineDiff } from './diff';
import { modelsFromManifest } from './status';

function manifestOf(core: Core): Manifest {
  const path = resolveManifestPath(core.config.modelsDir, join(projectRoot(), 'models'));
  if (!existsSync(path))
    throw new UserError('NOT_FOUND', 'No model manifest: models/manifest.json is missing.');
  return loadManifest(path);
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);

export function adminHandlers(core: Core) {
  const registry = () => openPolicyRegistry(core.store, core.audit);
  const lan = lanOverview(core.store);
  const actor = (ctx: HandlerContext) => {
    const { id, role } = actorOf(ctx);
    return { kind: 'user' as const, id, role };
  };

  const shadows = shadowStore({ store: core.store, audit: core.audit });
  const recentStages = stageDurations(core.store);
  const entriesOfType = entryCounter(core.store);

  function info(pack: PolicyPack, hash: string, source: 'builtin' | 'registry', registeredAt: string | null) {
    const active = registry().activeInfo(pack.domain).hash === hash;
    return {
      hash,
      id: pack.id,
      domain: pack.domain,
      version: pack.version,
      source,
      active,
      registeredAt,
      shadow: shadows.agreement(hash),
    };
  }

  function activeInfo(domain: PolicyDomain) {
    const a = registry().activeInfo(domain);
    return info(a.pack, a.hash, a.source, null);
  }

  /** Every pack the admin can pick: the shipped ones and any ever activated here. */
  function allPacks() {
    const out = DOMAINS.map((d) => {
      const shipped = builtinPack(d);
      return info(shipped, packHash(shipped), 'builtin', null);
    });
    for (const row of registry().registered()) {
      if (out.some((p) => p.hash === row.hash)) continue;
      out.push(info(row.pack, row.hash, 'registry', row.registeredAt));
    }
    return out;
  }

  function packByHash(hash: string): PolicyPack {
    const pack = registry().byHash(hash);
    if (!pack) throw new UserError('NOT_FOUND', 'No such policy pack: pick one from the list.');
    return pack;
  }

  function models() {
    const manifest = manifestOf(core);
    const dirs = modelDirs(core.config.modelsDir);
    const reg = openModelRegistry(core.store, manifest, core.audit);
    const haveMb = Math.floor(totalmem() / 2 ** 20);
    const list = manifest.models.map((m) => {
      const known = m.files.every((f) => f.size !== null);
      const size = known ? m.files.reduce((a, f) => a + (f.size ?? 0), 0) : null;
      const onDisk = m.files.reduce((a, f) => {
        const p = filePath(dirs, m, f);
        return a + (existsSync(p) ? statSync(p).size : 0);
      }, 0);
      const bytes = size ?? onDisk;
      // The loader's own rule (assertFitsInRam): the larger of the declared minimum and 1.2x the weights.
      const needMb = Math.max(m.minRamMb, Math.ceil((bytes * 1.2) / 2 ** 20));
      // Active means an admin activated it here; the manifest default is shown apart (and may be absent).
      const activeId = reg.active(m.role)?.modelId ?? null;
      return {
        id: m.id,
        role: m.role,
        displayName: m.displayName,
        version: m.version,
        sizeBytes: size,
        minRamMb: needMb,
        fits: needMb <= haveMb,
        installed: isInstalled(dirs, m),
        hashStatus: m.hashStatus,
        active: activeId === m.id,
        isDefault: manifest.defaults[m.role] === m.id,
        license: m.license,
      };
    });
    const history = MODEL_ROLES.flatMap((role) =>
      reg.history(role).map((h) => ({ role, modelId: h.modelId, action: h.action, at: h.at })),
    ).sort((a, b) => (a.at < b.at ? 1 : -1));
    return { machineRamMb: haveMb, models: list, history: history.slice(0, 20), reg, manifest, dirs };
  }
  let pull: ModelPull | null = null;
  const modelsView = () => {
    const { machineRamMb, models: list, history } = models();
    return { machineRamMb, models: list, history, pull };
  };

  /** Resumable download of every missing file, one model at a time, reporting progress as events. */
  async function runPull(modelId: string): Promise<void> {
    const { manifest, dirs } = models();
    const entry = manifest.models.find((m) => m.id === modelId);
    if (!entry) throw new UserError('NOT_FOUND', 'No such model in the manifest.');
    const pins = readPins(dirs);
    const cache = new HashCache(dirs.cacheDir);
    const total = entry.files.every((f) => f.size !== null)
      ? entry.files.reduce((a, f) => a + (f.size ?? 0), 0)
      : null;
    let done = 0;
    const publish = () =>
      pull &&
      core.events.publish({
        topic: 'models.progress',
        data: { modelId, state: pull.state, received: pull.received, total: pull.total },
      });
    pull = { modelId, state: 'running', received: 0, total, message: `Downloading ${entry.displayName}…` };
    publish();
    try {
      for (const f of entry.files) {
        const dest = filePath(dirs, entry, f);
        const exp = expectedFor(entry, f, pins);
        if (existsSync(dest) && exp.sha256 && (await cache.hash(dest)).sha256 === exp.sha256) {
          done += statSync(dest).size;
          continue;
        }
        let last = 0;
        const r = await pullFile({
          url: f.url,
          dest,
          sha256: exp.sha256,
          size: exp.size,
          onProgress: (got) => {
            if (!pull) return;
            pull = { ...pull, received: done + got };
            // At most one event per MiB: progress, not a flood.
            if (got - last >= 2 ** 20) {
              last = got;
              publish();
            }
          },
        });
        done += r.size;
      }
      pull = {
        modelId,
        state: 'done',
        received: done,
        total,
        message: `${entry.displayName} downloaded and checked. Activate it to use it.`,
      };
    } catch (err) {
      const reason = err instanceof UserError ? err.message : 'the download failed';
      pull = {
        modelId,
        state: 'failed',
        received: pull?.received ?? 0,
        total,
        message: `Could not download ${entry.displayName}: ${reason}. Check the network and try again; the download resumes where it stopped.`,
      };
    }
    publish();
  }

  return {
    'policy.list': () => ({
      domains: DOMAINS.map((domain) => {
        const history = registry().history(domain);
        return {
          domain,
          active: activeInfo(domain),
          history: history
            .slice(-10)
            .reverse()
            .map((h) => ({
              seq: h.seq,
              action: h.action,
              packId: h.packId,
              version: h.version,
              actorRole: h.actorRole,
              at: h.at,
            })),
          canRollBack: registry().activeInfo(domain).source === 'registry',
        };
      }),
      packs: allPacks(),
    }),

    'policy.diff': ({ hash }: { hash: string }) => {
      const pack = packByHash(hash);
      const active = registry().activeInfo(pack.domain);
      const pretty = (p: PolicyPack) =>
        JSON.stringify(JSON.parse(canonicalJson(p as never)), null, 2).split('\n');
      return {
        against: `${active.pack.id}@${active.pack.version}`,
        lines: lineDiff(pretty(active.pack), pretty(pack)),
      };
    },

    'policy.activate': ({ hash, text }: { hash?: string; text?: string }, ctx: HandlerContext) => {
      let pack: PolicyPack;
      if (text !== undefined) {
        const trimmed = text.trimStart();
        pack = parsePackText(text, trimmed.startsWith('{') ? 'json' : 'yaml', 'uploaded pack');
      } else pack = packByHash(hash as string);
      const a = registry().activate(pack, actor(ctx));
      return info(a.pack, packHash(a.pack), a.source, null);
    },

    'policy.rollback': ({ domain }: { domain: PolicyDomain }, ctx: HandlerContext) => {
      const a = registry().rollback(domain, actor(ctx));
      return info(a.pack, a.hash, a.source, null);
    },

    'models.list': () => modelsView(),

    'pairing.list': () => {
      const peers = lan.peers();
      return {
        role: lan.role(),
        peers: peers.map((p) => ({
          deviceId: p.device_id,
          role: p.role,
          fingerprint: fingerprintOfPem(p.cert_pem),
          address: p.address,
          pairedAt: p.paired_at,
          lastSeen: p.last_seen,
          clockSkewMs: p.clock_skew_ms,
          revoked: p.revoked_at !== null,
        })),
      };
    },

    'models.activate': ({ modelId }: { modelId: string }, ctx: HandlerContext) => {
      const { reg, manifest, dirs } = models();
      const entry = manifest.models.find((m) => m.id === modelId);
      if (!entry) throw new UserError('NOT_FOUND', 'No such model in the manifest.');
      if (!isInstalled(dirs, entry))
        throw new UserError(
          'UNAVAILABLE',
          `${entry.displayName} is not installed: pull it first (confidant models pull ${entry.id}).`,
        );
      reg.activate(entry.role, entry.id, actor(ctx), { reason: 'admin workspace' });
      return modelsView();
    },

    'models.pull': ({ modelId }: { modelId: string }) => {
      if (pull?.state === 'running')
        throw new UserError('CONFLICT', 'A download is already running: wait for it to finish.');
      if (!manifestOf(core).models.some((m) => m.id === modelId))
        throw new UserError('NOT_FOUND', 'No such model in the manifest.');
      void runPull(modelId).catch((err: unknown) => core.log.warn({ err }, 'model pull failed'));
      return modelsView();
    },

    'models.rollback': ({ role }: { role: ModelRole }, ctx: HandlerContext) => {
      models().reg.rollback(role, actor(ctx), { reason: 'admin workspace' });
      return modelsView();
    },

    /** Aggregates over the local spans and ledger counts: names, durations and codes only, never text. */
    'observability.get': ({ turns }: { turns: number }) => {
      const recent = recentStages(turns);
      const byStage = new Map<string, { d: number[]; budget: number | null }>();
      for (const s of recent.spans) {
        const g = byStage.get(s.name) ?? { d: [], budget: null };
        g.d.push(s.duration_ms);
        if (typeof s.budget === 'number') g.budget = s.budget;
        byStage.set(s.name, g);
      }
      core.audit.flush();
      const peek = core.pipeline.peekModels();
      return {
        turns: recent.turns,
        turnsRecorded: entriesOfType('turn.received'),
        stages: [...byStage.entries()]
          .map(([stage, g]) => {
            const sorted = [...g.d].sort((a, b) => a - b);
            return {
              stage,
              count: sorted.length,
              p50Ms: percentile(sorted, 0.5),
              p95Ms: percentile(sorted, 0.95),
              budgetMs: g.budget,
              overBudget: g.budget === null ? 0 : sorted.filter((d) => d > (g.budget as number)).length,
            };
          })
          .sort((a, b) => a.stage.localeCompare(b.stage)),
        escalations: entriesOfType('escalation.opened'),
        degradations: entriesOfType('degradation'),
        models:
          peek?.status().map(({ id, role, installed, active }) => ({ id, role, installed, active })) ??
          modelsFromManifest(core),
        fallbacks: peek?.fallbacks() ?? [...FALLBACKS],
      };
    },
  };
}
