import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../container/testing';
import { staffSessions } from '../testing';

describe('status.get', () => {
  let running: TestCore | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });

  it('reports the encrypted store, and the model runtime view once a turn has built it', async () => {
    running = await startTestCore();
    const { core } = running;
    const dispatch = (await staffSessions(core, { roles: ['agent'] })).agent.call;
    const before = await dispatch('status.get', {});
    expect(before.ok).toBe(true);
    if (!before.ok) return;
    const status = before.value as { store: { encrypted: boolean; state: string }; fallbacks: string[] };
    expect(status.store).toMatchObject({ state: 'open', encrypted: true });
    // The flags in force reach the UI, so it offers only what main allows.
    expect((before.value as { flags: unknown }).flags).toEqual(core.config.flags);
    expect(core.pipeline.peekModels()).toBeNull();

    const pipeline = await core.pipeline.get();
    await pipeline.runTurn({ conversationId: 'c-status', domain: 'generic', text: 'Hello there' });
    const runtime = core.pipeline.peekModels();
    expect(runtime).not.toBeNull();
    const after = await dispatch('status.get', {});
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    const value = after.value as { fallbacks: string[]; models: Array<{ active: boolean }> };
    // With no models installed the runtime declares its fallbacks, and no model is active.
    expect(value.fallbacks).toEqual(runtime!.fallbacks());
    expect(value.fallbacks.length).toBeGreaterThan(0);
    expect(value.models.every((m) => !m.active)).toBe(true);
  });
});
