import { useProcedure } from '../api/use-procedure';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportCard } from '../workspaces/ExportCard';
import { LedgerBrowser } from '../workspaces/LedgerBrowser';
import { useOnChange } from '../workspaces/live';
import { SubjectsCard } from '../workspaces/SubjectsCard';
import { VerifyCard } from '../workspaces/VerifyCard';
import '../workspaces/workspaces.css';

/**
 * Compliance works on evidence, not on trust in this desk: verification recomputes the whole chain and
 * tree, and an exported bundle can be checked here or offline with any RFC 6962 tool.
 */
export function CompliancePage() {
  const overview = useProcedure('compliance.get', {});
  useOnChange(overview.refresh);
  const o = overview.result.state === 'ready' ? overview.result.value : null;
  const conversations = o ? o.subjects.flatMap((s) => s.conversations.map((c) => c.id)) : [];
  const subjects = o ? o.subjects.map((s) => s.subjectId) : [];
  return (
    <section className="page" aria-labelledby="compliance-title">
      <header className="page-header">
        <h1 id="compliance-title">Compliance</h1>
        {o ? <span className="muted">{o.ledgerSize} ledger entries</span> : null}
      </header>
      <p className="lead">
        The audit ledger is hash-chained and Merkle-tree backed, with signed checkpoints. Browse and verify
        it, and export signed bundles anyone can check offline.
      </p>
      <div className="grid">
        <VerifyCard />
        <ExportCard conversations={conversations} />
        {overview.result.state === 'error' ? (
          <article className="card card-wide">
            <ErrorNotice error={overview.result.error} />
          </article>
        ) : null}
        {o ? <SubjectsCard overview={o} onChanged={overview.refresh} /> : null}
        <LedgerBrowser types={o?.types ?? []} subjects={subjects} conversations={conversations} />
      </div>
    </section>
  );
}
