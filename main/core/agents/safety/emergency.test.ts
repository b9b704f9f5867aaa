import { describe, expect, it } from 'vitest';
import { emergencyNow } from './emergency';

const PACK = [
  '\\b(?:chest pain|can.?t breathe|stroke|unconscious|collapsed|seizure|heart attack)\\b',
  '\\b(?:threaten(?:ed|ing)?|weapon|knife|gun)\\b',
];

describe('a pack risk cue counts only as an emergency now', () => {
  it.each([
    'My husband has collapsed in the kitchen and he is not answering me.',
    "I think I'm having a stroke, my face feels numb.",
    'He has a knife and he is shouting at the door.',
    'chest pain since this morning and my left arm is tingling',
  ])('raised: %s', (text) => {
    expect(emergencyNow(text, PACK)).toBe(true);
  });

  it.each([
    'My brother died of a stroke at 52 so the insurer wants a letter from my GP.',
    'My great-grandmother had a stroke, my grandad had a heart attack in his 70s. Do I include them?',
    'The family history form asks about heart attack and stroke.',
    'No chest pain, just a bit of a cough.',
    'We watched a film about a man with a gun last night, anyway, my repeat prescription.',
    'Dad had a stroke three years ago and he is fine now, I just need his repeat.',
  ])('not raised: %s', (text) => {
    expect(emergencyNow(text, PACK)).toBe(false);
  });

  it('reads each match in its own sentence', () => {
    expect(emergencyNow('Mum died of a stroke in 2010. Now my dad has collapsed!', PACK)).toBe(true);
  });
});

describe('a fitting booked is not a seizure', () => {
  const FITS = ['\\b(?:seizure|fitting)\\b'];
  it.each([
    'Can I move my hearing aid fitting to Friday?',
    'Is the fitting appointment still on for Monday?',
  ])('not raised: %s', (text) => expect(emergencyNow(text, FITS)).toBe(false));
  it('a person fitting now is', () =>
    expect(emergencyNow('My son is fitting and will not stop', FITS)).toBe(true));
});

describe('an event named as a known cause or landmark is over', () => {
  it.each([
    'The DVLA took my licence away because of the seizure.',
    "It's about my tablets since the stroke, the blood thinners.",
    'I had a stroke in the summer and the letters are hard to read now.',
  ])('not raised: %s', (text) => expect(emergencyNow(text, PACK)).toBe(false));
  it.each([
    'He went grey after lunch and now he has collapsed on the floor.',
    'My wife is having a seizure right now, what do I do?',
  ])('raised: %s', (text) => expect(emergencyNow(text, PACK)).toBe(true));
});
