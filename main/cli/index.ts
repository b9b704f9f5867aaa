import { parseArgs } from 'node:util';
import type { Command, CommandContext, CommandIo } from './command';
import { commands } from './commands';
import { exitCodeFor } from './errors';
import { EXIT, type ExitCode } from './exit-codes';
import { UsageError } from './usage-error';

function usage(): string {
  const lines = ['Usage: confidant <command> [options]', '', 'Commands:'];
  for (const command of commands) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push(
    '',
    'Exit codes: 0 ok, 1 check failed, 2 usage, 3 key/auth, 4 corrupt input, 5 environment (disk full, port in use, folder not writable).',
  );
  return lines.join('\n');
}

/** Commands are one or two words ("init", "audit verify"); the longest match wins. */
function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  const [first, second] = argv;
  const two = commands.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = commands.find((c) => c.name === first);
  if (one) return { command: one, rest: argv.slice(1) };
  return undefined;
}

export async function main(argv: string[], io: CommandIo = defaultIo()): Promise<ExitCode> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(`${usage()}\n`);
    return argv.length === 0 ? EXIT.USAGE : EXIT.OK;
  }
  const found = findCommand(argv);
  if (!found) {
    io.stderr.write(`confidant: unknown command '${argv.slice(0, 2).join(' ')}'\n\n${usage()}\n`);
    return EXIT.USAGE;
  }
  const { command, rest } = found;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    io.stderr.write(
      `confidant ${command.name}: ${(err as Error).message}\nUsage: confidant ${command.usage}\n`,
    );
    return EXIT.USAGE;
  }
  if (parsed.values.help) {
    io.stdout.write(`Usage: confidant ${command.usage}\n${command.summary}\n`);
    return EXIT.OK;
  }
  const ctx: CommandContext = {
    values: parsed.values as CommandContext['values'],
    positionals: parsed.positionals,
    io,
    printJson: (value) => io.stdout.write(`${JSON.stringify(value)}\n`),
    print: (line) => io.stdout.write(`${line}\n`),
    info: (line) => io.stderr.write(`${line}\n`),
  };
  try {
    return await command.run(ctx);
  } catch (err) {
    const { code, errorCode, message } = exitCodeFor(err);
    io.stderr.write(`confidant ${command.name}: ${message}\n`);
    if (err instanceof UsageError) io.stderr.write(`Usage: confidant ${command.usage}\n`);
    // --json promises one document on stdout even when the command fails, so scripts can parse it.
    if (parsed.values.json === true) ctx.printJson({ ok: false, error: { code: errorCode, message } });
    return code;
  }
}

function defaultIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/**
 * Last line of defence for the real process (bin/confidant.js): an error thrown outside a command's
 * await chain (a stream's 'error' event, a timer) still ends with one line and the contract's exit code,
 * never a stack trace.
 */
export function installCrashHandlers(stderr: NodeJS.WritableStream = process.stderr): void {
  const die = (err: unknown): void => {
    const { code, message } = exitCodeFor(err);
    stderr.write(`confidant: ${message}\n`);
    process.exit(code);
  };
  process.on('uncaughtException', die);
  process.on('unhandledRejection', die);
}
