import { useState } from 'react';
import type { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Staff escalate any open conversation, calm or flagged, with one click (desk.escalate_conversation):
 * the core records who asked and puts it in the supervisor queue.
 */
export function EscalateButton({
  conversationId,
  onEscalated,
}: {
  conversationId: string;
  onEscalated: (escalationId: string) => void;
}) {
  const { api } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function escalate() {
    setBusy(true);
    setError(null);
    const res = await api.call('desk.escalate_conversation', { conversationId });
    setBusy(false);
    if (!res.ok) setError(res.error);
    else onEscalated(res.value.id);
  }

  return (
    <div className="escalate-action">
      <button
        type="button"
        className="button button-secondary"
        data-testid="escalate-conversation"
        disabled={busy}
        onClick={() => void escalate()}
      >
        {busy ? 'Escalating…' : 'Escalate to a supervisor'}
      </button>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}
