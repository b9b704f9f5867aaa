import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('a name its e-mail address spells, anywhere in the text', () => {
  it('reads two unlisted words the local part names, or an initial and the surname', () => {
    expect(
      persons('Staff member Wiratmo Hadiwijoyo joined in May. Work email wiratmo.hadiwijoyo@example.com.'),
    ).toContain('Wiratmo Hadiwijoyo');
    expect(persons('Haykanush Ohanessian signed the lease; contact h_ohanessian@example.net.')).toContain(
      'Haykanush Ohanessian',
    );
  });

  it('leaves a team, a firm or words the address does not spell', () => {
    expect(persons('Contact Sales Team at sales.team@example.com')).toEqual([]);
    expect(persons('Our Front Desk handles it: front.desk@example.com')).toEqual([]);
    expect(persons('The Harbour Office answers: h.office@example.com')).toEqual([]);
  });
});
