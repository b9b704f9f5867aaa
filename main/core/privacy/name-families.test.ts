import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('initials with no title in a name field', () => {
  it('reads an initial and a surname after a name cue', () => {
    expect(persons('Can u send £200 to 23-69-72 60814422 name J Carter, thanks')).toContain('J Carter');
    expect(persons('Name: M KHAN')).toEqual(['M KHAN']);
    expect(persons('Full name: R. Patel')).toEqual(['R. Patel']);
  });

  it('reads a log line’s quoted name="..." value', () => {
    expect(persons('WARN beneficiary check failed name="M KHAN" code=CoP_MISMATCH')).toEqual(['M KHAN']);
    expect(persons('check failed name="MARK KHAN" code=X')).toEqual(['MARK KHAN']);
  });

  it('leaves letters, companies and form fields alone', () => {
    for (const text of [
      'Account name: B Ltd',
      'Name: A 123',
      'name A b',
      '<input name="submit">',
      'name="null" value=""',
      'check failed name=MARK code=X',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('header-less tab rows', () => {
  it('reads a surname-first name at a field’s start and the surname beside a known first name', () => {
    expect(persons('10442\tOKONKWO, JOY\t612 049 5835\tSE15 4RW')).toContain('OKONKWO, JOY');
    expect(persons('Al-Farsi\tOmar\tK05519382\tOman')).toEqual(['Al-Farsi', 'Omar']);
    expect(persons('Sophie\tBrown-Whitaker\t07462 880 193')).toEqual(['Sophie', 'Brown-Whitaker']);
    expect(persons('Sophie\tMorgan\t4')).toEqual(['Sophie', 'Morgan']);
  });

  it('leaves roles, states and words beside a first name alone', () => {
    expect(persons('Omar\tCashier\t201\nSophie\tPending\t3\nSophie\tManager\t5')).toEqual([
      'Omar',
      'Sophie',
      'Sophie',
    ]);
    expect(persons('ref\tLeeds, York\tclosed')).toEqual([]);
  });
});

describe('a name beside its own e-mail address', () => {
  it('reads the words the address’s local part repeats', () => {
    expect(persons('I am patient no. P0093821. Colin Marsh, colin.marsh57@yahoo.co.uk')).toContain(
      'Colin Marsh',
    );
    expect(persons('From: Ana Souza <ana.souza@example.com>')).toContain('Ana Souza');
    expect(persons('J. Okafor (jokafor@nhs.net)')).toContain('J. Okafor');
  });

  it('leaves desks and teams before their address alone', () => {
    for (const text of [
      'Contact Customer Services, customerservices@bank.com',
      'Email Support Team at support.team@x.com',
      'Reply to Accounts Payable, accounts.payable@x.com',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('speaker labels in a transcript', () => {
  it('reads a surname the gazetteer knows as a speaker label when a staff side speaks too', () => {
    expect(persons('Baker: is the clinic running late?\nReception: about 20 mins.')).toEqual(['Baker']);
    expect(persons('Morgan: hi\nme: hello')).toEqual(['Morgan']);
  });

  it('leaves role labels and lists that are no transcript alone', () => {
    for (const text of [
      'Note: call back\nAgent: ok',
      'Manager: yes\nCustomer: no',
      'Baker: 2 loaves\nButcher: 1kg',
      'Caller: my card\nAgent: ok',
    ])
      expect(persons(text), text).toEqual([]);
  });
});

describe('a postfixed honorific in another language’s sentence', () => {
  it('reads the name before "ji" or "sahib"', () => {
    expect(persons('Anita ji ne bola ke unka pension yahan aana chahiye')).toEqual(['Anita']);
    expect(persons('Iqbal sahib ka account band hai')).toEqual(['Iqbal']);
  });

  it('needs the honorific as a word of its own', () => {
    expect(persons('Nothing jittery here, Sahibs')).toEqual([]);
    expect(persons('Report jinx today')).toEqual([]);
  });
});

describe('waterside, estate and boulevard street types', () => {
  const addresses = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'ADDRESS')
      .map((s) => text.slice(s.start, s.end));

  it('reads a Quay, a Trading Estate and a Blvd', () => {
    expect(addresses('Apartment 6, 21 Canada Water Quay, London')).toEqual([
      'Apartment 6, 21 Canada Water Quay',
    ]);
    expect(addresses('My new address is 5902 Elmwood Blvd, Seattle')).toEqual(['5902 Elmwood Blvd']);
    expect(addresses('returned from Unit 7, Riverside Trading Estate, Dartford')).toHaveLength(1);
  });

  it('needs a name word between the number and the type', () => {
    expect(addresses('3 Estate agents called')).toEqual([]);
    expect(addresses('we waited 2 Wharf hours')).toEqual([]);
  });
});

describe('a lone first name after a staff role or a relative', () => {
  const names = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));

  it('reads the name the role heads', () => {
    expect(names('the pharmacist Nadia was checking my levothyroxine')).toEqual(['Nadia']);
    expect(names('Teller Amira flagged signature mismatch.')).toEqual(['Amira']);
    expect(names('my cousin Kemi paid it in')).toEqual(['Kemi']);
    expect(names('my niece Grace came with me')).toEqual(['Grace']);
  });

  it('leaves abbreviations, days and desk words after a role alone', () => {
    for (const text of [
      'Version ten still crashes on the teller PCs.',
      'the cashier ATMs were down',
      'the receptionist Desk was empty',
      'the pharmacist Monday rota',
    ])
      expect(names(text), text).toEqual([]);
  });
});

describe('a lone first name given a task, a relative in brackets, or a foreign label', () => {
  const names = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));

  it('reads a name given a task or duty in staff notes', () => {
    expect(names('Till 3 short by £5. Declan to follow up.')).toEqual(['Declan']);
    expect(names('Busy morning, Priya covered the desk and Femi on tills.')).toEqual(['Priya', 'Femi']);
    expect(names('reply Y to confirm your slot')).toEqual([]);
  });

  it('reads a lone name beside a relative or role in brackets', () => {
    expect(names('collected by her nephew (Tariq) at noon')).toEqual(['Tariq']);
    expect(names('Repeat inhaler for Lottie (my niece) please')).toEqual(['Lottie']);
    expect(names('Appointment for Reuben (my son) on Monday')).toEqual(['Reuben']);
    expect(names('We moved to Leeds (my home) and the Unit (Kitchen)')).toEqual([]);
  });

  it("reads a name after another language's payee or recipient label", () => {
    expect(names('Odbiorca Anna Kowalska, tytuł: czynsz')).toEqual(['Anna Kowalska']);
    expect(names('Beneficiario Lucía Romero, importe 300')).toEqual(['Lucía Romero']);
  });
});

describe('a task after a capitalised word that takes "to" itself', () => {
  it('is no name', () => {
    const names = (text: string): string[] =>
      detectPii(text)
        .filter((s) => s.type === 'PERSON')
        .map((s) => text.slice(s.start, s.end));
    expect(names('Wrong chat. Meant to email the landlord')).toEqual([]);
    expect(names('Tried earlier. Needs to call back. Wanted to ring today')).toEqual([]);
  });
});

describe('a quoted field holding a name surname first', () => {
  it('reads a CSV cell and an email display name, a given name that is also a surname included', () => {
    expect(persons('77120,"Gallagher, Martin",1969-08-11,07700900514')).toEqual(['Gallagher, Martin']);
    expect(persons('From: "Fisher, Graham" <gh@example.org>')).toEqual(['Fisher, Graham']);
    expect(persons('id,name\n4,"Mbeki, Thandiwe Grace"')).toEqual(['Mbeki, Thandiwe Grace']);
  });

  it('leaves quoted places and everyday words', () => {
    expect(persons('branch,"Leeds, York",open')).toEqual([]);
    expect(persons('"Stone, Paper" was the game')).toEqual([]);
    expect(persons('Reply: "Thanks, Tobias"')).toEqual(['Tobias']);
  });
});
