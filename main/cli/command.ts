import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../../shared/errors';
import { defaultDataDir } from '../core/config';
import { DOMAINS, type PolicyDomain } from '../core/policy';
import type { ExitCode } from './exit-codes';
import { UsageError } from './usage-error';

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

export { UsageError };

/** Options most commands share; spread into a command's `options`. */
export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const satisfies OptionSpec;
export const JSON_OPTION = { json: { type: 'boolean' } } as const satisfies OptionSpec;

export const PASSPHRASE_ENV = 'CONFIDANT_PASSPHRASE';

/** --data-dir, else the platform's user-data folder (the same one the desktop app uses). */
export function dataDirFrom(ctx: CommandContext): string {
  const raw = ctx.values['data-dir'];
  if (raw !== undefined && (typeof raw !== 'string' || raw.trim() === '')) {
    throw new UsageError('--data-dir needs a folder path.');
  }
  return resolve(raw ?? defaultDataDir());
}

/**
 * Headless runs take the key from the environment only: a flag would put it in shell history and `ps`.
 * Missing is a key error (exit 3), checked before anything touches the disk.
 */
export function passphraseFrom(ctx: CommandContext): string {
  const passphrase = ctx.io.env[PASSPHRASE_ENV];
  if (!passphrase) throw new UserError('KEY_ERROR', `No passphrase: set ${PASSPHRASE_ENV}.`);
  return passphrase;
}

export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.values[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value.`);
  return value;
}

/** `--domain`: one of the policy domains, or undefined when absent (a usage error when `required`). */
export function domainFrom(ctx: CommandContext, required: true): PolicyDomain;
export function domainFrom(ctx: CommandContext, required?: boolean): PolicyDomain | undefined;
export function domainFrom(ctx: CommandContext, required = false): PolicyDomain | undefined {
  const d = stringFlag(ctx, 'domain');
  if (d === undefined && !required) return undefined;
  if (d === undefined || !(DOMAINS as readonly string[]).includes(d))
    throw new UsageError('--domain must be bank, clinic or generic.');
  return d as PolicyDomain;
}
