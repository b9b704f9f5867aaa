/** Exit codes fixed by docs/formats/cli.md. */
export const EXIT = {
  OK: 0,
  CHECK_FAILED: 1,
  USAGE: 2,
  KEY: 3,
  CORRUPT: 4,
  /** The environment stops the work: disk full, port in use, a folder that cannot be written. */
  ENVIRONMENT: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
