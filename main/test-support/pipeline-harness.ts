/**
 * Test harness for the pipeline (imported by *.test.ts only): a real encrypted store in a temp folder,
 * the real audit ledger, builtin policy packs, a real knowledge base with a few passages, the real
 * privacy module, a captured logger. Only the model is scripted or absent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach } from 'vitest';
import type { Flags } from '../../shared/flags';
import type { LlmAdapterLike, SentimentScorerLike } from '../core/agents';
import { ledgerEntries, openLedger, type AuditLedger, type LeafEntry } from '../core/audit';
import {
  escalationService,
  staffEscalation,
  type EscalationService,
  type EscalationServiceOptions,
} from '../core/escalations';
import { createLexiconScorer } from '../core/models';
import {
  conversationRepo,
  createPipelineService,
  packetPrivacy,
  type PipelineDeps,
  type PipelineService,
  type ShadowRunnerOptions,
} from '../core/pipeline';
import { openStore, type Store } from '../core/store';
import type { Tracer } from '../core/tracing';

export const BANK_DOCS: Array<[string, string, string]> = [
  [
    'bank-fees',
    'Fees',
    '# Fees\n\nA replacement debit card is free of charge. An urgent replacement card delivered within 2 working days costs £10. Using your card abroad has a 2.75% foreign transaction fee.',
  ],
  [
    'bank-lost-card',
    'Lost or stolen cards',
    '# Lost or stolen cards\n\nIf your card is lost or stolen, freeze it in the app straight away and call us on 0800 123 4567, open 24 hours a day. A new card arrives within 5 working days.',
  ],
  [
    'bank-complaints',
    'Complaints',
    '# Complaints\n\nWe acknowledge every complaint within 3 working days and send a final response within 8 weeks. You can then refer it to the Financial Ombudsman Service.',
  ],
];

export interface Harness {
  dir: string;
  store: Store;
  audit: AuditLedger;
  service: PipelineService;
  /** The escalation queue behind the pipeline's port, wired as the container wires it. */
  escalations: EscalationService;
  /** Staff escalation of any conversation, wired as the container wires it. */
  escalateConversation: ReturnType<typeof staffEscalation>;
  logs(): string;
  close(): void;
}

/** Signed-in staff as the ledger records them (id and role), one of each role the tests act as. */
export const STAFF = {
  agent: { kind: 'user' as const, id: 'agent-1', role: 'agent' },
  supervisor: { kind: 'user' as const, id: 'sup-1', role: 'supervisor' },
  otherSupervisor: { kind: 'user' as const, id: 'sup-2', role: 'supervisor' },
  admin: { kind: 'user' as const, id: 'admin-1', role: 'admin' },
  compliance: { kind: 'user' as const, id: 'comp-1', role: 'compliance' },
};

export type HarnessOptions = NonNullable<Parameters<typeof createHarness>[0]>;

/**
 * For a test file's top level: returns `harness(options)`, whose harnesses are closed after each test
 * (queued shadow replays drained first, so none writes to a closed store).
 */
export function useHarnesses(): (options?: HarnessOptions) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.service.shadow.drain();
      h.close();
    }
  });
  return async (options = {}) => {
    const h = await createHarness(options);
    open.push(h);
    return h;
  };
}

export async function createHarness(
  options: {
    llm?: LlmAdapterLike | null;
    /** The safety guard model (role `guard`). */
    guard?: LlmAdapterLike | null;
    sentiment?: SentimentScorerLike;
    afterCheckpoint?: PipelineDeps['afterCheckpoint'];
    dir?: string;
    docs?: boolean;
    tracer?: Tracer | null;
    flags?: Partial<Flags>;
    shadow?: ShadowRunnerOptions;
    now?: () => Date;
    onEscalationChange?: EscalationServiceOptions['onChange'];
  } = {},
): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'confidant-'));
  const store = openStore({ dataDir: dir, passphrase: 'harness-pass', create: true });
  const audit = openLedger(store);
  const chunks: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
  );
  const conversations = conversationRepo(store);
  const escalations = escalationService({
    store,
    audit,
    conversations,
    ...(options.now ? { now: options.now } : {}),
    ...(options.onEscalationChange ? { onChange: options.onEscalationChange } : {}),
  });
  const service = createPipelineService({
    store,
    audit,
    log,
    escalations,
    conversations,
    models: {
      llm: () => options.llm ?? null,
      guard: () => options.guard ?? null,
      sentiment: () => options.sentiment ?? createLexiconScorer(),
    },
    tracer: options.tracer ?? null,
    ...(options.flags ? { flags: options.flags } : {}),
    ...(options.shadow ? { shadow: options.shadow } : {}),
    ...(options.afterCheckpoint ? { afterCheckpoint: options.afterCheckpoint } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.docs !== false && service.kb.chunkCount('bank') === 0) {
    for (const [id, title, text] of BANK_DOCS)
      await service.kb.ingestText(id, title, text, { domain: 'bank', format: 'markdown' });
  }
  let closed = false;
  return {
    dir,
    store,
    audit,
    service,
    escalations,
    escalateConversation: staffEscalation({
      store,
      privacy: packetPrivacy(store, (id) => conversations.get(id)?.subject_id ?? null),
      policies: { active: (domain) => service.policies.activeInfo(domain) },
      conversations,
      escalations,
      ...(options.now ? { now: options.now } : {}),
    }),
    logs: () => chunks.join(''),
    close() {
      if (closed) return;
      closed = true;
      // Callers await service.shadow.drain() before closing when a test enables shadow runs.
      audit.close();
      store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Audit entries that mention a turn (or any id), in order, decoded from the ledger's own leaves. */
export function auditEntries(store: Store, id: string): LeafEntry[] {
  return ledgerEntries(store).filter((e) => JSON.stringify(e.payload).includes(id));
}

export function auditTypes(store: Store, id: string): string[] {
  return auditEntries(store, id).map((e) => e.type);
}
