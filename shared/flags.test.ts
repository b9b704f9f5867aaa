import { describe, expect, it } from 'vitest';
import { DEFAULT_FLAGS, parseFlags } from './flags';

describe('feature flags', () => {
  it('default to the safe choice: automatic escalation on, shadow runs off', () => {
    expect(DEFAULT_FLAGS).toEqual({ autoEscalation: true, shadowRuns: false, rehydrateForStaff: false });
  });

  it('parse name=on|off pairs and reject unknown names or values by name', () => {
    expect(parseFlags(undefined)).toEqual({});
    expect(parseFlags(' ')).toEqual({});
    expect(parseFlags('autoEscalation=off, shadowRuns=ON')).toEqual({
      autoEscalation: false,
      shadowRuns: true,
    });
    expect(parseFlags('rehydrateForStaff=1,shadowRuns=false')).toEqual({
      rehydrateForStaff: true,
      shadowRuns: false,
    });
    expect(() => parseFlags('warpDrive=on')).toThrow(/Unknown flag "warpDrive"/);
    expect(() => parseFlags('shadowRuns=maybe')).toThrow(/shadowRuns needs =on or =off/);
    expect(() => parseFlags('shadowRuns')).toThrow(/shadowRuns needs/);
    expect(() => parseFlags('shadowRuns=on=off')).toThrow(/Unknown flag/);
  });
});
