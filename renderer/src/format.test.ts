import { describe, expect, it } from 'vitest';
import { newConversationId, slaText } from './format';

describe('desk formatting', () => {
  it('states SLA as time left or time overdue', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(slaText('2026-01-01T12:12:00Z', now)).toBe('due in 12 min');
    expect(slaText('2026-01-01T11:57:00Z', now)).toBe('overdue by 3 min');
  });

  it('makes conversation ids the contract accepts', () => {
    const id = newConversationId(new Date('2026-03-04T05:06:07Z'), '1a2b3c4d-5e6f-7a8b-9c0d-112233445566');
    expect(id).toBe('conv-2026-03-04-1a2b3c4d');
    expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,128}$/);
  });
});
