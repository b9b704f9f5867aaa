import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useSession } from './context';

/** Who is signed in, with lock, sign-out and the optional PIN for the idle lock. */
export function SessionMenu({ onLock, onSignOut }: { onLock: () => void; onSignOut: () => void }) {
  const { api } = useApi();
  const { info, refresh } = useSession();
  const [pinForm, setPinForm] = useState(false);
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function savePin() {
    setError(null);
    const res = await api.call('auth.set_pin', { password, pin });
    setPassword('');
    setPin('');
    if (!res.ok) return setError(res.error);
    setPinForm(false);
    refresh();
  }

  return (
    <div className="session-menu" data-testid="session">
      <p>
        <strong data-testid="signed-in-as">{info.user.name}</strong>
        <br />
        <span className="muted small">{info.user.role}</span>
      </p>
      <div className="session-actions">
        <button type="button" className="button button-secondary" onClick={onLock}>
          Lock
        </button>
        <button type="button" className="button button-secondary" onClick={onSignOut}>
          Sign out
        </button>
        <button type="button" className="link" onClick={() => setPinForm((v) => !v)}>
          {info.hasPin ? 'Change PIN' : 'Set a PIN'}
        </button>
      </div>
      {pinForm ? (
        <form
          className="pin-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (password && pin) void savePin();
          }}
        >
          <label htmlFor="pin-password">Password</label>
          <input
            id="pin-password"
            className="input"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <label htmlFor="pin-new">New PIN (4-8 digits)</label>
          <input
            id="pin-new"
            className="input"
            type="password"
            inputMode="numeric"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <button type="submit" className="button">
            Save PIN
          </button>
          {error ? <p className="notice notice-error">{error.message}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
