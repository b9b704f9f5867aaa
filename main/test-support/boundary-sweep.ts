import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { boundaries, createPseudonymizer, redactText } from '../core/privacy';
import { listFiles, tempStore } from './fs';

/**
 * The canary suite for a packet/LAN sweep: values the detector alone leaves are masked at both
 * boundaries, tokenised with a vault (a supervisor can reveal them), and absent from the store files.
 */
export function describeBoundarySweep(title: string, text: string, canary: RegExp, token: RegExp): void {
  describe(title, () => {
    it('the detector alone leaves them (why the sweep exists)', () => {
      expect(redactText(text)).toMatch(canary);
    });

    it('masks them without a vault', () => {
      expect(boundaries.forPacket(text)).not.toMatch(canary);
      expect(JSON.stringify(boundaries.forLan({ transcript: [{ text }] }))).not.toMatch(canary);
    });

    it('tokenises them with a vault, seals the originals, and a supervisor can reveal them', () => {
      const { store, dir, cleanup } = tempStore();
      onTestFinished(cleanup);
      const vault = createPseudonymizer(store, { conversationId: 'c1', subjectId: 's1' });
      const packet = boundaries.forPacket(text, vault);
      expect(packet).not.toMatch(canary);
      expect(packet).toMatch(token);
      expect(vault.rehydrate(packet)).toBe(text);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      const files = listFiles(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(readFileSync(file).toString('latin1')).not.toMatch(canary);
    });
  });
}
