import type { TestModule } from 'vitest/node';
import { describe, expect, it } from 'vitest';
import { tally } from './vitest-summary-reporter';

function fakeModule(states: string[], moduleState = 'passed', errors = 0): TestModule {
  return {
    children: {
      *allTests() {
        for (const state of states) yield { result: () => ({ state }) };
      },
    },
    state: () => moduleState,
    errors: () => Array.from({ length: errors }, () => ({ message: 'hook failed' })),
  } as unknown as TestModule;
}

describe('summary reporter tally', () => {
  it('counts passed, failed and skipped test cases', () => {
    expect(
      tally([fakeModule(['passed', 'passed', 'skipped']), fakeModule(['failed', 'passed'], 'failed')]),
    ).toEqual({
      passed: 3,
      failed: 1,
      skipped: 1,
    });
  });

  it('counts a file that failed to load, module-level errors and unhandled errors as failures', () => {
    expect(tally([fakeModule([], 'failed')]).failed).toBe(1);
    expect(tally([fakeModule(['passed'], 'failed', 1)]).failed).toBe(1);
    expect(tally([fakeModule(['passed'])], 2)).toEqual({ passed: 1, failed: 2, skipped: 0 });
  });
});
