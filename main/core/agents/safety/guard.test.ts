import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLlm } from '../../models';
import { answeringLlm, writeTinyGguf } from '../../../test-support';
import type { LlmAdapterLike } from '../ports';
import { createGuardReviewer, parseGuardOutput } from './guard';

describe('guard verdicts', () => {
  it.each([
    ['safe', { status: 'safe' }],
    ['unsafe\nS11', { status: 'unsafe', categories: ['S11'], selfHarm: true }],
    ['unsafe\nS1,S2', { status: 'unsafe', categories: ['S1', 'S2'], selfHarm: false }],
    ['  Unsafe\ns11  ', { status: 'unsafe', categories: ['S11'], selfHarm: true }],
    ['#x7 random', { status: 'unclear' }],
    ['', { status: 'unclear' }],
  ])('%j', (text, verdict) => {
    expect(parseGuardOutput(text)).toEqual(verdict);
  });

  it('the reviewer sends the message alone and reads the verdict', async () => {
    let sent = '';
    const llm = answeringLlm('unsafe\nS11');
    const spy: LlmAdapterLike = {
      ...llm,
      stream: (req, onToken) => {
        sent = req.messages.map((m) => m.content).join('|');
        return llm.stream(req, onToken);
      },
    };
    const verdict = await createGuardReviewer(spy).review('some message');
    expect(sent).toBe('some message');
    expect(verdict).toMatchObject({ status: 'unsafe', selfHarm: true });
  });
});

describe('guard wiring on the tiny generated GGUF', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs through the node-llama-cpp adapter and returns a verdict', async () => {
    writeTinyGguf(join(dir, 'guard.gguf'));
    const llm = await loadLlm({
      modelPath: join(dir, 'guard.gguf'),
      info: { modelId: 'tiny-guard', sha256: 'x', templateId: 'tiny-chat-v1' },
      threads: 1,
      contextSize: 512,
      deterministic: true,
    });
    try {
      const verdict = await createGuardReviewer(llm, 4).review('I want to end it all.');
      // Random weights have no opinion: whatever they emit parses to a verdict, never a throw.
      expect(['safe', 'unsafe', 'unclear']).toContain(verdict.status);
    } finally {
      await llm.close();
    }
  }, 120_000);
});
