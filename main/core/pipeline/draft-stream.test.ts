import { describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import { useHarnesses } from '../../test-support/pipeline-harness';

const harness = useHarnesses();

describe('the draft streams to a listener while the rails judge only the finished text', () => {
  it('hears forbidden advice being written, and the turn answers with the rails’ rewrite instead', async () => {
    const advice = 'You should invest your savings in our equity fund today.';
    const h = await harness({ llm: new ScriptedLlm({ reply: advice }) });
    const heard: Array<[string, string]> = [];
    const r = await h.service.runTurn({
      conversationId: 'stream-1',
      domain: 'bank',
      text: 'Where should I put my savings?',
      onDraft: (turnId, text) => heard.push([turnId, text]),
    });
    expect(heard.length).toBeGreaterThan(3);
    expect(heard.every(([turnId]) => turnId === r.turnId)).toBe(true);
    for (let i = 1; i < heard.length; i++)
      expect(heard[i]?.[1].startsWith(heard[i - 1]?.[1] ?? '')).toBe(true);
    expect(heard.at(-1)?.[1]).toBe(advice);
    // What can be sent is what the output rails passed: never the streamed advice.
    expect(r.reply).not.toContain('invest your savings');
    expect(['rewritten', 'blocked', 'escalated']).toContain(r.outcome);
  });

  it('runs the same turn without a listener', async () => {
    const h = await harness({
      llm: new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' }),
    });
    const r = await h.service.runTurn({
      conversationId: 'stream-2',
      domain: 'bank',
      text: 'What does a new card cost?',
    });
    expect(r.reply).toContain('free of charge');
  });
});
