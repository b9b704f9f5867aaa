import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';
import { tempDb } from '../../../test-support/temp-db';

describe('migration 006 knowledge base', () => {
  it('creates STRICT doc and chunk tables with cascade, and a contentless FTS5 index', () => {
    const db = tempDb({ foreignKeys: true });
    expect(migrate(db, migrations, 6)).toBe(6);
    const now = '2026-01-01T00:00:00Z';
    const doc = db.prepare(
      `INSERT INTO kb_docs (doc_id, domain, title, source, format, content_hash, chunk_count, ingested_at)
       VALUES (?, 'bank', 'Fees', 'fees.md', ?, 'h', 1, ?)`,
    );
    doc.run('bank/fees', 'markdown', now);
    expect(() => doc.run('bank/x', 'pdf', now)).toThrow(/CHECK constraint/);
    const chunk = db.prepare(
      `INSERT INTO kb_chunks (doc_id, domain, ord, heading_path, text, char_start, char_end, content_hash)
       VALUES (?, 'bank', ?, '[]', 'A replacement card is free.', 0, 27, 'c')`,
    );
    const id = Number(chunk.run('bank/fees', 0).lastInsertRowid);
    expect(() => chunk.run('bank/fees', 0)).toThrow(/UNIQUE constraint/);
    expect(() => chunk.run('missing', 1)).toThrow(/FOREIGN KEY/);
    expect(() => chunk.run('bank/fees', 'one')).toThrow(/cannot store TEXT value/);
    db.prepare('INSERT INTO kb_fts (rowid, title, heading, text) VALUES (?, ?, ?, ?)').run(
      id,
      'Fees',
      '',
      'A replacement card is free.',
    );
    const hit = db.prepare(`SELECT rowid FROM kb_fts WHERE kb_fts MATCH '"cards"'`).all();
    expect(hit).toEqual([{ rowid: id }]); // porter stemming: cards -> card
    // Contentless: the index keeps no copy of the text.
    expect(db.prepare('SELECT text FROM kb_fts WHERE rowid = ?').get(id)).toEqual({ text: null });
    db.prepare('DELETE FROM kb_fts WHERE rowid = ?').run(id);
    db.prepare('DELETE FROM kb_docs WHERE doc_id = ?').run('bank/fees');
    expect(db.prepare('SELECT count(*) AS n FROM kb_chunks').get()).toEqual({ n: 0 });
    db.close();
  });
});
