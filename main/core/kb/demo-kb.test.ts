import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type KnowledgeBase } from '.';
import { tempStore } from '../../test-support';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Faq {
  id: string;
  domain: 'bank' | 'clinic';
  question: string;
  facts: string[];
}

/** The FAQ eval scenarios double as retrieval tests over the shipped demo KB. */
function faqs(): Faq[] {
  const dir = `${ROOT}evals/scenarios/`;
  return readdirSync(dir)
    .filter((f) => /^(bank|clinic)-faq-.*\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')))
    .map((s) => ({
      id: s.id,
      domain: s.domain,
      question: s.turns[0].customer,
      facts: s.turns[0].expect.replyMustMatch ?? [],
    }));
}

describe('shipped demo knowledge base', () => {
  let t: ReturnType<typeof tempStore>;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    t = tempStore();
    kb = openKnowledgeBase(t.store);
    for (const domain of ['bank', 'clinic'] as const) {
      const r = await kb.ingestDir(`${ROOT}kb/${domain}`, { domain });
      expect(r.skipped).toEqual([]);
    }
  });
  afterAll(() => t.cleanup());

  it('has 8-12 documents per domain, each titled and chunked', () => {
    for (const domain of ['bank', 'clinic'] as const) {
      const docs = kb.docs(domain);
      expect(docs.length).toBeGreaterThanOrEqual(8);
      expect(docs.length).toBeLessThanOrEqual(12);
      for (const d of docs) {
        expect(d.title).not.toBe(d.docId);
        expect(d.chunks).toBeGreaterThan(0);
      }
    }
  });

  it('retrieves the passage holding the answer in the top 5 (what the pipeline reads) for every FAQ scenario', async () => {
    const list = faqs();
    expect(list.length).toBeGreaterThanOrEqual(15);
    const misses: string[] = [];
    for (const f of list) {
      const hits = await kb.search(f.question, { domain: f.domain, k: 5 });
      const text = hits.map((h) => h.text).join('\n');
      for (const fact of f.facts) if (!new RegExp(fact, 'i').test(text)) misses.push(`${f.id}: ${fact}`);
    }
    expect(misses).toEqual([]);
  });

  it('snapshot hashes are reproducible from the same files', async () => {
    const other = tempStore();
    try {
      const kb2 = openKnowledgeBase(other.store);
      for (const domain of ['clinic', 'bank'] as const)
        await kb2.ingestDir(`${ROOT}kb/${domain}`, { domain });
      expect(kb2.snapshotHash('bank')).toBe(kb.snapshotHash('bank'));
      expect(kb2.snapshotHash()).toBe(kb.snapshotHash());
    } finally {
      other.cleanup();
    }
  });
});
