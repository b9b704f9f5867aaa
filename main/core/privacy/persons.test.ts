import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAS_HAN, persons } from './persons';
import { bufferForTests } from './code-units';
import { F_FIRST, F_LAST, F_NOT_NAME, FLAGS, fold, wordFlags } from './persons-flags';
import { found, pass } from './persons-pass';
import { SpanTable } from './persons-table';
import { Scan } from './scan';
import { detectPii } from './detect';

const names = (text: string): Array<[string, number]> => {
  const s = new Scan(text);
  persons(s, HAS_HAN.test(text));
  return s.out.map((c) => [text.slice(c.start, c.end), c.score]);
};

// The fast paths below must agree exactly with the plain Unicode regexes they replace.
const CAP_WORD =
  /[A-Z\u00C0-\u024F\u0370-\u052F](?<=\p{Lu})(?<![\p{L}\p{M}\p{N}'’].)[\p{L}\p{M}'’-]{0,24}(?![\p{L}\p{M}\p{N}])/gu;
const LOWER_INTRO =
  /(?:[mnitc](?<![a-z].)(?:y name(?: is|'s)|ame is| am|'m|his is|all me)|(?<![a-z])i(?:t(?:'s|’s|s| is)|m)|(?<![a-z])name(?:s|'s)) /g;

function trimmedWords(text: string): string[] {
  // Possessives and dashes are trimmed; a match always starts with a capital, so one is left.
  return [...text.matchAll(CAP_WORD)].map((m) => `${m.index}:${m[0].replace(/['’-]+$/u, '')}`);
}

// Pieces that hit every branch: ASCII and non-ASCII capitals, apostrophes, hyphens, digits, words
// longer than the 25-letter limit, the two characters whose lower case is odd (Kelvin sign, İ).
const PIECES = fc.constantFrom(
  ...[
    ' ',
    '  ',
    '-',
    "'",
    '’',
    '.',
    ', ',
    ': ',
    '\n',
    '1',
    'a',
    'x',
    'Z',
    'AB',
    'NHS',
    'É',
    'é',
    'Ł',
    'Σ',
    'Ж',
  ],
  ...[
    '\u212a',
    'İ',
    '\u0301',
    '😀',
    '李',
    '王伟',
    '𠀀',
    'Mr',
    'Dr. ',
    'John',
    'JOHN',
    'john',
    'Smith',
    'Will',
  ],
  ...['my name is ', 'MY NAME IS ', "I'm ", 'i am ', 'This is ', 'call me ', 'tame is ', 'sarah', 'jones'],
  ...[
    'García',
    "O'Brien",
    'Jean-Luc',
    "Jones'",
    'Smith-',
    'Abcdefghijklmnopqrstuvwxyz',
    'Ab-cdefghijklmnopqrstuvw-x',
  ],
  ...['said', ' at the bank said', ', speaking', ' here', 'thank you ', 'Hello ', 'Dear '],
);
const TEXTS = fc.array(PIECES, { maxLength: 24 }).map((parts) => parts.join(''));

describe('persons', () => {
  it('scores names by gazetteer and context', () => {
    expect(names('Please ask for Sarah Jones at the desk.')).toEqual([['Sarah Jones', 0.92]]);
    expect(names('Dr. Patel will see you. May I help?')).toEqual([['Patel', 0.92]]);
    expect(names('Will you call Bill Smith?')).toEqual([['Bill Smith', 0.85]]);
    expect(names("Hi, my name is sarah jones and I'm will")).toEqual([
      ['sarah jones', 0.7],
      ['will', 0.7],
    ]);
    expect(names('José García and Jean-Luc O’Brien came.')).toEqual([
      ['José García', 0.9],
      ['Jean-Luc O’Brien', 0.75],
    ]);
    expect(names('NHS GP ISA statement')).toEqual([]);
    expect(names('Call 李伟 or 你好吗')).toEqual([
      ['李伟', 0.85],
      ['你好吗', 0.65],
    ]);
  });

  it('finds introductions however they are cased, but not inside words', () => {
    expect(names('MY NAME IS sarah')).toEqual([['sarah', 0.7]]);
    expect(names('claim is sarah')).toEqual([]);
    expect(names("i'm am sarah")).toEqual([]);
    // Odd lower-casing (Kelvin sign, dotted capital I) keeps the old lower-cased-text behaviour.
    expect(names('\u212aname is sarah')).toEqual([]);
    expect(names('my name is sarah, from İzmir')).toEqual([['sarah', 0.7]]);
  });

  it('finds exactly the capital words of the Unicode regex', () => {
    fc.assert(
      fc.property(TEXTS, (text) => {
        pass(text);
        const got: string[] = [];
        for (let k = 0; k < found.words; k++) {
          got.push(`${found.start[k]}:${text.slice(found.start[k], found.end[k])}`);
        }
        expect(got).toEqual(trimmedWords(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives every ASCII capital word the flags of its lower-cased slice', () => {
    // Words of every length up to the packing limit and past it, known to the gazetteer or not.
    const words = fc.constantFrom(
      ...'A Al Ann Mary Sarah Thomas Michael Jonathan Alexandra Christopher Maximiliana Bartholomewxy'.split(
        ' ',
      ),
      ...'Abcdefghijklm NHS ISA Dr Mrs Hello Thanks Bank Ward Smith Jones Will Grace SARAH'.split(' '),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(words, PIECES), { maxLength: 12 }), (parts) => {
        const text = parts.join(' ');
        pass(text);
        for (let k = 0; k < found.words; k++) {
          const word = text.slice(found.start[k], found.end[k]);
          // Words next to non-ASCII characters take the regex path, tested above.
          if (
            !/^[A-Za-z]+$/.test(word) ||
            /[\u0080-\uffff]/.test(text.slice(Math.max(0, found.start[k]! - 1), found.end[k]! + 1))
          ) {
            continue;
          }
          const lf = wordFlags(word.toLowerCase());
          const acronym = /^[A-Z][A-Z]+$/.test(word) && (lf & (F_FIRST | F_LAST)) === 0;
          expect([word, found.lf[k]]).toEqual([word, acronym ? F_NOT_NAME : lf]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('packs a capital word that ends at the code-unit buffer', () => {
    // The buffer is at least 4096 units; a text filling it leaves no room to read past a word.
    const size = bufferForTests().length;
    for (const word of ['Sarah', 'Christopher', 'Al']) {
      const text = ' '.repeat(size - 3 - word.length) + word + '.';
      pass(text);
      expect(found.lf[found.words - 1]).toBe(wordFlags(word.toLowerCase()));
    }
  });

  it('finds exactly the introductions of the lower-case regex', () => {
    fc.assert(
      fc.property(TEXTS, (text) => {
        pass(text);
        if (found.oddCase) return;
        const got = [...found.introEnd.subarray(0, found.intros)];
        expect(got).toEqual([...text.toLowerCase().matchAll(LOWER_INTRO)].map((m) => m.index + m[0].length));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds Han names as the script regex does', () => {
    const HAN_RUN = /(?<!\p{Script=Han})\p{Script=Han}{2,4}(?!\p{Script=Han})/gu;
    const han = fc
      .array(fc.constantFrom('李', '王', '伟', '芳', '々', '〇', '⺀', '𠀀', 'a', ' ', '。', '😀'), {
        maxLength: 16,
      })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(han, (text) => {
        const s = new Scan(text);
        persons(s, true);
        const got = s.out.map((c) => `${c.start}:${c.end}`);
        expect(got).toEqual([...text.matchAll(HAN_RUN)].map((m) => `${m.index}:${m.index + m[0].length}`));
      }),
    );
  });

  it('looks spans up exactly as slice + toLowerCase + Map', () => {
    const map = new Map([
      ['smith', 1],
      ['o-brien', 2],
      ["o'neill", 3],
      ['my name is', 4],
      ['andrés', 5],
      ['k', 6],
      ['abcdefghijkl', 7],
    ]);
    const table = new SpanTable(map);
    const spans = fc.array(
      fc.constantFrom('S', 'm', 'I', 't', 'H', "'", '-', ' ', 'é', 'É', '\u212a', 'k', 'o', 'a'),
      {
        maxLength: 14,
      },
    );
    const u = new Uint16Array(32);
    for (const text of [
      'SMITH',
      'Smith',
      "O'Neill",
      'O-BRIEN',
      'My Name Is',
      'ANDRÉS',
      '\u212a',
      'ABCDEFGHIJKL',
    ]) {
      for (let k = 0; k < text.length; k++) u[k] = text.charCodeAt(k);
      expect(table.get(u, text, 0, text.length)).toBe(map.get(text.toLowerCase()));
    }
    fc.assert(
      fc.property(spans, (parts) => {
        const text = parts.join('');
        for (let k = 0; k < text.length; k++) u[k] = text.charCodeAt(k);
        expect(table.get(u, text, 0, text.length)).toBe(map.get(text.toLowerCase()) ?? 0);
      }),
    );
    expect(FLAGS.get(u, '', 0, 0)).toBe(0);
  });

  it('looks strings up exactly as the Map does', () => {
    const map = new Map([
      ['smith', 1],
      ['my name is', 4],
      ['zoë', 10],
      ['abcdefghijkl', 11],
      ['Mixed', 12],
    ]);
    const table = new SpanTable(map);
    for (const key of [
      'smith',
      'Smith',
      'smit',
      'smithy',
      'my name is',
      'zoë',
      'zoe',
      'abcdefghijkl',
      'abcdefghijklm',
      'Mixed',
      'mixed',
      '',
    ]) {
      expect(table.getString(key)).toBe(map.get(key) ?? 0);
    }
    const words = fc.array(fc.constantFrom('s', 'm', 'i', 't', 'h', 'S', ' ', 'ë', 'z', 'o', 'e'), {
      maxLength: 13,
    });
    fc.assert(
      fc.property(words, (parts) => {
        const key = parts.join('');
        expect(table.getString(key)).toBe(map.get(key) ?? 0);
      }),
    );
  });

  it('keeps keys outside the five-bit alphabet exact: a point, a digit, a letter past it', () => {
    const map = new Map([
      ['st.', 1],
      ['a1', 2],
      ['zoë.', 3],
      ['dr', 4],
      ['mary-jane o', 5],
    ]);
    const table = new SpanTable(map);
    const plain = new SpanTable(new Map([['dr', 4]]));
    const u = new Uint16Array(32);
    const parts = fc.array(
      fc.constantFrom('S', 't', '.', 'A', '1', 'z', 'o', 'Ë', 'ë', 'D', 'r', '-', ' ', '_', '`'),
      {
        maxLength: 13,
      },
    );
    fc.assert(
      fc.property(parts, (ps) => {
        const text = ps.join('');
        for (let k = 0; k < text.length; k++) u[k] = text.charCodeAt(k);
        expect(table.get(u, text, 0, text.length)).toBe(map.get(text.toLowerCase()) ?? 0);
        expect(plain.get(u, text, 0, text.length)).toBe(text.toLowerCase() === 'dr' ? 4 : 0);
        expect(table.getString(text)).toBe(map.get(text) ?? 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('folds Latin letters char by char exactly as NFD does', () => {
    const slow = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '');
    for (let c = 0; c < 0x250; c++) {
      const ch = String.fromCharCode(c).toLowerCase();
      expect(fold(ch)).toBe(slow(ch));
    }
    const latin = fc
      .array(fc.integer({ min: 0x41, max: 0x24f }), { minLength: 1, maxLength: 8 })
      .map((cs) => String.fromCharCode(...cs).toLowerCase());
    fc.assert(
      fc.property(latin, (w) => {
        expect(fold(w)).toBe(slow(w));
      }),
    );
    // Latin Extended Additional and the CJK ideographs fold char by char too, mixed with the above.
    for (let c = 0x1e00; c < 0x1f00; c++) {
      const ch = String.fromCharCode(c).toLowerCase();
      expect(fold(ch)).toBe(slow(ch));
    }
    const mixed = fc
      .array(
        fc.oneof(
          fc.integer({ min: 0x41, max: 0x24f }),
          fc.integer({ min: 0x1e00, max: 0x1eff }),
          fc.integer({ min: 0x3400, max: 0x4dbf }),
          fc.integer({ min: 0x4e00, max: 0x9fff }),
          fc.integer({ min: 0x300, max: 0x36f }),
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((cs) => String.fromCharCode(...cs).toLowerCase());
    fc.assert(
      fc.property(mixed, (w) => {
        expect(fold(w)).toBe(slow(w));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a name in Latin letters before the same name in its own script', () => {
  const names = (text: string): string[] =>
    detectPii(text)
      .filter((s) => s.type === 'PERSON')
      .map((s) => text.slice(s.start, s.end));

  it('reads as many capitalised words before the bracket as the bracketed name has', () => {
    expect(names('Applicant Oksana Hrytsenko (Оксана Гриценко) brought her visa')).toEqual([
      'Oksana Hrytsenko',
      'Оксана Гриценко',
    ]);
    expect(names('KYC flag: Nikos Andreou Georgiou (Νίκος Ανδρέου Γεωργίου), cleared')).toEqual([
      'Nikos Andreou Georgiou',
      'Νίκος Ανδρέου Γεωργίου',
    ]);
  });

  it('needs a count to match, capitals and lower case', () => {
    expect(names('our Osaka Branch (大阪支店) opens')).not.toContain('Branch');
    expect(names('see the PEP LIST (Оксана Гриценко) today')).toEqual(['Оксана Гриценко']);
    expect(names('see the list (Оксана Гриценко) today')).toEqual(['Оксана Гриценко']);
  });
});

describe('a record line opening with its person', () => {
  it('reads two unlisted words closed by a cue in capitals', () => {
    const text = 'Dariush Tehrani DOB 04.02.1958, mobile 07700 900123';
    const got = detectPii(text).filter((s) => s.type === 'PERSON');
    expect(got.map((s) => text.slice(s.start, s.end))).toEqual(['Dariush Tehrani']);
  });

  it('leaves a capitalised word before a cue spelt as a word alone', () => {
    const text = 'Orange Dob was the brand on the label';
    expect(detectPii(text).filter((s) => s.type === 'PERSON')).toEqual([]);
  });
});
