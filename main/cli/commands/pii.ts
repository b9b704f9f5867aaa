import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const piiDetectCommand: Command = {
  name: 'pii detect',
  summary: 'Detect PII in JSON Lines (see contracts/pii.md).',
  usage: 'pii detect [--in FILE] [--out FILE]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'pii detect is not implemented yet');
  },
};
