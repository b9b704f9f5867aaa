import { describe, expect, it } from 'vitest';
import { applyOperator, detectPii, hashValue, partialMask, redactText } from './index';

describe('operators', () => {
  const text = 'Card 4111 1111 1111 1111 for jo@example.com';

  it('masks each span as [TYPE]', () => {
    expect(redactText(text)).toBe('Card [CREDIT_CARD] for [EMAIL]');
  });

  it('partially masks keeping the last four and the separators', () => {
    expect(partialMask('4111 1111 1111 1234')).toBe('**** **** **** 1234');
    expect(
      applyOperator(text, detectPii(text), (t) =>
        t === 'CREDIT_CARD' ? { kind: 'partial' } : { kind: 'mask' },
      ),
    ).toBe('Card **** **** **** 1111 for [EMAIL]');
  });

  it('hashes with a key, stable across spacing and different across keys', () => {
    expect(hashValue('4111 1111', 'k1')).toBe(hashValue('4111  1111 ', 'k1'));
    expect(hashValue('4111 1111', 'k1')).not.toBe(hashValue('4111 1111', 'k2'));
    const hashed = applyOperator(text, detectPii(text), { kind: 'hash', key: 'k' });
    expect(hashed).toMatch(/^Card \[CREDIT_CARD:[0-9a-f]{16}\] for \[EMAIL:[0-9a-f]{16}\]$/);
    expect(hashed).not.toContain('4111');
  });

  it('replaces with a fixed string', () => {
    expect(applyOperator(text, detectPii(text), { kind: 'replace', with: '***' })).toBe('Card *** for ***');
  });
});
