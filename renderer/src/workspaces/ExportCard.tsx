import { useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatBytes, localToIso, saveBytes } from './live';
import { useAction } from './useAction';

type Bundle = ProcedureOutput<'audit.download'>;

/**
 * A signed bundle of a period or of one case, built by the core and handed to this browser as a
 * download: no copy is left in the data folder, and the auditor can check it offline.
 */
export function ExportCard({ conversations }: { conversations: readonly string[] }) {
  const { api } = useApi();
  const [mode, setMode] = useState<'period' | 'case'>('period');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [conversationId, setConversationId] = useState('');
  const [step, setStep] = useState<'idle' | 'building' | 'saving' | 'done'>('idle');
  const action = useAction<Bundle>();

  async function exportNow() {
    setStep('building');
    const input =
      mode === 'case'
        ? { conversationId }
        : {
            ...(localToIso(from) ? { from: localToIso(from) } : {}),
            ...(localToIso(to) ? { to: localToIso(to) } : {}),
          };
    const bundle = await action.run(() => api.call('audit.download', input));
    if (!bundle) {
      setStep('idle');
      return;
    }
    setStep('saving');
    saveBytes(bundle.base64, bundle.name);
    setStep('done');
  }

  return (
    <article className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export a signed bundle</h2>
      <fieldset className="segmented">
        <legend className="sr-only">What to export</legend>
        <label>
          <input
            type="radio"
            name="export-mode"
            checked={mode === 'period'}
            onChange={() => setMode('period')}
          />{' '}
          A period
        </label>
        <label>
          <input type="radio" name="export-mode" checked={mode === 'case'} onChange={() => setMode('case')} />{' '}
          A case
        </label>
      </fieldset>
      {mode === 'period' ? (
        <>
          <label>
            From (empty: the beginning)
            <input
              className="input"
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label>
            Until (empty: now)
            <input
              className="input"
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          </label>
        </>
      ) : conversations.length === 0 ? (
        <p className="empty">No conversations are stored, so there is no case to export.</p>
      ) : (
        <label>
          Conversation
          <select
            className="input"
            aria-label="Conversation"
            value={conversationId}
            onChange={(e) => setConversationId(e.target.value)}
          >
            <option value="">Pick a conversation…</option>
            {conversations.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="button"
        disabled={action.busy || (mode === 'case' && !conversationId)}
        onClick={() => void exportNow()}
      >
        Export and download
      </button>
      {step === 'building' || step === 'saving' ? (
        <div className="progress" role="status" data-testid="export-progress">
          <progress aria-label="Export progress" max={2} value={step === 'building' ? 1 : 2} />
          {step === 'building'
            ? 'Signing a checkpoint and collecting proofs…'
            : 'Handing the file to your browser…'}
        </div>
      ) : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {step === 'done' && action.value ? (
        <div className="notice" role="status" data-testid="audit-export">
          Downloaded <code>{action.value.name}</code>: {action.value.entries} entr
          {action.value.entries === 1 ? 'y' : 'ies'}, {formatBytes(action.value.bytes)}, tree of{' '}
          {action.value.treeSize}. Check it below, or offline with <code>confidant bundle verify</code>.
        </div>
      ) : null}
    </article>
  );
}
