import { describe, expect, it } from 'vitest';
import { pageFromHash } from './route';

describe('hash routes', () => {
  const pages = ['desk', 'supervisor'] as const;
  it('reads the page and ignores anything unknown', () => {
    expect(pageFromHash('#/supervisor', pages)).toBe('supervisor');
    expect(pageFromHash('#/desk/conv-1', pages)).toBe('desk');
    expect(pageFromHash('#/admin', pages)).toBeNull();
    expect(pageFromHash('', pages)).toBeNull();
  });
});
