import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Store } from '../store';
import { createPseudonymizer } from './index';

const CANARY_CARD = '4929 1234 5678 9015';
const CANARY_NAME = 'Zebedee Quackenbush';

describe('pseudonymizer and vault', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function open(dir?: string): Store {
    const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'confidant-'));
    if (!dir) dirs.push(dataDir);
    const store = openStore({ dataDir, passphrase: 'test passphrase', create: true });
    stores.push(store);
    return store;
  }

  it('gives stable per-conversation tokens and rehydrates them', () => {
    const store = open();
    const p = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    const a = p.pseudonymize(`Hi, I'm Dr ${CANARY_NAME}, card ${CANARY_CARD}, email z@example.com.`);
    expect(a.text).toBe("Hi, I'm Dr <PERSON_1>, card <CREDIT_CARD_1>, email <EMAIL_1>.");
    expect(a.spans.map((s) => s.token)).toEqual(['<PERSON_1>', '<CREDIT_CARD_1>', '<EMAIL_1>']);
    // Same card written differently gets the same token; a new email gets the next number.
    const b = p.pseudonymize('Use card 4929-1234-5678-9015 and y@example.com');
    expect(b.text).toBe('Use card <CREDIT_CARD_1> and <EMAIL_2>');
    expect(p.rehydrate('Thanks <PERSON_1>, card <CREDIT_CARD_1>; <PHONE_9> unknown')).toBe(
      `Thanks ${CANARY_NAME}, card ${CANARY_CARD}; <PHONE_9> unknown`,
    );
    // Another conversation starts numbering afresh.
    const other = createPseudonymizer(store, { conversationId: 'c2', subjectId: 's1' });
    expect(other.pseudonymize('email y@example.com').text).toBe('email <EMAIL_1>');
  });

  it('persists the vault sealed: a fresh pseudonymizer rehydrates, the files hold no plaintext', () => {
    const store = open();
    createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' }).pseudonymize(
      `I'm ${CANARY_NAME}, card ${CANARY_CARD}`,
    );
    const again = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    expect(again.size()).toBe(2);
    expect(again.rehydrate('<PERSON_1> / <CREDIT_CARD_1>')).toBe(`${CANARY_NAME} / ${CANARY_CARD}`);
    expect(again.pseudonymize(`card ${CANARY_CARD}`).text).toBe('card <CREDIT_CARD_1>');
    const rows = store.db.prepare('SELECT * FROM privacy_vault').all() as Array<Record<string, unknown>>;
    expect(JSON.stringify(rows)).not.toContain('Quackenbush');
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const f of readdirSync(store.dataDir, { recursive: true }) as string[]) {
      const path = join(store.dataDir, f);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue; // a folder
      }
      expect(bytes.includes(Buffer.from('Quackenbush')), f).toBe(false);
      expect(bytes.includes(Buffer.from('5678 9015')), f).toBe(false);
    }
  });

  it('after the subject is erased, tokens stay and originals are gone', () => {
    const store = open();
    const p = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    p.pseudonymize(`card ${CANARY_CARD}`);
    store.cipher.shred('s1');
    const fresh = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    expect(fresh.rehydrate('<CREDIT_CARD_1>')).toBe('<CREDIT_CARD_1>');
    const out = fresh.pseudonymize('email late@example.com');
    expect(out.text).toBe('email <EMAIL_1>');
    expect(fresh.rehydrate(out.text)).toBe('email <EMAIL_1>');
  });

  it('a customer typing a token cannot make rehydration reveal a value', () => {
    const store = open();
    const p = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    p.pseudonymize(`card ${CANARY_CARD}`);
    const typed = p.pseudonymize('what is <CREDIT_CARD_1>?');
    expect(typed.text).toBe('what is ‹CREDIT_CARD_1›?');
    expect(p.rehydrate(typed.text)).not.toContain(CANARY_CARD);
  });

  it('values already in the vault need no transaction; a new value commits its token in one', () => {
    const store = open();
    const p = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    const text = `I'm ${CANARY_NAME}, card ${CANARY_CARD}`;
    const first = p.pseudonymize(text);
    const transaction = vi.spyOn(store.db, 'transaction');
    // Known values (a history turn pseudonymized again) and text without PII: no write, no transaction.
    expect(p.pseudonymize(text)).toEqual(first);
    expect(createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' }).pseudonymize(text)).toEqual(
      first,
    );
    expect(p.pseudonymize('What time do you open?')).toEqual({ text: 'What time do you open?', spans: [] });
    expect(transaction).not.toHaveBeenCalled();
    // A new value among known ones: one transaction, the same tokens as before for the known ones.
    const mixed = p.pseudonymize(`card ${CANARY_CARD}, email z@example.com`);
    expect(mixed.text).toBe('card <CREDIT_CARD_1>, email <EMAIL_1>');
    expect(mixed.spans.map((s) => s.token)).toEqual(['<CREDIT_CARD_1>', '<EMAIL_1>']);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(p.size()).toBe(3);
    transaction.mockRestore();
  });

  it('prepares its vault statements once per connection, not per pseudonymizer', () => {
    const store = open();
    createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' }).pseudonymize(`card ${CANARY_CARD}`);
    const prepare = vi.spyOn(store.db, 'prepare');
    const again = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    expect(again.pseudonymize(`new card 4111 1111 1111 1111, old ${CANARY_CARD}`).text).toBe(
      'new card <CREDIT_CARD_2>, old <CREDIT_CARD_1>',
    );
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
  });

  it('requires a conversation and a subject', () => {
    const store = open();
    expect(() => createPseudonymizer(store, { conversationId: '', subjectId: 's' })).toThrow(/conversation/);
  });
});
