import type { Config } from '../config';
import { createLogger, type Logger } from '../log';
import { installLogRedaction } from '../privacy';
import { openStore, storeExists, storeMeta, type MasterKeyProvider, type Store } from '../store';
import {
  createAccounts,
  createSessions,
  openUserDirectory,
  SESSION_DEFAULTS,
  type Accounts,
  type Sessions,
  type UserDirectory,
} from '../users';
import { openLedger, type AuditLedger } from '../audit';
import { createMemory, type Memory } from '../memory';
import {
  conversationRepo,
  createLazyPipeline,
  pipelineRetentionTargets,
  transcriptReader,
  packetPrivacy,
  type ConversationRepo,
  type LazyPipeline,
  type TranscriptReader,
} from '../pipeline';
import {
  escalationRetentionTarget,
  openEscalationConversations,
  escalationService,
  staffEscalation,
  type EscalationService,
  type EscalationSummary,
} from '../escalations';
import { openPolicyRegistry } from '../policy';
import type { AuditActor } from '../audit';
import { vaultRetentionTarget } from '../privacy';
import { createRetention, type Retention } from '../retention';
import { strictestRetention } from './retention-windows';
import { scheduleRecovery } from './recovery';
import { createEventHub, type CoreEvents } from './events';
import {
  createLanQueue,
  hasActivePairing,
  openLanDesk,
  staffTimeline,
  type LanDesk,
  type LanQueue,
} from '../lan';
import { lanPorts } from './lan-ports';
import { startLanEndpoint, type LanEndpoint, type LanEndpointOptions } from './lan-endpoint';

/**
 * The service container: builds every core service once, in dependency order, and tears them down in
 * reverse. Electron main, the bridge, and the CLI all start the core through here, so they run the same code.
 * Domains add their service as a field and a line in createCore/shutdown.
 */
export interface Core {
  readonly config: Config;
  readonly log: Logger;
  readonly store: Store;
  readonly users: UserDirectory;
  /** Passwords, PINs, sign-in with back-off and lock-out. */
  readonly accounts: Accounts;
  /** Sign-in sessions of this launch, in memory only. */
  readonly sessions: Sessions;
  /** Persists the admin's idle-lock setting and applies it to the sessions. */
  setIdleLockMinutes(minutes: number): void;
  /** The one audit appender for this store: every service that audits shares it, so the chain never forks. */
  readonly audit: AuditLedger;
  readonly memory: Memory;
  readonly retention: Retention;
  readonly events: CoreEvents;
  /** Conversations and their turns (the pipeline's repository; cheap, no model runtime). */
  readonly conversations: ConversationRepo;
  /** The escalation queue: built with the store, so listing it never builds the model runtime. */
  readonly escalations: EscalationService;
  /** Reading conversations as staff see them (opened or pseudonymised), without the model runtime. */
  readonly transcripts: TranscriptReader;
  /** Staff escalate any open conversation with one click (escalations/staff.ts); no model runtime. */
  escalateConversation(conversationId: string, actor: AuditActor): EscalationSummary;
  /** The per-turn pipeline (agents, policy graph), built on first use; it reaches `escalations` through its port. */
  readonly pipeline: LazyPipeline;
  /** The branch LAN: the outbox queue (sync, used after each turn) and the desk (identity, pairing, links). */
  readonly lan: {
    readonly queue: LanQueue;
    desk(): Promise<LanDesk>;
    /** Whether this desk is paired with another (browser mode and the app start the endpoint by default then). */
    paired(): boolean;
    /** Starts the LAN endpoint; it is closed by `shutdown` (before the store) if not closed earlier. */
    start(options: LanEndpointOptions): Promise<LanEndpoint>;
    /** Staff desk: the supervisor's claims, whispers, responses and resolutions on a conversation's escalations. */
    timeline(conversationId: string): Array<{
      escalationId: string;
      type: string;
      by: string | null;
      at: string;
      text: string | null;
    }>;
  };
  /** Closes services in reverse order of creation. Idempotent: signal handlers may race. */
  shutdown(): Promise<void>;
}

export interface CreateCoreOptions {
  config: Config;
  /** Headless unlock (CLI, browser mode): CONFIDANT_PASSPHRASE. */
  passphrase?: string;
  /** Desktop unlock: the Electron shell's OS-keychain provider. Takes precedence over `passphrase`. */
  masterKey?: MasterKeyProvider;
  log?: Logger;
  /** Create the store when it does not exist yet. */
  create?: boolean;
  /** Run the retention purge at start-up and on a schedule (the app and browser mode do; one-shot CLI runs need not). */
  retentionSchedule?: boolean;
}

export async function createCore(options: CreateCoreOptions): Promise<Core> {
  // The log boundary: from here on every string field of every log line passes the PII detector.
  installLogRedaction();
  const log = options.log ?? createLogger();
  const closers: Array<() => void | Promise<void>> = [];
  try {
    const store = openStore({
      dataDir: options.config.dataDir,
      passphrase: options.passphrase,
      masterKey: options.masterKey,
      create: options.create ?? false,
    });
    closers.push(() => store.close());
    const events = createEventHub((err) => log.warn({ err }, 'event listener failed'));
    const audit = openLedger(store, { log });
    closers.push(() => audit.close());
    const users = openUserDirectory(store, { audit });
    const accounts = createAccounts(users, { audit });
    const idleKey = 'auth.idle_lock_minutes';
    const meta = storeMeta(store.db);
    const storedIdle = meta.get(idleKey);
    const sessions = createSessions({
      idleLockMinutes: storedIdle ? Number(storedIdle) : SESSION_DEFAULTS.idleLockMinutes,
    });
    const windows = strictestRetention();
    const memory = createMemory(store, { windows: windows.memory });
    const conversations = conversationRepo(store);
    const escalations = escalationService({
      store,
      audit,
      conversations,
      // Open queue and escalation views refresh when a turn opens or updates an escalation.
      onChange: (change) =>
        events.publish({
          topic: change.opened ? 'escalation.opened' : 'escalation.updated',
          data: {
            escalationId: change.escalationId,
            conversationId: change.conversationId,
            priority: change.priority,
            slaDueAt: change.slaDueAt,
            reasons: change.reasons.join(','),
          },
        }),
    });
    const ports = lanPorts({
      store,
      audit,
      users,
      events,
      log,
      flags: options.config.flags,
      conversations,
      escalations,
    });
    const lanQueue = createLanQueue(store, ports);
    const retention = createRetention({
      store,
      memory: memory.customer,
      audit,
      windows: windows.memory,
      sessions: memory.session,
      targets: [
        escalationRetentionTarget(store, windows.pack.escalation_packet),
        ...pipelineRetentionTargets(store, windows.pack, openEscalationConversations(store)),
        vaultRetentionTarget(store, windows.pack.pii_vault),
        // Erasure on a staff desk reaches the supervisor desks' copies through the LAN outbox.
        {
          name: 'lan_erasure',
          purgeExpired: () => 0,
          eraseSubject: (subjectId) => lanQueue.queueErasure(subjectId),
        },
      ],
      log,
    });
    if (options.retentionSchedule) closers.push(retention.start());
    let lanDesk: Promise<LanDesk> | null = null;
    const pipeline = createLazyPipeline({
      config: options.config,
      store,
      log,
      audit: () => audit,
      // A subject's key is shredded after a period without activity; each turn counts as activity.
      onTurnDone: (conversationId) => {
        const row = conversations.get(conversationId);
        if (row) memory.customer.touch(row.subject_id);
        // Before the turn returns: an escalation is in the outbox even when no `lan serve` is running.
        try {
          lanQueue.onTurnDone(conversationId);
        } catch (err) {
          // `lan serve` reconciles at start, so a failed enqueue delays the event; it never fails the turn.
          log.warn({ err }, 'lan outbox enqueue failed');
        }
      },
      escalations,
      conversations,
    });
    closers.push(() => pipeline.close());
    // Long-lived desks finish or fail turns a crash left running (docs/PIPELINE.md, "Interrupted turns").
    if (options.retentionSchedule) closers.push(scheduleRecovery(store, audit, log, pipeline));
    let closed = false;
    const desk = () => (lanDesk ??= openLanDesk(store, ports));
    return {
      config: options.config,
      log,
      store,
      users,
      accounts,
      sessions,
      setIdleLockMinutes(minutes) {
        meta.set(idleKey, String(minutes));
        sessions.setIdleLockMinutes(minutes);
      },
      audit,
      memory,
      retention,
      events,
      conversations,
      escalations,
      transcripts: transcriptReader(store, conversations),
      escalateConversation: staffEscalation({
        store,
        privacy: packetPrivacy(store, (id) => conversations.get(id)?.subject_id ?? null),
        policies: { active: (domain) => openPolicyRegistry(store, audit).activeInfo(domain) },
        conversations,
        escalations,
      }),
      pipeline,
      lan: {
        queue: lanQueue,
        desk,
        paired: () => hasActivePairing(store),
        timeline: (conversationId) =>
          ports.escalations
            .idsForConversation(conversationId)
            .flatMap((escalationId) =>
              staffTimeline(store, escalationId).map((e) => ({ escalationId, ...e })),
            )
            .sort((a, b) => a.at.localeCompare(b.at)),
        async start(endpointOptions) {
          const endpoint = await startLanEndpoint(await desk(), endpointOptions);
          closers.push(() => endpoint.close());
          return endpoint;
        },
      },
      async shutdown() {
        if (closed) return;
        closed = true;
        await runClosers(closers, log);
      },
    };
  } catch (err) {
    // A half-built core must not leave the database open (and its WAL locked) behind a failed start.
    await runClosers(closers, log);
    throw err;
  }
}

async function runClosers(closers: Array<() => void | Promise<void>>, log: Logger): Promise<void> {
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch (err) {
      log.error({ err }, 'shutdown step failed');
    }
  }
}

export { storeExists };
export { createEventHub, type CoreEvent, type CoreEventListener, type CoreEvents } from './events';
export { lanPorts, lanEscalations } from './lan-ports';
export type { LanEndpoint, LanEndpointOptions } from './lan-endpoint';
