import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** Hospital numbers named by their patient, and record cues' shortest values. Invented values. */
function records(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'MEDICAL_RECORD_NUMBER')
    .map((s) => text.slice(s.start, s.end));
}

describe('a hospital number right after "pt" or "patient"', () => {
  it('reads a trust-prefixed or seven/eight-digit number', () => {
    expect(records('Bloods back for pt K3320917, repeat in 2/52')).toEqual(['K3320917']);
    expect(records('patient RJZ7781204 moved to ward 9')).toEqual(['RJZ7781204']);
    expect(records('Patient: 5502917 discharged')).toEqual(['5502917']);
  });

  it('leaves a phone, a short number and a name alone', () => {
    expect(records('the patient 01632 960417 rang twice')).toEqual([]);
    expect(records('pt 220417 bed 4')).toEqual([]);
    expect(records('patient Okafor 07700900417')).toEqual([]);
  });
});

describe('a record cue over an export column', () => {
  it('takes no four-digit row key for a record number', () => {
    expect(records('patient_id|surname\nQ0417|Lindqvist\nQ0418|Haddad')).toEqual([]);
    expect(records('patient_id|surname\nRJZ7781204|Lindqvist')).toEqual(['RJZ7781204']);
  });
});
