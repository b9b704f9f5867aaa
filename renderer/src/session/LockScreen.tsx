import { useState } from 'react';
import type { ConfidantApi, SessionInfo } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';

/**
 * Over the blurred work: the PIN (or, without one, the password) reopens the session; the work under it
 * stays mounted, so a half-typed draft is still there afterwards.
 */
export function LockScreen({
  api,
  info,
  onUnlocked,
  onSignedOut,
}: {
  api: ConfidantApi;
  info: SessionInfo;
  onUnlocked: (info: SessionInfo) => void;
  onSignedOut: () => void;
}) {
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function unlock() {
    setBusy(true);
    setError(null);
    const res = await api.call('auth.unlock', info.hasPin ? { pin: secret } : { password: secret });
    setBusy(false);
    setSecret('');
    if (res.ok) return onUnlocked(res.value);
    // Too many wrong PINs end the session: back to the sign-in screen.
    const still = await api.call('auth.whoami', {});
    if (!still.ok) return onSignedOut();
    setError(res.error);
  }

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && secret) void unlock();
        }}
      >
        <h2 id="lock-title">Locked</h2>
        <p className="muted">
          {info.user.name}, the desk locked after {info.idleLockMinutes} min without activity.
        </p>
        <label htmlFor="unlock-secret">{info.hasPin ? 'PIN' : 'Password'}</label>
        <input
          id="unlock-secret"
          className="input"
          type="password"
          inputMode={info.hasPin ? 'numeric' : undefined}
          autoComplete={info.hasPin ? 'off' : 'current-password'}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
        {error ? (
          <p className="notice notice-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div className="composer-actions">
          <button type="submit" className="button" disabled={busy || !secret}>
            Unlock
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void api.call('auth.sign_out', {}).then(onSignedOut)}
          >
            Sign out
          </button>
        </div>
      </form>
    </div>
  );
}
