import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConfidantApi, SessionInfo } from '../../shared/contract';
import type { Role } from '../../shared/roles';
import { ApiContext, type ApiContextValue } from './api/context';
import type { Transport } from './api/client';
import { DeskPage } from './pages/DeskPage';
import { useHashPage } from './route';
import { SessionContext } from './session/context';
import { useIdleLock } from './session/idle';
import { LockScreen } from './session/LockScreen';
import { SessionMenu } from './session/SessionMenu';
import { SignIn } from './session/SignIn';

/** Each page with the roles that use it: main enforces the same split per procedure (shared/contract). */
const PAGES: ReadonlyArray<{ id: PageId; label: string; roles: readonly Role[] }> = [
  { id: 'desk', label: 'Desk', roles: ['agent', 'supervisor'] },
  { id: 'supervisor', label: 'Supervisor', roles: ['supervisor', 'admin'] },
  { id: 'compliance', label: 'Compliance', roles: ['compliance', 'admin'] },
  { id: 'admin', label: 'Admin', roles: ['admin'] },
  { id: 'observability', label: 'Observability', roles: ['supervisor', 'admin'] },
  { id: 'status', label: 'Status', roles: ['agent', 'supervisor', 'compliance', 'admin'] },
];
type PageId = 'desk' | 'supervisor' | 'compliance' | 'admin' | 'observability' | 'status';

function NoToken() {
  return (
    <main className="centered">
      <div className="card">
        <h1>Open Confidant from its address</h1>
        <p>
          Browser mode needs the one-time address that <code>confidant web</code> printed when it started (it
          ends in <code>#token=…</code>). Each launch has a new token, so older addresses stop working.
        </p>
      </div>
    </main>
  );
}

// The desk is the page staff open all day: it ships in the first bundle; the others load on first visit.
const StatusPage = lazy(() => import('./pages/StatusPage').then((m) => ({ default: m.StatusPage })));
const SupervisorPage = lazy(() =>
  import('./pages/SupervisorPage').then((m) => ({ default: m.SupervisorPage })),
);
const CompliancePage = lazy(() =>
  import('./pages/CompliancePage').then((m) => ({ default: m.CompliancePage })),
);
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const ObservabilityPage = lazy(() =>
  import('./pages/ObservabilityPage').then((m) => ({ default: m.ObservabilityPage })),
);

function Workspace({ page }: { page: PageId }) {
  switch (page) {
    case 'status':
      return <StatusPage />;
    case 'desk':
      return <DeskPage />;
    case 'supervisor':
      return <SupervisorPage />;
    case 'compliance':
      return <CompliancePage />;
    case 'admin':
      return <AdminPage />;
    case 'observability':
      return <ObservabilityPage />;
  }
}

function Shell({
  base,
  info,
  setInfo,
  signedOut,
  desktop,
}: {
  base: ApiContextValue;
  info: SessionInfo;
  setInfo: (info: SessionInfo) => void;
  signedOut: () => void;
  desktop: boolean;
}) {
  const pages = useMemo(() => PAGES.filter((p) => p.roles.includes(info.user.role)), [info.user.role]);
  const pageIds = useMemo(() => pages.map((p) => p.id), [pages]);
  const [page, setPage] = useHashPage<PageId>(pageIds, pages[0]?.id ?? 'status');
  const mainRef = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  // Moving to another workspace puts focus on its heading, so a screen reader announces where you are.
  useEffect(() => {
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    // A page loaded on first visit renders its heading a little later: wait for it (about a second).
    let frame = 0;
    let tries = 0;
    const focusHeading = () => {
      const heading = mainRef.current?.querySelector('h1');
      if (heading instanceof HTMLElement) {
        heading.setAttribute('tabindex', '-1');
        heading.focus();
      } else if (tries++ < 60) frame = requestAnimationFrame(focusHeading);
    };
    focusHeading();
    return () => cancelAnimationFrame(frame);
  }, [page]);
  const locked = info.locked;
  const recheck = useCallback(async () => {
    const res = await base.api.call('auth.whoami', {});
    if (res.ok) setInfo(res.value);
    else signedOut();
  }, [base.api, setInfo, signedOut]);

  // Any refusal for want of a session (idle lock on the server, expiry, restart) is re-checked here once.
  const api = useMemo<ConfidantApi>(
    () => ({
      async call(name, input) {
        const res = await base.api.call(name, input);
        if (!res.ok && res.error.code === 'UNAUTHORIZED' && !name.startsWith('auth.')) void recheck();
        return res;
      },
    }),
    [base.api, recheck],
  );
  const lock = useCallback(() => {
    setInfo({ ...info, locked: true });
    void base.api.call('auth.lock', {});
  }, [base.api, info, setInfo]);
  useIdleLock(info.idleLockMinutes, !locked, lock, () => void base.api.call('auth.whoami', {}));
  const signOut = () => void base.api.call('auth.sign_out', {}).then(signedOut);

  return (
    <ApiContext.Provider value={{ api, events: base.events }}>
      <SessionContext.Provider value={{ info, refresh: () => void recheck() }}>
        <div className={locked ? 'shell shell-locked' : 'shell'} data-testid="shell">
          {/* Locked: the work stays mounted (drafts survive) but blurred and out of reach. */}
          <div className="shell-work" aria-hidden={locked} inert={locked}>
            <a
              className="skip-link"
              href="#main"
              onClick={(e) => {
                e.preventDefault();
                mainRef.current?.focus();
              }}
            >
              Skip to content
            </a>
            <nav className="sidebar" aria-label="Workspaces">
              <div className="brand">
                <span className="brand-mark" aria-hidden="true">
                  C
                </span>
                <span>Confidant</span>
              </div>
              <ul>
                {pages.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className={p.id === page ? 'nav-item active' : 'nav-item'}
                      aria-current={p.id === page ? 'page' : undefined}
                      onClick={() => setPage(p.id)}
                    >
                      {p.label}
                    </button>
                  </li>
                ))}
              </ul>
              <SessionMenu onLock={lock} onSignOut={signOut} />
              <p className="sidebar-foot">
                {desktop ? 'Desktop app' : 'Browser mode · loopback only'}
                <br />
                Data stays on this machine.
              </p>
            </nav>
            <main className="content" id="main" ref={mainRef} tabIndex={-1}>
              <Suspense fallback={<p className="muted">Loading…</p>}>
                <Workspace page={page} />
              </Suspense>
            </main>
          </div>
          {locked ? (
            <LockScreen api={base.api} info={info} onUnlocked={setInfo} onSignedOut={signedOut} />
          ) : null}
        </div>
      </SessionContext.Provider>
    </ApiContext.Provider>
  );
}

type Gate = { kind: 'checking' } | { kind: 'signed-out' } | { kind: 'in'; info: SessionInfo };

export function App({ transport }: { transport: Transport }) {
  const base = useMemo<ApiContextValue | null>(() => {
    if (transport.kind === 'desktop') return { api: transport.api, events: transport.events };
    if (transport.kind === 'browser') return { api: transport.api, events: transport.api };
    return null;
  }, [transport]);
  const [gate, setGate] = useState<Gate>({ kind: 'checking' });

  useEffect(() => {
    if (!base) return;
    let live = true;
    // A reload keeps the session (cookie or window); a restart of the desk does not.
    void base.api.call('auth.whoami', {}).then((res) => {
      if (live) setGate(res.ok ? { kind: 'in', info: res.value } : { kind: 'signed-out' });
    });
    return () => {
      live = false;
    };
  }, [base]);
  const setInfo = useCallback((info: SessionInfo) => setGate({ kind: 'in', info }), []);
  const signedOut = useCallback(() => setGate({ kind: 'signed-out' }), []);

  if (!base) return <NoToken />;
  if (gate.kind === 'checking') return <main className="centered" aria-busy="true" />;
  if (gate.kind === 'signed-out') return <SignIn api={base.api} onSignedIn={setInfo} />;
  return (
    <Shell
      // A different user starts from their own first page with nothing of the previous one on screen.
      key={gate.info.user.id}
      base={base}
      info={gate.info}
      setInfo={setInfo}
      signedOut={signedOut}
      desktop={transport.kind === 'desktop'}
    />
  );
}
