import { useState } from 'react';
import { FLAG_NAMES } from '../../../shared/flags';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSession } from '../session/context';
import { useAction } from './useAction';

const FLAG_WORDS: Record<(typeof FLAG_NAMES)[number], string> = {
  autoEscalation: 'Turns that meet an escalation rule open the escalation themselves',
  shadowRuns: 'Each turn is replayed through the staged candidate pack, off the critical path',
  rehydrateForStaff: 'Staff views may show pseudonymised values in clear',
};

/** Flags in force (read-only here), the idle lock, and how the store key is protected. */
export function SettingsCard() {
  const { api } = useApi();
  const { info, refresh } = useSession();
  const status = useProcedure('status.get', {});
  const [minutes, setMinutes] = useState(String(info.idleLockMinutes));
  const save = useAction<unknown>();
  const s = status.result.state === 'ready' ? status.result.value : null;
  return (
    <article className="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Flags and security</h2>
      {status.result.state === 'error' ? <ErrorNotice error={status.result.error} /> : null}
      {s && (!s.store.encrypted || s.mode !== 'desktop') ? (
        <div className="notice notice-warn" role="note" data-testid="keychain-warning">
          {!s.store.encrypted
            ? 'The store file is not encrypted. Recreate it with a key before real customer data arrives.'
            : 'The store key comes from a passphrase (CONFIDANT_PASSPHRASE), not the operating system keychain: keep that passphrase out of shell history and shared scripts.'}
        </div>
      ) : null}
      {s ? (
        <table className="table" data-testid="flags">
          <caption className="sr-only">Feature flags in force</caption>
          <tbody>
            {FLAG_NAMES.map((f) => (
              <tr key={f}>
                <th scope="row">
                  <code>{f}</code>
                </th>
                <td>{s.flags[f] ? 'on' : 'off'}</td>
                <td className="muted small">{FLAG_WORDS[f]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        Set flags in the data folder&apos;s config or for one run with{' '}
        <code>CONFIDANT_FLAGS=&quot;shadowRuns=on&quot;</code>; they apply at the next start.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run(() => api.call('auth.set_idle_lock', { minutes: Number(minutes) })).then(refresh);
        }}
      >
        <label htmlFor="idle-minutes">Idle lock after (minutes)</label>
        <input
          id="idle-minutes"
          className="input"
          type="number"
          min={1}
          max={120}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button type="submit" className="button" disabled={save.busy}>
          Save
        </button>
        {save.error ? <ErrorNotice error={save.error} /> : null}
      </form>
    </article>
  );
}
