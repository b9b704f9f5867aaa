import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createCore, type Core } from '../../container';
import { staffSessions } from '../testing';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.shutdown();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function open(dir: string, create: boolean): Promise<Core> {
  const core = await createCore({
    config: loadConfig({ dataDir: dir, mode: 'cli', modelsDir: join(dir, 'models') }),
    passphrase: 'queue-test',
    create,
    log: pino({ level: 'silent' }),
  });
  cores.push(core);
  return core;
}

describe('the supervisor queue', () => {
  it('is listed, read and worked, and its conversations opened, without ever building the model runtime', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(dir);
    // A desk that ran an escalating turn (no model installed: model_unavailable escalates), then restarted.
    const first = await open(dir, true);
    const turn = await (
      await first.pipeline.get()
    ).runTurn({ conversationId: 'q1', domain: 'bank', text: 'I want to speak to a human now!' });
    expect(turn.escalationId).not.toBeNull();
    await first.shutdown();

    const core = await open(dir, false);
    const sup = (await staffSessions(core, { roles: ['supervisor'] })).supervisor.call;
    const listed = await sup('escalation.list', { status: 'open' });
    expect(listed.ok && (listed.value as Array<{ id: string }>).map((e) => e.id)).toEqual([
      turn.escalationId,
    ]);
    expect((await sup('escalation.get', { escalationId: turn.escalationId })).ok).toBe(true);
    expect((await sup('escalation.claim', { escalationId: turn.escalationId })).ok).toBe(true);
    expect((await sup('conversation.list', { limit: 10 })).ok).toBe(true);
    // Opening the escalated conversation from the queue: its turns, pseudonymised, and the supervision.
    const conv = await sup('conversation.get', { conversationId: 'q1' });
    expect(conv.ok && (conv.value as { turns: Array<{ customerForm: string }> }).turns).toEqual([
      expect.objectContaining({ customerForm: 'pseudonymised' }),
    ]);
    expect((await sup('desk.supervision', { conversationId: 'q1' })).ok).toBe(true);
    // The lazy pipeline builds the runtime on first use: still null, so nothing above asked for it.
    expect(core.pipeline.peekModels()).toBeNull();

    // The same core builds it as soon as a turn needs it (the check above can fail).
    await (await core.pipeline.get()).runTurn({ conversationId: 'q2', domain: 'bank', text: 'Hello' });
    expect(core.pipeline.peekModels()).not.toBeNull();
  });
});
