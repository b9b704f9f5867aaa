import { describe, expect, it } from 'vitest';
import { builtinPack } from '../policy';
import { crisisResources, withoutCrisisWording } from './crisis';

describe('crisis signposting', () => {
  it.each(['bank', 'clinic', 'generic'] as const)(
    'the %s self-harm template names UK and US resources',
    (d) => {
      const text = builtinPack(d).templates.self_harm;
      expect(text).toMatch(/999/);
      expect(text).toMatch(/Samaritans/);
      expect(text).toMatch(/116 123/);
      expect(text).toMatch(/\b988\b/);
    },
  );

  it.each(['bank', 'clinic', 'generic'] as const)('no other %s template carries crisis resources', (d) => {
    const pack = builtinPack(d);
    const re = crisisResources(pack);
    expect(re).not.toBeNull();
    for (const [id, text] of Object.entries(pack.templates))
      if (id !== 'self_harm') expect(re?.test(text), id).toBe(false);
  });

  it('drops only the signposting sentences of a calm draft', () => {
    const pack = builtinPack('bank');
    const draft = 'Your card will arrive in 5 working days. You can also call Samaritans on 116 123.';
    expect(withoutCrisisWording(crisisResources(pack), draft)).toBe(
      'Your card will arrive in 5 working days.',
    );
    expect(withoutCrisisWording(crisisResources(pack), 'The fee is £988 a year.')).toBeNull();
    expect(withoutCrisisWording(crisisResources(pack), 'Call or text 988 any time.')).toBe('');
  });

  it("keeps the clinic's emergency number in other replies", () => {
    const pack = builtinPack('clinic');
    expect(withoutCrisisWording(crisisResources(pack), 'If this is an emergency, call 999 now.')).toBeNull();
  });
});
