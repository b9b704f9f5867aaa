import type { ParseArgsConfig } from 'node:util';
import type { ExitCode } from './exit-codes';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  /** Parsed flags: strings for string options, booleans for boolean options. */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  io: CommandIo;
  /** Prints one JSON document on stdout (the contract allows exactly one with --json). */
  printJson(value: unknown): void;
  /** Prints a human line on stdout. */
  print(line: string): void;
  /** Progress and diagnostics: stderr only, never customer text. */
  info(line: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  run(ctx: CommandContext): Promise<ExitCode>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}
