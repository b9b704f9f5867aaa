import { useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

type Overview = ProcedureOutput<'compliance.get'>;
type Erasure = ProcedureOutput<'subject.erase'>;
type Outcome = { kind: 'ok'; value: Erasure } | { kind: 'error'; error: ApiError };

/**
 * Who is stored, under which consent, and for how long; erasure is picked from this list (never typed),
 * and its result appears on the row it was asked for.
 */
export function SubjectsCard({ overview, onChanged }: { overview: Overview; onChanged: () => void }) {
  const { api } = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});

  async function erase(subjectId: string, conversationId: string) {
    if (!window.confirm('Erase this customer for good? Their key is shredded and their records deleted.'))
      return;
    setBusy(subjectId);
    const res = await api.call('subject.erase', { conversationId });
    setBusy(null);
    setOutcomes({
      ...outcomes,
      [subjectId]: res.ok ? { kind: 'ok', value: res.value } : { kind: 'error', error: res.error },
    });
    onChanged();
  }

  return (
    <article className="card card-wide" aria-labelledby="subjects-title">
      <h2 id="subjects-title">Consent, retention and erasure</h2>
      <table className="table" data-testid="retention-windows">
        <caption className="sr-only">Retention windows in days per domain</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            {Object.keys(overview.retention[0]?.windows ?? {}).map((k) => (
              <th scope="col" key={k}>
                {k.replace(/_/g, ' ')} (days)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.retention.map((r) => (
            <tr key={r.domain}>
              <td>{r.domain}</td>
              {Object.values(r.windows).map((d, i) => (
                <td key={i}>{d}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {overview.lastPurge
          ? `Last purge ${new Date(overview.lastPurge.at).toLocaleString()} (${overview.lastPurge.trigger}): ${overview.lastPurge.deletedRows} records deleted, ${overview.lastPurge.shredded} keys shredded.`
          : 'No retention purge has run yet.'}
      </p>
      {overview.subjects.length === 0 ? (
        <p className="empty" data-testid="subjects-empty">
          No customers are stored yet. Conversations from the desk appear here with their consents.
        </p>
      ) : (
        <table className="table" data-testid="subjects">
          <caption className="sr-only">Stored customers by pseudonymous id</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Conversations</th>
              <th scope="col">Consents</th>
              <th scope="col">Memory</th>
              <th scope="col">Last seen</th>
              <th scope="col">Erasure</th>
            </tr>
          </thead>
          <tbody>
            {overview.subjects.map((s) => {
              const outcome = outcomes[s.subjectId];
              const conv = s.conversations[0]?.id;
              return (
                <tr key={s.subjectId} data-subject={s.subjectId}>
                  <td>
                    <code>{s.subjectId.slice(0, 12)}</code>
                  </td>
                  <td>
                    {s.conversations.map((c) => `${c.id} (${c.domain})`).join(', ') || (
                      <span className="muted">none left</span>
                    )}
                  </td>
                  <td>
                    {s.activeConsents.length ? s.activeConsents.join(', ').replace(/_/g, ' ') : 'none'}
                    {s.withdrawnConsents ? (
                      <span className="muted"> · {s.withdrawnConsents} withdrawn</span>
                    ) : null}
                  </td>
                  <td>{s.memoryItems}</td>
                  <td>{s.lastSeen ? new Date(s.lastSeen).toLocaleDateString() : '—'}</td>
                  <td>
                    {s.erasedAt ? (
                      <span className="badge badge-muted">
                        erased {new Date(s.erasedAt).toLocaleDateString()} ({s.eraseReason ?? 'request'})
                      </span>
                    ) : conv ? (
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={busy !== null}
                        aria-label={`Erase subject ${s.subjectId.slice(0, 12)}`}
                        onClick={() => void erase(s.subjectId, conv)}
                      >
                        {busy === s.subjectId ? 'Erasing…' : 'Erase'}
                      </button>
                    ) : null}
                    {outcome?.kind === 'ok' ? (
                      <div className="notice notice-ok" role="status" data-testid="subject-erased">
                        {outcome.value.alreadyErased
                          ? 'Already erased.'
                          : `Erased: ${outcome.value.deletedRows} records deleted, key shredded.`}
                      </div>
                    ) : null}
                    {outcome?.kind === 'error' ? <ErrorNotice error={outcome.error} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </article>
  );
}
