import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';

/** Desks this one is paired with on the branch LAN; pairing and unpairing happen with `confidant lan`. */
export function PairingCard() {
  const list = useProcedure('pairing.list', {});
  const v = list.result.state === 'ready' ? list.result.value : null;
  return (
    <article className="card" aria-labelledby="pairing-title">
      <h2 id="pairing-title">Paired desks</h2>
      {list.result.state === 'error' ? <ErrorNotice error={list.result.error} /> : null}
      {v && v.peers.length === 0 ? (
        <p className="empty" data-testid="pairing-empty">
          {v.role ? `This ${v.role} desk` : 'This desk'} is not paired with another. Pair with{' '}
          <code>confidant lan invite</code> on the supervisor desk and <code>confidant lan join</code> here.
        </p>
      ) : null}
      {v && v.peers.length > 0 ? (
        <table className="table" data-testid="pairing">
          <caption className="sr-only">Paired desks</caption>
          <thead>
            <tr>
              <th scope="col">Desk</th>
              <th scope="col">Fingerprint</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {v.peers.map((p) => (
              <tr key={p.deviceId}>
                <td>
                  {p.role} <code>{p.deviceId.slice(0, 12)}</code>
                  {p.revoked ? <span className="badge badge-muted">unpaired</span> : null}
                </td>
                <td>
                  <code>{p.fingerprint.slice(0, 23)}…</code>
                </td>
                <td>
                  {p.lastSeen ? new Date(p.lastSeen).toLocaleString() : 'never'}
                  {p.clockSkewMs && Math.abs(p.clockSkewMs) > 2000 ? (
                    <span className="badge badge-warn">
                      clock off by {Math.round(p.clockSkewMs / 1000)} s
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
