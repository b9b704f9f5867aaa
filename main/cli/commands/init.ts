import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const initCommand: Command = {
  name: 'init',
  summary: 'Create an encrypted store (no-op if one exists).',
  usage: 'init --data-dir DIR [--role-admin NAME]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'init is not implemented yet');
  },
};
