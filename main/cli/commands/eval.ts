import { UserError } from '../../../shared/errors';
import type { Command } from '../command';

// Placeholder until its domain issue lands; fails loudly rather than pretending to work.
export const evalCommand: Command = {
  name: 'eval',
  summary: 'Run eval scenarios through the real pipeline.',
  usage: 'eval --scenarios PATH [--model SPEC] [--json]',
  options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run() {
    throw new UserError('UNAVAILABLE', 'eval is not implemented yet');
  },
};
