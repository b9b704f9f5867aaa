import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/roles';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useSession } from '../session/context';

/** Staff accounts: role, disable or enable, and unlock after sign-in lock-outs. Errors sit on the row. */
export function UsersCard() {
  const { api } = useApi();
  const { info } = useSession();
  const users = useProcedure('users.list', {});
  const [errors, setErrors] = useState<Record<string, ApiError | undefined>>({});

  async function act(name: string, call: () => Promise<{ ok: true } | { ok: false; error: ApiError }>) {
    const res = await call();
    setErrors({ ...errors, [name]: res.ok ? undefined : res.error });
    users.refresh();
  }

  return (
    <article className="card card-wide" aria-labelledby="users-title">
      <h2 id="users-title">Users and roles</h2>
      {users.result.state === 'error' ? <ErrorNotice error={users.result.error} /> : null}
      {users.result.state === 'ready' && users.result.value.length === 0 ? (
        <p className="empty">
          No accounts yet. Add one with <code>confidant users add</code>.
        </p>
      ) : null}
      {users.result.state === 'ready' && users.result.value.length > 0 ? (
        <table className="table" data-testid="users">
          <caption className="sr-only">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.result.value.map((u) => {
              const self = u.id === info.user.id;
              return (
                <tr key={u.id} data-user={u.name}>
                  <td>{u.name}</td>
                  <td>
                    <select
                      className="input input-inline"
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      disabled={self}
                      onChange={(e) =>
                        void act(u.name, () =>
                          api.call('users.set_role', { name: u.name, role: e.target.value as Role }),
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r}>{r}</option>
                      ))}
                    </select>
                  </td>
                  <td data-testid="user-state">
                    {[
                      u.disabled ? 'disabled' : null,
                      u.locked ? 'locked out' : null,
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
                        onClick={() => void act(u.name, () => api.call('users.unlock', { name: u.name }))}
                      >
                        Unlock
                      </button>
                    ) : null}{' '}
                    {self ? (
                      <span className="muted small">you</span>
                    ) : (
                      <button
                        type="button"
                        className={u.disabled ? 'button button-secondary' : 'button button-danger'}
                        aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.name}`}
                        onClick={() =>
                          void act(u.name, () =>
                            api.call('users.disable', { name: u.name, disabled: !u.disabled }),
                          )
                        }
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    )}
                    {errors[u.name] ? <ErrorNotice error={errors[u.name] as ApiError} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        New accounts and password resets: <code>confidant users add|set-password … --as ADMIN</code>.
      </p>
    </article>
  );
}
