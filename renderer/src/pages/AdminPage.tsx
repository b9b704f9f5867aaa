import { ModelsCard } from '../workspaces/ModelsCard';
import { PairingCard } from '../workspaces/PairingCard';
import { PolicyCard } from '../workspaces/PolicyCard';
import { RetentionCard } from '../workspaces/RetentionCard';
import { SettingsCard } from '../workspaces/SettingsCard';
import { UsersCard } from '../workspaces/UsersCard';
import '../workspaces/workspaces.css';

/** Accounts, policy packs, models and settings, each through the same audited services as the CLI. */
export function AdminPage() {
  return (
    <section className="page" aria-labelledby="admin-title">
      <header className="page-header">
        <h1 id="admin-title">Admin</h1>
      </header>
      <div className="grid">
        <UsersCard />
        <SettingsCard />
        <RetentionCard />
        <PairingCard />
        <PolicyCard />
        <ModelsCard />
      </div>
    </section>
  );
}
