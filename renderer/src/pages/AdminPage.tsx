import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSession } from '../session/context';

/** Staff accounts (unlock after lock-outs) and the idle-lock setting; passwords are set with the CLI. */
export function AdminPage() {
  const { api } = useApi();
  const { info, refresh: refreshSession } = useSession();
  const users = useProcedure('users.list', {});
  const [minutes, setMinutes] = useState(String(info.idleLockMinutes));
  const [error, setError] = useState<ApiError | null>(null);

  async function run(call: () => Promise<{ ok: true } | { ok: false; error: ApiError }>) {
    setError(null);
    const res = await call();
    if (!res.ok) setError(res.error);
    users.refresh();
    refreshSession();
  }

  return (
    <section className="page" aria-labelledby="admin-title">
      <header className="page-header">
        <h1 id="admin-title">Accounts</h1>
      </header>
      {error ? <ErrorNotice error={error} /> : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.call('auth.set_idle_lock', { minutes: Number(minutes) }));
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
        <button type="submit" className="button">
          Save
        </button>
      </form>
      {users.result.state === 'error' ? <ErrorNotice error={users.result.error} /> : null}
      {users.result.state === 'ready' ? (
        <table className="table" data-testid="users">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.result.value.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.role}</td>
                <td>
                  {[
                    u.disabled ? 'disabled' : null,
                    u.locked ? 'locked' : null,
                    u.hasPassword ? null : 'no password',
                  ]
                    .filter(Boolean)
                    .join(', ') || 'active'}
                </td>
                <td>
                  {u.locked ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => void run(() => api.call('users.unlock', { name: u.name }))}
                    >
                      Unlock
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">
        Add accounts, reset passwords and change roles with <code>confidant users … --as ADMIN</code>.
      </p>
    </section>
  );
}
