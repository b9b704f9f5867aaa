import { useEffect, useState } from 'react';
import type { EscalationRevealView } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { slaState } from '../clock';
import { useSession } from '../session/context';
import { RevealOriginals } from './RevealOriginals';

/** One escalation: the redacted handoff packet, its notes, and the queue actions for the signed-in user. */
export function Escalation({ id, now, onChanged }: { id: string; now: number; onChanged: () => void }) {
  const { api, events } = useApi();
  const me = useSession().info.user.id;
  const { result, refresh } = useProcedure('escalation.get', { escalationId: id });
  // A later turn may add triggers, raise the priority and shorten the SLA: the open view follows it.
  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      const data = e.data as { escalationId?: unknown } | null;
      if ((e.topic === 'escalation.updated' || e.topic === 'desk.supervision') && data?.escalationId === id)
        refresh();
      else if (e.topic === 'turn.submit' || e.topic === 'desk.escalate') refresh();
    });
  }, [events, id, refresh]);
  // Reveal is offered only where main allows it (rehydrateForStaff); main checks again on every call.
  const { result: status } = useProcedure('status.get', {});
  const revealAllowed = status.state === 'ready' && status.value.flags.rehydrateForStaff;
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<'resolved' | 'taken_over' | 'returned_to_agent'>('resolved');
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
  const sla = slaState(e, now);
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
        {e.status === 'resolved' ? (
          `resolved (${(e.outcome ?? 'resolved').replace(/_/g, ' ')})`
        ) : (
          <span className={`badge sla sla-badge-${sla.level}`} data-testid="detail-sla">
            {sla.text}
          </span>
        )}
      </p>
      {e.claimedBy ? (
        <p className="muted small" data-testid="claimed-by">
          Claimed by {e.claimedByName ?? e.claimedBy}
          {e.resolvedAt
            ? ` · closed ${new Date(e.resolvedAt).toLocaleString()} (${(e.outcome ?? 'resolved').replace(/_/g, ' ')})`
            : ''}
        </p>
      ) : null}
      <div className="action-bar" role="group" aria-label="Escalation actions" data-testid="action-bar">
        <button
          type="button"
          className="button"
          disabled={busy || e.status !== 'open'}
          onClick={() => void act(() => api.call('escalation.claim', { escalationId: id }))}
        >
          Claim
        </button>
        <label className="sr-only" htmlFor={`msg-${id}`}>
          Note, whisper or response
        </label>
        <textarea
          id={`msg-${id}`}
          rows={1}
          maxLength={4000}
          value={text}
          disabled={closed}
          placeholder={mine ? 'Write a note, a whisper to the agent, or a response…' : 'Write a note…'}
          onChange={(ev) => setText(ev.target.value)}
        />
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
          disabled={busy || !mine || !text.trim()}
          title={mine ? 'Only the agent sees a whisper' : 'Claim first'}
          onClick={() => void act(() => api.call('escalation.whisper', { escalationId: id, text }), true)}
        >
          Whisper to agent
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || !mine || !text.trim()}
          title={mine ? undefined : 'Claim first'}
          onClick={() => void act(() => api.call('escalation.respond', { escalationId: id, text }), true)}
        >
          Respond
        </button>
        <label className="sr-only" htmlFor={`outcome-${id}`}>
          Outcome
        </label>
        <select
          id={`outcome-${id}`}
          value={outcome}
          disabled={closed}
          onChange={(ev) => setOutcome(ev.target.value as typeof outcome)}
        >
          <option value="resolved">Resolved</option>
          <option value="taken_over">Taken over</option>
          <option value="returned_to_agent">Returned to the agent</option>
        </select>
        <button
          type="button"
          className="button"
          disabled={busy || closed}
          onClick={() => void act(() => api.call('escalation.resolve', { escalationId: id, outcome }))}
        >
          Close with outcome
        </button>
        {error ? (
          <div className="action-error">
            <ErrorNotice error={error} />
          </div>
        ) : null}
      </div>
      {e.packet === null ? (
        <p className="muted">The customer has been erased; the handoff packet is no longer readable.</p>
      ) : (
        <>
          <p className="lead">{e.packet.rationale}</p>
          {e.packet.triggers.length === 0 ? (
            <p className="muted" data-testid="no-triggers">
              No pack rule fired for this escalation; the line above says why it was raised.
            </p>
          ) : (
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
          )}
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
      <h3>Notes, whispers and responses</h3>
      {e.notes.length === 0 && (e.whispers ?? []).length === 0 ? (
        <p className="muted empty">Nothing written yet. Claim the item, then note, whisper or respond.</p>
      ) : null}
      <ul className="notes" data-testid="notes">
        {[
          ...e.notes.map((n) => ({
            key: `n${n.id}`,
            kind: n.kind,
            author: n.authorName ?? n.authorId,
            text: n.text,
            at: n.createdAt,
          })),
          ...(e.whispers ?? []).map((w) => ({
            key: `w${w.id}`,
            kind: 'whisper' as const,
            author: w.authorName ?? 'supervisor',
            text: w.text,
            at: w.createdAt,
          })),
        ]
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((n) => (
            <li key={n.key}>
              <span className="badge">{n.kind}</span>{' '}
              <span className="muted small">
                {n.author} · {new Date(n.at).toLocaleString()}
              </span>
              <br />
              {n.text ?? <em className="muted">erased</em>}
            </li>
          ))}
      </ul>
    </article>
  );
}
