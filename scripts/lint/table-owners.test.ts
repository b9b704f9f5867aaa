import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Typed data access (docs/STORE.md, "Who owns a table"): every table has one owning module, the only
 * production code that writes or reads it. This test reads the SQL in production files and lists, per
 * table, the files that prepare statements on it; a write or a read from any module but the owner fails.
 */
const root = join(import.meta.dirname, '..', '..');
const mainDir = join(root, 'main');

/** The owner of each table the migrations create. A new table needs a row here. */
const OWNERS: Record<string, string> = {
  store_meta: 'store',
  subject_keys: 'store',
  subject_key_bindings: 'store',
  shred_log: 'store',
  key_pool_owners: 'store',
  audit_entries: 'audit',
  audit_nodes: 'audit',
  audit_checkpoints: 'audit',
  audit_keys: 'audit',
  users: 'users',
  privacy_vault: 'privacy',
  consents: 'memory',
  memory_items: 'memory',
  retention_subjects: 'memory',
  retention_runs: 'retention',
  model_activations: 'models',
  model_active: 'models',
  embedding_spaces: 'models',
  policy_packs: 'policy',
  policy_activations: 'policy',
  kb_docs: 'kb',
  kb_chunks: 'kb',
  kb_fts: 'kb',
  kb_vec_meta: 'kb',
  trace_spans: 'tracing',
  conversations: 'pipeline',
  turns: 'pipeline',
  turn_checkpoints: 'pipeline',
  turn_drafts: 'pipeline',
  escalation_whispers: 'pipeline',
  shadow_candidates: 'pipeline',
  shadow_runs: 'pipeline',
  escalations: 'escalations',
  escalation_notes: 'escalations',
  escalation_suggestions: 'escalations',
};

/** The LAN module owns its own tables (migration 018 onwards: `lan_*`). */
const ownerOf = (table: string): string | undefined =>
  OWNERS[table] ?? (table.startsWith('lan_') ? 'lan' : undefined);

/** Tables still written by two modules, with the reason (none today: add one only with a plan to fold it). */
const SHARED: Record<string, string[]> = {};

/** Reads across a module boundary that stay on purpose, with the reason (none today: the owners serve them). */
const CROSS_READS: Record<string, string[]> = {};

function productionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory())
      return f === 'test-support' || f === 'migrations' ? [] : productionFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.fixture.ts') ? [p] : [];
  });
}

/** main/core/<module>/… → module; main/<layer>/… → layer. */
function moduleOf(file: string): string {
  const parts = relative(mainDir, file).split('/');
  return parts[0] === 'core' ? (parts[1] ?? 'core') : (parts[0] ?? 'main');
}

const WRITE = /\b(?:INSERT(?: OR \w+)? INTO|REPLACE INTO|UPDATE|DELETE FROM)\s+([a-z_][a-z0-9_]*)/g;
const ANY = /\b(?:FROM|JOIN|INTO|UPDATE)\s+([a-z_][a-z0-9_]*)/g;

function callSites(re: RegExp): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const file of productionFiles(mainDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const table = m[1]!;
      if (ownerOf(table) === undefined && !(table in SHARED)) continue;
      const line = text.slice(0, m.index).split('\n').length;
      const byModule = out.get(table) ?? new Map<string, string[]>();
      const mod = moduleOf(file);
      byModule.set(mod, [...(byModule.get(mod) ?? []), `${relative(root, file)}:${line}`]);
      out.set(table, byModule);
    }
  }
  return out;
}

describe('each table has one owning module', () => {
  it('knows every table the migrations create', () => {
    const migrations = join(mainDir, 'core', 'store', 'migrations');
    const created = new Set<string>();
    for (const f of readdirSync(migrations).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')))
      for (const m of readFileSync(join(migrations, f), 'utf8').matchAll(
        /CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?([a-z_][a-z0-9_]*)/g,
      ))
        created.add(m[1]!);
    // `*_new` tables are a migration's own scratch copies while it rebuilds a table.
    const tables = [...created].filter((t) => !t.endsWith('_new'));
    expect(tables.filter((t) => ownerOf(t) === undefined && !(t in SHARED))).toEqual([]);
  });

  it('lets only the owner write a table', () => {
    const wrong: string[] = [];
    for (const [table, byModule] of callSites(WRITE)) {
      const allowed = SHARED[table] ?? [ownerOf(table)];
      for (const [mod, sites] of byModule)
        if (!allowed.includes(mod)) wrong.push(`${table} written by ${mod}: ${sites.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets only the owner read a table: other modules call its service', () => {
    const wrong: string[] = [];
    for (const [table, byModule] of callSites(ANY)) {
      const allowed = CROSS_READS[table] ?? SHARED[table] ?? [ownerOf(table)];
      for (const [mod, where] of byModule)
        if (!allowed.includes(mod)) wrong.push(`${table} read by ${mod}: ${where.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
