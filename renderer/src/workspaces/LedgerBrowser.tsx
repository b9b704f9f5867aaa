import { useCallback, useEffect, useState } from 'react';
import type { ProcedureInput, ProcedureOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { localToIso, useOnChange } from './live';
import { useAction } from './useAction';

type Page = ProcedureOutput<'audit.list'>;
type Filters = {
  type: string;
  actor: string;
  subject: string;
  conversationId: string;
  from: string;
  to: string;
};
const EMPTY: Filters = { type: '', actor: '', subject: '', conversationId: '', from: '', to: '' };

function query(f: Filters, before?: number): ProcedureInput<'audit.list'> {
  return {
    limit: 50,
    ...(f.type ? { type: f.type } : {}),
    ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    ...(f.subject ? { subject: f.subject } : {}),
    ...(f.conversationId ? { conversationId: f.conversationId } : {}),
    ...(localToIso(f.from) ? { from: localToIso(f.from) } : {}),
    ...(localToIso(f.to) ? { to: localToIso(f.to) } : {}),
    ...(before === undefined ? {} : { before }),
  };
}

/**
 * The ledger, newest first, one keyset page at a time (the core reads `seq < cursor` through an index),
 * so the first page and the thousandth cost the same however long the ledger grows.
 */
export function LedgerBrowser({
  types,
  subjects,
  conversations,
}: {
  types: readonly string[];
  subjects: readonly string[];
  conversations: readonly string[];
}) {
  const { api } = useApi();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [pages, setPages] = useState<Page[]>([]);
  const [stale, setStale] = useState(false);
  const load = useAction<Page>();
  const { run } = load;

  const first = useCallback(
    (f: Filters) =>
      void run(() => api.call('audit.list', query(f))).then((p) => {
        if (p) {
          setPages([p]);
          setStale(false);
        }
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run is stable in behaviour; api is the key
    [api],
  );
  useEffect(() => first(applied), [first, applied]);
  // On the first page new entries simply appear; deeper in, the reader is told rather than moved.
  useOnChange(() => (pages.length <= 1 ? first(applied) : setStale(true)));

  const entries = pages.flatMap((p) => p.entries);
  const next = pages.at(-1)?.nextBefore ?? null;
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });

  return (
    <article className="card card-wide" aria-labelledby="ledger-title">
      <h2 id="ledger-title">Ledger</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ ...draft });
        }}
      >
        <label>
          Type
          <select className="input" value={draft.type} onChange={set('type')}>
            <option value="">Any type</option>
            {types.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          Actor (id or role)
          <input className="input" value={draft.actor} onChange={set('actor')} list="ledger-actors" />
          <datalist id="ledger-actors">
            {['admin', 'agent', 'supervisor', 'compliance', 'system'].map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
        <label>
          Subject
          <select className="input" value={draft.subject} onChange={set('subject')}>
            <option value="">Any subject</option>
            {subjects.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Case (conversation)
          <select className="input" value={draft.conversationId} onChange={set('conversationId')}>
            <option value="">Any case</option>
            {conversations.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input className="input" type="datetime-local" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          Until
          <input className="input" type="datetime-local" value={draft.to} onChange={set('to')} />
        </label>
        <div className="filters-actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {load.error ? <ErrorNotice error={load.error} /> : null}
      {stale ? (
        <div className="notice" role="status">
          New entries were recorded.{' '}
          <button type="button" className="link" onClick={() => first(applied)}>
            Show the newest
          </button>
        </div>
      ) : null}
      {entries.length === 0 && !load.busy ? (
        <p className="empty" data-testid="ledger-empty">
          No entries match these filters. Widen the period or clear a filter.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="ledger">
            <caption className="sr-only">Audit ledger entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Type</th>
                <th scope="col">Actor</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{new Date(e.ts).toLocaleString()}</td>
                  <td>
                    <code>{e.type}</code>
                  </td>
                  <td>
                    {e.actor.role} <span className="muted">{e.actor.id}</span>
                  </td>
                  <td>
                    {e.subject ? <code>{e.subject.slice(0, 12)}</code> : <span className="muted">none</span>}
                  </td>
                  <td className="payload">
                    <code>{e.payload}</code>
                    {e.sealed ? <span className="badge badge-muted">sealed PII</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small" aria-live="polite">
        {load.busy ? 'Loading…' : `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown.`}
      </p>
      {next !== null ? (
        <button
          type="button"
          className="button button-secondary"
          disabled={load.busy}
          onClick={() =>
            void run(() => api.call('audit.list', query(applied, next))).then(
              (p) => p && setPages([...pages, p]),
            )
          }
        >
          Older entries
        </button>
      ) : null}
    </article>
  );
}
