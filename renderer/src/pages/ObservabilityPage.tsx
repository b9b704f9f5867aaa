import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOnChange } from '../workspaces/live';
import '../workspaces/workspaces.css';

const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((n / of) * 100)}%`);

/**
 * How the desk is running, from the spans and ledger on this machine: stage names, durations, counts and
 * codes only, so nothing a customer said can appear here.
 */
export function ObservabilityPage() {
  const summary = useProcedure('observability.get', {});
  useOnChange(summary.refresh, 2000);
  const s = summary.result.state === 'ready' ? summary.result.value : null;
  return (
    <section className="page" aria-labelledby="observability-title">
      <header className="page-header">
        <h1 id="observability-title">Observability</h1>
      </header>
      <p className="lead">
        Latency per stage against its budget over the latest turns, and how often the desk escalated or fell
        back.
      </p>
      {summary.result.state === 'error' ? <ErrorNotice error={summary.result.error} /> : null}
      {s ? (
        <div className="grid">
          <article className="card" aria-labelledby="rates-title">
            <h2 id="rates-title">Rates</h2>
            <dl>
              <div className="field">
                <dt>Turns traced</dt>
                <dd data-testid="obs-turns">{s.turns}</dd>
              </div>
              <div className="field">
                <dt>Escalations</dt>
                <dd>
                  {s.escalations} ({pct(s.escalations, s.turnsRecorded)} of {s.turnsRecorded} turns)
                </dd>
              </div>
              <div className="field">
                <dt>Fallbacks</dt>
                <dd>
                  {s.degradations} ({pct(s.degradations, s.turnsRecorded)} of {s.turnsRecorded} turns)
                </dd>
              </div>
            </dl>
          </article>
          <article className="card" aria-labelledby="obs-models-title">
            <h2 id="obs-models-title">Models</h2>
            {s.models.length === 0 ? (
              <p className="empty">No models in the manifest.</p>
            ) : (
              <ul className="plain">
                {s.models.map((m) => (
                  <li key={m.id}>
                    {m.role}: {m.id} —{' '}
                    {m.active ? 'active' : m.installed ? 'installed, not loaded' : 'not installed'}
                  </li>
                ))}
              </ul>
            )}
            {s.fallbacks.length ? (
              <p className="muted small">
                Safe fallbacks in use: {s.fallbacks.join(', ').replace(/_/g, ' ')}.
              </p>
            ) : null}
          </article>
          <article className="card card-wide" aria-labelledby="stages-title">
            <h2 id="stages-title">Stage latency</h2>
            {s.stages.length === 0 ? (
              <p className="empty" data-testid="obs-empty">
                No turns traced yet. Latency appears here after the desk answers its first turn.
              </p>
            ) : (
              <table className="table" data-testid="stages">
                <caption className="sr-only">Median and 95th percentile per stage, in milliseconds</caption>
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col">Spans</th>
                    <th scope="col">p50 ms</th>
                    <th scope="col">p95 ms</th>
                    <th scope="col">Budget ms</th>
                    <th scope="col">Over budget</th>
                    <th scope="col">p95 against budget</th>
                  </tr>
                </thead>
                <tbody>
                  {s.stages.map((x) => {
                    const over = x.budgetMs !== null && x.p95Ms > x.budgetMs;
                    return (
                      <tr key={x.stage}>
                        <td>
                          <code>{x.stage}</code>
                        </td>
                        <td>{x.count}</td>
                        <td>{x.p50Ms.toFixed(1)}</td>
                        <td>{x.p95Ms.toFixed(1)}</td>
                        <td>{x.budgetMs ?? '—'}</td>
                        <td>
                          {x.budgetMs === null ? '—' : `${x.overBudget} (${pct(x.overBudget, x.count)})`}
                        </td>
                        <td>
                          {x.budgetMs === null ? (
                            '—'
                          ) : (
                            <>
                              <span className="meter-track" aria-hidden="true">
                                <span
                                  className={over ? 'meter meter-over' : 'meter'}
                                  style={{
                                    width: `${Math.min(100, Math.max(2, (x.p95Ms / x.budgetMs) * 100))}%`,
                                  }}
                                />
                              </span>{' '}
                              {over ? 'over budget' : `${Math.round((x.p95Ms / x.budgetMs) * 100)}%`}
                            </>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </article>
        </div>
      ) : null}
    </section>
  );
}
