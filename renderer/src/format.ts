/** "due in 12 min" / "overdue by 3 min": supervisors triage by SLA, not by timestamps. */
export function slaText(dueAt: string, now: number = Date.now()): string {
  const minutes = Math.round((Date.parse(dueAt) - now) / 60_000);
  return minutes >= 0 ? `due in ${minutes} min` : `overdue by ${-minutes} min`;
}

/** Conversation ids are chosen by the desk (contract: 1-128 of A-Z a-z 0-9 _ . : -). */
export function newConversationId(date: Date = new Date(), random: string = crypto.randomUUID()): string {
  return `conv-${date.toISOString().slice(0, 10)}-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}`;
}
