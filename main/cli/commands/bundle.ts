import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const bundleVerifyCommand: Command = {
  name: 'bundle verify',
  summary: 'Verify an audit bundle offline.',
  usage: 'bundle verify FILE [--trusted-key FILE] [--json]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'bundle verify is not implemented yet');
  },
};
