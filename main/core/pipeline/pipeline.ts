import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TurnResultSchema as DeskTurnResultSchema } from '../../../shared/contract';
import { BugError, UserError } from '../../../shared/errors';
import {
  createDialogueManager,
  createEscalationHandler,
  createFactsVerifier,
  createPolicySupervisor,
  createGuardReviewer,
  createSemanticMatcher,
  createSentimentMonitor,
  type GuardReviewer,
  type LlmAdapterLike,
  SafetyMemorySchema,
} from '../agents';
import { findNode, nextNode, type PolicyPack, type Stage } from '../policy';
import { withSynchronous } from '../store';
import { GEN_AI } from '../tracing';
import { conversationRepo, type TurnRow } from './conversations';
import { escalationService } from './escalations';
import { holds } from './guards';
import { runStage, type TurnContext } from './stages';
import {
  TurnStateSchema,
  undecided,
  type PipelineDeps,
  type StageOutcome,
  type TurnInput,
  type TurnResult,
  type TurnState,
  type TurnTraceLike,
} from './types';

/** A walk longer than this is a cycle in a pack that validation missed. */
const MAX_STEPS = 64;
const HISTORY_TURNS = 4;

/** The desk's turn result (shared/contract) defines the fields both show; the stored one adds the rest. */
const { turnId, ...shown } = DeskTurnResultSchema.pick({
  turnId: true,
  delivered: true,
  reply: true,
  escalated: true,
  reasons: true,
  degraded: true,
  auditSeq: true,
  escalationId: true,
  outcome: true,
  replayed: true,
}).shape;
const TurnResultSchema = z.object({
  turnId,
  conversationId: z.string(),
  ...shown,
  resumed: z.boolean(),
  trace: TurnStateSchema.shape.trace,
});

const HistoryResultSchema = TurnResultSchema.pick({ delivered: true, reply: true });

export interface Pipeline {
  runTurn(input: TurnInput): Promise<TurnResult>;
  readonly conversations: ReturnType<typeof conversationRepo>;
  readonly escalations: ReturnType<typeof escalationService>;
}

/**
 * The per-turn executor: walks the active pack's decision graph node by node, runs each stage inside
 * a budgeted trace span, and checkpoints the sealed turn state after every node. A retried turn (same
 * idempotency key) returns its stored result, or resumes after its last checkpoint; it never applies twice.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const now = deps.now ?? (() => new Date());
  const repo = conversationRepo(deps.store);
  const escalations = escalationService(deps.store, deps.audit, now, deps.onEscalationChange);
  const locks = new Map<string, Promise<unknown>>();
  /**
   * Commit durability (see docs/PIPELINE.md, "Durability and latency"): the turn's intermediate writes
   * (turn row, per-node checkpoints with their audit entries, vault tokens) commit with
   * synchronous=NORMAL, written to the WAL but not fsynced; the terminal node's checkpoint, its audit
   * entries, the finished turn row and the spans commit together with FULL before the result is
   * returned. That one fsync makes every earlier WAL frame durable too. The level is switched around
   * each synchronous commit only, never across an await, so no other writer on the connection ever
   * commits under NORMAL.
   */
  const walOnly = <T>(fn: () => T): T => withSynchronous(deps.store.db, 'NORMAL', fn);
  const durable = <T>(fn: () => T): T => withSynchronous(deps.store.db, 'FULL', fn);

  const seal = (subjectId: string, value: unknown) =>
    deps.store.cipher.seal(subjectId, JSON.stringify(value));
  const open = (subjectId: string, envelope: string): string => {
    const text = deps.store.cipher.open(subjectId, envelope);
    if (text === null) throw new UserError('CONFLICT', 'The customer of this conversation has been erased.');
    return text;
  };

  function buildContext(
    pack: PolicyPack,
    packHash: string,
    state: TurnState,
    llmOverride: TurnInput['llm'],
    /** The conversation's last HISTORY_TURNS finished turns before this one, oldest first. */
    previous: TurnRow[],
  ): TurnContext {
    const llm = llmOverride === undefined ? deps.models.llm() : llmOverride;
    const vault = deps.privacy.createPseudonymizer(deps.store, {
      conversationId: state.conversationId,
      subjectId: state.subjectId,
    });
    // New vault tokens are intermediate writes of the turn: the terminal FULL commit makes them durable.
    const pseudonymizer: TurnContext['pseudonymizer'] = {
      pseudonymize: (text) => walOnly(() => vault.pseudonymize(text)),
      rehydrate: (text) => vault.rehydrate(text),
    };
    const history: TurnContext['history'] = [];
    const transcript: TurnContext['transcript'] = [];
    for (const row of previous) {
      const customer = open(state.subjectId, row.customer_sealed);
      history.push({ role: 'user', content: pseudonymizer.pseudonymize(customer).text });
      transcript.push({ role: 'customer', text: customer });
      // History needs only the reply: a partial parse, not the whole result and its trace, per turn.
      const result = row.result_sealed
        ? HistoryResultSchema.parse(JSON.parse(open(state.subjectId, row.result_sealed)))
        : null;
      if (result?.delivered && result.reply) {
        history.push({ role: 'assistant', content: result.reply });
        transcript.push({ role: 'agent', text: result.reply });
      }
    }
    return {
      deps,
      pack,
      packHash,
      llm,
      dialogue: llm ? createDialogueManager(llm, llm.source ?? 'model') : null,
      guard: guardFor(deps.models.guard?.() ?? null),
      ...agentsFor(pack, packHash),
      verifier: createFactsVerifier({ embedder: deps.models.embedder?.() ?? null }),
      pseudonymizer,
      repo,
      escalations,
      history,
      transcript,
      previousScores: previous.map((r) => r.sentiment).filter((s): s is number => s !== null),
      now,
      pendingAudit: [],
    };
  }

  // Agents compile the pack's patterns once per pack version, not once per turn. The supervisor and the
  // handoff depend on the pack only; the monitor also on the scorer, so a runtime that hands out a new
  // scorer object per call (a test double, the bench) rebuilds the monitor alone, not the supervisor.
  const agentCache = new Map<
    string,
    {
      fixed: Pick<TurnContext, 'supervisor' | 'handoff'>;
      scorer: unknown;
      embedder: unknown;
      monitor: TurnContext['monitor'];
    }
  >();
  function agentsFor(
    pack: PolicyPack,
    packHash: string,
  ): Pick<TurnContext, 'supervisor' | 'monitor' | 'handoff'> {
    const scorer = deps.models.sentiment();
    const embedder = deps.models.embedder?.() ?? null;
    const thresholds = embedder ? deps.semanticThresholds?.[embedder.info.modelId] : undefined;
    const monitorFor = () =>
      createSentimentMonitor(scorer, {
        highEmotion: pack.thresholds.highEmotion,
        trendWindow: pack.thresholds.trendWindow,
        cues: pack.cues,
        semantic: embedder && thresholds ? createSemanticMatcher(embedder, thresholds) : null,
      });
    let hit = agentCache.get(packHash);
    if (!hit) {
      hit = {
        fixed: {
          supervisor: createPolicySupervisor(pack, deps.privacy),
          handoff: createEscalationHandler(pack, deps.privacy),
        },
        scorer,
        embedder,
        monitor: monitorFor(),
      };
      if (agentCache.size > 16) agentCache.clear();
      agentCache.set(packHash, hit);
    } else if (hit.scorer !== scorer || hit.embedder !== embedder) {
      hit.scorer = scorer;
      hit.embedder = embedder;
      hit.monitor = monitorFor();
    }
    return { ...hit.fixed, monitor: hit.monitor };
  }

  /** One reviewer per guard adapter, so a turn does not rebuild it. */
  let guardCache: { llm: LlmAdapterLike; reviewer: GuardReviewer } | null = null;
  function guardFor(llm: LlmAdapterLike | null): GuardReviewer | null {
    if (!llm) return null;
    if (guardCache?.llm !== llm) guardCache = { llm, reviewer: createGuardReviewer(llm) };
    return guardCache.reviewer;
  }

  function storedResult(subjectId: string, row: TurnRow): TurnResult {
    if (!row.result_sealed) throw new BugError('finished turn without a result');
    return TurnResultSchema.parse(JSON.parse(open(subjectId, row.result_sealed)));
  }

  function initialState(
    conv: { id: string; subject_id: string; domain: TurnState['domain'] },
    turnId: string,
    turnIndex: number,
    pack: PolicyPack,
    packHash: string,
    text: string,
    /** As for buildContext: the finished turns before this one, oldest first (the same read serves both). */
    previous: TurnRow[],
  ): TurnState {
    const last = previous[previous.length - 1];
    // The last finished turn's final checkpoint carries every PII value of the conversation so far.
    const piiValues = new Set<string>();
    const prior = last ? repo.lastCheckpoint(last.id) : undefined;
    const priorJson = prior
      ? (safeJson(deps.store.cipher.open(conv.subject_id, prior.state_sealed)) as {
          piiValues?: unknown;
          sentiment?: { safety?: { memory?: unknown } } | null;
        } | null)
      : null;
    const priorState = priorJson ? TurnStateSchema.shape.piiValues.safeParse(priorJson.piiValues) : null;
    // The safety memory carries on from the last finished turn; an unreadable one starts afresh.
    const memory = SafetyMemorySchema.safeParse(priorJson?.sentiment?.safety?.memory);
    if (priorState?.success) for (const v of priorState.data) piiValues.add(v);
    return {
      v: 1,
      turnId,
      conversationId: conv.id,
      subjectId: conv.subject_id,
      domain: conv.domain,
      turnIndex,
      packHash,
      text,
      pseudoText: null,
      piiValues: [...piiValues],
      piiTypes: {},
      safetyMemory: memory.success ? memory.data : null,
      // A delivered turn among those already read answers it; otherwise the whole conversation is asked.
      firstReply: !(previous.some((t) => t.delivered === 1) || repo.anyDelivered(conv.id)),
      ...undecided(pack),
    };
  }

  /**
   * Walks the graph from `state.nextNodeId`. `complete` runs inside the terminal node's transaction, so
   * the last checkpoint, its audit entries and the finished turn row commit together in one FULL commit.
   * Returns whether that happened (false when resuming a turn whose terminal checkpoint was already written).
   */
  async function walk(ctx: TurnContext, state: TurnState, complete: () => void): Promise<boolean> {
    const trace: TurnTraceLike =
      deps.tracer?.startTurn(state.turnId, {
        'confidant.conversation.id': state.conversationId,
        'confidant.policy.id': ctx.pack.id,
        'confidant.policy.version': ctx.pack.version,
        'confidant.policy.hash': ctx.packHash,
        'confidant.domain': state.domain,
      }) ?? localTrace();
    let traceEnded = false;
    const endTrace = (): void => {
      if (traceEnded) return;
      traceEnded = true;
      walOnly(() => trace.end?.(state.outcome ? { 'confidant.outcome': state.outcome } : {}));
    };
    let completed = false;
    const unwritten: Array<() => void> = [];
    const batch: Array<{ step: number; nodeId: string }> = [];
    try {
      while (state.nextNodeId !== null) {
        if (state.step >= MAX_STEPS)
          throw new BugError(`policy ${ctx.pack.id} walked more than ${MAX_STEPS} nodes`);
        const node = findNode(ctx.pack, state.nextNodeId);
        const outcome = await trace.stage(
          node.stage,
          node.budgetMs,
          async (span) => {
            await runStage(ctx, state, node);
            span.setAttributes(stageAttributes(state, node.stage));
          },
          { attributes: { 'confidant.node.id': node.id, 'gen_ai.agent.name': AGENT_OF_STAGE[node.stage] } },
        );
        state.trace.push({
          node: node.id,
          stage: node.stage,
          durationMs: Math.round(outcome.durationMs * 1000) / 1000,
          overBudget: outcome.overBudget,
        });
        if (outcome.overBudget) {
          // Synchronous stages cannot be pre-empted; the overrun is kept in the trace and the log.
          // Stages with a fallback (sentiment, retrieval, draft) race their budget and degrade instead.
          deps.log.info(
            {
              node: node.id,
              stage: node.stage,
              budgetMs: node.budgetMs,
              durationMs: Math.round(outcome.durationMs),
            },
            'stage over budget',
          );
        }
        const next = nextNode(ctx.pack, node.id, (g) => holds(g, state, ctx.pack));
        state.nextNodeId = next ? next.node.id : null;
        state.step += 1;
        const terminal = state.nextNodeId === null;
        // Every node writes its checkpoint with its audit entries (all or none). A replayable node's
        // write waits for the next commit point; see REPLAYABLE_STAGES for why that loses nothing.
        const entries = ctx.pendingAudit.splice(0);
        const checkpoint = {
          step: state.step,
          nodeId: node.id,
          stage: node.stage,
          // Sealed now: later nodes go on changing the state.
          sealed: terminal ? null : seal(state.subjectId, state),
          at: now().toISOString(),
        };
        unwritten.push(() => {
          appendNodeEntries(state, entries);
          repo.checkpoint(
            state.turnId,
            checkpoint.step,
            checkpoint.nodeId,
            checkpoint.stage,
            // The terminal checkpoint is sealed after its entries so it carries the final audit seq.
            checkpoint.sealed ?? seal(state.subjectId, state),
            checkpoint.at,
          );
        });
        batch.push({ step: state.step, nodeId: node.id });
        if (!terminal && REPLAYABLE_STAGES.has(node.stage)) continue;
        const commit = deps.store.db.transaction(() => {
          for (const write of unwritten.splice(0)) write();
          if (terminal) {
            assertTerminal(ctx, state);
            complete();
            // The spans join the terminal commit (the tracer's own transaction nests as a savepoint).
            endTrace();
          }
        });
        const started = performance.now();
        if (terminal) {
          durable(commit);
          // After the fsync, never before: the head kept outside the database must not get ahead of it.
          deps.audit.publishHead?.();
        } else walOnly(commit);
        deps.afterCommit?.({
          turnId: state.turnId,
          nodes: batch.length,
          durable: terminal,
          ms: performance.now() - started,
        });
        completed = terminal;
        for (const done of batch.splice(0)) deps.afterCheckpoint?.({ turnId: state.turnId, ...done });
      }
    } finally {
      endTrace();
    }
    assertTerminal(ctx, state);
    return completed;
  }

  /** A node's audit entries, one batch (one head check, one savepoint) when the ledger allows. */
  function appendNodeEntries(state: TurnState, entries: TurnContext['pendingAudit']): void {
    if (entries.length === 0) return;
    if (deps.audit.appendMany) {
      const written = deps.audit.appendMany(entries);
      state.lastAuditSeq = written[written.length - 1]?.seq ?? state.lastAuditSeq;
    } else for (const entry of entries) state.lastAuditSeq = deps.audit.append(entry).seq;
  }

  function assertTerminal(ctx: TurnContext, state: TurnState): void {
    if (state.delivered === null || state.outcome === null || state.reply === null)
      throw new BugError(`policy ${ctx.pack.id} ended a turn without a terminal stage`);
  }

  async function run(input: TurnInput): Promise<TurnResult> {
    const at = now().toISOString();
    // Only a new conversation writes (its own NORMAL commit); an existing one is a plain read.
    const conv =
      repo.existing(input.conversationId, input.domain) ??
      walOnly(() => repo.ensure(input.conversationId, input.domain, at, input.staffId ?? null));
    const key = input.idempotencyKey ?? randomUUID();
    const existing = repo.turnByKey(conv.id, key);
    let state: TurnState;
    let pack: PolicyPack;
    let previous: TurnRow[];
    let resumed = false;
    if (existing) {
      if (open(conv.subject_id, existing.customer_sealed) !== input.text)
        throw new UserError('CONFLICT', 'This idempotency key was used for a different message.');
      if (existing.status === 'done') return { ...storedResult(conv.subject_id, existing), replayed: true };
      if (existing.status === 'failed')
        throw new UserError(
          'CONFLICT',
          'This turn failed earlier and cannot be resumed; send it as a new turn.',
        );
      const resumedPack = deps.policies.byHash(existing.pack_hash);
      if (!resumedPack) {
        repo.fail(existing.id, 'policy_unavailable', at);
        throw new UserError('CONFLICT', 'The policy this turn started under is gone; the turn was failed.');
      }
      pack = resumedPack;
      previous = repo.previous(conv.id, existing.idx, HISTORY_TURNS);
      const last = repo.lastCheckpoint(existing.id);
      if (last) {
        const parsed = TurnStateSchema.safeParse(
          safeJson(deps.store.cipher.open(conv.subject_id, last.state_sealed)),
        );
        if (!parsed.success) {
          repo.fail(existing.id, 'checkpoint_unreadable', at);
          throw new UserError('CORRUPT', 'The turn checkpoint is unreadable; the turn was failed cleanly.');
        }
        state = parsed.data;
      } else {
        state = initialState(conv, existing.id, existing.idx, pack, existing.pack_hash, input.text, previous);
      }
      resumed = true;
    } else {
      const active = deps.policies.active(conv.domain);
      pack = active.pack;
      const packHash = active.hash;
      const turnId = `turn_${randomUUID()}`;
      const idx = walOnly(() =>
        repo.startTurn({
          id: turnId,
          conversationId: conv.id,
          key,
          customerSealed: deps.store.cipher.seal(conv.subject_id, input.text),
          packId: pack.id,
          packVersion: pack.version,
          packHash,
          now: at,
          authorId: input.staffId ?? null,
        }),
      );
      previous = repo.previous(conv.id, idx, HISTORY_TURNS);
      state = initialState(conv, turnId, idx, pack, packHash, input.text, previous);
      if (input.staffId) state.staffId = input.staffId;
    }
    const ctx = buildContext(pack, state.packHash, state, input.llm, previous);
    const onDraft = input.onDraft;
    if (onDraft) ctx.onDraft = (reply) => onDraft(state.turnId, reply);
    const out: { result?: TurnResult } = {};
    const complete = (): void => {
      const active = escalations.forConversation(conv.id);
      const latest = active.find((e) => e.status !== 'resolved') ?? active[active.length - 1] ?? null;
      const done: TurnResult = {
        turnId: state.turnId,
        conversationId: conv.id,
        delivered: state.delivered ?? false,
        reply: state.reply ?? '',
        escalated: active.length > 0,
        reasons: latest ? latest.reasons : [],
        degraded: [...state.degraded],
        auditSeq: state.lastAuditSeq,
        escalationId: state.escalationId ?? latest?.id ?? null,
        outcome: state.outcome ?? 'blocked',
        replayed: false,
        resumed,
        trace: state.trace,
      };
      repo.finish(
        state.turnId,
        seal(conv.subject_id, done),
        { delivered: done.delivered, escalated: done.escalated, sentiment: state.sentiment?.score ?? null },
        now().toISOString(),
      );
      out.result = done;
    };
    // A turn resumed after its terminal checkpoint (written before terminal commits included the
    // finish) has no node left to run: finish it here, durably.
    if (!(await walk(ctx, state, complete))) durable(() => deps.store.db.transaction(complete)());
    if (!out.result) throw new BugError('turn finished without a result');
    return out.result;
  }

  return {
    conversations: repo,
    escalations,
    runTurn(input) {
      if (input.text.trim().length === 0)
        return Promise.reject(new UserError('VALIDATION', 'The message is empty.'));
      if (input.text.length > 8000)
        return Promise.reject(new UserError('VALIDATION', 'The message is longer than 8000 characters.'));
      // Turns of one conversation run one at a time: each sees the previous one's state.
      const prior = locks.get(input.conversationId) ?? Promise.resolve();
      const next = prior.catch(() => undefined).then(() => run(input));
      locks.set(input.conversationId, next);
      void next
        .finally(() => {
          if (locks.get(input.conversationId) === next) locks.delete(input.conversationId);
        })
        .catch(() => undefined);
      return next;
    },
  };
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Stages that are cheap, deterministic functions of the turn state, the pack and the KB snapshot, with
 * no effect outside the turn's own writes. Their checkpoints and audit entries commit together with the
 * next non-replayable node's (the draft, which may take seconds of model time, or a terminal node), so
 * a turn makes two or three commits instead of one per node. A crash before that commit loses only
 * replayable work: the retry resumes from the last committed checkpoint and runs those nodes again,
 * and since their audit entries never committed, none is written twice. Anything else (the draft, any
 * stage with side effects such as opening an escalation) commits as soon as it finishes.
 */
const REPLAYABLE_STAGES: ReadonlySet<Stage> = new Set([
  'receive',
  'input_rails',
  'sentiment',
  'retrieve',
  'verify_facts',
  'output_rails',
  'decide',
]);

/** Which agent owns each stage, for the GenAI `gen_ai.agent.name` span attribute. */
const AGENT_OF_STAGE: Record<Stage, string> = {
  receive: 'privacy',
  input_rails: 'policy_supervisor',
  sentiment: 'sentiment_monitor',
  retrieve: 'knowledge_base',
  draft: 'dialogue_manager',
  verify_facts: 'facts_verifier',
  output_rails: 'policy_supervisor',
  decide: 'policy_supervisor',
  deliver: 'policy_supervisor',
  rewrite: 'policy_supervisor',
  escalate: 'escalation_handler',
  block: 'policy_supervisor',
};

/** Ids, codes and counts only: the tracing allow-list drops anything else. */
function stageAttributes(state: TurnState, stage: Stage): Record<string, unknown> {
  switch (stage) {
    case 'draft':
      return state.draft
        ? {
            [GEN_AI.operationName]: 'chat',
            [GEN_AI.requestModel]: state.draft.modelId,
            [GEN_AI.inputTokens]: state.draft.promptTokens,
            [GEN_AI.outputTokens]: state.draft.completionTokens,
            'confidant.model.sha256': state.draft.modelSha256,
          }
        : { 'confidant.degradation': state.draftError ?? 'none' };
    case 'retrieve':
      return {
        'confidant.kb.snapshot': state.kbSnapshot ?? 'none',
        'confidant.kb.hits': state.passages.length,
      };
    case 'sentiment':
      return state.sentiment
        ? {
            'confidant.sentiment.label': state.sentiment.label,
            'confidant.sentiment.source': state.sentiment.source,
          }
        : {};
    case 'verify_facts':
      return state.facts ? { 'confidant.facts.unsupported': state.facts.unsupported } : {};
    default:
      return state.outcome ? { 'confidant.outcome': state.outcome } : {};
  }
}

function localTrace(): TurnTraceLike {
  return {
    async stage<T>(
      _name: string,
      budgetMs: number,
      fn: (span: { setAttributes(a: Record<string, unknown>): void }) => Promise<T> | T,
    ): Promise<StageOutcome<T>> {
      const start = performance.now();
      const result = await fn({ setAttributes: () => undefined });
      const durationMs = performance.now() - start;
      return { result, durationMs, overBudget: durationMs > budgetMs };
    },
  };
}
