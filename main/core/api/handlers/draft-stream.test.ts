import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_PROGRESS_TOPIC, DraftProgressSchema } from '../../../../shared/contract';
import { createTinyModelsDir } from '../../../test-support';
import { loadConfig } from '../../config';
import { createCore, type Core, type CoreEvent } from '../../container';
import { staffSessions } from '../testing';

// The real model runtime on the generated tiny GGUF: its random words stream like a real model's.
describe('turn.submit streams the draft to the session that asked for it', () => {
  let dir: string;
  let core: Core;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    const modelsDir = join(dir, 'models');
    createTinyModelsDir(modelsDir, { embedding: false, sentiment: false });
    core = await createCore({
      config: loadConfig({ dataDir: join(dir, 'data'), mode: 'cli', modelsDir, modelThreads: 1 }),
      passphrase: 'draft-stream-test',
      create: true,
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await core.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the reply as it grows, addressed to the submitting session only, and ends with the turn', async () => {
    const staff = await staffSessions(core, { roles: ['agent'] });
    const heard: CoreEvent[] = [];
    const off = core.events.subscribe((e) => heard.push(e));
    const res = await staff.agent.call('turn.submit', {
      conversationId: 'stream-1',
      domain: 'bank',
      text: 'Hello, what does a replacement card cost?',
    });
    off();
    expect(res.ok, JSON.stringify(res)).toBe(true);
    const progress = heard.filter((e) => e.topic === DRAFT_PROGRESS_TOPIC);
    expect(progress.length).toBeGreaterThan(1);
    for (const e of progress) {
      expect(e.audience).toBe(staff.agent.token);
      expect(DraftProgressSchema.parse(e.data)).toMatchObject({ conversationId: 'stream-1' });
    }
    const texts = progress.map((e) => String(e.data.text));
    // A revision draft may start over; within one draft each report extends the last.
    expect(texts.slice(1).some((t, i) => t.length > (texts[i]?.length ?? 0))).toBe(true);
    // Nothing streams once the turn has answered.
    const after = heard.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(heard.length).toBe(after);
  });
});
