import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { slaText } from '../format';
import { Escalation } from './EscalationDetail';

type Status = 'open' | 'claimed' | 'resolved';

function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function SupervisorPage() {
  const { events } = useApi();
  const now = useNow();
  const [status, setStatus] = useState<Status | 'all'>('open');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useProcedure('escalation.list', status === 'all' ? { limit: 200 } : { status, limit: 200 });
  const refreshList = list.refresh;

  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      // A turn may open an escalation, so may a one-click escalation at the desk; queue actions change it.
      if (e.topic.startsWith('escalation.') || e.topic === 'turn.submit' || e.topic === 'desk.escalate')
        refreshList();
    });
  }, [events, refreshList]);

  return (
    <section className="page page-split" aria-labelledby="supervisor-title">
      <aside className="list-pane">
        <header className="page-header">
          <h1 id="supervisor-title">Supervisor</h1>
          <select
            aria-label="Status filter"
            value={status}
            onChange={(e) => setStatus(e.target.value as Status)}
          >
            <option value="open">Open</option>
            <option value="claimed">Claimed</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </header>
        {list.result.state === 'error' ? <ErrorNotice error={list.result.error} /> : null}
        {list.result.state === 'ready' && list.result.value.length === 0 ? (
          <p className="muted">No escalations here.</p>
        ) : null}
        {list.result.state === 'ready' ? (
          <ul className="list" data-testid="escalations">
            {list.result.value.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={e.id === selected ? 'list-item active' : 'list-item'}
                  onClick={() => setSelected(e.id)}
                >
                  <span className="list-title">
                    <span className={`badge badge-${e.priority}`}>{e.priority}</span> {e.reasons.join(', ')}
                  </span>
                  <span className="list-meta">
                    {e.status} · {e.status === 'resolved' ? 'resolved' : slaText(e.slaDueAt, now)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </aside>
      <div className="detail-pane">
        {selected ? (
          <Escalation key={selected} id={selected} onChanged={refreshList} />
        ) : (
          <p className="muted">Select an escalation.</p>
        )}
      </div>
    </section>
  );
}
