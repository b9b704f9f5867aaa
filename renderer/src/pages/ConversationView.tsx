import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DRAFT_PROGRESS_TOPIC,
  DraftProgressSchema,
  type ConversationDetail,
  type DeskTurnResult,
  type Domain,
  type SuggestedEscalation,
  type SupervisorMessage,
  type TurnView,
} from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { Sparkline } from '../components/Sparkline';
import { SupervisorTimeline } from '../components/SupervisorTimeline';
import { Citations, DraftReview } from './desk/DraftReview';
import { EscalateButton } from './desk/EscalateButton';
import { degradationWords, outcomeWords, reasonWords, resolutionWords } from './desk/words';

const DOMAIN_LABEL: Record<Domain, string> = { bank: 'Bank', clinic: 'Clinic', generic: 'General' };

/** One click escalates a turn whose escalation the autoEscalation flag held back (desk.escalate). */
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
      <strong>A supervisor should look at this</strong> ({suggestion.priority}):{' '}
      {suggestion.reasons.map(reasonWords).join(', ')}. {suggestion.rationale}
      <div className="composer-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void escalate()}>
          {busy ? 'Escalating…' : 'Escalate'}
        </button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </div>
  );
}

function SentReply({ turn }: { turn: TurnView }) {
  const d = turn.draft;
  if (!d) return null;
  if (d.status === 'discarded')
    return (
      <div className="bubble bubble-held">
        <span className="bubble-label">Draft discarded</span>
      </div>
    );
  return (
    <div className="bubble bubble-reply" data-testid="sent-reply">
      <span className="bubble-label">
        Sent{d.edited ? ' (edited)' : ''}
        {d.overridden ? ' despite a policy flag' : ''} · {new Date(d.decidedAt).toLocaleTimeString()}
      </span>
      {d.text ?? <em className="muted">Erased at the customer’s request.</em>}
      {turn.citations && turn.citations.length > 0 ? <Citations citations={turn.citations} /> : null}
    </div>
  );
}

function Turn({
  turn,
  current,
  queued,
  onChanged,
  onSent,
}: {
  turn: TurnView;
  current: boolean;
  queued: boolean;
  onChanged: () => void;
  onSent: () => void;
}) {
  const pending = turn.status === 'done' && turn.reply !== null && !turn.draft;
  return (
    <li className="turn" data-testid="turn">
      <div className="bubble bubble-customer">
        <span className="bubble-label">
          {turn.customerForm === 'pseudonymised' ? 'Customer (pseudonymised)' : 'Customer'}
        </span>
        {turn.customer ?? <em className="muted">Erased at the customer’s request.</em>}
      </div>
      {turn.status === 'failed' ? (
        <div className="notice notice-error">This turn failed; type the message again to retry.</div>
      ) : null}
      {pending && current ? (
        <DraftReview
          turn={{ ...turn, reply: turn.reply ?? '' }}
          onDone={() => {
            onChanged();
            onSent();
          }}
        />
      ) : pending ? (
        <div className="bubble bubble-held">
          <span className="bubble-label">Draft not sent (a newer message replaced it)</span>
          {turn.reply}
        </div>
      ) : (
        <SentReply turn={turn} />
      )}
      {/* Reasons and fallbacks describe the current state only: earlier turns keep their outcome. */}
      <div className="badges">
        {turn.outcome ? (
          <span className={`badge badge-${turn.outcome}`}>{outcomeWords(turn.outcome)}</span>
        ) : null}
        {current
          ? turn.reasons.map((r) => (
              <span key={r} className="badge badge-warn">
                {reasonWords(r)}
              </span>
            ))
          : null}
      </div>
      {current && turn.degraded.length > 0 ? (
        <ul className="notice degraded" data-testid="degraded">
          {turn.degraded.map((d) => (
            <li key={d}>{degradationWords(d)}</li>
          ))}
        </ul>
      ) : null}
      {current && !queued && turn.suggestedEscalation?.status === 'pending' ? (
        <Suggestion suggestion={turn.suggestedEscalation} onEscalated={onChanged} />
      ) : null}
    </li>
  );
}

function SupervisorFeed({ messages }: { messages: SupervisorMessage[] }) {
  if (messages.length === 0) return null;
  return (
    <section className="supervision" aria-label="From the supervisor" data-testid="supervision">
      <h3>From the supervisor</h3>
      <ol aria-live="polite">
        {messages.map((m) => (
          <li
            key={`${m.kind}-${m.escalationId}-${m.at}`}
            className={`supervision-${m.kind}`}
            data-kind={m.kind}
          >
            <span className="bubble-label">
              {m.kind === 'whisper'
                ? `Whisper from ${m.author ?? 'supervisor'} (only you see this)`
                : m.kind === 'response'
                  ? `Response from ${m.author ?? 'supervisor'}`
                  : m.kind === 'claimed'
                    ? `${m.author ?? 'A supervisor'} picked this up`
                    : 'Resolved'}{' '}
              · {new Date(m.at).toLocaleTimeString()}
            </span>
            {m.kind === 'resolved' ? resolutionWords(m.outcome) : m.text}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One conversation: its turns and drafts, the sentiment trend, the supervisor's side, the composer. */
export function Conversation({
  id,
  onChanged,
  focusComposer,
}: {
  id: string;
  onChanged: () => void;
  focusComposer?: boolean;
}) {
  const { api, events } = useApi();
  const { result, refresh } = useProcedure('conversation.get', { conversationId: id });
  const feed = useProcedure('desk.supervision', { conversationId: id });
  const refreshFeed = feed.refresh;
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<Domain>('bank');
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<DeskTurnResult | null>(null);
  // The draft as the model writes it (browser mode); the checked draft replaces it when the turn ends.
  const [streaming, setStreaming] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The escalation this staff member asked for, so the banner says who asked while that one is queued.
  const [askedFor, setAskedFor] = useState<string | null>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusComposer) composer.current?.focus();
  }, [focusComposer]);

  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      const about = (e.data as { conversationId?: unknown } | null)?.conversationId;
      if (about !== id) return;
      if (e.topic === DRAFT_PROGRESS_TOPIC) {
        const progress = DraftProgressSchema.safeParse(e.data);
        if (progress.success) setStreaming(progress.data.text);
        return;
      }
      if (e.topic === 'desk.supervision' || e.topic.startsWith('escalation.')) {
        refreshFeed();
        refresh();
      }
    });
  }, [events, id, refresh, refreshFeed]);

  const detail: ConversationDetail | null = result.state === 'ready' ? result.value : null;
  const turnCount = detail?.turns.length ?? 0;
  const feedCount = feed.result.state === 'ready' ? feed.result.value.length : 0;
  // Follow the newest turn and the newest word from the supervisor.
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [turnCount, feedCount]);

  const backToComposer = useCallback(() => composer.current?.focus(), []);

  async function submit() {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    setStreaming(null);
    const res = await api.call('turn.submit', {
      conversationId: id,
      ...(detail ? {} : { domain }),
      text,
      idempotencyKey: crypto.randomUUID(),
    });
    setBusy(false);
    setStreaming(null);
    if (!res.ok) {
      // The typed text stays in the composer whatever went wrong.
      setError(res.error);
      return;
    }
    setLast(res.value);
    setText('');
    refresh();
    refreshFeed();
    onChanged();
  }

  const unreachable =
    error?.code === 'UNAVAILABLE' || (result.state === 'error' && result.error.code === 'UNAVAILABLE');
  const queued = detail?.escalationId != null || (last?.queued ?? false);
  const currentDomain = detail?.domain ?? domain;
  const newest = detail?.turns.at(-1);
  // A pending suggestion carries its own Escalate button, with the triggers that raised it.
  const askedByStaff = askedFor !== null && detail?.escalationId === askedFor;
  const canEscalate =
    detail !== null && newest !== undefined && !queued && newest.suggestedEscalation?.status !== 'pending';
  return (
    <div className="conversation" data-testid="conversation">
      <header className="page-header">
        <div>
          <h2 className="conversation-title">{id}</h2>
          {detail ? <span className="muted">{DOMAIN_LABEL[detail.domain]} conversation</span> : null}
        </div>
        {detail && detail.sentimentTrend.length > 1 ? (
          <Sparkline values={detail.sentimentTrend} label="Customer sentiment, −1 upset to +1 pleased" />
        ) : null}
        {canEscalate ? (
          <EscalateButton
            conversationId={id}
            onEscalated={(escalationId) => {
              setAskedFor(escalationId);
              refresh();
              refreshFeed();
              onChanged();
            }}
          />
        ) : null}
      </header>
      {unreachable ? (
        <div className="notice notice-error" role="alert" data-testid="core-unreachable">
          <strong>Confidant is not answering.</strong> Your typed text is kept. Check that the desk is still
          running, then send again.
        </div>
      ) : null}
      {queued ? (
        <div className="notice notice-warn banner" role="status" data-testid="escalated-notice">
          <strong>Escalated to a supervisor{askedByStaff ? ' at your request' : ''}.</strong>{' '}
          {!askedByStaff && last?.queued && last.reasons.length > 0
            ? `Because ${last.reasons.map(reasonWords).join(', ')}. `
            : ''}
          Their whispers and responses appear below as they arrive.
        </div>
      ) : null}
      {result.state === 'error' && result.error.code !== 'NOT_FOUND' && !unreachable ? (
        <ErrorNotice error={result.error} />
      ) : null}
      {detail && detail.turns.length > 0 ? (
        <ol className="turns" data-testid="turns">
          {detail.turns.map((t, i) => (
            <Turn
              key={t.turnId}
              turn={t}
              current={i === detail.turns.length - 1}
              queued={queued}
              onChanged={() => {
                refresh();
                onChanged();
              }}
              onSent={backToComposer}
            />
          ))}
        </ol>
      ) : (
        <p className="muted empty">
          New conversation: type or paste what the customer said below, then press Enter. A draft reply
          appears for you to check before anything is sent.
        </p>
      )}
      {busy && streaming ? (
        <div className="bubble bubble-draft bubble-streaming" data-testid="draft-stream" aria-busy="true">
          <span className="bubble-label">Drafting… not checked yet; nothing can be sent until it is</span>
          {streaming}
        </div>
      ) : null}
      {feed.result.state === 'ready' ? <SupervisorFeed messages={feed.result.value} /> : null}
      {detail ? <SupervisorTimeline entries={detail.supervisor} /> : null}
      <div ref={end} />
      <form
        className="composer"
        onSubmit={(e) => {
          e.preventDefault();
          void submit().then(backToComposer);
        }}
      >
        <label className="composer-label" htmlFor="customer-text">
          Customer message <span className="muted">(Enter to draft a reply, Shift+Enter for a new line)</span>
        </label>
        <textarea
          id="customer-text"
          ref={composer}
          value={text}
          maxLength={8000}
          rows={3}
          placeholder="Type or paste what the customer said…"
          aria-invalid={error && !unreachable ? true : undefined}
          aria-describedby={error && !unreachable ? 'composer-error' : undefined}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit().then(backToComposer);
            }
          }}
        />
        <div className="composer-actions">
          {detail ? null : (
            <select
              aria-label="Desk type for this conversation"
              value={currentDomain}
              onChange={(e) => setDomain(e.target.value as Domain)}
            >
              <option value="bank">Bank</option>
              <option value="clinic">Clinic</option>
              <option value="generic">General</option>
            </select>
          )}
          <button type="submit" className="button" disabled={busy || !text.trim()}>
            {busy ? 'Drafting…' : 'Draft reply'}
          </button>
        </div>
        {error && !unreachable ? (
          <div id="composer-error">
            <ErrorNotice error={error} />
          </div>
        ) : null}
      </form>
    </div>
  );
}
