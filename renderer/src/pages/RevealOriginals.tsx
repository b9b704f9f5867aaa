import { useState } from 'react';
import type { EscalationRevealView } from '../../../shared/contract';
import { REVEAL_REASON_MIN } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

/**
 * "Reveal originals" for the supervisor who has claimed an escalation: asks for a reason, calls
 * `escalation.reveal` and hands the rehydrated transcript to the parent, which shows it in place of
 * the tokens. The result lives in component state only (never stored); the parent is keyed by the
 * escalation, so choosing another escalation or leaving the page hides it again.
 */
export function RevealOriginals({
  escalationId,
  revealed,
  onRevealed,
}: {
  escalationId: string;
  revealed: EscalationRevealView | null;
  onRevealed: (value: EscalationRevealView | null) => void;
}) {
  const { api } = useApi();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const tooShort = reason.trim().length < REVEAL_REASON_MIN;

  async function reveal() {
    setBusy(true);
    setError(null);
    const res = await api.call('escalation.reveal', { escalationId, reason: reason.trim() });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    setReason('');
    onRevealed(res.value);
  }

  if (revealed)
    return (
      <div className="reveal" data-testid="reveal">
        <p className="notice">
          {revealed.notice}{' '}
          {revealed.revealed > 0
            ? `Revealed ${revealed.revealed} value(s): ${revealed.types.join(', ')}.`
            : null}
        </p>
        <button type="button" className="button button-secondary" onClick={() => onRevealed(null)}>
          Hide originals
        </button>
      </div>
    );
  return (
    <div className="reveal" data-testid="reveal">
      <label htmlFor={`reveal-reason-${escalationId}`}>Reason for revealing the originals</label>
      <div className="reveal-row">
        <input
          id={`reveal-reason-${escalationId}`}
          type="text"
          maxLength={4000}
          value={reason}
          placeholder={`At least ${REVEAL_REASON_MIN} characters; recorded in the audit ledger`}
          onChange={(ev) => setReason(ev.target.value)}
        />
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || tooShort}
          onClick={() => void reveal()}
        >
          Reveal originals
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
