import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DOMAINS, type Domain } from '../../../shared/contract';
import { UserError } from '../../../shared/errors';
import type { Store } from '../store';
import { reciprocalRankFusion } from './fusion';
import { htmlToText } from './html';
import { chunkText, markdownTitle, normalise, sha256, type KbFormat } from './parse';
import { ftsExpression, queryTerms } from './query';
import { checkVector, ensureVecTable, type Embedder } from './vectors';

export type KbDomain = Domain;
export const KB_DOMAINS: readonly KbDomain[] = DOMAINS;

export interface KbSearchResult {
  /** Stable across re-ingest of unchanged documents: `<docId>#<ord>`. */
  chunkId: string;
  docId: string;
  title: string;
  headingPath: string[];
  text: string;
  score: number;
  source: 'fts' | 'vec' | 'hybrid';
}

export interface KbPassage {
  chunkId: string;
  docId: string;
  domain: KbDomain;
  title: string;
  headingPath: string[];
  text: string;
  start: number;
  end: number;
  sourceFile: string;
  contentHash: string;
}

export interface IngestResult {
  docId: string;
  status: 'added' | 'updated' | 'unchanged';
  chunks: number;
  contentHash: string;
}

export interface IngestDirResult {
  ingested: IngestResult[];
  /** Files not ingested, with why (PDF and unknown extensions are skipped, never half-read). */
  skipped: Array<{ file: string; why: string }>;
}

export interface KbDocInfo {
  docId: string;
  domain: KbDomain;
  title: string;
  source: string;
  format: KbFormat;
  contentHash: string;
  chunks: number;
  ingestedAt: string;
}

export interface KnowledgeBase {
  ingestFile(path: string, options: { domain: KbDomain; docId?: string }): Promise<IngestResult>;
  ingestDir(dir: string, options: { domain: KbDomain }): Promise<IngestDirResult>;
  ingestText(
    docId: string,
    title: string,
    text: string,
    options: { domain: KbDomain; format: KbFormat; source?: string },
  ): Promise<IngestResult>;
  removeDoc(docId: string): boolean;
  search(query: string, options: { domain: KbDomain; k?: number }): Promise<KbSearchResult[]>;
  /** sha256 over the sorted (chunkId, contentHash) pairs of a domain; all domains when omitted. */
  snapshotHash(domain?: KbDomain): string;
  passage(chunkId: string): KbPassage | null;
  docs(domain?: KbDomain): KbDocInfo[];
  chunkCount(domain?: KbDomain): number;
  /** Embeds chunks that lack a vector for the current embedder; returns how many were embedded. */
  syncVectors(): Promise<number>;
  readonly embedder: Embedder | null;
}

export interface KnowledgeBaseOptions {
  embedder?: Embedder | null;
  /** Candidates taken from each ranker before fusion. */
  candidates?: number;
  /** Domains with more chunks than this drop near-universal query terms (default 1000). */
  pruneMinChunks?: number;
}

const MAX_DOC_BYTES = 5 * 1024 * 1024;
/** Term pruning starts above this many chunks in a domain (see planTerms). */
const PRUNE_MIN_CHUNKS = 1000;
/** A term in more than this share of a large domain's chunks is treated as a stop word. */
const COMMON_TERM_SHARE = 0.5;
/** Rowid span per domain: 2^40 chunks each, far below 2^53 so ids stay exact in JavaScript. */
const DOMAIN_SPAN = 2 ** 40;

function rowidRange(domain: KbDomain): [number, number] {
  const base = (KB_DOMAINS.indexOf(domain) + 1) * DOMAIN_SPAN;
  return [base, base + DOMAIN_SPAN - 1];
}
const EMBED_BATCH = 32;
const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/;

const FORMAT_BY_EXT: Record<string, KbFormat> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.html': 'html',
  '.htm': 'html',
};

interface ChunkRow {
  rowid_: number;
  doc_id: string;
  domain: KbDomain;
  ord: number;
  heading_path: string;
  text: string;
  char_start: number;
  char_end: number;
  content_hash: string;
  title: string;
  source: string;
}

export function openKnowledgeBase(store: Store, options: KnowledgeBaseOptions = {}): KnowledgeBase {
  const db = store.db;
  const embedder = options.embedder ?? null;
  const candidates = options.candidates ?? 50;
  const pruneMinChunks = options.pruneMinChunks ?? PRUNE_MIN_CHUNKS;
  const vecTable = embedder ? ensureVecTable(db, embedder.info.dims) : null;

  const docRow = db.prepare<[string], { content_hash: string; domain: KbDomain }>(
    'SELECT content_hash, domain FROM kb_docs WHERE doc_id = ?',
  );
  const chunkRowids = db.prepare<[string], { rowid_: number }>(
    'SELECT rowid_ FROM kb_chunks WHERE doc_id = ?',
  );
  const deleteFts = db.prepare<[number]>('DELETE FROM kb_fts WHERE rowid = ?');
  const deleteChunks = db.prepare<[string]>('DELETE FROM kb_chunks WHERE doc_id = ?');
  const deleteDoc = db.prepare<[string]>('DELETE FROM kb_docs WHERE doc_id = ?');
  const insertDoc = db.prepare(
    'INSERT INTO kb_docs (doc_id, domain, title, source, format, content_hash, chunk_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare(
    'INSERT INTO kb_chunks (rowid_, doc_id, domain, ord, heading_path, text, char_start, char_end, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const maxRowid = db.prepare<[number, number], { m: number | null }>(
    'SELECT max(rowid_) AS m FROM kb_chunks WHERE rowid_ BETWEEN ? AND ?',
  );
  const domainChunks = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM kb_chunks WHERE domain = ?',
  );
  const termCount = db.prepare<[string, number, number], { n: number }>(
    'SELECT count(*) AS n FROM kb_fts WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ?',
  );
  const insertFts = db.prepare('INSERT INTO kb_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)');
  const selectChunk = `SELECT c.rowid_, c.doc_id, c.domain, c.ord, c.heading_path, c.text, c.char_start, c.char_end,
      c.content_hash, d.title, d.source FROM kb_chunks c JOIN kb_docs d ON d.doc_id = c.doc_id`;
  const byRowid = db.prepare<[number], ChunkRow>(`${selectChunk} WHERE c.rowid_ = ?`);
  const byDocOrd = db.prepare<[string, number], ChunkRow>(`${selectChunk} WHERE c.doc_id = ? AND c.ord = ?`);
  // Each domain owns a rowid range, so the domain filter is a range on the FTS rowid, not a join.
  const ftsSearch = db.prepare<[string, number, number, number], { rowid_: number; score: number }>(
    `SELECT rowid AS rowid_, -bm25(kb_fts, 3.0, 2.0, 1.0) AS score
       FROM kb_fts
      WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ?
      ORDER BY bm25(kb_fts, 3.0, 2.0, 1.0), rowid LIMIT ?`,
  );
  const hashesFor = db.prepare<[string], { doc_id: string; ord: number; content_hash: string }>(
    'SELECT doc_id, ord, content_hash FROM kb_chunks WHERE domain = ? ORDER BY doc_id, ord',
  );
  const vecDelete = vecTable ? db.prepare<[bigint]>(`DELETE FROM ${vecTable} WHERE chunk_rowid = ?`) : null;
  const vecInsert = vecTable
    ? db.prepare(`INSERT INTO ${vecTable} (chunk_rowid, domain, embedding) VALUES (?, ?, ?)`)
    : null;
  const vecSearch = vecTable
    ? db.prepare<[Float32Array, number, string], { chunk_rowid: number; distance: number }>(
        `SELECT chunk_rowid, distance FROM ${vecTable} WHERE embedding MATCH ? AND k = ? AND domain = ? ORDER BY distance`,
      )
    : null;
  const metaUpsert = db.prepare(
    'INSERT INTO kb_vec_meta (rowid_, model_id, dims) VALUES (?, ?, ?) ON CONFLICT(rowid_) DO UPDATE SET model_id = excluded.model_id, dims = excluded.dims',
  );
  const missingVectors = db.prepare<
    [string, number],
    { rowid_: number; domain: KbDomain; text: string; heading_path: string; title: string }
  >(
    `SELECT c.rowid_, c.domain, c.text, c.heading_path, d.title FROM kb_chunks c JOIN kb_docs d ON d.doc_id = c.doc_id
      LEFT JOIN kb_vec_meta m ON m.rowid_ = c.rowid_
      WHERE m.rowid_ IS NULL OR m.model_id <> ? OR m.dims <> ? ORDER BY c.rowid_`,
  );

  const snapshots = new Map<string, string>();
  const docFreq = new Map<string, number>();
  const sizes = new Map<KbDomain, number>();
  // Vectors known complete for this embedder (per instance); ingest and removal clear it.
  let vectorsFresh = false;

  const domainSize = (domain: KbDomain): number => {
    let n = sizes.get(domain);
    if (n === undefined) {
      n = domainChunks.get(domain)?.n ?? 0;
      sizes.set(domain, n);
    }
    return n;
  };

  /**
   * In a large KB, a term found in most chunks adds almost nothing to BM25 yet makes FTS5 score every
   * chunk; dropping such terms keeps a query on 10,000 chunks fast. Small KBs keep every term.
   */
  const planTerms = (terms: string[], domain: KbDomain): string[] => {
    const n = domainSize(domain);
    if (n <= pruneMinChunks || terms.length <= 1) return terms;
    const [lo, hi] = rowidRange(domain);
    const df = terms.map((t) => {
      const key = `${domain}\u0000${t}`;
      let c = docFreq.get(key);
      if (c === undefined) {
        c = termCount.get(`"${t}"`, lo, hi)?.n ?? 0;
        docFreq.set(key, c);
      }
      return { t, c };
    });
    const useful = df.filter((d) => d.c > 0 && d.c <= n * COMMON_TERM_SHARE).map((d) => d.t);
    if (useful.length > 0) return useful;
    const rarest = df.filter((d) => d.c > 0).sort((a, b) => a.c - b.c)[0];
    return rarest ? [rarest.t] : [];
  };

  const invalidate = (): void => {
    vectorsFresh = false;
    snapshots.clear();
    docFreq.clear();
    sizes.clear();
  };

  const removeDocRows = (docId: string): void => {
    for (const { rowid_ } of chunkRowids.all(docId)) {
      deleteFts.run(rowid_);
      vecDelete?.run(BigInt(rowid_));
    }
    deleteChunks.run(docId);
    deleteDoc.run(docId);
  };

  const embedText = (title: string, headingPath: string[], text: string): string =>
    [title, ...headingPath, text].join('\n');

  const syncVectors = async (): Promise<number> => {
    if (!embedder || !vecInsert || !vecDelete) return 0;
    const { modelId, dims } = embedder.info;
    const todo = missingVectors.all(modelId, dims);
    for (let i = 0; i < todo.length; i += EMBED_BATCH) {
      const batch = todo.slice(i, i + EMBED_BATCH);
      const vectors = await embedder.embed(
        batch.map((r) => embedText(r.title, JSON.parse(r.heading_path) as string[], r.text)),
      );
      db.transaction(() => {
        batch.forEach((r, j) => {
          const v = checkVector(vectors[j], dims);
          vecDelete.run(BigInt(r.rowid_));
          vecInsert.run(BigInt(r.rowid_), r.domain, v);
          metaUpsert.run(r.rowid_, modelId, dims);
        });
      })();
    }
    vectorsFresh = true;
    return todo.length;
  };

  const ingestText: KnowledgeBase['ingestText'] = async (docId, title, raw, opts) => {
    if (!DOC_ID.test(docId))
      throw new UserError('VALIDATION', 'Document id must be 1-128 of A-Z a-z 0-9 _ . / -.');
    if (!KB_DOMAINS.includes(opts.domain)) throw new UserError('VALIDATION', `Unknown KB domain.`);
    if (raw.length > MAX_DOC_BYTES) throw new UserError('VALIDATION', `Document ${docId} is over 5 MiB.`);
    let text = normalise(raw);
    let docTitle = title.trim();
    if (opts.format === 'html') {
      const h = htmlToText(text);
      text = h.text;
      if (!docTitle) docTitle = h.title ?? '';
    }
    if (!docTitle && opts.format !== 'text') docTitle = markdownTitle(text) ?? '';
    if (!docTitle) docTitle = docId;
    const chunks = chunkText(text, opts.format);
    if (chunks.length === 0) throw new UserError('VALIDATION', `Document ${docId} has no text to index.`);
    const contentHash = sha256(
      `${opts.domain}\u0000${docTitle}\u0000${chunks.map((c) => c.contentHash).join(',')}`,
    );
    const existing = docRow.get(docId);
    if (existing && existing.content_hash === contentHash && existing.domain === opts.domain)
      return { docId, status: 'unchanged', chunks: chunks.length, contentHash };
    db.transaction(() => {
      if (existing) removeDocRows(docId);
      insertDoc.run(
        docId,
        opts.domain,
        docTitle,
        opts.source ?? 'text',
        opts.format,
        contentHash,
        chunks.length,
        new Date().toISOString(),
      );
      const [lo, hi] = rowidRange(opts.domain);
      let next = (maxRowid.get(lo, hi)?.m ?? lo - 1) + 1;
      for (const c of chunks) {
        if (next > hi) throw new UserError('CONFLICT', 'The knowledge base is full for this domain.');
        const heading = JSON.stringify(c.headingPath);
        const rowid = next;
        next += 1;
        insertChunk.run(rowid, docId, opts.domain, c.ord, heading, c.text, c.start, c.end, c.contentHash);
        // The H1 usually repeats the title; indexing it twice would only dilute the section heading.
        const sections = c.headingPath[0] === docTitle ? c.headingPath.slice(1) : c.headingPath;
        insertFts.run(rowid, docTitle, sections.join(' / '), c.text);
      }
    })();
    invalidate();
    await syncVectors();
    return { docId, status: existing ? 'updated' : 'added', chunks: chunks.length, contentHash };
  };

  const ingestFile: KnowledgeBase['ingestFile'] = async (path, opts) => {
    const ext = extname(path).toLowerCase();
    const format = FORMAT_BY_EXT[ext];
    if (!format)
      throw new UserError(
        'VALIDATION',
        `Unsupported document type ${ext || '(none)'}: use .md, .txt or .html.`,
      );
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new UserError('NOT_FOUND', `No document ${basename(path)}.`);
    }
    if (size > MAX_DOC_BYTES) throw new UserError('VALIDATION', `Document ${basename(path)} is over 5 MiB.`);
    const raw = readFileSync(path, 'utf8');
    const docId = opts.docId ?? `${opts.domain}/${basename(path, extname(path))}`;
    return ingestText(docId, '', raw, { domain: opts.domain, format, source: basename(path) });
  };

  const toResult = (row: ChunkRow, score: number, source: KbSearchResult['source']): KbSearchResult => ({
    chunkId: `${row.doc_id}#${row.ord}`,
    docId: row.doc_id,
    title: row.title,
    headingPath: JSON.parse(row.heading_path) as string[],
    text: row.text,
    score,
    source,
  });

  return {
    embedder,
    ingestText,
    ingestFile,
    async ingestDir(dir, opts) {
      const out: IngestDirResult = { ingested: [], skipped: [] };
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch {
        throw new UserError('NOT_FOUND', `No knowledge-base folder ${basename(dir)}.`);
      }
      for (const name of names) {
        const ext = extname(name).toLowerCase();
        if (ext === '.pdf')
          out.skipped.push({ file: name, why: 'PDF is not supported; convert it to Markdown' });
        else if (!FORMAT_BY_EXT[ext]) out.skipped.push({ file: name, why: 'not .md, .txt or .html' });
        else out.ingested.push(await ingestFile(join(dir, name), opts));
      }
      return out;
    },
    removeDoc(docId) {
      if (!docRow.get(docId)) return false;
      db.transaction(() => removeDocRows(docId))();
      invalidate();
      return true;
    },
    async search(query, opts) {
      const k = Math.max(1, Math.min(opts.k ?? 5, 50));
      const terms = planTerms(queryTerms(query), opts.domain);
      const [lo, hi] = rowidRange(opts.domain);
      const ftsRows =
        terms.length > 0
          ? ftsSearch.all(ftsExpression(terms), lo, hi, embedder ? Math.max(k, candidates) : k)
          : [];
      if (!embedder || !vecSearch) {
        return ftsRows.slice(0, k).flatMap((r) => {
          const row = byRowid.get(r.rowid_);
          return row ? [toResult(row, r.score, 'fts')] : [];
        });
      }
      if (!vectorsFresh) await syncVectors();
      const [qv] = await embedder.embed([query]);
      const vecRows = vecSearch.all(
        checkVector(qv, embedder.info.dims),
        Math.max(k, candidates),
        opts.domain,
      );
      const fused = reciprocalRankFusion([ftsRows.map((r) => r.rowid_), vecRows.map((r) => r.chunk_rowid)]);
      return fused.slice(0, k).flatMap((f) => {
        const row = byRowid.get(f.key);
        if (!row) return [];
        const source =
          f.ranks[0] !== null && f.ranks[1] !== null ? 'hybrid' : f.ranks[0] !== null ? 'fts' : 'vec';
        return [toResult(row, f.score, source)];
      });
    },
    snapshotHash(domain) {
      const key = domain ?? '*';
      const hit = snapshots.get(key);
      if (hit) return hit;
      const h =
        domain === undefined
          ? sha256(KB_DOMAINS.map((d) => `${d}:${this.snapshotHash(d)}`).join('\n'))
          : sha256(
              hashesFor
                .all(domain)
                .map((r) => `${r.doc_id}#${r.ord} ${r.content_hash}`)
                .join('\n'),
            );
      snapshots.set(key, h);
      return h;
    },
    passage(chunkId) {
      const hash = chunkId.lastIndexOf('#');
      if (hash <= 0) return null;
      const ord = Number(chunkId.slice(hash + 1));
      if (!Number.isInteger(ord) || ord < 0) return null;
      const row = byDocOrd.get(chunkId.slice(0, hash), ord);
      if (!row) return null;
      return {
        chunkId,
        docId: row.doc_id,
        domain: row.domain,
        title: row.title,
        headingPath: JSON.parse(row.heading_path) as string[],
        text: row.text,
        start: row.char_start,
        end: row.char_end,
        sourceFile: row.source,
        contentHash: row.content_hash,
      };
    },
    docs(domain) {
      const rows = db
        .prepare<
          [],
          {
            doc_id: string;
            domain: KbDomain;
            title: string;
            source: string;
            format: KbFormat;
            content_hash: string;
            chunk_count: number;
            ingested_at: string;
          }
        >(
          `SELECT doc_id, domain, title, source, format, content_hash, chunk_count, ingested_at FROM kb_docs ORDER BY doc_id`,
        )
        .all()
        .filter((r) => domain === undefined || r.domain === domain);
      return rows.map((r) => ({
        docId: r.doc_id,
        domain: r.domain,
        title: r.title,
        source: r.source,
        format: r.format,
        contentHash: r.content_hash,
        chunks: r.chunk_count,
        ingestedAt: r.ingested_at,
      }));
    },
    chunkCount(domain) {
      const row =
        domain === undefined
          ? db.prepare<[], { n: number }>('SELECT count(*) AS n FROM kb_chunks').get()
          : db
              .prepare<[string], { n: number }>('SELECT count(*) AS n FROM kb_chunks WHERE domain = ?')
              .get(domain);
      return row?.n ?? 0;
    },
    syncVectors,
  };
}
