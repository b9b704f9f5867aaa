import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const turnCommand: Command = {
  name: 'turn',
  summary: 'Run one customer message from stdin through the full pipeline.',
  usage: 'turn --data-dir DIR --conversation ID [--domain bank|clinic|generic] [--json]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'turn is not implemented yet');
  },
};
