import { useEffect, useState } from 'react';
import type { ConfidantApi, SessionInfo } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';

/**
 * The sign-in screen: the launch token opened the page, but only a name and password open the desk. On a
 * store with no account yet (a new desktop install), it creates the first admin instead.
 */
export function SignIn({ api, onSignedIn }: { api: ConfidantApi; onSignedIn: (info: SessionInfo) => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [setup, setSetup] = useState(false);

  useEffect(() => {
    let live = true;
    void api.call('auth.setup_needed', {}).then((res) => {
      if (live && res.ok) setSetup(res.value.needed);
    });
    return () => {
      live = false;
    };
  }, [api]);

  async function submit() {
    setBusy(true);
    setError(null);
    const res = await api.call(setup ? 'auth.setup' : 'auth.sign_in', { name, password });
    setBusy(false);
    setPassword('');
    if (res.ok) onSignedIn(res.value);
    else setError(res.error);
  }

  return (
    <main className="centered">
      <form
        className="card sign-in"
        aria-labelledby="sign-in-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && name && password) void submit();
        }}
      >
        <h1 id="sign-in-title">{setup ? 'Create the first admin' : 'Sign in to Confidant'}</h1>
        {setup ? (
          <p className="muted">
            This desk has no accounts yet. The admin you create here adds everyone else.
          </p>
        ) : null}
        <label htmlFor="sign-in-name">User name</label>
        <input
          id="sign-in-name"
          className="input"
          autoComplete="username"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="sign-in-password">Password</label>
        <input
          id="sign-in-password"
          className="input"
          type="password"
          autoComplete={setup ? 'new-password' : 'current-password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error ? (
          <p className="notice notice-error" role="alert" data-testid="sign-in-error">
            {error.message}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy || !name || !password}>
          {busy ? 'Signing in…' : setup ? 'Create and sign in' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
