import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const webCommand: Command = {
  name: 'web',
  summary: 'Serve the UI in browser mode on 127.0.0.1 behind a per-launch token.',
  usage: 'web --data-dir DIR [--port P]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'web is not implemented yet');
  },
};
