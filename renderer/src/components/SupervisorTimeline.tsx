import type { ConversationDetail } from '../../../shared/contract';

const LABEL: Record<string, string> = {
  claimed: 'claimed',
  released: 'released',
  note: 'note',
  whisper: 'whisper (for you only)',
  response: 'response to the customer',
  resolved: 'resolved',
  'resolved:taken_over': 'took over',
  'resolved:returned_to_agent': 'returned to the agent',
};

/** What the supervisor did on this conversation's escalation, as it arrived (docs/LAN.md). */
export function SupervisorTimeline({ entries }: { entries: ConversationDetail['supervisor'] }) {
  if (entries.length === 0) return null;
  return (
    <ul className="list" data-testid="supervisor-timeline" aria-label="Supervisor">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className="muted">
          {e.by ?? 'Supervisor'}: {LABEL[e.type] ?? e.type}
          {e.text ? <> — {e.text}</> : null}
        </li>
      ))}
    </ul>
  );
}
