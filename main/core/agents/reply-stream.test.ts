import { describe, expect, it } from 'vitest';
import { createDialogueManager } from './dialogue';
import type { GenerationMetaLike, LlmAdapterLike } from './ports';
import { createReplyStream } from './reply-stream';

/** Feeds `json` in the given chunk sizes and returns every reported prefix. */
function run(json: string, size: number): string[] {
  const seen: string[] = [];
  const stream = createReplyStream((r) => seen.push(r));
  for (let i = 0; i < json.length; i += size) stream.feed(json.slice(i, i + size));
  return seen;
}

describe('reply stream', () => {
  const value = {
    citedDocIds: ['fees', 'cards'],
    intent: 'answer',
    reply: 'A "new" card costs £10.\nSee <PERSON_1>\\ at the desk — ok',
    confidence: 'high',
  };
  const json = JSON.stringify(value);

  it('reports the reply as it grows, whatever the key order and wherever chunks split', () => {
    for (const size of [1, 2, 3, 7, json.length]) {
      const seen = run(json, size);
      expect(seen.at(-1), `chunks of ${size}`).toBe(value.reply);
      // Each report extends the one before.
      for (let i = 1; i < seen.length; i++) expect(seen[i]?.startsWith(seen[i - 1] ?? '')).toBe(true);
    }
    expect(run(json, 1).length).toBeGreaterThan(10);
  });

  it('decodes \\u escapes split across chunks', () => {
    const escaped = '{"reply":"caf\\u00e9 ok","citedDocIds":[]}';
    expect(run(escaped, 1).at(-1)).toBe('café ok');
  });

  it('ignores a "reply" that is not the top-level key, and values that merely contain the word', () => {
    const nested = JSON.stringify({ intent: 'reply', citedDocIds: ['reply'], reply: 'yes' });
    expect(run(nested, 4).at(-1)).toBe('yes');
    expect(run(JSON.stringify({ intent: 'reply', citedDocIds: [] }), 3)).toEqual([]);
  });

  it('stops at the end of the reply string', () => {
    const seen = run('{"reply":"done","intent":"answer"}', 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe('done');
  });
});

describe('the dialogue manager streams the reply it is drafting', () => {
  const meta: GenerationMetaLike = {
    modelId: 'm',
    sha256: 's',
    templateId: 't',
    promptTokens: 1,
    completionTokens: 1,
    ttftMs: 1,
    totalMs: 1,
    seed: 1,
    temperature: 0,
    deterministic: true,
  };
  /** A model whose JSON arrives in three-character tokens, the reply not first. */
  const llm: LlmAdapterLike = {
    info: { modelId: 'm', sha256: 's', templateId: 't' },
    async generateJson(_req, _schema, parse, onToken) {
      const json = JSON.stringify({
        intent: 'answer',
        confidence: 'high',
        reply: '  A new card is free.  ',
        citedDocIds: ['fees'],
      });
      for (const piece of json.match(/[^]{1,3}/g) ?? []) onToken?.(piece);
      return { value: parse(JSON.parse(json)), meta };
    },
    stream: () => Promise.reject(new Error('not used')),
  };
  const request = {
    turnId: 't1',
    domain: 'bank' as const,
    customerText: 'How much is a new card?',
    history: [],
    passages: [{ docId: 'fees', chunkId: 'c1', title: 'Fees', text: 'A new card is free.' }],
    revision: null,
    timeoutMs: 1000,
  };

  it('reports each longer prefix, ending at the reply the proposal carries', async () => {
    const seen: string[] = [];
    const proposal = await createDialogueManager(llm, 'model').draft(request, undefined, (r) => seen.push(r));
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.at(-1)?.trim()).toBe(proposal.reply);
    expect(proposal.reply).toBe('A new card is free.');
  });

  it('drafts the same without a listener', async () => {
    expect((await createDialogueManager(llm, 'model').draft(request)).reply).toBe('A new card is free.');
  });
});
