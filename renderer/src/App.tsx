import { useMemo, useState } from 'react';
import { ApiContext, type ApiContextValue } from './api/context';
import type { Transport } from './api/client';
import { CompliancePage } from './pages/CompliancePage';
import { DeskPage } from './pages/DeskPage';
import { StatusPage } from './pages/StatusPage';
import { SupervisorPage } from './pages/SupervisorPage';

const PAGES = [
  {
    id: 'desk',
    label: 'Desk',
    description: 'Conversations with customers, drafted replies with citations, and policy warnings.',
  },
  {
    id: 'supervisor',
    label: 'Supervisor',
    description: 'Escalations with redacted handoff packets, SLA timers, claim and respond.',
  },
  {
    id: 'compliance',
    label: 'Compliance',
    description: 'The tamper-evident audit ledger: verify it and export signed bundles.',
  },
  { id: 'status', label: 'Status', description: '' },
] as const;
type PageId = (typeof PAGES)[number]['id'];

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

function Workspace({ page }: { page: (typeof PAGES)[number] }) {
  switch (page.id) {
    case 'status':
      return <StatusPage />;
    case 'desk':
      return <DeskPage />;
    case 'supervisor':
      return <SupervisorPage />;
    case 'compliance':
      return <CompliancePage />;
  }
}

export function App({ transport }: { transport: Transport }) {
  const [page, setPage] = useState<PageId>('status');
  const context = useMemo<ApiContextValue | null>(() => {
    if (transport.kind === 'desktop') return { api: transport.api, events: null };
    if (transport.kind === 'browser') return { api: transport.api, events: transport.api };
    return null;
  }, [transport]);
  if (!context) return <NoToken />;
  const current = PAGES.find((p) => p.id === page) ?? PAGES[3];

  return (
    <ApiContext.Provider value={context}>
      <div className="shell">
        <nav className="sidebar" aria-label="Workspaces">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              C
            </span>
            <span>Confidant</span>
          </div>
          <ul>
            {PAGES.map((p) => (
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
          <p className="sidebar-foot">
            {transport.kind === 'desktop' ? 'Desktop app' : 'Browser mode · loopback only'}
            <br />
            Data stays on this machine.
          </p>
        </nav>
        <main className="content">
          <Workspace page={current} />
        </main>
      </div>
    </ApiContext.Provider>
  );
}
