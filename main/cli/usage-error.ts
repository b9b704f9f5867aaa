/**
 * Its own module so the CLI entry (index.ts, errors.ts) can name it without loading command.ts's imports:
 * the compiled build loads each command's code only when that command runs.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
