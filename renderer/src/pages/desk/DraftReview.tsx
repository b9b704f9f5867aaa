import { useId, useState } from 'react';
import { OVERRIDE_REASON_MIN, type TurnView } from '../../../../shared/contract';
import type { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { flagWords } from './words';

/**
 * The draft waits for the staff member: send as is, edit then send, or discard. Edits are checked by
 * the same output rails as the draft; flagged text needs a reason to go out (audited as an override).
 */
export function DraftReview({
  turn,
  onDone,
}: {
  turn: TurnView & { reply: string };
  onDone: (how: 'sent' | 'discarded') => void;
}) {
  const { api } = useApi();
  const ids = useId();
  const [text, setText] = useState(turn.reply);
  const [flags, setFlags] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const edited = text.trim() !== turn.reply.trim();

  async function send(withReason: boolean) {
    setBusy(true);
    setError(null);
    const res = await api.call('desk.send', {
      turnId: turn.turnId,
      text,
      ...(withReason ? { overrideReason: reason } : {}),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    if (!res.value.sent) return setFlags(res.value.flags);
    onDone('sent');
  }

  async function discard() {
    setBusy(true);
    setError(null);
    const res = await api.call('desk.discard', { turnId: turn.turnId });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    onDone('discarded');
  }

  const reasonOk = reason.trim().length >= OVERRIDE_REASON_MIN;
  return (
    <div className="bubble bubble-draft" data-testid="draft-review">
      <label className="bubble-label" htmlFor={`${ids}-draft`}>
        Draft reply: read it, edit it if needed, then send
      </label>
      <textarea
        id={`${ids}-draft`}
        data-testid="draft-text"
        value={text}
        rows={Math.min(10, Math.max(3, Math.ceil(text.length / 80)))}
        maxLength={8000}
        aria-describedby={flags.length > 0 ? `${ids}-flags` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setFlags([]);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !busy && flags.length === 0) {
            e.preventDefault();
            void send(false);
          }
        }}
      />
      {turn.citations && turn.citations.length > 0 ? <Citations citations={turn.citations} /> : null}
      {flags.length > 0 ? (
        <div className="notice notice-warn" id={`${ids}-flags`} role="alert" data-testid="draft-flags">
          <strong>The policy check flagged this text:</strong>
          <ul>
            {flags.map((f) => (
              <li key={f}>{flagWords(f)}</li>
            ))}
          </ul>
          <p>Change the text, or say why it must go out as it is (recorded in the audit log).</p>
          <label htmlFor={`${ids}-reason`}>Reason for sending anyway</label>
          <input
            id={`${ids}-reason`}
            data-testid="override-reason"
            value={reason}
            maxLength={4000}
            onChange={(e) => setReason(e.target.value)}
          />
          {!reasonOk ? <p className="muted">At least {OVERRIDE_REASON_MIN} characters.</p> : null}
          <div className="composer-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={busy || !reasonOk}
              onClick={() => void send(true)}
            >
              Send anyway
            </button>
          </div>
        </div>
      ) : null}
      <div className="composer-actions">
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void discard()}>
          Discard
        </button>
        {edited ? (
          <button
            type="button"
            className="button button-quiet"
            disabled={busy}
            onClick={() => {
              setText(turn.reply);
              setFlags([]);
            }}
          >
            Undo edits
          </button>
        ) : null}
        <button
          type="button"
          className="button"
          data-testid="send-draft"
          disabled={busy || text.trim().length === 0 || flags.length > 0}
          onClick={() => void send(false)}
        >
          {busy ? 'Checking…' : edited ? 'Check and send' : 'Send'}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

/** Chips for the passages a reply cited; each opens the passage in place. */
export function Citations({ citations }: { citations: NonNullable<TurnView['citations']> }) {
  const [open, setOpen] = useState<string | null>(null);
  const shown = citations.find((c) => c.docId === open) ?? null;
  return (
    <div className="citations" data-testid="citations">
      <span className="muted">Sources:</span>{' '}
      {citations.map((c) => (
        <button
          key={c.docId}
          type="button"
          className={open === c.docId ? 'chip active' : 'chip'}
          aria-expanded={open === c.docId}
          onClick={() => setOpen(open === c.docId ? null : c.docId)}
        >
          {c.title}
        </button>
      ))}
      {shown ? (
        <blockquote className="passage" data-testid="passage">
          <strong>{shown.title}</strong>
          <p>{shown.text}</p>
        </blockquote>
      ) : null}
    </div>
  );
}
