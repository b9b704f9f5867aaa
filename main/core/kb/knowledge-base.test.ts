import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKnowledgeBase, type Embedder } from '.';
import { tempStore } from '../../test-support';

const FEES = `# Fees and charges

## Everyday account

There is no monthly fee for the Everyday account.

An unarranged overdraft costs nothing extra; arranged overdrafts are charged at 39.9% EAR.

## Replacement cards

A replacement debit card is free of charge and arrives within 5 working days.
`;

const CARD = `<html><head><title>Lost or stolen card</title><style>.x{color:red}</style></head>
<body><h1>Lost or stolen card</h1><p>Call us on 0800 123 4567, open 24 hours, to cancel a lost or stolen card.</p>
<script>alert("x")</script><h2>Refunds</h2><p>Unauthorised payments are refunded by the end of the next business day &amp; we may investigate.</p></body></html>`;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('knowledge base', () => {
  it('ingests Markdown and HTML with provenance and finds passages by BM25', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const kb = openKnowledgeBase(t.store);
    const fees = await kb.ingestText('bank/fees', '', FEES, {
      domain: 'bank',
      format: 'markdown',
      source: 'fees.md',
    });
    expect(fees.status).toBe('added');
    expect(fees.chunks).toBeGreaterThanOrEqual(2);
    await kb.ingestText('bank/card', '', CARD, { domain: 'bank', format: 'html', source: 'card.html' });

    const hits = await kb.search('How much is a replacement card?', { domain: 'bank', k: 3 });
    expect(hits[0]?.docId).toBe('bank/fees');
    expect(hits[0]?.headingPath).toEqual(['Fees and charges', 'Replacement cards']);
    expect(hits[0]?.text).toContain('5 working days');
    expect(hits[0]?.source).toBe('fts');

    const p = kb.passage(hits[0]?.chunkId ?? '');
    expect(p?.sourceFile).toBe('fees.md');
    // Offsets point into the source text exactly.
    expect(FEES.slice(p?.start, p?.end)).toBe(p?.text);
    expect(p?.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const card = await kb.search('stolen card cancel', { domain: 'bank', k: 2 });
    expect(card[0]?.docId).toBe('bank/card');
    expect(card[0]?.title).toBe('Lost or stolen card');
    const all = kb.docs('bank').map((d) => d.docId);
    expect(all).toEqual(['bank/card', 'bank/fees']);
    const html = (await kb.search('unauthorised refunded', { domain: 'bank' }))[0];
    expect(html?.text).toContain('next business day & we may investigate');
    expect(html?.text).not.toMatch(/alert|color:red|<p>/);
  });

  it('keeps domains apart and treats query syntax as plain words', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const kb = openKnowledgeBase(t.store);
    await kb.ingestText('bank/fees', '', FEES, { domain: 'bank', format: 'markdown' });
    expect(await kb.search('replacement card fee', { domain: 'clinic' })).toEqual([]);
    // FTS5 operators and quotes in customer text must not throw or change the query.
    const odd = await kb.search('card" OR title:* NEAR( ) AND -- ;DROP', { domain: 'bank' });
    expect(odd.length).toBeGreaterThan(0);
    expect(await kb.search('   ?!  ', { domain: 'bank' })).toEqual([]);
  });

  it('snapshot hash is stable, order-independent and changes when content changes', async () => {
    const a = tempStore();
    const b = tempStore();
    cleanup = () => {
      a.cleanup();
      b.cleanup();
    };
    const kbA = openKnowledgeBase(a.store);
    const kbB = openKnowledgeBase(b.store);
    await kbA.ingestText('bank/fees', '', FEES, { domain: 'bank', format: 'markdown' });
    await kbA.ingestText('bank/card', '', CARD, { domain: 'bank', format: 'html' });
    await kbB.ingestText('bank/card', '', CARD, { domain: 'bank', format: 'html' });
    await kbB.ingestText('bank/fees', '', FEES, { domain: 'bank', format: 'markdown' });
    const h1 = kbA.snapshotHash('bank');
    expect(h1).toMatch(/^[0-9a-f]{64}$/);
    expect(kbB.snapshotHash('bank')).toBe(h1);
    expect(kbA.snapshotHash('clinic')).not.toBe(h1);

    const again = await kbA.ingestText('bank/fees', '', FEES, { domain: 'bank', format: 'markdown' });
    expect(again.status).toBe('unchanged');
    expect(kbA.snapshotHash('bank')).toBe(h1);

    const changed = await kbA.ingestText('bank/fees', '', FEES.replace('5 working days', '7 working days'), {
      domain: 'bank',
      format: 'markdown',
    });
    expect(changed.status).toBe('updated');
    const h2 = kbA.snapshotHash('bank');
    expect(h2).not.toBe(h1);
    // The old text is gone from the index, the new one is found.
    const hit = (await kbA.search('replacement card working days', { domain: 'bank' }))[0];
    expect(hit?.text).toContain('7 working days');
    expect(kbA.removeDoc('bank/fees')).toBe(true);
    expect(kbA.snapshotHash('bank')).not.toBe(h2);
    expect(await kbA.search('Everyday account monthly', { domain: 'bank' })).toEqual([]);
  });

  it('ingests a folder, skipping PDF, and rejects bad input clearly', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const dir = join(t.dir, 'docs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'fees.md'), FEES);
    writeFileSync(join(dir, 'card.html'), CARD);
    writeFileSync(join(dir, 'notes.txt'), 'Branch opens at 9am.\n\nBranch closes at 5pm.');
    writeFileSync(join(dir, 'leaflet.pdf'), '%PDF-1.4');
    const kb = openKnowledgeBase(t.store);
    const r = await kb.ingestDir(dir, { domain: 'bank' });
    expect(r.ingested.map((i) => i.docId)).toEqual(['bank/card', 'bank/fees', 'bank/notes']);
    expect(r.skipped).toEqual([{ file: 'leaflet.pdf', why: expect.stringContaining('PDF') }]);
    await expect(kb.ingestFile(join(dir, 'leaflet.pdf'), { domain: 'bank' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      kb.ingestText('bad id!', 't', 'x', { domain: 'bank', format: 'text' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      kb.ingestText('empty', 't', ' \n ', { domain: 'bank', format: 'text' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(kb.chunkCount('bank')).toBeGreaterThan(3);
  });

  it('the FTS index holds no plaintext on disk (the store encrypts every page)', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const kb = openKnowledgeBase(t.store);
    await kb.ingestText('bank/canary', '', 'The zyxwvutcanary procedure takes 3 days.', {
      domain: 'bank',
      format: 'text',
    });
    t.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.store.dbPath).includes('zyxwvutcanary')).toBe(false);
    expect((await kb.search('zyxwvutcanary', { domain: 'bank' })).length).toBe(1);
  });
});

describe('large-domain term pruning', () => {
  it('drops terms found in most chunks, keeps the rarest when all are common, and stays correct', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const kb = openKnowledgeBase(t.store, { pruneMinChunks: 5 });
    for (let i = 0; i < 12; i += 1)
      await kb.ingestText(`bank/d${i}`, `Doc ${i}`, `Your account and card details, part ${i}.`, {
        domain: 'bank',
        format: 'text',
      });
    await kb.ingestText('bank/rare', 'Rare', 'Your account card can be frozen in the app.', {
      domain: 'bank',
      format: 'text',
    });
    // "account" and "card" are in every chunk: only "frozen" decides, and it finds the right one.
    const hits = await kb.search('account card frozen', { domain: 'bank', k: 3 });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.docId).toBe('bank/rare');
    // Only common terms: the rarest is kept, so the customer still gets passages.
    expect((await kb.search('account card', { domain: 'bank', k: 3 })).length).toBe(3);
    // New documents invalidate the cached frequencies: "frozen" becomes common (21 of 33 chunks) and is
    // dropped, while "account" (13 of 33) is now useful, so no "frozen"-only chunk is returned.
    for (let i = 0; i < 20; i += 1)
      await kb.ingestText(`bank/f${i}`, `F ${i}`, `Frozen note ${i}.`, { domain: 'bank', format: 'text' });
    const after = await kb.search('account frozen', { domain: 'bank', k: 50 });
    expect(after).toHaveLength(13);
    expect(after.every((h) => /account/i.test(h.text))).toBe(true);
  });
});

/** Deterministic bag-of-words embedder: a word's vector is a fixed pseudo-random unit direction. */
function fakeEmbedder(dims = 16): Embedder & { calls: number } {
  const wordVec = (w: string): number[] => {
    let h = 2166136261;
    for (const ch of w) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return Array.from({ length: dims }, (_, i) => Math.sin(h * (i + 1)));
  };
  const e = {
    calls: 0,
    info: { modelId: 'fake-bow', dims },
    async embed(texts: string[]) {
      e.calls += 1;
      return texts.map((t) => {
        const v = new Float32Array(dims);
        for (const w of t.toLowerCase().match(/[a-z]{2,20}/g) ?? [])
          wordVec(w).forEach((x, i) => (v[i] = (v[i] ?? 0) + x));
        const n = Math.hypot(...v) || 1;
        return v.map((x) => x / n);
      });
    },
  };
  return e;
}

describe('hybrid retrieval', () => {
  it('fuses BM25 and vector rankings with RRF and answers from vectors where BM25 has nothing', async () => {
    const t = tempStore();
    cleanup = t.cleanup;
    const emb = fakeEmbedder();
    const kb = openKnowledgeBase(t.store, { embedder: emb });
    await kb.ingestText('bank/a', 'Opening hours', 'Branches open Monday to Friday.', {
      domain: 'bank',
      format: 'text',
    });
    await kb.ingestText('bank/b', 'Cards', 'Replacement cards arrive in five days.', {
      domain: 'bank',
      format: 'text',
    });
    await kb.ingestText('bank/c', 'Saturday', 'Some branches open on Saturday mornings.', {
      domain: 'bank',
      format: 'text',
    });
    await kb.ingestText('clinic/a', 'Cards', 'Replacement cards arrive in five days.', {
      domain: 'clinic',
      format: 'text',
    });

    const hybrid = await kb.search('cards replacement', { domain: 'bank', k: 3 });
    expect(hybrid[0]?.docId).toBe('bank/b');
    expect(hybrid[0]?.source).toBe('hybrid');
    // RRF with k=60: top item found first by both rankers scores 2/61.
    expect(hybrid[0]?.score).toBeCloseTo(2 / 61, 10);
    expect(hybrid.every((h) => h.docId.startsWith('bank/'))).toBe(true);
    // Words absent from every chunk: BM25 finds nothing, the vector ranker still answers ('vec').
    expect(await openKnowledgeBase(t.store).search('zzqx wwvy', { domain: 'bank' })).toEqual([]);
    const vecOnly = await kb.search('zzqx wwvy', { domain: 'bank', k: 2 });
    expect(vecOnly).toHaveLength(2);
    expect(vecOnly.every((h) => h.source === 'vec' && h.docId.startsWith('bank/'))).toBe(true);
    expect(kb.chunkCount()).toBe(4);
    // Vectors are kept in step: re-opening with the same model embeds nothing new.
    const kb2 = openKnowledgeBase(t.store, { embedder: emb });
    expect(await kb2.syncVectors()).toBe(0);
    const other = openKnowledgeBase(t.store, {
      embedder: { ...fakeEmbedder(), info: { modelId: 'other', dims: 16 } },
    });
    expect(await other.syncVectors()).toBe(4);
  });
});
