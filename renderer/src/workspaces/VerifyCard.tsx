import { useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { fileToBase64 } from './live';
import { useAction } from './useAction';

/** The whole ledger recomputed, or a bundle someone hands over checked against this desk's key. */
export function VerifyCard() {
  const { api } = useApi();
  const ledger = useAction<ProcedureOutput<'audit.verify'>>();
  const bundle = useAction<ProcedureOutput<'audit.verify_bundle'>>();
  const [file, setFile] = useState<File | null>(null);
  const v = ledger.value;
  const b = bundle.value;
  return (
    <article className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify</h2>
      <button
        type="button"
        className="button"
        disabled={ledger.busy}
        onClick={() => void ledger.run(() => api.call('audit.verify', {}))}
      >
        {ledger.busy ? 'Verifying…' : 'Verify the ledger'}
      </button>
      {ledger.error ? <ErrorNotice error={ledger.error} /> : null}
      {v ? (
        <div
          className={v.ok ? 'notice notice-ok' : 'notice notice-error'}
          role="status"
          data-testid="audit-verify"
        >
          <strong>{v.ok ? 'Intact.' : 'Damaged.'}</strong>{' '}
          {v.ok
            ? `${v.entries} entries chain and hash correctly; ${v.checkpoints} signed checkpoint${v.checkpoints === 1 ? '' : 's'} match.`
            : `First problem at entry ${v.firstBad?.seq ?? '?'}: ${v.firstBad?.problem ?? 'unknown'}. Export what you have and report it.`}
        </div>
      ) : null}
      <h3>Check a bundle file</h3>
      <label>
        Bundle (.tar.gz)
        <input
          className="input"
          type="file"
          accept=".gz,.tgz,.tar,application/gzip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <button
        type="button"
        className="button button-secondary"
        disabled={!file || bundle.busy}
        onClick={() =>
          file &&
          void bundle.run(async () => api.call('audit.verify_bundle', { base64: await fileToBase64(file) }))
        }
      >
        {bundle.busy ? 'Checking…' : 'Check bundle'}
      </button>
      {bundle.error ? <ErrorNotice error={bundle.error} /> : null}
      {b ? (
        <div
          className={b.ok ? 'notice notice-ok' : 'notice notice-error'}
          role="status"
          data-testid="bundle-verify"
        >
          <strong>{b.ok ? 'Bundle verified.' : 'Bundle rejected.'}</strong>{' '}
          {b.ok
            ? `${b.entries} entries proven in a tree of ${b.treeSize ?? '?'} signed by this desk.`
            : 'Do not rely on it:'}
          {b.problems.length ? (
            <ul>
              {b.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
