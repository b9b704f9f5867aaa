import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { escalationRetentionTarget, openEscalationConversations } from '../escalations';
import { pipelineRetentionTargets } from '../pipeline';
import { createCore, type Core } from '.';

const CANARY_NAME = 'Zebulon Quixotewright';
const CANARY_CARD = '4111 1111 1111 1111';

describe('core container wiring', () => {
  let dir = '';
  let core: Core | null = null;
  afterEach(async () => {
    await core?.shutdown();
    core = null;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<Core> {
    dir = mkdtempSync(join(tmpdir(), 'confidant-core-'));
    core = await createCore({
      config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'no-models') }),
      passphrase: 'container test',
      create: true,
      log: createLogger({ level: 'silent' }),
    });
    return core;
  }

  it('keeps the idle-lock setting across launches, but no session survives a launch', async () => {
    const first = await start();
    expect(first.sessions.idleLockMinutes()).toBe(5);
    first.setIdleLockMinutes(9);
    const user = first.users.create({ name: 'Ann', role: 'agent' });
    const { token } = first.sessions.create(user.id);
    expect(first.sessions.lookup(token, false).state).toBe('active');
    await first.shutdown();
    core = await createCore({
      config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'no-models') }),
      passphrase: 'container test',
      log: createLogger({ level: 'silent' }),
    });
    expect(core.sessions.idleLockMinutes()).toBe(9);
    expect(core.sessions.lookup(token, false).state).toBe('none');
  });

  it('shares one audit ledger between the pipeline, users and retention, so the chain never forks', async () => {
    const c = await start();
    c.users.create({ name: 'ada', role: 'admin' });
    const pipeline = await c.pipeline.get();
    const before = c.audit.size();
    await pipeline.runTurn({
      conversationId: 'conv-1',
      domain: 'bank',
      text: 'What are your opening hours?',
    });
    c.audit.flush();
    expect(c.audit.size()).toBeGreaterThan(before);
    // The turn counted as the subject's activity, which drives inactivity-based shredding.
    const seen = c.store.db.prepare('SELECT count(*) AS n FROM retention_subjects').get() as { n: number };
    expect(seen.n).toBe(1);
    const report = c.audit.verify();
    expect(report.ok).toBe(true);
  });

  it('right to erasure reaches transcripts, escalations and the pseudonym vault; the ledger still verifies', async () => {
    const c = await start();
    const pipeline = await c.pipeline.get();
    await pipeline.runTurn({
      conversationId: 'conv-erase',
      domain: 'bank',
      text: `My name is ${CANARY_NAME}, my card ${CANARY_CARD} was stolen and I want a human now!`,
    });
    const { subject_id: subjectId } = c.store.db
      .prepare<[string], { subject_id: string }>('SELECT subject_id FROM conversations WHERE id = ?')
      .get('conv-erase')!;
    const count = (table: string) =>
      (
        c.store.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE subject_id = ?`).get(subjectId) as {
          n: number;
        }
      ).n;
    expect(count('conversations')).toBe(1);
    expect(count('privacy_vault')).toBeGreaterThan(0);

    const report = c.retention.erase(subjectId, { kind: 'user', id: 'dpo', role: 'admin' });
    expect(report).toBeTruthy();
    expect(count('conversations')).toBe(0);
    expect(count('escalations')).toBe(0);
    expect(count('privacy_vault')).toBe(0);
    expect(c.store.cipher.isShredded(subjectId)).toBe(true);
    c.audit.flush();
    expect(c.audit.verify().ok).toBe(true);

    await c.shutdown();
    core = null;
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(CANARY_NAME)), file).toBe(false);
      expect(bytes.includes(Buffer.from(CANARY_CARD)), file).toBe(false);
    }
  });

  it('transcripts past their window are purged, but not while an escalation is still open', async () => {
    const c = await start();
    const pipeline = await c.pipeline.get();
    await pipeline.runTurn({
      conversationId: 'conv-old',
      domain: 'bank',
      text: 'What are your opening hours?',
    });
    await pipeline.runTurn({
      conversationId: 'conv-open',
      domain: 'bank',
      text: 'I want to speak to a human now!',
    });
    // With no LLM installed both turns escalate (model_unavailable); a supervisor closes the first one.
    const supervisor = { kind: 'user' as const, id: 'sup-1', role: 'supervisor' };
    for (const e of c.escalations.list()) {
      const row = c.store.db.prepare('SELECT conversation_id FROM escalations WHERE id = ?').get(e.id) as {
        conversation_id: string;
      };
      if (row.conversation_id === 'conv-old') c.escalations.resolve(e.id, supervisor);
    }
    const open = c.store.db
      .prepare(
        "SELECT count(*) AS n FROM escalations WHERE conversation_id = 'conv-open' AND status != 'resolved'",
      )
      .get() as { n: number };
    expect(open.n).toBe(1);
    const escalations = escalationRetentionTarget(c.store, 30);
    const [transcripts] = pipelineRetentionTargets(
      c.store,
      { transcript: 30 },
      openEscalationConversations(c.store),
    );
    const later = Date.now() + 31 * 86_400_000;
    expect(escalations.purgeExpired(later)).toBe(1);
    expect(transcripts!.purgeExpired(later)).toBe(1);
    const left = c.store.db.prepare('SELECT id FROM conversations ORDER BY id').all() as Array<{
      id: string;
    }>;
    expect(left.map((r) => r.id)).toEqual(['conv-open']);
    expect(transcripts!.purgeExpired(Date.now())).toBe(0);
  });
});
