import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const modelsCommand: Command = {
  name: 'models',
  summary: 'Manage local models from the manifest.',
  usage: 'models list|verify|pull [ID]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'models is not implemented yet');
  },
};
