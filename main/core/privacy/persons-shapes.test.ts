/**
 * A lone capitalised word made a person by the words on both sides of it: a call back, a staff role
 * in brackets, the other side of a call, a speaker's self-introduction; with the brands, teams and
 * places that the same shapes must leave.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('context shapes around a lone capitalised word', () => {
  it('reads an everyday or unknown name between a verb of calling and "back"', () => {
    expect(persons('Can you ring Grace back before five?')).toEqual(['Grace']);
    expect(persons('Could someone call Oyelaran back re the standing order.')).toEqual(['Oyelaran']);
  });

  it('reads one before a staff role in brackets', () => {
    expect(persons('Handover from Ivy (night nurse): settled, obs stable.')).toEqual(['Ivy']);
    expect(persons('Checked by Thandeka (duty manager) at close.')).toEqual(['Thandeka']);
  });

  it('reads an everyday given name on the other side of a call or meeting', () => {
    expect(persons('After my chat with Robin on Tuesday nothing happened.')).toEqual(['Robin']);
  });

  it('reads an unknown name a speaker introduces themself with', () => {
    expect(persons("Morning, it's Oyelaran from the Leeds office, quick one.")).toEqual(['Oyelaran']);
    expect(persons("it's Dumisani calling about the loan")).toEqual(['Dumisani']);
  });

  it('leaves an unknown label before a listed given name and surname outside the name', () => {
    expect(persons('Klient Tomasz Zawadzki prosi o kontakt.')).toEqual(['Tomasz Zawadzki']);
  });

  it('leaves listed non-names, teams and places in the same shapes', () => {
    expect(persons('Please ring Barclays back tomorrow.')).toEqual([]);
    expect(persons('Meeting with Compliance on Friday.')).toEqual([]);
    expect(persons('Back in Leeds (my home) next week.')).toEqual([]);
    expect(persons("it's Monday from nine")).toEqual([]);
  });
});

describe('who the person is, in brackets or before the name', () => {
  it('reads a name followed by a relation or a role alone in brackets', () => {
    expect(persons('Please reply in writing.\nMorgan Vane (neighbour)')).toEqual(['Morgan Vane']);
    expect(persons('Refund approved. Signed off by Ray (TL).')).toEqual(['Ray']);
    expect(persons('Please reply in writing.\nMurray Tull (executor)')).toEqual(['Murray Tull']);
  });

  it('leaves firms and places before the same brackets', () => {
    expect(persons('Paid to Lloyds (customer) today')).toEqual([]);
    expect(persons('Parcel left at Mill House (neighbour).')).toEqual([]);
  });
});
