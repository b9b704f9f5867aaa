import { useState } from 'react';
import type { ProcedureOutput } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOnChange } from './live';

type Diff = ProcedureOutput<'policy.diff'>;

/** Policy packs per domain: what is active, what else is known, diffs, activation and roll-back. */
export function PolicyCard() {
  const { api } = useApi();
  const list = useProcedure('policy.list', {});
  useOnChange(list.refresh);
  const [diff, setDiff] = useState<{ hash: string; value: Diff } | null>(null);
  const [errors, setErrors] = useState<Record<string, ApiError | undefined>>({});
  const [notice, setNotice] = useState<string | null>(null);

  async function act<T>(
    key: string,
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
  ) {
    setNotice(null);
    // A diff shown before a change compares against a pack that may no longer be active.
    if (!key.startsWith('diff:')) setDiff(null);
    const res = await call();
    setErrors({ ...errors, [key]: res.ok ? undefined : res.error });
    list.refresh();
    return res.ok ? res.value : null;
  }

  if (list.result.state === 'error')
    return (
      <article className="card card-wide">
        <h2>Policy packs</h2>
        <ErrorNotice error={list.result.error} />
      </article>
    );
  if (list.result.state !== 'ready') return null;
  const { domains, packs } = list.result.value;

  return (
    <article className="card card-wide" aria-labelledby="policy-title">
      <h2 id="policy-title">Policy packs</h2>
      <table className="table" data-testid="policy-domains">
        <caption className="sr-only">Active policy pack per domain</caption>
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Active pack</th>
            <th scope="col">Last change</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {domains.map((d) => (
            <tr key={d.domain} data-domain={d.domain}>
              <td>{d.domain}</td>
              <td data-testid="active-pack">
                {d.active.id}@{d.active.version}{' '}
                <span className="badge badge-muted">
                  {d.active.source === 'builtin' ? 'shipped' : 'activated'}
                </span>
              </td>
              <td>
                {d.history[0] ? (
                  `${d.history[0].action === 'activate' ? 'activated' : 'rolled back'} ${d.history[0].packId}@${d.history[0].version} by ${d.history[0].actorRole}, ${new Date(d.history[0].at).toLocaleString()}`
                ) : (
                  <span className="muted">never changed</span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!d.canRollBack}
                  aria-label={`Roll back ${d.domain}`}
                  title={d.canRollBack ? undefined : 'The shipped pack is active: nothing to roll back to.'}
                  onClick={() => {
                    if (!window.confirm(`Roll ${d.domain} back to the pack active before the latest change?`))
                      return;
                    void act(d.domain, () => api.call('policy.rollback', { domain: d.domain })).then(
                      (v) => v && setNotice(`${d.domain} now runs ${v.id}@${v.version}.`),
                    );
                  }}
                >
                  Roll back
                </button>
                {errors[d.domain] ? <ErrorNotice error={errors[d.domain] as ApiError} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {notice ? (
        <div className="notice notice-ok" role="status" data-testid="policy-notice">
          {notice}
        </div>
      ) : null}
      <h3>Known packs</h3>
      <table className="table" data-testid="policy-packs">
        <caption className="sr-only">Every pack shipped or activated on this desk</caption>
        <thead>
          <tr>
            <th scope="col">Pack</th>
            <th scope="col">Domain</th>
            <th scope="col">Shadow report</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {packs.map((p) => (
            <tr key={p.hash} data-pack={`${p.id}@${p.version}`}>
              <td>
                {p.id}@{p.version} {p.active ? <span className="badge badge-delivered">active</span> : null}
              </td>
              <td>{p.domain}</td>
              <td>
                {p.shadow.runs === 0
                  ? 'no shadow runs'
                  : `${p.shadow.agreed} of ${p.shadow.runs} shadow turns agreed with the live pack`}
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    void act(`diff:${p.hash}`, () => api.call('policy.diff', { hash: p.hash })).then(
                      (v) => v && setDiff({ hash: p.hash, value: v }),
                    )
                  }
                >
                  Diff
                </button>
                {p.active ? null : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      if (!window.confirm(`Activate ${p.id}@${p.version} for ${p.domain}?`)) return;
                      void act(p.hash, () => api.call('policy.activate', { hash: p.hash }));
                    }}
                  >
                    Activate
                  </button>
                )}
                {(errors[p.hash] ?? errors[`diff:${p.hash}`]) ? (
                  <ErrorNotice error={(errors[p.hash] ?? errors[`diff:${p.hash}`]) as ApiError} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {diff ? (
        <section aria-label="Pack diff" data-testid="policy-diff">
          <h3>Against the active {diff.value.against}</h3>
          {diff.value.lines.every((l) => l.op === ' ') ? (
            <p className="empty">Identical to the active pack.</p>
          ) : (
            <pre className="diff" tabIndex={0}>
              {diff.value.lines
                .filter(
                  (l, i, all) =>
                    l.op !== ' ' || all.slice(Math.max(0, i - 2), i + 3).some((x) => x.op !== ' '),
                )
                .map((l, i) => (
                  <div key={i} className={l.op === '+' ? 'diff-add' : l.op === '-' ? 'diff-del' : undefined}>
                    {l.op} {l.text}
                  </div>
                ))}
            </pre>
          )}
        </section>
      ) : null}
      <h3>Activate a pack file</h3>
      <label>
        Pack (YAML or JSON; validated before anything changes)
        <input
          className="input"
          type="file"
          accept=".yaml,.yml,.json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            void file
              .text()
              .then((text) =>
                act('upload', () => api.call('policy.activate', { text })).then(
                  (v) => v && setNotice(`${v.domain} now runs ${v.id}@${v.version}.`),
                ),
              );
          }}
        />
      </label>
      {errors.upload ? <ErrorNotice error={errors.upload} /> : null}
    </article>
  );
}
