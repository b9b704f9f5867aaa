import { useEffect } from 'react';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';

/** Paired LAN desks: whether each is linked now, what waits in its outbox, and the witness status. */
export function PairedDesks() {
  const { events } = useApi();
  const { result, refresh } = useProcedure('queue.paired_desks', {});
  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      if (e.topic.startsWith('lan.')) refresh();
    });
  }, [events, refresh]);

  return (
    <section className="paired" aria-labelledby="paired-title" data-testid="paired-desks">
      <h2 id="paired-title">Paired desks</h2>
      {result.state === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.state === 'ready' && (!result.value.enabled || result.value.peers.length === 0) ? (
        <p className="muted empty">
          No paired desks. Pair one with <code>confidant lan invite</code> here and{' '}
          <code>confidant lan join</code> on the other desk.
        </p>
      ) : null}
      {result.state === 'ready' && result.value.peers.length > 0 ? (
        <>
          <ul className="notes">
            {result.value.peers.map((p) => (
              <li key={p.deviceId}>
                <span className={p.linked ? 'badge badge-delivered' : 'badge badge-warn'}>
                  {p.linked ? 'linked' : 'not linked'}
                </span>{' '}
                {p.role} desk <code>{p.fingerprint.slice(0, 16)}</code>
                <br />
                <span className="muted small">
                  last seen {p.lastSeen ? new Date(p.lastSeen).toLocaleString() : 'never'} · {p.outbox}{' '}
                  waiting to send
                  {p.clockSkewMs !== null && Math.abs(p.clockSkewMs) > 60_000
                    ? ` · clock off by ${Math.round(p.clockSkewMs / 1000)} s`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
          <p className="small">
            Witness: {result.value.witness.cosignatures} co-signature(s) held
            {result.value.witness.problems > 0 ? (
              <strong className="status-escalated"> · {result.value.witness.problems} problem(s)</strong>
            ) : (
              ' · all check out'
            )}
          </p>
          {result.value.alerts.length > 0 ? (
            <ul className="small">
              {result.value.alerts.map((a, i) => (
                <li key={`${a.at}-${i}`}>
                  {new Date(a.at).toLocaleString()}: {a.code.replace(/_/g, ' ')}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
