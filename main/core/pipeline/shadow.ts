import { UserError } from '../../../shared/errors';
import { createFactsVerifier, type DialogueManager, type LlmAdapterLike } from '../agents';
import type { AuditActor } from '../audit';
import { packHash, parsePack, type PolicyDomain, type PolicyPack } from '../policy';
import { createAgentCache, type AgentCache } from './agent-cache';
import { conversationRepo, type ConversationRepo } from './conversations';
import { heldGuards } from './guards';
import { escalationReasons, runStage, type TurnContext } from './stages';
import { walkGraph } from './walk';
import { TurnStateSchema, undecided, type EscalationPort, type PipelineDeps, type TurnState } from './types';

/**
 * Shadow runs: each live turn is replayed, after its result has gone back, through a candidate policy
 * pack staged for its domain. The replay starts from the live turn's final checkpoint (the same text,
 * the same pseudonymized text, the same PII values) and re-runs every stage of the candidate's graph,
 * except that the draft is the live draft (no second model call). Nothing is delivered, no escalation
 * opens, no suggestion is recorded, no checkpoint is written: the stages run against inert stand-ins,
 * and their audit entries are dropped. The live/shadow decision diff (outcomes, reason codes, guards,
 * verdicts, versions; no text) is stored in shadow_runs and appended to the ledger as `shadow.run`.
 */

export const SHADOW_ACTOR: AuditActor = { kind: 'system', id: 'shadow-runner', role: 'system' };

export interface ShadowCandidate {
  domain: PolicyDomain;
  packId: string;
  version: string;
  hash: string;
  stagedBy: string;
  stagedAt: string;
}

export interface ShadowSide {
  policy: string;
  hash: string;
  outcome: string;
  delivered: boolean;
  escalated: boolean;
  reasons: string[];
  decision: string | null;
  guards: string[];
  degraded: string[];
}

export interface ShadowDiff {
  live: ShadowSide;
  shadow: ShadowSide;
  /** The fields that differ: outcome, delivered, escalated, reasons, decision, guards. */
  differs: string[];
  /** `approximate` when the live draft was revised: the shadow only sees the final draft. */
  replay: 'exact' | 'approximate';
}

export interface ShadowReport {
  domain: PolicyDomain | null;
  candidate: ShadowCandidate | null;
  runs: number;
  agreed: number;
  /** agreed / runs; null before the first run. */
  agreementRate: number | null;
  /** How often each field differed. */
  differences: Record<string, number>;
  /** live outcome -> shadow outcome -> count. */
  outcomes: Record<string, Record<string, number>>;
  meanDurationMs: number | null;
}

interface CandidateRow {
  domain: PolicyDomain;
  pack_hash: string;
  pack_id: string;
  version: string;
  body: string;
  staged_by: string;
  staged_at: string;
}

/** Staged candidates and recorded runs (migration 013). Staging and clearing are audited admin actions. */
export function shadowStore(deps: Pick<PipelineDeps, 'store' | 'audit'>) {
  const db = deps.store.db;
  const candidateRow = db.prepare<[string], CandidateRow>('SELECT * FROM shadow_candidates WHERE domain = ?');
  const upsertCandidate = db.prepare<[string, string, string, string, string, string, string]>(
    `INSERT INTO shadow_candidates (domain, pack_hash, pack_id, version, body, staged_by, staged_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (domain) DO UPDATE SET pack_hash = excluded.pack_hash, pack_id = excluded.pack_id,
       version = excluded.version, body = excluded.body, staged_by = excluded.staged_by,
       staged_at = excluded.staged_at`,
  );
  const deleteCandidate = db.prepare<[string]>('DELETE FROM shadow_candidates WHERE domain = ?');
  const insertRun = db.prepare<
    [string, string, string, string, string, string, string, string, number, string, number, number, string]
  >(
    `INSERT INTO shadow_runs (turn_id, domain, live_policy, live_hash, candidate_policy, candidate_hash,
      live_outcome, shadow_outcome, agree, diff, duration_ms, audit_seq, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (turn_id, candidate_hash) DO NOTHING`,
  );
  const runsOf = db.prepare<[string], { diff: string; agree: number; duration_ms: number }>(
    'SELECT diff, agree, duration_ms FROM shadow_runs WHERE candidate_hash = ? ORDER BY id',
  );
  const agreementOf = db.prepare<[string], { runs: number; agreed: number | null }>(
    'SELECT count(*) AS runs, sum(agree) AS agreed FROM shadow_runs WHERE candidate_hash = ?',
  );
  const parsed = new Map<string, PolicyPack>();
  const view = (r: CandidateRow): ShadowCandidate => ({
    domain: r.domain,
    packId: r.pack_id,
    version: r.version,
    hash: r.pack_hash,
    stagedBy: r.staged_by,
    stagedAt: r.staged_at,
  });
  const requireAdmin = (actor: AuditActor) => {
    if (actor.kind !== 'user' || actor.role !== 'admin')
      throw new UserError('FORBIDDEN', 'Only an admin may stage or clear a shadow candidate.');
  };
  return {
    candidate(domain: PolicyDomain): { info: ShadowCandidate; pack: PolicyPack } | null {
      const row = candidateRow.get(domain);
      if (!row) return null;
      let pack = parsed.get(row.pack_hash);
      if (!pack) {
        // Validated when staged; parsed again so a tampered row fails here, not in the middle of a replay.
        pack = parsePack(JSON.parse(row.body), `shadow candidate ${row.pack_id}@${row.version}`);
        parsed.set(row.pack_hash, pack);
      }
      return { info: view(row), pack };
    },
    /** Validates and stages a candidate for its domain (replacing any staged one). */
    stage(input: unknown, actor: AuditActor, now: Date = new Date()): ShadowCandidate {
      requireAdmin(actor);
      const pack = parsePack(input, 'shadow candidate');
      const hash = packHash(pack);
      const at = now.toISOString();
      db.transaction(() => {
        upsertCandidate.run(pack.domain, hash, pack.id, pack.version, JSON.stringify(pack), actor.id, at);
        deps.audit.append({
          type: 'shadow.run',
          actor,
          subject: null,
          payload: {
            event: 'candidate_staged',
            domain: pack.domain,
            candidate: `${pack.id}@${pack.version}`,
            candidateHash: hash,
          },
        });
      })();
      return view(candidateRow.get(pack.domain) as CandidateRow);
    },
    clear(domain: PolicyDomain, actor: AuditActor): boolean {
      requireAdmin(actor);
      const row = candidateRow.get(domain);
      if (!row) return false;
      db.transaction(() => {
        deleteCandidate.run(domain);
        deps.audit.append({
          type: 'shadow.run',
          actor,
          subject: null,
          payload: {
            event: 'candidate_cleared',
            domain,
            candidate: `${row.pack_id}@${row.version}`,
            candidateHash: row.pack_hash,
          },
        });
      })();
      return true;
    },
    record(run: {
      turnId: string;
      conversationId: string;
      subjectId: string;
      domain: PolicyDomain;
      diff: ShadowDiff;
      durationMs: number;
      now: Date;
    }): number {
      const agree = run.diff.differs.length === 0;
      return db.transaction(() => {
        const { seq } = deps.audit.append({
          type: 'shadow.run',
          actor: SHADOW_ACTOR,
          subject: run.subjectId,
          payload: {
            event: 'compared',
            conversationId: run.conversationId,
            turnId: run.turnId,
            domain: run.domain,
            agree,
            differs: run.diff.differs,
            replay: run.diff.replay,
            live: { ...run.diff.live },
            shadow: { ...run.diff.shadow },
          },
        });
        insertRun.run(
          run.turnId,
          run.domain,
          run.diff.live.policy,
          run.diff.live.hash,
          run.diff.shadow.policy,
          run.diff.shadow.hash,
          run.diff.live.outcome,
          run.diff.shadow.outcome,
          agree ? 1 : 0,
          JSON.stringify(run.diff),
          Math.round(run.durationMs * 1000) / 1000,
          seq,
          run.now.toISOString(),
        );
        return seq;
      })();
    },
    /** How many runs a candidate has and how many agreed with the live policy, without reading the diffs. */
    agreement(candidateHash: string): { runs: number; agreed: number } {
      const r = agreementOf.get(candidateHash);
      return { runs: r?.runs ?? 0, agreed: r?.agreed ?? 0 };
    },
    /** Agreement of the staged candidate of `domain` (or of a candidate by hash) with the live policy. */
    report(options: { domain?: PolicyDomain; candidateHash?: string } = {}): ShadowReport {
      const candidate = options.domain ? (this.candidate(options.domain)?.info ?? null) : null;
      const hash = options.candidateHash ?? candidate?.hash ?? null;
      const rows = hash ? runsOf.all(hash) : [];
      const differences: Record<string, number> = {};
      const outcomes: Record<string, Record<string, number>> = {};
      let agreed = 0;
      let total = 0;
      for (const r of rows) {
        const diff = JSON.parse(r.diff) as ShadowDiff;
        if (r.agree === 1) agreed += 1;
        total += r.duration_ms;
        for (const f of diff.differs) differences[f] = (differences[f] ?? 0) + 1;
        const row = (outcomes[diff.live.outcome] ??= {});
        row[diff.shadow.outcome] = (row[diff.shadow.outcome] ?? 0) + 1;
      }
      return {
        domain: options.domain ?? null,
        candidate,
        runs: rows.length,
        agreed,
        agreementRate: rows.length ? Math.round((agreed / rows.length) * 10_000) / 10_000 : null,
        differences,
        outcomes,
        meanDurationMs: rows.length ? Math.round((total / rows.length) * 1000) / 1000 : null,
      };
    },
  };
}
export type ShadowStore = ReturnType<typeof shadowStore>;

export interface ShadowRunnerOptions {
  /** A replay taking longer than this is abandoned and counted (default 2000 ms). */
  budgetMs?: number;
  /** At most this many turns wait for a replay; beyond it new ones are skipped and counted (default 64). */
  maxQueue?: number;
}

export interface ShadowRunner {
  /** Queues a replay of a finished live turn; returns at once (the live reply never waits for it). */
  schedule(turnId: string, domain: PolicyDomain): void;
  /** Resolves once every queued replay has finished (tests, shutdown). */
  drain(): Promise<void>;
  stats(): { completed: number; skipped: number; dropped: number; timedOut: number; failed: number };
  readonly store: ShadowStore;
}

export function createShadowRunner(deps: PipelineDeps, options: ShadowRunnerOptions = {}): ShadowRunner {
  const budgetMs = options.budgetMs ?? 2000;
  const maxQueue = options.maxQueue ?? 64;
  const now = deps.now ?? (() => new Date());
  const store = shadowStore(deps);
  const repo = deps.conversations ?? conversationRepo(deps.store);
  const counts = { completed: 0, skipped: 0, dropped: 0, timedOut: 0, failed: 0 };
  let queued = 0;
  let tail: Promise<void> = Promise.resolve();

  const agents = deps.agents ?? createAgentCache(deps);

  async function replay(turnId: string, domain: PolicyDomain): Promise<void> {
    const candidate = store.candidate(domain);
    if (!candidate) return void (counts.skipped += 1);
    const checkpoint = repo.lastCheckpoint(turnId);
    if (!checkpoint) return void (counts.skipped += 1);
    const live = liveState(deps, repo, checkpoint.state_sealed, turnId);
    if (!live || live.outcome === null || live.packHash === candidate.info.hash)
      return void (counts.skipped += 1);
    const started = performance.now();
    const shadowState = startState(live, candidate.pack, candidate.info.hash);
    const ctx = shadowContext(deps, live, candidate.pack, candidate.info.hash, agents, repo, now);
    // The live turn's walk, step limit and agents; the replay's audit entries are dropped after each node.
    const finished = await walkGraph(candidate.pack, shadowState, {
      run: (node) => runStage(ctx, shadowState, node),
      after: () => void (ctx.pendingAudit.length = 0),
      stop: () => performance.now() - started > budgetMs,
    });
    if (!finished) return void (counts.timedOut += 1);
    const livePack = deps.policies.byHash(live.packHash);
    const diff = compare(
      side(live, livePack ? `${livePack.id}@${livePack.version}` : 'unknown', live.packHash, livePack),
      side(
        shadowState,
        `${candidate.pack.id}@${candidate.pack.version}`,
        candidate.info.hash,
        candidate.pack,
      ),
      live.revised ? 'approximate' : 'exact',
    );
    const durationMs = performance.now() - started;
    store.record({
      turnId,
      conversationId: live.conversationId,
      subjectId: live.subjectId,
      domain,
      diff,
      durationMs,
      now: now(),
    });
    counts.completed += 1;
  }

  return {
    store,
    schedule(turnId, domain) {
      if (queued >= maxQueue) {
        counts.dropped += 1;
        return;
      }
      queued += 1;
      // setImmediate: the replay starts after the live result has been handed back.
      tail = tail.then(
        () =>
          new Promise<void>((resolve) => {
            setImmediate(() => {
              replay(turnId, domain)
                .catch((err: unknown) => {
                  counts.failed += 1;
                  deps.log.warn(
                    { turnId, err: err instanceof Error ? err.message : 'unknown' },
                    'shadow run failed',
                  );
                })
                .finally(() => {
                  queued -= 1;
                  resolve();
                });
            });
          }),
      );
    },
    drain: () => tail,
    stats: () => ({ ...counts }),
  };
}

function liveState(
  deps: PipelineDeps,
  repo: ConversationRepo,
  sealed: string,
  turnId: string,
): TurnState | null {
  const row = repo.conversationOfTurn(turnId);
  if (!row) return null;
  const text = deps.store.cipher.open(row.subject_id, sealed);
  if (text === null) return null;
  const parsed = TurnStateSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** The shadow starts where the live turn started: same input, same PII values, nothing decided. */
function startState(live: TurnState, pack: PolicyPack, hash: string): TurnState {
  return {
    ...live,
    packHash: hash,
    pseudoText: null,
    ...undecided(pack),
  };
}

function shadowContext(
  deps: PipelineDeps,
  live: TurnState,
  pack: PolicyPack,
  hash: string,
  agents: AgentCache,
  repo: ConversationRepo,
  now: () => Date,
): TurnContext {
  // The live draft stands in for the model: a policy candidate is judged on the same draft.
  const liveDraft = live.draft && live.draft.source !== 'extractive' ? live.draft : null;
  const llm: LlmAdapterLike | null =
    liveDraft || (live.draftError !== null && live.draftError !== 'model_unavailable')
      ? ({
          info: {
            modelId: liveDraft?.modelId ?? 'replay',
            sha256: liveDraft?.modelSha256 ?? '',
            templateId: 'replay',
          },
          generateJson: () => Promise.reject(new UserError('UNAVAILABLE', 'replay only')),
          stream: () => Promise.reject(new UserError('UNAVAILABLE', 'replay only')),
        } satisfies LlmAdapterLike)
      : null;
  const dialogue: DialogueManager | null = llm
    ? {
        draft: () => {
          if (liveDraft) return Promise.resolve(liveDraft);
          if (live.draftError === 'model_timeout')
            return Promise.reject(new UserError('TIMEOUT', 'the live draft timed out'));
          return Promise.reject(new Error('the live draft failed'));
        },
      }
    : null;
  const previousScores = repo
    .previous(live.conversationId, live.turnIndex, 8)
    .map((r) => r.sentiment)
    .filter((s): s is number => s !== null);
  return {
    deps: { ...deps, audit: { append: () => ({ seq: -1, entryHash: '' }) } },
    pack,
    packHash: hash,
    llm,
    dialogue,
    ...agents.agentsFor(pack, hash),
    verifier: createFactsVerifier({ embedder: deps.models.embedder?.() ?? null }),
    pseudonymizer: {
      pseudonymize: (text) => ({ text: text === live.text ? (live.pseudoText ?? '') : '', spans: [] }),
      rehydrate: (text) => text,
    },
    repo: { ...repo, setStatus: () => undefined },
    escalations: recordingEscalations().port,
    history: [],
    transcript: [],
    previousScores,
    now,
    pendingAudit: [],
  };
}

/**
 * The escalation port of a shadow run: it records what the candidate pack would have opened or suggested
 * and acts on nothing. The replay sees no queue (`activeFor` is null), as if the candidate had been live
 * from this turn on.
 */
export function recordingEscalations(): {
  port: EscalationPort;
  opened: Array<Parameters<EscalationPort['open']>[0]>;
  suggested: Array<Parameters<EscalationPort['suggest']>[0]>;
} {
  const opened: Array<Parameters<EscalationPort['open']>[0]> = [];
  const suggested: Array<Parameters<EscalationPort['suggest']>[0]> = [];
  return {
    opened,
    suggested,
    port: {
      activeFor: () => null,
      forConversation: () => [],
      open(input) {
        opened.push(input);
        return { id: 'shadow', reasons: [...input.packet.reasons], auditSeq: null };
      },
      suggest: (input) => void suggested.push(input),
      suggestionFor: () => null,
    },
  };
}

function side(state: TurnState, policy: string, hash: string, pack: PolicyPack | null): ShadowSide {
  return {
    policy,
    hash,
    outcome: state.outcome ?? 'none',
    delivered: state.delivered ?? false,
    escalated: state.outcome === 'escalated',
    // This turn's own reasons (the live escalation may have merged older ones into the queue item).
    reasons: state.outcome === 'escalated' && pack ? [...escalationReasons(state, pack)].sort() : [],
    decision: state.verdict?.decision ?? null,
    guards: pack ? [...heldGuards(state, pack)].sort() : [...(state.verdict?.guards ?? [])].sort(),
    degraded: [...state.degraded].sort(),
  };
}

function compare(live: ShadowSide, shadow: ShadowSide, replay: ShadowDiff['replay']): ShadowDiff {
  const differs = (['outcome', 'delivered', 'escalated', 'reasons', 'decision', 'guards'] as const).filter(
    (k) => JSON.stringify(live[k]) !== JSON.stringify(shadow[k]),
  );
  return { live, shadow, differs, replay };
}
