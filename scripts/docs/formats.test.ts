import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** The team contracts sit beside a checkout on the team's machines; elsewhere there is nothing to compare. */
const contracts = process.env.CONFIDANT_CONTRACTS_DIR ?? join(root, '..', 'shared', 'contracts');
const MARK = '<!-- contract text below: verbatim, checked by scripts/docs/formats.test.ts -->\n\n';
const PAGES = {
  'cli.md': 'cli.md',
  'eval-scenario.md': 'eval-scenario.md',
  'pii.md': 'pii.md',
  'bundle.md': 'audit-bundle.md',
  'lan.md': 'lan.md',
} as const;

/** The contract text a page carries: everything after its marker. */
function mirrored(page: string): string {
  const text = readFileSync(join(root, 'docs', 'formats', page), 'utf8');
  const at = text.indexOf(MARK);
  if (at < 0) throw new Error(`docs/formats/${page} has lost its marker line`);
  return text.slice(at + MARK.length);
}

describe('docs/formats mirrors the team contracts', () => {
  it('has a page, with its marker, for every contract users rely on', () => {
    for (const page of Object.values(PAGES)) expect(mirrored(page).length).toBeGreaterThan(200);
  });

  it.skipIf(!existsSync(contracts))('carries each contract word for word', () => {
    for (const [contract, page] of Object.entries(PAGES)) {
      expect(mirrored(page), page).toBe(readFileSync(join(contracts, contract), 'utf8'));
    }
  });
});
