import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useAction } from './useAction';

/**
 * Retention windows in force (they come from the policy packs, so a change is a pack change, audited like
 * any other) and an on-demand purge with its result next to the button.
 */
export function RetentionCard() {
  const { api } = useApi();
  const overview = useProcedure('compliance.get', { limit: 1 });
  const purge = useAction<{ deletedRows: number; shreddedSubjects: number }>();
  const o = overview.result.state === 'ready' ? overview.result.value : null;
  const classes = Object.keys(o?.retention[0]?.windows ?? {});
  return (
    <article className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">Retention</h2>
      {overview.result.state === 'error' ? <ErrorNotice error={overview.result.error} /> : null}
      {o ? (
        <table className="table" data-testid="admin-retention">
          <caption className="sr-only">Days kept per data class and domain</caption>
          <thead>
            <tr>
              <th scope="col">Data (days)</th>
              {o.retention.map((r) => (
                <th scope="col" key={r.domain}>
                  {r.domain}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c}>
                <th scope="row">{c.replace(/_/g, ' ')}</th>
                {o.retention.map((r) => (
                  <td key={r.domain}>{r.windows[c]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        Stored data keeps the shortest window any domain asks for. Change a window in the domain&apos;s policy
        pack and activate it above.
      </p>
      <button
        type="button"
        className="button button-secondary"
        disabled={purge.busy}
        onClick={() => void purge.run(() => api.call('retention.purge', {})).then(overview.refresh)}
      >
        {purge.busy ? 'Purging…' : 'Purge expired data now'}
      </button>
      {purge.error ? <ErrorNotice error={purge.error} /> : null}
      {purge.value ? (
        <div className="notice notice-ok" role="status">
          Purged: {purge.value.deletedRows} records deleted, {purge.value.shreddedSubjects} keys shredded.
        </div>
      ) : null}
    </article>
  );
}
