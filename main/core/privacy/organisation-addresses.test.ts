import { describe, expect, it } from 'vitest';
import { detectPii } from './detect';

/** An organisation's address named on its line is no person's. Invented addresses. */
function found(text: string): Array<[string, string]> {
  return detectPii(text)
    .filter((s) => s.type === 'ADDRESS' || s.type === 'POSTCODE')
    .map((s) => [s.type, text.slice(s.start, s.end)]);
}

describe("an organisation's address on its line", () => {
  it("drops a GP practice's or an employer's address and its postcode", () => {
    expect(found('Previous GP: Larch Lane Medical Centre, 8 Wharf Road, Selby YO8 4AB')).toEqual([]);
    expect(found('Registered with Fernside Surgery, 21 Kiln Street, Wells BA5 2QT.')).toEqual([]);
    expect(found('Employer address: Brightwater Ltd, 4 Dock Street, Hull HU1 3AA')).toEqual([]);
  });

  it("keeps a person's address, a care home's and a house named for what it was", () => {
    expect(found('Discharged to Elmcroft Care Home, 4 Mead Road, Yeovil BA21 3QT')).not.toEqual([]);
    expect(found('Deliver to The Old Surgery, 4 Mill Street, Ely CB7 4JU')).not.toEqual([]);
    expect(found('New address: 12 Elm Grove, Leeds LS6 2AB')).not.toEqual([]);
  });
});
