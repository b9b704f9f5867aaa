import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Seed a realistic demo through the real pipeline.',
  usage: 'demo --data-dir DIR',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'demo is not implemented yet');
  },
};
