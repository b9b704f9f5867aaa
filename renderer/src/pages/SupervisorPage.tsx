import { useEffect, useState } from 'react';
import type { EscalationSummaryView } from '../../../shared/contract';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { slaState, useNow, waitText } from '../clock';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSession } from '../session/context';
import { Escalation } from './EscalationDetail';
import { PairedDesks } from './PairedDesks';
import { reasonWords } from './desk/words';

type View = 'open' | 'mine' | 'overdue' | 'resolved' | 'all';
const VIEWS: ReadonlyArray<{ id: View; label: string }> = [
  { id: 'open', label: 'Open' },
  { id: 'mine', label: 'Mine' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'all', label: 'All' },
];

function inView(view: View, e: EscalationSummaryView, me: string, now: number): boolean {
  switch (view) {
    case 'open':
      // Claimed items are still open until resolved.
      return e.status !== 'resolved';
    case 'mine':
      return e.status === 'claimed' && e.claimedBy === me;
    case 'overdue':
      return e.status !== 'resolved' && Date.parse(e.slaDueAt) < now;
    case 'resolved':
      return e.status === 'resolved';
    case 'all':
      return true;
  }
}

/** Urgent arrivals: a banner in the page, and a system notification when the user allowed them. */
function useUrgentAlerts(): { alert: string | null; dismiss: () => void } {
  const { events } = useApi();
  const [alert, setAlert] = useState<string | null>(null);
  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      const d = e.data as { priority?: unknown; conversationId?: unknown } | null;
      if (e.topic !== 'escalation.opened' || d?.priority !== 'urgent') return;
      const text = `Urgent escalation waiting: ${String(d.conversationId ?? '')}`;
      setAlert(text);
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
        new Notification('Confidant', { body: text, tag: 'urgent-escalation' });
    });
  }, [events]);
  return { alert, dismiss: () => setAlert(null) };
}

export function SupervisorPage() {
  const { events } = useApi();
  const me = useSession().info.user.id;
  const now = useNow();
  const [view, setView] = useState<View>('open');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useProcedure('escalation.list', { limit: 500 });
  const refreshList = list.refresh;
  const { alert, dismiss } = useUrgentAlerts();
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );

  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      if (e.topic.startsWith('escalation.') || e.topic.startsWith('desk.') || e.topic === 'turn.submit')
        refreshList();
    });
  }, [events, refreshList]);

  const all = list.result.state === 'ready' ? list.result.value : [];
  const rows = all.filter((e) => inView(view, e, me, now));
  const count = (v: View) => all.filter((e) => inView(v, e, me, now)).length;
  return (
    <section className="page page-split" aria-labelledby="supervisor-title">
      <aside className="list-pane">
        <header className="page-header">
          <h1 id="supervisor-title" tabIndex={-1}>
            Supervisor queue
          </h1>
        </header>
        {alert ? (
          <div className="notice notice-error" role="alert" data-testid="urgent-alert">
            {alert}{' '}
            <button type="button" className="button button-quiet" onClick={dismiss}>
              Dismiss
            </button>
          </div>
        ) : null}
        {permission === 'default' ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => void Notification.requestPermission().then(setPermission)}
          >
            Notify me of urgent escalations
          </button>
        ) : null}
        <div className="views" role="group" aria-label="Queue views">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              className={v.id === view ? 'chip active' : 'chip'}
              aria-pressed={v.id === view}
              onClick={() => setView(v.id)}
            >
              {v.label} <span className="count">{count(v.id)}</span>
            </button>
          ))}
        </div>
        {list.result.state === 'error' ? <ErrorNotice error={list.result.error} /> : null}
        {list.result.state === 'ready' && rows.length === 0 ? (
          <p className="muted empty">
            {view === 'overdue'
              ? 'Nothing is overdue.'
              : view === 'mine'
                ? 'You have not claimed anything that is still open.'
                : 'Nothing here. New escalations appear as they arrive.'}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <ul className="list" data-testid="escalations">
            {rows.map((e) => {
              const sla = slaState(e, now);
              return (
                <li key={e.id}>
                  {/* The whole row selects (a click anywhere on it); the keyboard reaches its button, named
                      by the title alone (conversation, priority, SLA) and described by the lines below.
                      A button holding every line had to be named by all of them (WCAG 2.5.3), which put
                      "Desk", "claimed" and "unclaimed" into the name of every row. */}
                  <div
                    className={`list-item sla-${sla.level}${e.id === selected ? ' active' : ''}`}
                    onClick={() => setSelected(e.id)}
                    data-testid="escalation-row"
                  >
                    <button
                      type="button"
                      className="list-title row-select"
                      aria-current={e.id === selected ? 'true' : undefined}
                      aria-describedby={`row-${e.id}-why row-${e.id}-meta`}
                    >
                      <span className={`badge badge-${e.priority}`}>{e.priority}</span> {e.conversationId}
                      <span className={`badge sla sla-badge-${sla.level}`}>{sla.text}</span>
                    </button>
                    <span className="list-meta" id={`row-${e.id}-why`}>
                      {e.reasons.map(reasonWords).join(', ')}
                    </span>
                    <span className="list-meta" id={`row-${e.id}-meta`}>
                      Desk {e.desk ?? '—'} · {e.domain ?? ''} · sentiment{' '}
                      {e.sentiment == null ? '—' : e.sentiment.toFixed(2)} ·{' '}
                      {e.status === 'open'
                        ? 'unclaimed'
                        : e.status === 'claimed'
                          ? `claimed by ${e.claimedByName ?? 'someone'}`
                          : 'resolved'}{' '}
                      · {waitText(e.createdAt, now)}
                    </span>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : null}
        <PairedDesks />
      </aside>
      <div className="detail-pane">
        {selected ? (
          <Escalation key={selected} id={selected} now={now} onChanged={refreshList} />
        ) : (
          <p className="muted empty">Pick an escalation on the left to read its handoff packet.</p>
        )}
      </div>
    </section>
  );
}
