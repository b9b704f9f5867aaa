import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { boundaries } from './boundaries';
import { createPseudonymizer } from './pseudonymize';
import { detectPii } from './detect';
import { redactText } from './operators';
import { sweepNumbers } from './sweep-numbers';

const NOW = new Date('2026-12-07T00:00:00Z');
const swept = (text: string) => redactText(text, sweepNumbers(text, detectPii(text), NOW));

describe('packet sweep of leftover identifier numbers', () => {
  it.each([
    ['Card ends 4417, the gym one.', 'Card ends [REFERENCE], the gym one.'],
    ['Loan ref LN7781203.', 'Loan ref [REFERENCE].'],
    ['Medicare number is 1EG4-TE5-MK73.', 'Medicare number is [REFERENCE].'],
    ['Routing 021000021, account 7730', 'Routing [REFERENCE], account [REFERENCE]'],
    ['14/03/1961. And cancel next month too.', '[DATE_OF_BIRTH]. And cancel next month too.'],
    ['Edith Marsh, 2nd of February 1944.', '[PERSON], [DATE_OF_BIRTH].'],
    ['member no 4659 3021 8844 4418 here', 'member no [REFERENCE] here'],
  ])('masks %s', (text, expected) => {
    expect(swept(text)).toBe(expected);
  });

  it.each([
    'Can I take out £900 cash today, or $9,000 by Friday?',
    'The £84.99 from a gym. Since 2019, in the 1990s.',
    'Is 10:20 on the 14th fine? I take 500mg twice, 16+3 weeks.',
    'My appointment is 12/01/2027 and the last one was 03/06/2025.',
    'Twelve weeks on the list, 3 letters, 24/7 pain.',
  ])('keeps the story numbers in %s', (text) => {
    expect(swept(text)).toBe(redactText(text));
  });

  it('leaves spans the detector found alone', () => {
    const text = 'My NHS number is 485 777 3456.';
    const spans = detectPii(text);
    expect(spans.map((s) => s.type)).toEqual(['UK_NHS']);
    expect(sweepNumbers(text, spans, NOW)).toEqual(spans);
  });
});

describe('packet and LAN boundaries sweep identifier numbers the detector leaves', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  // Canary values no cue or checksum names: the detector alone leaves them in the text.
  const TEXT = 'Card ends 7319. Claim ref QZ-580261. Her date of birth? 17/09/1948.';
  const CANARY = /7319|580261|17\/09\/1948/;

  it('the detector alone leaves them (why the sweep exists)', () => {
    expect(redactText(TEXT)).toMatch(CANARY);
  });

  it('masks them without a vault', () => {
    expect(boundaries.forPacket(TEXT)).not.toMatch(CANARY);
    expect(JSON.stringify(boundaries.forLan({ transcript: [{ text: TEXT }] }))).not.toMatch(CANARY);
  });

  it('tokenises them with a vault, seals the originals, and a supervisor can reveal them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confidant-sweep-numbers-'));
    dirs.push(dataDir);
    const store = openStore({ dataDir, passphrase: 'test passphrase', create: true });
    stores.push(store);
    const vault = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    const packet = boundaries.forPacket(TEXT, vault);
    expect(packet).not.toMatch(CANARY);
    expect(packet).toMatch(/<REFERENCE_\d+>/);
    expect(vault.rehydrate(packet)).toBe(TEXT);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = (readdirSync(dataDir, { recursive: true }) as string[])
      .map((name) => join(dataDir, name))
      .filter((file) => statSync(file).isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).toString('latin1')).not.toMatch(CANARY);
  });
});
