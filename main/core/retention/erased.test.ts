import { describe, expect, it } from 'vitest';
import { openLedger } from '../audit';
import { createMemory } from '../memory';
import { tempStore } from '../../test-support';
import { erasedSubjects } from './index';

describe('erasedSubjects', () => {
  it("joins the ledger's erasures and the retention tombstones, and nothing else", () => {
    const t = tempStore();
    try {
      const windows = { preference: 30, case_history: 60, contact: 10, vulnerability: 5 };
      const { customer } = createMemory(t.store, { windows, redact: (x) => x });
      customer.touch('alive');
      customer.subjects.markErased('tombstoned', 1, 'retention');
      const ledger = openLedger(t.store, { checkpointEvery: 0 });
      ledger.append({
        type: 'subject.erased',
        actor: { kind: 'user', id: 'dpo', role: 'compliance' },
        subject: 'in-ledger',
        payload: { reason: 'request', deletedRows: 0 },
      });
      ledger.close();
      expect([...erasedSubjects(t.store)].sort()).toEqual(['in-ledger', 'tombstoned']);
    } finally {
      t.cleanup();
    }
  });
});
