import { describe, expect, it } from 'vitest';
import { CLI_TEST_TIMEOUT_MS, runCli } from './testing';

describe('confidant dispatcher (real process)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints usage and exits 2 with no command, 0 with --help', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Usage: confidant <command>');
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('init --data-dir DIR');
  });

  it('exits 2 with usage for an unknown command or flag', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(unknown.stderr).toContain('Usage: confidant <command>');
    const flag = await runCli(['init', '--data-dir', '/tmp/never', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'/);
    expect(flag.stderr).toContain('Usage: confidant init');
  });
});
