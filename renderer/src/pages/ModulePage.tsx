import { procedures } from '../../../shared/contract';

/**
 * A workspace whose module has not landed yet. It lists the contract procedures for its domain, so the
 * page can never claim "coming" once the procedures exist, and never pretends to work before they do.
 */
export function ModulePage({
  title,
  domain,
  description,
}: {
  title: string;
  domain: string;
  description: string;
}) {
  const available = Object.keys(procedures).filter((name) => name.startsWith(`${domain}.`));
  return (
    <section className="page" aria-labelledby={`${domain}-title`}>
      <header className="page-header">
        <h1 id={`${domain}-title`}>{title}</h1>
      </header>
      <p className="lead">{description}</p>
      {available.length === 0 ? (
        <div className="notice" data-testid="module-pending">
          This workspace is coming with its module. Nothing here is simulated: it appears when the core
          provides it.
        </div>
      ) : (
        <div className="notice" data-testid="module-procedures">
          Available from the core: {available.join(', ')}
        </div>
      )}
    </section>
  );
}
