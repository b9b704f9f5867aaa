import { useState } from 'react';
import type {
  ConversationDetail,
  DeskTurnResult,
  Domain,
  SuggestedEscalation,
} from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { Sparkline } from '../components/Sparkline';
import { SupervisorTimeline, useConversationPush } from '../components/SupervisorTimeline';

/** Degradations staff should read in words, not codes. */
const DEGRADATION_LABEL: Record<string, string> = {
  extractive_kb: 'answered by quoting the knowledge base (no model)',
  model_unavailable: 'no model: safe template',
};

/**
 * An escalation the autoEscalation flag held back: the triggers, the rationale and the one-click
 * escalation (desk.escalate), taken by whoever is signed in at this desk.
 */
function Suggestion({
  suggestion,
  onEscalated,
}: {
  suggestion: SuggestedEscalation;
  onEscalated: () => void;
}) {
  const { api } = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const pending = suggestion.status === 'pending';

  async function escalate() {
    setBusy(true);
    setError(null);
    const res = await api.call('desk.escalate', { turnId: suggestion.turnId });
    setBusy(false);
    if (!res.ok) setError(res.error);
    else onEscalated();
  }

  return (
    <div className="notice notice-warn suggestion" data-testid="suggested-escalation" role="status">
      <strong>Suggested escalation</strong> ({suggestion.priority}): {suggestion.rationale}
      <ul className="suggestion-triggers">
        {suggestion.triggers.map((t) => (
          <li key={`${t.reason}-${t.guard}`}>
            {t.reason}{' '}
            <span className="muted">
              ({t.guard}
              {t.score !== null ? `, score ${t.score.toFixed(2)}` : ''})
            </span>
          </li>
        ))}
      </ul>
      {pending ? (
        <div className="composer-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void escalate()}>
            {busy ? 'Escalating…' : 'Escalate now'}
          </button>
        </div>
      ) : (
        <p className="muted">Escalated ({suggestion.escalationId ?? suggestion.status}).</p>
      )}
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

function TurnList({ detail, onChanged }: { detail: ConversationDetail; onChanged: () => void }) {
  if (detail.turns.length === 0) return <p className="muted">No turns yet.</p>;
  return (
    <ol className="turns" data-testid="turns">
      {detail.turns.map((t) => (
        <li key={t.turnId} className="turn">
          <div className="bubble bubble-customer">
            <span className="bubble-label">
              {t.customerForm === 'pseudonymised' ? 'Customer (pseudonymised)' : 'Customer'}
            </span>
            {t.customer ?? <em className="muted">Erased at the customer’s request.</em>}
          </div>
          {t.reply !== null ? (
            <div className={t.delivered ? 'bubble bubble-reply' : 'bubble bubble-held'}>
              <span className="bubble-label">{t.delivered ? 'Reply sent' : 'Reply held'}</span>
              {t.reply}
            </div>
          ) : null}
          <div className="badges">
            {t.outcome ? <span className={`badge badge-${t.outcome}`}>{t.outcome}</span> : null}
            {t.sentiment !== null ? <span className="badge">sentiment {t.sentiment.toFixed(2)}</span> : null}
            {t.reasons.map((r) => (
              <span key={r} className="badge badge-warn">
                {r}
              </span>
            ))}
            {t.degraded.map((d) => (
              <span key={d} className="badge badge-muted" title={DEGRADATION_LABEL[d] ?? d}>
                fallback: {d}
              </span>
            ))}
          </div>
          {t.suggestedEscalation ? (
            <Suggestion suggestion={t.suggestedEscalation} onEscalated={onChanged} />
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** One conversation: its turns, the sentiment trend, and the composer for the next customer message. */
export function Conversation({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { api } = useApi();
  const { result, refresh } = useProcedure('conversation.get', { conversationId: id });
  useConversationPush(id, refresh);
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<Domain>('bank');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<DeskTurnResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await api.call('turn.submit', {
      conversationId: id,
      domain,
      text,
      idempotencyKey: crypto.randomUUID(),
    });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setLast(res.value);
    setText('');
    refresh();
    onChanged();
  }

  const detail = result.state === 'ready' ? result.value : null;
  return (
    <div className="conversation" data-testid="conversation">
      <header className="page-header">
        <h2 className="conversation-title">{id}</h2>
        {detail && detail.sentimentTrend.length > 1 ? (
          <Sparkline values={detail.sentimentTrend} label="Sentiment trend" />
        ) : null}
      </header>
      {result.state === 'error' && result.error.code !== 'NOT_FOUND' ? (
        <ErrorNotice error={result.error} />
      ) : null}
      {detail ? (
        <TurnList
          detail={detail}
          onChanged={() => {
            refresh();
            onChanged();
          }}
        />
      ) : (
        <p className="muted">New conversation: run its first turn below.</p>
      )}
      {detail ? <SupervisorTimeline entries={detail.supervisor} /> : null}
      {last?.queued ? (
        <div className="notice notice-warn" role="status" data-testid="escalated-notice">
          Escalated to a supervisor ({last.reasons.join(', ') || 'policy'}).
        </div>
      ) : last?.escalated ? (
        <div className="notice" role="status" data-testid="escalation-closed-notice">
          Nothing is queued for a supervisor: this conversation&rsquo;s escalation was resolved.
        </div>
      ) : null}
      {last &&
      !last.escalated &&
      last.suggestedEscalation &&
      detail?.turns.find((t) => t.turnId === last.turnId)?.suggestedEscalation?.status === 'pending' ? (
        <div className="notice notice-warn" role="status" data-testid="suggestion-notice">
          Escalation suggested ({last.suggestedEscalation.reasons.join(', ')}): review it on the turn above.
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim() && !busy) void submit();
        }}
      >
        <label className="sr-only" htmlFor="customer-text">
          Customer message
        </label>
        <textarea
          id="customer-text"
          value={text}
          maxLength={8000}
          rows={3}
          placeholder="Type what the customer said…"
          onChange={(e) => setText(e.target.value)}
        />
        <div className="composer-actions">
          <select
            aria-label="Domain"
            value={domain}
            disabled={(detail?.turns.length ?? 0) > 0}
            onChange={(e) => setDomain(e.target.value as Domain)}
          >
            <option value="bank">Bank</option>
            <option value="clinic">Clinic</option>
            <option value="generic">Generic</option>
          </select>
          <button type="submit" className="button" disabled={busy || !text.trim()}>
            {busy ? 'Drafting…' : 'Run turn'}
          </button>
        </div>
      </form>
    </div>
  );
}
