import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { ProcedureOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';

type VerifyResult = ProcedureOutput<'audit.verify'>;
type ExportResult = ProcedureOutput<'audit.export'>;
type ErasureResult = ProcedureOutput<'subject.erase'>;

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/**
 * Compliance works on evidence, not on trust in this desk: verification recomputes the whole chain and
 * tree, and an exported bundle can be checked offline with `confidant bundle verify` or any RFC 6962 tool.
 */
export function CompliancePage() {
  const { api } = useApi();
  const checkpoints = useProcedure('audit.checkpoints', { limit: 10 });
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [erased, setErased] = useState<ErasureResult | null>(null);
  const [conversationId, setConversationId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>) {
    setBusy(true);
    setError(null);
    try {
      const res = await call();
      if (!res.ok) {
        setError(res.error);
        return null;
      }
      checkpoints.refresh();
      return res.value;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page" aria-labelledby="compliance-title">
      <header className="page-header">
        <h1 id="compliance-title">Compliance</h1>
      </header>
      <p className="lead">
        The audit ledger is hash-chained and Merkle-tree backed, with signed checkpoints. Verify it here, then
        export a signed bundle that anyone can check offline.
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="grid">
        <article className="card">
          <h2>Verify the ledger</h2>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => api.call('audit.verify', {})).then((v) => v && setVerify(v))}
          >
            Verify now
          </button>
          {verify ? (
            <div
              className={verify.ok ? 'notice' : 'notice notice-error'}
              data-testid="audit-verify"
              role="status"
            >
              {verify.ok
                ? `Intact: ${verify.entries} entries, ${verify.checkpoints} signed checkpoint${verify.checkpoints === 1 ? '' : 's'}.`
                : `Damaged at entry ${verify.firstBad?.seq ?? '?'}: ${verify.firstBad?.problem ?? 'unknown'}.`}
            </div>
          ) : null}
        </article>
        <article className="card">
          <h2>Export a signed bundle</h2>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run(() => api.call('audit.export', {})).then((v) => v && setExported(v))}
          >
            Export all entries
          </button>
          {exported ? (
            <div className="notice" data-testid="audit-export" role="status">
              {exported.entries} entries ({formatBytes(exported.bytes)}) written to{' '}
              <code>{exported.file}</code>. Check it offline with <code>confidant bundle verify</code>.
            </div>
          ) : null}
        </article>
        <article className="card">
          <h2>Right to erasure</h2>
          <p className="muted">
            Shreds the customer&apos;s key and deletes their records; the ledger keeps only a tombstone.
          </p>
          <input
            className="input"
            aria-label="Conversation id"
            placeholder="Conversation id"
            value={conversationId}
            onChange={(e) => setConversationId(e.target.value.trim())}
          />
          <button
            type="button"
            className="button button-secondary"
            disabled={busy || !conversationId}
            onClick={() => {
              if (!window.confirm('Erase this customer for good? This cannot be undone.')) return;
              void run(() => api.call('subject.erase', { conversationId })).then((v) => v && setErased(v));
            }}
          >
            Erase customer
          </button>
          {erased ? (
            <div className="notice" data-testid="subject-erased" role="status">
              {erased.alreadyErased ? 'Already erased.' : `Erased: ${erased.deletedRows} records deleted.`}
            </div>
          ) : null}
        </article>
      </div>
      <h2 className="section-title">Recent signed checkpoints</h2>
      {checkpoints.result.state === 'error' ? <ErrorNotice error={checkpoints.result.error} /> : null}
      {checkpoints.result.state === 'ready' ? (
        <table className="table" data-testid="checkpoints">
          <thead>
            <tr>
              <th>Tree size</th>
              <th>Root (base64)</th>
              <th>Signed</th>
              <th>Signatures</th>
              <th>Exported</th>
            </tr>
          </thead>
          <tbody>
            {checkpoints.result.value.map((c) => (
              <tr key={`${c.size}-${c.createdAt}`}>
                <td>{c.size}</td>
                <td>
                  <code>{c.root.slice(0, 16)}…</code>
                </td>
                <td>{c.createdAt}</td>
                <td>{c.signatures}</td>
                <td>{c.exported ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
