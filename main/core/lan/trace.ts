/**
 * Optional per-event timing of the LAN delivery path, for `bench/lan.ts` only. Off (one null check per
 * mark) unless a sink is installed; marks carry `performance.now()` and the event id, so a bench that runs
 * both desks in one process can line up the staff desk's send with the supervisor desk's apply.
 */
export type LanTraceSink = (eventId: string, phase: string, at: number) => void;

let sink: LanTraceSink | null = null;

/** Installs (or with null removes) the sink. */
export function setLanTrace(s: LanTraceSink | null): void {
  sink = s;
}

/** Records that `eventId` reached `phase` now. */
export function lanMark(eventId: string, phase: string): void {
  if (sink) sink(eventId, phase, performance.now());
}

/** Whether a sink is installed (skip building marks for a batch when not). */
export const lanTracing = (): boolean => sink !== null;
