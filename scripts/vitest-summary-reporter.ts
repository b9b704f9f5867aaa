import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Counts test cases; a file that failed before any test ran (import error, hook failure) counts as one
 * failure, and so does each unhandled error, so "0 failed" really means nothing went wrong.
 */
export function tally(modules: ReadonlyArray<TestModule>, unhandledErrors = 0): Tally {
  const out: Tally = { passed: 0, failed: unhandledErrors, skipped: 0 };
  for (const mod of modules) {
    let tests = 0;
    for (const test of mod.children.allTests()) {
      tests += 1;
      const state = test.result().state;
      if (state === 'passed') out.passed += 1;
      else if (state === 'failed') out.failed += 1;
      else out.skipped += 1;
    }
    if (mod.state() === 'failed' && tests === 0) out.failed += 1;
    else if (mod.state() === 'failed' && mod.errors().length > 0) out.failed += mod.errors().length;
  }
  return out;
}

/**
 * Prints one machine-readable line at the end of a run, e.g. `412 passed, 0 failed`, after vitest's own
 * report. CI greps this line; vitest's default summary carries colours and varies between versions.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const { passed, failed, skipped } = tally(modules, unhandledErrors.length);
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
