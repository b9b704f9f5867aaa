/**
 * The model registry (migration 005): the active model per role, changed only by audited admin actions.
 * Activation records the model's pinned sha256 so the audit trail says exactly which weights were live.
 */
import { BugError, UserError } from '../../../shared/errors';
import type { Store } from '../store';
import type { Manifest } from './manifest';
import type { AuditSink, ModelRole } from './types';

export interface Activation {
  seq: number;
  role: ModelRole;
  modelId: string;
  modelVersion: string;
  sha256: string | null;
  action: 'activate' | 'rollback';
  previousSeq: number | null;
  actorId: string;
  at: string;
}

interface Row {
  seq: number;
  role: ModelRole;
  model_id: string;
  model_version: string;
  sha256: string | null;
  action: 'activate' | 'rollback';
  previous_seq: number | null;
  actor_id: string;
  at: string;
}

const toActivation = (r: Row): Activation => ({
  seq: r.seq,
  role: r.role,
  modelId: r.model_id,
  modelVersion: r.model_version,
  sha256: r.sha256,
  action: r.action,
  previousSeq: r.previous_seq,
  actorId: r.actor_id,
  at: r.at,
});

export interface Actor {
  id: string;
  role: string;
}

export interface ModelRegistry {
  /** The active model id per role, or null when none was activated (the manifest default then applies). */
  active(role: ModelRole): Activation | null;
  activate(
    role: ModelRole,
    modelId: string,
    actor: Actor,
    options?: { sha256?: string | null; reason?: string },
  ): Activation;
  /** Returns to the model that the current activation replaced; CONFLICT when there is none. */
  rollback(role: ModelRole, actor: Actor, options?: { reason?: string }): Activation;
  history(role: ModelRole): Activation[];
}

export function openModelRegistry(store: Store, manifest: Manifest, audit?: AuditSink): ModelRegistry {
  const db = store.db;
  const getActive = db.prepare<[string], Row>(
    `SELECT a.* FROM model_active m JOIN model_activations a ON a.seq = m.activation_seq WHERE m.role = ?`,
  );
  const getSeq = db.prepare<[number], Row>('SELECT * FROM model_activations WHERE seq = ?');
  const insert = db.prepare(
    `INSERT INTO model_activations (role, model_id, model_version, sha256, action, previous_seq, actor_id, reason, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setActive = db.prepare(
    `INSERT INTO model_active (role, activation_seq) VALUES (?, ?)
     ON CONFLICT (role) DO UPDATE SET activation_seq = excluded.activation_seq`,
  );
  const history = db.prepare<[string], Row>('SELECT * FROM model_activations WHERE role = ? ORDER BY seq');

  const record = (
    role: ModelRole,
    modelId: string,
    version: string,
    sha256: string | null,
    action: 'activate' | 'rollback',
    previousSeq: number | null,
    actor: Actor,
    reason: string | undefined,
  ): Activation => {
    const seq = Number(
      insert.run(
        role,
        modelId,
        version,
        sha256,
        action,
        previousSeq,
        actor.id,
        reason ?? null,
        new Date().toISOString(),
      ).lastInsertRowid,
    );
    setActive.run(role, seq);
    const row = getSeq.get(seq);
    if (!row) throw new BugError('activation vanished');
    return toActivation(row);
  };

  return {
    active: (role) => {
      const row = getActive.get(role);
      return row ? toActivation(row) : null;
    },
    activate(role, modelId, actor, options = {}) {
      const entry = manifest.models.find((e) => e.id === modelId);
      if (!entry) throw new UserError('NOT_FOUND', `no model '${modelId}' in the manifest`);
      if (entry.role !== role)
        throw new UserError('VALIDATION', `model ${modelId} is a ${entry.role} model, not ${role}`);
      const sha256 = options.sha256 ?? entry.files[0]?.sha256 ?? null;
      const activation = db.transaction(() => {
        const current = getActive.get(role);
        return record(
          role,
          modelId,
          entry.version,
          sha256,
          'activate',
          current?.seq ?? null,
          actor,
          options.reason,
        );
      })();
      audit?.append({
        type: 'admin.model_activated',
        actor: { kind: 'user', id: actor.id, role: actor.role },
        payload: {
          role,
          modelId,
          version: entry.version,
          sha256,
          seq: activation.seq,
          previousSeq: activation.previousSeq,
        },
      });
      return activation;
    },
    rollback(role, actor, options = {}) {
      const activation = db.transaction(() => {
        const current = getActive.get(role);
        if (!current) throw new UserError('CONFLICT', `no ${role} model is active; nothing to roll back`);
        const target = current.previous_seq === null ? undefined : getSeq.get(current.previous_seq);
        if (!target)
          throw new UserError('CONFLICT', `the ${role} model has no earlier version to roll back to`);
        // Pointing at the target's own predecessor lets a second rollback go one step further back.
        return record(
          role,
          target.model_id,
          target.model_version,
          target.sha256,
          'rollback',
          target.previous_seq,
          actor,
          options.reason,
        );
      })();
      audit?.append({
        type: 'admin.model_rolled_back',
        actor: { kind: 'user', id: actor.id, role: actor.role },
        payload: {
          role,
          modelId: activation.modelId,
          version: activation.modelVersion,
          sha256: activation.sha256,
          seq: activation.seq,
        },
      });
      return activation;
    },
    history: (role) => history.all(role).map(toActivation),
  };
}
