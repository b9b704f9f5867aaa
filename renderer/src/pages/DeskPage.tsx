import { useEffect, useState } from 'react';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { newConversationId } from '../format';
import { conversationFromHash } from '../route';
import { Conversation } from './ConversationView';

export function DeskPage() {
  const { events } = useApi();
  const { result, refresh } = useProcedure('conversation.list', { limit: 100 });
  // A conversation has its own address (#/desk/<id>): reload and bookmarks return to it.
  const [selected, setSelectedState] = useState<string | null>(() => conversationFromHash(location.hash));
  const setSelected = (id: string) => {
    setSelectedState(id);
    history.replaceState(null, '', `#/desk/${encodeURIComponent(id)}`);
  };
  const [fresh, setFresh] = useState(false);

  useEffect(() => {
    if (!events) return;
    return events.subscribe((e) => {
      if (e.topic.startsWith('conversation.') || e.topic.startsWith('turn.') || e.topic.startsWith('desk.'))
        refresh();
    });
  }, [events, refresh]);

  return (
    <section className="page page-split" aria-labelledby="desk-title">
      <aside className="list-pane">
        <header className="page-header">
          <h1 id="desk-title" tabIndex={-1}>
            Desk
          </h1>
          <button
            type="button"
            className="button"
            onClick={() => {
              setFresh(true);
              setSelected(newConversationId());
            }}
          >
            New
          </button>
        </header>
        {result.state === 'error' ? <ErrorNotice error={result.error} /> : null}
        {result.state === 'ready' && result.value.length === 0 ? (
          <p className="muted empty">No conversations yet. Press New when a customer arrives.</p>
        ) : null}
        {result.state === 'ready' ? (
          <ul className="list" data-testid="conversations">
            {result.value.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={c.id === selected ? 'list-item active' : 'list-item'}
                  onClick={() => {
                    setFresh(false);
                    setSelected(c.id);
                  }}
                >
                  <span className="list-title">{c.id}</span>
                  <span className="list-meta">
                    {c.domain} · {c.turnCount} {c.turnCount === 1 ? 'turn' : 'turns'} ·{' '}
                    <span className={`status status-${c.status}`}>{c.status}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </aside>
      <div className="detail-pane">
        {selected ? (
          <Conversation key={selected} id={selected} onChanged={refresh} focusComposer={fresh} />
        ) : (
          <p className="muted empty">Pick a conversation on the left, or press New to start one.</p>
        )}
      </div>
    </section>
  );
}
