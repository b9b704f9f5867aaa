import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholders until the audit issue lands; they fail loudly rather than pretending to work.
export const auditVerifyCommand: Command = {
  name: 'audit verify',
  summary: 'Recompute the hash chain and Merkle tree and check every signed checkpoint.',
  usage: 'audit verify --data-dir DIR [--json]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  async run() {
    throw new UserError('UNAVAILABLE', 'audit verify is not implemented yet');
  },
};

export const auditExportCommand: Command = {
  name: 'audit export',
  summary: 'Write a signed audit bundle.',
  usage: 'audit export --data-dir DIR --out FILE [--from ISO] [--to ISO] [--case ID] [--json]',
  options: {
    'data-dir': { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    case: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run() {
    throw new UserError('UNAVAILABLE', 'audit export is not implemented yet');
  },
};
