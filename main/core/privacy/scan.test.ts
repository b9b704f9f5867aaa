import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus/evaluate';
import { Scan } from './scan';
import { textPass } from './scan-pass';

// The specification the text pass implements by hand: the keyword alternation as one regex over the
// lower-cased text (the kind is that of the first group whose language holds the matched keyword),
// digit runs as /\d+/g and sentence stops as STOPS: /[.!?](?=\s)|\n/g, except the dot of a cue's
// abbreviation with a value after it ("NHS no. 943 ...", "tel. +44 ...").
const ABBREVIATION = '(?<![A-Za-z])(?:no|nr|ph|tel|acc|mob|num|ext)';
const STOPS = new RegExp(
  `[!?](?=\\s)|(?<!${ABBREVIATION})\\.(?=\\s)|(?<=${ABBREVIATION})\\.(?=\\s(?:[^\\d+]|$))|\\n`,
  'gi',
);
const GROUPS: Array<[string, RegExp]> = [
  [
    'NHS',
    /nhs|chi number|chi no|chi|health (?:service )?(?:no|number)|h&c|h & c|h\+c|health and care|health & care|hcn/,
  ],
  ['SSN', /ssn|social security|social sec|soc sec|ss|social/],
  ['NINO', /national insurance|ni (?:no|number)|nino/],
  ['SORT', /sort[ -]?code|sort|s\/c|s\.c|sc/],
  [
    'NOT_PII',
    /routing|aba|version|build|serial|model|software|firmware|release|council tax (?:account|acc|ref|reference|no)/,
  ],
  [
    'ACCOUNT',
    /account|acct|a\/c|acc(?:\.|ount)? no|acc|ac|accnt|acnt|konto|kontonummer|numer konta|nr konta|cuenta/,
  ],
  ['CARD', /card|visa|mastercard|amex|debit|credit|pan/],
  [
    'PHONE',
    /phone|call|calling|mobile|tel|telephone|cell|ring|landline|whatsapp|text|reach|contact|fax|ext|mob|cb|my number|sms|msisdn|telefon|telefonu|telefonnummer|telefono|telefone|telefoon|numer tel|ph/,
  ],
  ['DOB', /born|birth|d\.o\.b|dob|birthday|bday|birthdate|d\/o\/b/],
  [
    'EVENT_DATE',
    /paid|payment|transaction|transfer|charged|debited|credited|deposit|withdrawal|purchase|statement|appointment|booked|scheduled|visit|due|expires?|expiry|dated|posted|refund|ordered|delivered/,
  ],
  [
    'PASSPORT',
    /passport|pp|ppt|passportnumber|passportno|pasaporte|passeport|reisepass|passaporto|passaporte|paszport|paszportu|paspoort|pasaport|pasaportu/,
  ],
  [
    'LICENSE',
    /driv(?:ing|er'?s?) licen[cs]e|licen[cs]e (?:no|number)|dl|licen[cs]e|lic|dvla|driverlicense|drivinglicence|licen[cs]enumber/,
  ],
  [
    'MRN',
    /mrn|medical record|hospital (?:no|number|id)|patient (?:id|no|number)|record (?:no|number)|case number|med rec|hosp no|hosp|chart|unit (?:no|number)|pt id|epr|pas no|case note|patientid|hospitalnumber|hospitalno|mrnumber|emis no|emis number|emis|systmone no|rxn|rx no|rx number|mr no|mr number|casenote|a&e no|a&e number|ed number|k number|trust number|hospital ref(?:erence)?/,
  ],
  ['POSTAL', /post ?code|postal|zip|eircode|address|live at|lives at|living at|moved to|deliver to/],
  ['IP', /ip|ip address|logged in from|login from/],
  [
    'NOT_PII',
    /order|ref|reference|invoice|tracking|booking|ticket|claim|policy|receipt|confirmation|id|amount|balance|total|pin|otp|passcode|one-time|security code|verification code|code is/,
  ],
  [
    'NAME',
    /name|full name|patient name|cust|pt|nok|next of kin|attendees|spoke to|spoke with|spoke w|passed to|met with|handed over to|message for|referral for|seen by|fullname|patientname|customername|surname|forename|first name|last name|speaking with/,
  ],
  ['NAME_COLON', /customer|caller|patient|holder/],
  ['NAME_HEADER', /present|cc/],
  ['NAME_WEAK', /hi|hello|hiya|dear|morning|re|this is/],
  ['NAME_TITLE', /dr|mr|mrs|ms|miss|prof|nurse/],
  ['NAME_SIGN', /regards|wishes|thanks|cheers|sincerely|faithfully|best/],
];
const KEYWORD_RE = new RegExp(`\\b(?:${GROUPS.map(([, re]) => re.source).join('|')})(?![a-z])`, 'g');

function expectedHits(text: string): string {
  const lower = text.toLowerCase();
  const out: string[] = [];
  KEYWORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORD_RE.exec(lower)) !== null) {
    const word = m[0];
    const kind = GROUPS.find(([, re]) => new RegExp(`^(?:${re.source})$`).test(word))![0];
    out.push(`${kind}@${m.index}-${m.index + word.length}`);
  }
  return out.join(' ');
}

function actualHits(text: string): string {
  // Name cues are kept apart from the other hits; together they are the alternation's matches.
  const scan = new Scan(text);
  return [...scan.hits, ...scan.cues]
    .sort((a, b) => a.start - b.start)
    .map((h) => `${h.kind}@${h.start}-${h.end}`)
    .join(' ');
}

function positions(re: RegExp, text: string, shift: number): number[] {
  return [...text.matchAll(re)].map((m) => m.index + shift);
}

const PIECES = [
  ...['sort', ' code', '-code', 'code', ' is', 'SORT', 'Acc', '. no', ' No', 'a/c', 'A/C', 'd.o.b', 'D.O.B'],
  ...["driver's", 'Drivers', "driver'", ' licence', ' LICENSE', 'driving', 'ip', 'IP', ' address', 'health'],
  ...[' service', ' number', 'ni', 'social', ' sec', 'urity', 'ref', 'refs', 'call', 'ing', 'text', 's'],
  ...['expire', 'one', '-time', 'record', 'medical', 'post', 'live', ' at', 'logged', ' in', ' from', 'x'],
  ...['0', '12', '345', '_', ' ', '  ', '.', '. ', '!', '? ', '\n', '\t', '\u00a0', '\u2003', ',', "'"],
  ...[
    's/c',
    'sc',
    'acc',
    'pp',
    'hosp',
    'chart',
    'unit',
    ' note',
    'name',
    'Name',
    'pt',
    'it',
    "'s",
    'hi',
    'this',
  ],
  ...[' is', 'version', 'routing', 'my', 'mob', 'lic', 'Dr', 'regards', 'from', 'cc', 'first', 'med', ' rec'],
  ...['é', 'Ł', '\u212a', 'İ', '李', '\ud83d\ude00', '\ud800', 'K', 'id', 'ID', 'pan', 'nhs', 'NHS'],
];

function generated(count: number): string[] {
  let seed = 11;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let k = 0, n = 1 + rnd(24); k < n; k++) text += PIECES[rnd(PIECES.length)];
    texts.push(text);
  }
  return texts;
}

const corpus = loadCorpus().map((e) => e.text);
const texts = [...corpus, ...corpus.map((t) => t.toUpperCase()), ...generated(30000)];

describe('text pass', () => {
  it('finds exactly the keywords of the lower-case alternation', () => {
    let found = 0;
    for (const text of texts) {
      const expected = expectedHits(text);
      expect(actualHits(text), JSON.stringify(text)).toBe(expected);
      if (expected !== '') found++;
    }
    expect(found).toBeGreaterThan(10000);
  });

  it('finds the same hits without the name cues, and no cues', () => {
    let hits = 0;
    for (const text of texts) {
      const all = textPass(text);
      const values = textPass(text, false);
      expect(values.hits, JSON.stringify(text)).toEqual(all.hits);
      expect(values.cues).toEqual([]);
      hits += all.hits.length;
    }
    expect(hits).toBeGreaterThan(10000);
  });

  it('finds exactly the digit runs and sentence stops of the regexes', () => {
    for (const text of texts) {
      const pass = textPass(text);
      const starts = positions(/\d+/g, text, 0);
      expect(pass.runs.starts, text).toEqual(starts);
      expect(pass.runs.ends, text).toEqual([...text.matchAll(/\d+/g)].map((m) => m.index + m[0].length));
      expect(pass.runs.count).toBe(starts.length);
      expect(pass.stops, text).toEqual(positions(STOPS, text, 1));
    }
  });

  it("notes '=', '</' and tabs exactly where text.includes finds them", () => {
    const made = [
      'see /x?sort=1&acct=2',
      'a <b>1</b> tag',
      'a < /b no tag',
      'col\tcol',
      'x=',
      '</',
      'no marks here at all',
      'Ref<42>, sum==3',
    ];
    for (const text of [...texts, ...made]) {
      const pass = textPass(text);
      expect(pass.equals, text).toBe(text.includes('='));
      expect(pass.closingTag, text).toBe(text.includes('</'));
      expect(pass.tab, text).toBe(text.includes('\t'));
    }
  });

  it('chains digit runs across single spaces and hyphens', () => {
    expect(textPass('4111 1111-1111  1111 22').runs.chain).toEqual([12, 8, 4, 6, 2]);
  });

  it('keeps keyword positions of the lower-cased text where lower-casing changes the length', () => {
    // "İ" lower-cases to two code units: positions shift by one, as they always have.
    expect(actualHits('İ sort code 12')).toBe('SORT@3-12');
    // The Kelvin sign lower-cases to "k", a letter that ends no keyword.
    expect(actualHits('ref\u212a ref')).toBe('NOT_PII@5-8');
  });

  it('reads long texts and keeps each scan on its own text', () => {
    const long = `${'x'.repeat(70000)} sort code 12-34-56`;
    expect(actualHits(long)).toBe('SORT@70001-70010');
    const a = new Scan('call 0161 496 0000');
    const b = new Scan('ref 12');
    expect(a.runs.count).toBe(3);
    expect(b.runs.count).toBe(1);
    expect(a.codes[5]).toBe(48);
    expect(b.codes[4]).toBe(49);
    expect(a.codes[a.text.length]).toBe(0);
  });
});

describe("a cue's abbreviation before its value", () => {
  it('is no sentence end', () => {
    expect(textPass('NHS no. 401 023 2137 today').stops).toEqual([]);
    expect(textPass('Tel. +44 20 7946 0018. Thanks').stops).toEqual([22]);
    expect(textPass('I said no. Then left. acc. 31926819').stops).toEqual([10, 21]);
    expect(textPass('piano. 3 lessons').stops).toEqual([6]);
  });
});
