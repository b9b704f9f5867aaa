import { describe, expect, it } from 'vitest';
import { slaState, waitText } from './clock';

const at = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min)).toISOString();
const now = (min: number) => Date.UTC(2026, 0, 1, 12, min);

describe('queue clock', () => {
  const item = { createdAt: at(0), slaDueAt: at(20), status: 'open' };
  it('is calm early, amber in the last quarter of the window, red once overdue', () => {
    expect(slaState(item, now(1)).level).toBe('ok');
    expect(slaState(item, now(16)).level).toBe('amber');
    expect(slaState(item, now(21))).toEqual({ level: 'red', text: 'overdue by 1 min' });
    expect(slaState({ ...item, status: 'resolved' }, now(30)).level).toBe('done');
  });
  it('gives short windows at least two minutes of amber', () => {
    const short = { createdAt: at(0), slaDueAt: at(4), status: 'claimed' };
    expect(slaState(short, now(2) + 1000).level).toBe('amber');
  });
  it('reads the wait in minutes, then hours', () => {
    expect(waitText(at(0), now(7))).toBe('waiting 7 min');
    expect(waitText(at(0), now(75))).toBe('waiting 1 h 15 min');
  });
});
