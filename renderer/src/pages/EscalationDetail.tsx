import { useEffect, useState } from 'react';
import type { EscalationRevealView } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { slaText } from '../format';
import { useSession } from '../session/context';
import { RevealOriginals } from './RevealOriginals';

/** One escalation: the redacted handoff packet, its notes, and the queue actions for the signed-in user. */
export function Escalation({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { api, events } = useApi();
  const me = useSession().info.user.id;
  const { result, refresh } = useProcedure('escalation.get', { escalationId: id });
  // A later turn may add triggers, raise the priority and shorten the SLA: the open view follows it.
  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      const data = e.data as { escalationId?: unknown } | null;
      if (e.topic === 'escalation.updated' && data?.escalationId === id) refresh();
      else if (e.topic === 'turn.submit' || e.topic === 'desk.escalate') refresh();
    });
  }, [events, id, refresh]);
  // Reveal is offered only where main allows it (rehydrateForStaff); main checks again on every call.
  const { result: status } = useProcedure('status.get', {});
  const revealAllowed = status.state === 'ready' && status.value.flags.rehydrateForStaff;
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Originals are shown for this view only: the parent keys this component by escalation id, so choosing
  // another escalation or leaving the page drops them; signing out unmounts the whole workspace.
  const [revealed, setRevealed] = useState<EscalationRevealView | null>(null);

  async function act(run: () => Promise<{ ok: true } | { ok: false; error: ApiError }>, clearText = false) {
    setBusy(true);
    setError(null);
    const res = await run();
    setBusy(false);
    if (!res.ok) setError(res.error);
    else if (clearText) setText('');
    refresh();
    onChanged();
  }

  if (result.state === 'loading') return <p className="muted">Loading escalation…</p>;
  if (result.state === 'error') return <ErrorNotice error={result.error} />;
  const e = result.value;
  const closed = e.status === 'resolved';
  const mine = e.status === 'claimed' && e.claimedBy === me;
  const shown = mine ? revealed : null;
  return (
    <article className="escalation" data-testid="escalation">
      <header className="page-header">
        <h2 className="conversation-title">
          <span className={`badge badge-${e.priority}`}>{e.priority}</span> {e.conversationId}
        </h2>
        <span className={`status status-${e.status}`}>{e.status}</span>
      </header>
      <p className="muted small">
        Opened {new Date(e.createdAt).toLocaleString()} ·{' '}
        {e.status === 'resolved' ? `resolved (${e.outcome ?? 'resolved'})` : slaText(e.slaDueAt)}
      </p>
      {e.packet === null ? (
        <p className="muted">The customer has been erased; the handoff packet is no longer readable.</p>
      ) : (
        <>
          <p className="lead">{e.packet.rationale}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Trigger</th>
                <th scope="col">Guard</th>
                <th scope="col">Score</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {e.packet.triggers.map((t, i) => (
                <tr key={`${t.guard}-${i}`}>
                  <td>{t.reason}</td>
                  <td>{t.guard}</td>
                  <td>{t.score === null ? '—' : t.score.toFixed(2)}</td>
                  <td>{t.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{shown && !shown.erased ? 'Transcript (originals revealed)' : 'Transcript (redacted)'}</h3>
          {mine && revealAllowed ? (
            <RevealOriginals escalationId={id} revealed={shown} onRevealed={setRevealed} />
          ) : null}
          <ol className={shown && !shown.erased ? 'turns turns-revealed' : 'turns'}>
            {(shown && !shown.erased ? shown.transcript : e.packet.transcript).map((line, i) => (
              <li
                key={i}
                className={line.role === 'customer' ? 'bubble bubble-customer' : 'bubble bubble-reply'}
              >
                <span className="bubble-label">{line.role}</span>
                {line.text}
              </li>
            ))}
          </ol>
          {e.packet.verifiedFacts.length > 0 ? (
            <>
              <h3>Verified facts</h3>
              <ul>
                {(shown && !shown.erased ? shown.verifiedFacts : e.packet.verifiedFacts).map((f) => (
                  <li key={f.chunkId}>
                    {f.claim} <span className="muted">({f.docId})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted small">
            Policy {e.packet.versions.policyId}@{e.packet.versions.policyVersion}
            {e.packet.versions.modelId
              ? ` · model ${e.packet.versions.modelId}`
              : ' · no model (safe templates)'}
          </p>
        </>
      )}
      <h3>Notes</h3>
      {e.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="notes">
        {e.notes.map((n) => (
          <li key={n.id}>
            <span className="badge">{n.kind}</span> {n.text ?? <em className="muted">erased</em>}
          </li>
        ))}
      </ul>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="composer">
        <textarea
          aria-label="Note or response"
          rows={2}
          maxLength={4000}
          value={text}
          disabled={closed}
          onChange={(ev) => setText(ev.target.value)}
        />
        <div className="composer-actions">
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || closed || e.status !== 'open'}
            onClick={() => void act(() => api.call('escalation.claim', { escalationId: id }))}
          >
            Claim
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || closed || !text.trim()}
            onClick={() => void act(() => api.call('escalation.note', { escalationId: id, text }), true)}
          >
            Add note
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || closed || !text.trim()}
            onClick={() => void act(() => api.call('escalation.respond', { escalationId: id, text }), true)}
          >
            Respond
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || closed}
            onClick={() =>
              void act(() => api.call('escalation.resolve', { escalationId: id, outcome: 'resolved' }))
            }
          >
            Resolve
          </button>
        </div>
      </div>
    </article>
  );
}
