/** Exit codes fixed by docs/formats/cli.md. */
export const EXIT = {
  OK: 0,
  CHECK_FAILED: 1,
  USAGE: 2,
  KEY: 3,
  CORRUPT: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
