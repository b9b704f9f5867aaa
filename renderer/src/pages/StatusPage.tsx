import { useEffect } from 'react';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';

const STORE_LABEL = { open: 'Open', locked: 'Locked', missing: 'Not created', corrupt: 'Corrupt' } as const;

function Field({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

export function StatusPage() {
  const { events } = useApi();
  const { result, refresh } = useProcedure('status.get', {});

  useEffect(() => {
    if (!events) return;
    return events.subscribe((event) => {
      if (event.topic.startsWith('status.') || event.topic.startsWith('models.')) refresh();
    });
  }, [events, refresh]);

  return (
    <section className="page" aria-labelledby="status-title">
      <header className="page-header">
        <h1 id="status-title">System status</h1>
        <button type="button" className="button" onClick={refresh}>
          Refresh
        </button>
      </header>
      {result.state === 'loading' ? <p className="muted">Loading status…</p> : null}
      {result.state === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.state === 'ready' ? (
        <div className="grid" data-testid="status">
          <article className="card">
            <h2>Application</h2>
            <dl>
              <Field label="Version" value={result.value.appVersion} testId="app-version" />
              <Field label="Mode" value={result.value.mode} testId="mode" />
            </dl>
          </article>
          <article className="card">
            <h2>Encrypted store</h2>
            <dl>
              <Field label="Data folder" value={result.value.dataDir} testId="data-dir" />
              <Field label="State" value={STORE_LABEL[result.value.store.state]} testId="store-state" />
              <Field
                label="Encryption"
                value={result.value.store.encrypted ? 'Encrypted at rest' : 'NOT encrypted'}
                testId="store-encrypted"
              />
              <Field
                label="Schema version"
                value={String(result.value.store.schemaVersion)}
                testId="schema-version"
              />
            </dl>
          </article>
          <article className="card card-wide">
            <h2>Local models</h2>
            {result.value.models.length === 0 ? (
              <p className="muted" data-testid="no-models">
                No models are installed. Confidant runs on its built-in defaults.
              </p>
            ) : (
              <table className="table" data-testid="models">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col">Role</th>
                    <th scope="col">Installed</th>
                    <th scope="col">Active</th>
                  </tr>
                </thead>
                <tbody>
                  {result.value.models.map((m) => (
                    <tr key={m.id}>
                      <td>{m.id}</td>
                      <td>{m.role}</td>
                      <td>{m.installed ? 'Yes' : 'No'}</td>
                      <td>{m.active ? 'Yes' : 'No'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h3>Feature flags</h3>
            <ul className="chips" data-testid="flags">
              {Object.entries(result.value.flags).map(([name, on]) => (
                <li key={name} className="chip">
                  {name}: {on ? 'on' : 'off'}
                </li>
              ))}
            </ul>
            <h3>Fallbacks in use</h3>
            <ul className="chips" data-testid="fallbacks">
              {result.value.fallbacks.map((f) => (
                <li key={f} className="chip">
                  {f}
                </li>
              ))}
            </ul>
          </article>
        </div>
      ) : null}
    </section>
  );
}
