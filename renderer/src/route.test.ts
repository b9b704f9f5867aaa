import { describe, expect, it } from 'vitest';
import { conversationFromHash, pageFromHash } from './route';

describe('hash routes', () => {
  const pages = ['desk', 'supervisor'] as const;
  it('reads the page and ignores anything unknown', () => {
    expect(pageFromHash('#/supervisor', pages)).toBe('supervisor');
    expect(pageFromHash('#/desk/conv-1', pages)).toBe('desk');
    expect(pageFromHash('#/admin', pages)).toBeNull();
    expect(pageFromHash('', pages)).toBeNull();
  });
});

describe('conversation addresses', () => {
  it('reads a contract-valid conversation id and nothing else', () => {
    expect(conversationFromHash('#/desk/conv-2026-01-01-abc')).toBe('conv-2026-01-01-abc');
    expect(conversationFromHash('#/desk')).toBeNull();
    expect(conversationFromHash('#/desk/<script>')).toBeNull();
    expect(conversationFromHash('#/desk/%E0%A4%A')).toBeNull();
    expect(conversationFromHash('#/supervisor/x')).toBeNull();
  });
});
