import { useEffect, useState } from 'react';
import { slaText } from './format';

/** One clock for the queue: the list and the open escalation read the same `now`, so they agree. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export type SlaLevel = 'ok' | 'amber' | 'red' | 'done';

/**
 * Time left against the SLA: amber once a quarter of the window (at least 2 minutes) remains, red once
 * overdue. Resolved items are `done` whatever the clock says.
 */
export function slaState(
  item: { slaDueAt: string; createdAt: string; status: string },
  now: number,
): { level: SlaLevel; text: string } {
  if (item.status === 'resolved') return { level: 'done', text: 'resolved' };
  const due = Date.parse(item.slaDueAt);
  const window = Math.max(0, due - Date.parse(item.createdAt));
  const left = due - now;
  const level: SlaLevel = left < 0 ? 'red' : left <= Math.max(window / 4, 120_000) ? 'amber' : 'ok';
  return { level, text: slaText(item.slaDueAt, now) };
}

/** "waiting 12 min" since the item was opened. */
export function waitText(createdAt: string, now: number): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  return minutes < 60
    ? `waiting ${minutes} min`
    : `waiting ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
