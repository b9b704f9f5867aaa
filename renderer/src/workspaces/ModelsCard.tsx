import type { ProcedureOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatBytes, useOnChange } from './live';
import { useAction } from './useAction';

type Models = ProcedureOutput<'models.list'>;

const HASH_WORDS: Record<string, string> = {
  published: 'publisher hashes',
  'partially-published': 'some hashes published',
  unpublished: 'pin after download',
};

/** The manifest's catalogue with fit on this machine; activation needs the files present. */
export function ModelsCard() {
  const { api } = useApi();
  const list = useProcedure('models.list', {});
  const act = useAction<Models>();
  // Download progress arrives as `models.progress` events (browser mode); any change reloads the list.
  useOnChange(list.refresh, 300);
  const run = (call: () => ReturnType<typeof api.call<'models.list'>>) =>
    void act.run(call).then(list.refresh);
  const view = list.result.state === 'ready' ? list.result.value : null;
  const pull = view?.pull ?? null;
  return (
    <article className="card card-wide" aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      {list.result.state === 'error' ? <ErrorNotice error={list.result.error} /> : null}
      {view && view.models.length === 0 ? <p className="empty">The model manifest lists no models.</p> : null}
      {view && view.models.length > 0 ? (
        <>
          <p className="muted small">
            This machine has {formatBytes(view.machineRamMb * 2 ** 20)} of memory.
          </p>
          <table className="table" data-testid="models">
            <caption className="sr-only">Model catalogue</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Role</th>
                <th scope="col">Size</th>
                <th scope="col">Fits</th>
                <th scope="col">Hashes</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {view.models.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.displayName} <span className="muted small">{m.version}</span>
                  </td>
                  <td>{m.role}</td>
                  <td>{m.sizeBytes === null ? 'unknown' : formatBytes(m.sizeBytes)}</td>
                  <td>{m.fits ? 'yes' : `no: needs ${formatBytes(m.minRamMb * 2 ** 20)}`}</td>
                  <td>{HASH_WORDS[m.hashStatus] ?? m.hashStatus}</td>
                  <td>
                    {m.active ? <span className="badge badge-delivered">active</span> : null}{' '}
                    {m.isDefault ? <span className="badge badge-muted">default</span> : null}{' '}
                    {m.installed ? 'installed' : 'not installed'}
                  </td>
                  <td>
                    {m.active ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={act.busy}
                        onClick={() => run(() => api.call('models.rollback', { role: m.role }))}
                      >
                        Roll back
                      </button>
                    ) : m.installed ? (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={act.busy || !m.fits}
                        onClick={() => run(() => api.call('models.activate', { modelId: m.id }))}
                      >
                        Activate
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={act.busy || !m.fits || pull?.state === 'running'}
                        aria-label={`Download ${m.displayName}`}
                        onClick={() => run(() => api.call('models.pull', { modelId: m.id }))}
                      >
                        Download
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {pull ? (
        <div
          className={pull.state === 'failed' ? 'notice notice-error' : 'notice'}
          role="status"
          data-testid="model-pull"
        >
          {pull.state === 'running' ? (
            <progress
              aria-label="Download progress"
              max={pull.total ?? undefined}
              value={pull.total ? pull.received : undefined}
            />
          ) : null}{' '}
          {pull.message}
          {pull.received > 0
            ? ` (${formatBytes(pull.received)}${pull.total ? ` of ${formatBytes(pull.total)}` : ''})`
            : ''}
        </div>
      ) : null}
      {act.error ? <ErrorNotice error={act.error} /> : null}
      <p className="muted small">
        Downloads resume where they stopped, here or with <code>confidant models pull ID</code>. A new
        activation applies from the next start of the model runtime.
      </p>
    </article>
  );
}
