import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { builtinPack } from './builtin';
import { packHash } from './loader';
import { DOMAINS, type PolicyDomain, type PolicyPack } from './schema';
import { parsePack } from './validate';

/** Structurally the audit module's AuditActor. */
export interface PolicyActor {
  kind: 'user' | 'agent' | 'system';
  id: string;
  role: string;
}

/** The slice of the audit ledger the registry needs; the audit module's AuditLedger satisfies it. */
export interface PolicyAuditSink {
  append(entry: {
    type: 'admin.policy_activated' | 'admin.policy_rolled_back';
    actor: PolicyActor;
    subject?: null;
    payload: Record<string, string | number | boolean | null>;
  }): { seq: number; entryHash: string };
}

export interface ActivePack {
  pack: PolicyPack;
  hash: string;
  /** 'builtin' until an admin activates a pack for the domain (or rolls back past the first one). */
  source: 'builtin' | 'registry';
  /** The activation log row that made it active; null for the builtin default. */
  activationSeq: number | null;
}

export interface PolicyHistoryEntry {
  seq: number;
  action: 'activate' | 'rollback';
  /** The pack active after this action. */
  packId: string;
  version: string;
  hash: string;
  actorId: string;
  actorRole: string;
  at: string;
  auditSeq: number | null;
}

export interface PolicyRegistry {
  active(domain: PolicyDomain): PolicyPack;
  activeInfo(domain: PolicyDomain): ActivePack;
  /** Validates (again) and activates; a malformed pack throws VALIDATION and the active pack stays. */
  activate(pack: unknown, actor: PolicyActor): ActivePack;
  /** Returns to the pack active before the latest activation (the builtin pack after the first). */
  rollback(domain: PolicyDomain, actor: PolicyActor): ActivePack;
  history(domain: PolicyDomain): PolicyHistoryEntry[];
  /** Any pack ever registered or shipped, by content hash: turns resume on the pack they started with. */
  byHash(hash: string): PolicyPack | null;
  /** A registered pack by id and version (`confidant policy shadow ID@VERSION`); null when none is. */
  byIdVersion(packId: string, version: string): PolicyPack | null;
  /** Every registered pack, newest first, as stored (the admin's list; activation validates again). */
  registered(): Array<{ hash: string; pack: PolicyPack; registeredAt: string }>;
}

interface ActivationRow {
  seq: number;
  action: 'activate' | 'rollback';
  pack_hash: string | null;
  actor_id: string;
  actor_role: string;
  at: string;
  audit_seq: number | null;
}

export function openPolicyRegistry(store: Store, audit: PolicyAuditSink): PolicyRegistry {
  const db = store.db;
  const rowsFor = db.prepare<[string], ActivationRow>(
    'SELECT seq, action, pack_hash, actor_id, actor_role, at, audit_seq FROM policy_activations WHERE domain = ? ORDER BY seq',
  );
  const bodyFor = db.prepare<[string], { body: string }>('SELECT body FROM policy_packs WHERE hash = ?');
  const byIdVersion = db.prepare<[string, string], { hash: string }>(
    'SELECT hash FROM policy_packs WHERE pack_id = ? AND version = ?',
  );
  const allPacks = db.prepare<[], { hash: string; body: string; created_at: string }>(
    'SELECT hash, body, created_at FROM policy_packs ORDER BY created_at DESC',
  );
  const insertPack = db.prepare(
    'INSERT OR IGNORE INTO policy_packs (hash, pack_id, domain, version, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertActivation = db.prepare<[string, string, string | null, string, string, string]>(
    'INSERT INTO policy_activations (domain, action, pack_hash, actor_id, actor_role, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const setAuditSeq = db.prepare<[number, number]>(
    'UPDATE policy_activations SET audit_seq = ? WHERE seq = ?',
  );

  const builtins = new Map<string, PolicyPack>();
  for (const d of DOMAINS) {
    const p = builtinPack(d);
    builtins.set(packHash(p), p);
  }
  const parsed = new Map<string, PolicyPack>();
  const loadByHash = (hash: string): PolicyPack | null => {
    const hit = parsed.get(hash) ?? builtins.get(hash);
    if (hit) return structuredClone(hit);
    const row = bodyFor.get(hash);
    if (!row) return null;
    // Stored packs were validated on the way in; parsing again guards against a tampered row.
    const pack = parsePack(JSON.parse(row.body), `stored pack ${hash.slice(0, 12)}`);
    parsed.set(hash, pack);
    return structuredClone(pack);
  };

  /** Replays the log: activate pushes, rollback pops. */
  const stackFor = (domain: PolicyDomain): ActivationRow[] => {
    const stack: ActivationRow[] = [];
    for (const row of rowsFor.all(domain)) {
      if (row.action === 'activate') stack.push(row);
      else stack.pop();
    }
    return stack;
  };

  const activeInfo = (domain: PolicyDomain): ActivePack => {
    const top = stackFor(domain).at(-1);
    if (top?.pack_hash) {
      const pack = loadByHash(top.pack_hash);
      if (!pack)
        throw new UserError('CORRUPT', `Active policy pack ${top.pack_hash.slice(0, 12)} is missing.`);
      return { pack, hash: top.pack_hash, source: 'registry', activationSeq: top.seq };
    }
    const pack = builtinPack(domain);
    return { pack, hash: packHash(pack), source: 'builtin', activationSeq: null };
  };

  const record = (
    domain: PolicyDomain,
    action: 'activate' | 'rollback',
    hash: string | null,
    actor: PolicyActor,
    payload: Record<string, string | number | boolean | null>,
  ): void => {
    const info = insertActivation.run(domain, action, hash, actor.id, actor.role, new Date().toISOString());
    const seq = Number(info.lastInsertRowid);
    const entry = audit.append({
      type: action === 'activate' ? 'admin.policy_activated' : 'admin.policy_rolled_back',
      actor,
      subject: null,
      payload: { ...payload, activationSeq: seq },
    });
    setAuditSeq.run(entry.seq, seq);
  };

  return {
    active: (domain) => activeInfo(domain).pack,
    activeInfo,
    activate(input, actor) {
      const pack = parsePack(input, 'pack to activate');
      const hash = packHash(pack);
      const clash = byIdVersion.get(pack.id, pack.version);
      if (clash && clash.hash !== hash)
        throw new UserError(
          'CONFLICT',
          `Policy pack ${pack.id}@${pack.version} already exists with different content; bump the version.`,
        );
      const previous = activeInfo(pack.domain);
      // One transaction: if the audit append fails, the activation never happened.
      db.transaction(() => {
        insertPack.run(
          hash,
          pack.id,
          pack.domain,
          pack.version,
          JSON.stringify(pack),
          new Date().toISOString(),
        );
        record(pack.domain, 'activate', hash, actor, {
          domain: pack.domain,
          packId: pack.id,
          version: pack.version,
          packHash: hash,
          previousPackHash: previous.hash,
          previousVersion: previous.pack.version,
        });
      })();
      return activeInfo(pack.domain);
    },
    rollback(domain, actor) {
      const stack = stackFor(domain);
      if (stack.length === 0)
        throw new UserError(
          'CONFLICT',
          `No activated policy pack to roll back for ${domain}; the builtin pack is active.`,
        );
      const from = activeInfo(domain);
      db.transaction(() => {
        const below = stack.at(-2);
        const to = below?.pack_hash ? loadByHash(below.pack_hash) : builtinPack(domain);
        const toHash = below?.pack_hash ?? packHash(to as PolicyPack);
        record(domain, 'rollback', below?.pack_hash ?? null, actor, {
          domain,
          fromPackHash: from.hash,
          fromVersion: from.pack.version,
          toPackHash: toHash,
          toVersion: to?.version ?? null,
          toBuiltin: below === undefined,
        });
      })();
      return activeInfo(domain);
    },
    registered: () =>
      allPacks.all().map((r) => ({
        hash: r.hash,
        pack: JSON.parse(r.body) as PolicyPack,
        registeredAt: r.created_at,
      })),
    byIdVersion(packId, version) {
      const row = byIdVersion.get(packId, version);
      return row ? loadByHash(row.hash) : null;
    },
    history(domain) {
      const out: PolicyHistoryEntry[] = [];
      const stack: ActivationRow[] = [];
      for (const row of rowsFor.all(domain)) {
        if (row.action === 'activate') stack.push(row);
        else stack.pop();
        const top = stack.at(-1);
        const pack = top?.pack_hash ? loadByHash(top.pack_hash) : builtinPack(domain);
        out.push({
          seq: row.seq,
          action: row.action,
          packId: pack?.id ?? 'unknown',
          version: pack?.version ?? 'unknown',
          hash: top?.pack_hash ?? packHash(builtinPack(domain)),
          actorId: row.actor_id,
          actorRole: row.actor_role,
          at: row.at,
          auditSeq: row.audit_seq,
        });
      }
      return out;
    },
    byHash: loadByHash,
  };
}
