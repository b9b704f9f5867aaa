/**
 * The committed gazetteer (main/core/privacy/names-wide.ts) is what the build makes from the installed
 * faker and the hand lists: a faker upgrade or a hand-list edit shows up here until it is regenerated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate } from './build';

describe('name gazetteer build', () => {
  it('matches the committed module', () => {
    const committed = readFileSync(new URL('../../main/core/privacy/names-wide.ts', import.meta.url), 'utf8');
    expect(generate().text).toBe(committed);
  });
});
