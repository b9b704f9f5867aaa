import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store';
import { boundaries } from './boundaries';
import { detectPii } from './detect';
import { createPseudonymizer } from './pseudonymize';
import { redactText } from './operators';
import { sweepNames } from './sweep';

const swept = (text: string) => redactText(text, sweepNames(text, detectPii(text)));

describe('packet sweep of leftover names', () => {
  it.each([
    ["Since Bertram went I've kept every tablet.", "Since [PERSON] went I've kept every tablet."],
    ['Tell Kayleigh I am sorry.', 'Tell [PERSON] I am sorry.'],
    ["Margaret's been gone a year.", '[PERSON] been gone a year.'],
    ['I just want to close it. Ottoline Fairweather.', 'I just want to close it. [PERSON].'],
  ])('masks %s', (text, expected) => {
    expect(swept(text)).toBe(expected);
  });

  it('joins adjacent capitalised words into one token', () => {
    expect(sweepNames('my father, Tobiah Okonkwo-Reid, is here', [])).toHaveLength(1);
  });

  it.each([
    'Can I pay in a cheque on Tuesday?',
    'The NHS letter says my GP will call.',
    'I speak Polish and a little English.',
    'Thanks, that is all. Have a good day.',
    'My Universal Credit came in late.',
  ])('keeps %s', (text) => {
    expect(swept(text)).toBe(redactText(text));
  });

  it('leaves a sentence-opening word that is no known name and not a bare name', () => {
    expect(sweepNames('Stockport branch is shut today.', [])).toEqual([]);
  });
});

describe('packet and LAN boundaries sweep names the detector leaves', () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  // Canary names no cue marks as names: the detector alone leaves them in the text.
  const TEXT = "Since Bertramus went I've kept every tablet. Tell Quillonia. Ottavina Fairweatherly.";
  const CANARY = /Bertramus|Quillonia|Ottavina|Fairweatherly/;

  it('the detector alone leaves them (why the sweep exists)', () => {
    expect(redactText(TEXT)).toMatch(CANARY);
  });

  it('masks them without a vault', () => {
    expect(boundaries.forPacket(TEXT)).not.toMatch(CANARY);
    expect(JSON.stringify(boundaries.forLan({ transcript: [{ text: TEXT }] }))).not.toMatch(CANARY);
  });

  it('tokenises them with a vault, seals the originals, and a supervisor can reveal them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'confidant-sweep-'));
    dirs.push(dataDir);
    const store = openStore({ dataDir, passphrase: 'test passphrase', create: true });
    stores.push(store);
    const vault = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
    const packet = boundaries.forPacket(TEXT, vault);
    expect(packet).not.toMatch(CANARY);
    expect(packet).toMatch(/<PERSON_\d+>/);
    expect(vault.rehydrate(packet)).toBe(TEXT);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = (readdirSync(dataDir, { recursive: true }) as string[])
      .map((name) => join(dataDir, name))
      .filter((file) => statSync(file).isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).toString('latin1')).not.toMatch(CANARY);
  });
});
