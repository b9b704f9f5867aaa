/**
 * Layouts for the second corpus: the forms text takes at a desk that the first corpus's conversational
 * templates do not cover (shorthand notes, letters with signatures, form and CSV and JSON dumps, chat
 * transcripts whose cue is the previous line, voicemail transcriptions). Each layout appends text and
 * labelled values to a Doc, so labels are exact by construction.
 */
import type { PiiType } from '../types';
import { CARD_BRANDS, type Values } from './values';

export interface GoldSpan {
  start: number;
  end: number;
  type: PiiType;
}

export class Doc {
  text = '';
  readonly spans: GoldSpan[] = [];
  t(s: string): this {
    this.text += s;
    return this;
  }
  v(type: PiiType, s: string): this {
    this.spans.push({ start: this.text.length, end: this.text.length + s.length, type });
    this.text += s;
    return this;
  }
}

type Layout = (d: Doc, v: Values) => void;

// ---- formatting of values -----------------------------------------------------------------------------

const SEPS = [' ', '-', '', ' ', '.', '  '];

function groupCard(v: Values, n: string): string {
  const sep = v.pick(SEPS);
  let sizes: number[];
  if (n.length === 15) sizes = [4, 6, 5];
  else if (n.length === 14) sizes = [4, 6, 4];
  else sizes = [];
  if (sizes.length === 0) {
    const parts: string[] = [];
    for (let i = 0; i < n.length; i += 4) parts.push(n.slice(i, i + 4));
    return parts.join(sep);
  }
  const out: string[] = [];
  let i = 0;
  for (const s of sizes) {
    out.push(n.slice(i, i + s));
    i += s;
  }
  return out.join(sep);
}

function card(v: Values): string {
  return groupCard(v, v.card(v.pick(CARD_BRANDS)));
}

function sortCode(v: Values): string {
  const [a, b, c] = v.sortCode();
  const sep = v.pick(['-', '-', ' ', '', '.', '  ']);
  return [a, b, c].join(sep);
}

function ssn(v: Values): string {
  const [a, b, c] = v.ssn();
  return [a, b, c].join(v.pick(['-', '-', ' ', '', '.']));
}

function nhs(v: Values): string {
  const n = v.nhs();
  const sep = v.pick([' ', '-', '', ' ', '.']);
  return `${n.slice(0, 3)}${sep}${n.slice(3, 6)}${sep}${n.slice(6)}`;
}

function nino(v: Values): string {
  const n = v.nino();
  const x = v.chance(0.3) ? n.toLowerCase() : n;
  return v.chance(0.4)
    ? `${x.slice(0, 2)} ${x.slice(2, 4)} ${x.slice(4, 6)} ${x.slice(6, 8)} ${x.slice(8)}`
    : x;
}

function phone(v: Values): string {
  const country = v.pick(['GB', 'GB', 'GB', 'US', 'US', 'DE', 'FR', 'IE', 'ES', 'IN', 'AU'] as const);
  const { national, e164 } = v.phone(country);
  return v.pick([
    () => national,
    () => national,
    () => e164,
    () => national.replace(/ /g, '.'),
    () => national.replace(/ /g, '  '),
    () => national.replace(/[^\d]/g, ''),
    () => (country === 'GB' ? national.replace(/^(\S+) /, '($1) ') : national),
  ])();
}

function iban(v: Values): string {
  const i = v.iban();
  const spaced = i.replace(/(.{4})/g, '$1 ').trim();
  return v.pick([i, spaced, spaced, spaced.toLowerCase()]);
}

function email(v: Values, name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z ]/g, '')
    .replace(/ +/g, v.pick(['.', '_', '']));
  const local = base.length > 1 ? base : `user${v.digits(3)}`;
  return `${local}${v.chance(0.3) ? v.digits(2) : ''}@${v.pick(['gmail.com', 'outlook.com', 'btinternet.com', 'yahoo.co.uk', 'nhs.net', 'proton.me', 'icloud.com'])}`;
}

function person(v: Values): { full: string; given: string; family: string } {
  const full = v.fullName();
  const parts = full.split(' ');
  return { full, given: parts[0]!, family: parts[parts.length - 1]! };
}

/** Names as staff type them: as given, lower case, or capitals. */
function cased(v: Values, s: string): string {
  const r = v.r();
  if (r < 0.2) return s.toLowerCase();
  if (r < 0.35) return s.toUpperCase();
  return s;
}

function usDl(v: Values): { state: string; value: string } {
  return v.usLicence();
}

function ukDl(v: Values): string {
  const p = person(v);
  return v.ukLicence(
    /^[A-Za-z]/.test(p.family) ? p.family : 'Smith',
    /^[A-Za-z]/.test(p.given) ? p.given : 'J',
    v.chance(0.4) ? v.pick(['Ann', 'James', 'Lee', 'Marie']) : null,
  );
}

function anyDl(v: Values): string {
  return v.chance(0.5) ? ukDl(v) : usDl(v).value;
}

function mrn(v: Values): string {
  return v.mrn();
}

function address(d: Doc, v: Values): void {
  if (v.chance(0.7)) {
    if (v.chance(0.2)) d.t(`Flat ${v.int(1, 30)}, `);
    d.v('ADDRESS', v.street())
      .t(`, ${v.pick(CITIES)} `)
      .v('POSTCODE', v.ukPostcode());
  } else {
    const st = v.pick(['CA', 'NY', 'TX', 'IL', 'WA', 'MA', 'FL']);
    d.v('ADDRESS', v.usStreet())
      .t(`, ${v.pick(US_CITIES)}, ${st} `)
      .v('POSTCODE', v.digits(5));
  }
}

const CITIES = [
  'Leeds',
  'Manchester',
  'Bristol',
  'Cardiff',
  'Glasgow',
  'Norwich',
  'York',
  'Belfast',
  'Derby',
  'Hull',
];
const US_CITIES = ['Austin', 'Denver', 'Portland', 'Boston', 'Chicago', 'Tampa', 'Seattle', 'Dayton'];

// ---- distractors (never labelled) ------------------------------------------------------------------------

function amount(v: Values): string {
  return v.pick(['£', '$', '€']) + `${v.int(1, 9999)}.${v.digits(2)}`;
}
function refNo(v: Values): string {
  return v.pick([
    () => `REF-${v.int(2019, 2026)}-${v.digits(6)}`,
    () => `INV${v.digits(7)}`,
    () => `case ${v.digits(6)}`,
    () => `ticket #${v.digits(5)}`,
    () => `order ${v.digits(4)}-${v.digits(4)}`,
  ])();
}
function eventDate(v: Values): string {
  return `${v.int(1, 28)}/${v.int(1, 12)}/${v.int(2023, 2026)}`;
}

// ---- layouts ---------------------------------------------------------------------------------------------

const staffShorthandBank: Layout = (d, v) => {
  const p = person(v);
  d.t(v.pick(['cust ', 'Cust: ', 'c/o ', 'CUST ', '']));
  d.v('PERSON', cased(v, p.full));
  d.t(
    v.pick([' in re lost card. ', ' att branch re overdraft. ', ' - fraud query. ', ' rang re DD cancel. ']),
  );
  d.t(v.pick(['vrfd ', 'ID&V ok ', 'verified ', 'ver. ']));
  d.t(v.pick(['dob ', 'DOB ', 'd.o.b. ', 'D/O/B '])).v('DATE_OF_BIRTH', v.dob());
  d.t(v.pick([', s/c ', ', sc ', ', sort ', '. Sort code '])).v('SORT_CODE', sortCode(v));
  d.t(v.pick([' a/c ', ' acc ', ' acct no ', ' ac# '])).v('BANK_ACCOUNT', v.account());
  if (v.chance(0.6)) d.t(v.pick(['. new mob ', '. tel ', '. cb on ', '. mob: '])).v('PHONE', phone(v));
  if (v.chance(0.5)) d.t(v.pick(['. card ', '. pan ', '. new card no. ', '. cc '])).v('CREDIT_CARD', card(v));
  d.t(v.pick(['. amt ', '. disputed ', '. fee ']))
    .t(amount(v))
    .t(` on ${eventDate(v)}, ${refNo(v)}.`);
};

const staffShorthandClinic: Layout = (d, v) => {
  const p = person(v);
  d.t(v.pick(['pt ', 'Pt: ', 'PT ', 'patient ']));
  d.v('PERSON', cased(v, p.full));
  d.t(
    ` ${v.int(18, 95)}${v.pick(['y', 'yo', ' y/o', 'M', 'F'])} c/o ${v.pick(['chest pain', 'SOB', 'fall', 'UTI sx', 'headache'])}. `,
  );
  d.t(
    v.pick([
      'hosp no ',
      'Hosp No. ',
      'MRN ',
      'mrn: ',
      'med rec # ',
      'chart # ',
      'unit no ',
      'pt id ',
      'EPR no ',
      'case note no ',
    ]),
  ).v('MEDICAL_RECORD_NUMBER', mrn(v));
  d.t(v.pick([', nhs ', ', NHS no ', '. nhs# ', ', NHS: '])).v('UK_NHS', nhs(v));
  if (v.chance(0.6))
    d.t(v.pick(['. nok ', '. NOK: ', '. next of kin ']))
      .v('PERSON', cased(v, person(v).full))
      .t(' ')
      .v('PHONE', phone(v));
  d.t(`. ${v.pick(['Amoxicillin 500mg TDS', 'obs stable', 'BP 132/84', 'bed 14 ward 7B', 'review 2/52'])}.`);
};

const emailWithSignature: Layout = (d, v) => {
  const staff = person(v);
  const cust = person(v);
  d.t(v.pick(['Hi ', 'Hello ', 'Dear ', 'Morning ']))
    .v('PERSON', staff.given)
    .t(',\n\n');
  d.t(
    v.pick([
      'Please could you update my details. ',
      'Following my visit yesterday, here are the details you asked for. ',
      'Sorry for the delay in getting back to you. ',
    ]),
  );
  const what = v.int(0, 4);
  if (what === 0) {
    d.t('My new address is ');
    address(d, v);
    d.t('. ');
  } else if (what === 1) {
    d.t('The card that was retained is ').v('CREDIT_CARD', card(v)).t('. ');
  } else if (what === 2) {
    d.t('Payments should go to ').v('IBAN', iban(v)).t('. ');
  } else if (what === 3) {
    d.t('My NI number is ').v('UK_NINO', nino(v)).t(' and I was born ').v('DATE_OF_BIRTH', v.dob()).t('. ');
  } else {
    d.t('My passport number is ')
      .v('PASSPORT', v.passport())
      .t(', it expires ')
      .t(`${v.pick(['03/2031', 'Sept 2029', 'June 2030', '11/2028'])}. `);
  }
  d.t('\n\n');
  d.t(
    v.pick([
      'Kind regards,\n',
      'Best wishes,\n',
      'Thanks,\n',
      'Many thanks\n',
      'Cheers,\n',
      'Regards\n',
      '--\n',
    ]),
  );
  d.v('PERSON', v.chance(0.15) ? cust.full.toUpperCase() : cust.full);
  if (v.chance(0.7))
    d.t('\n')
      .t(v.pick(['', 'Mob: ', 'Tel ', 'M: ', 'Phone: ']))
      .v('PHONE', phone(v));
  if (v.chance(0.5)) d.t('\n').v('EMAIL', email(v, cust.full));
};

const formalLetter: Layout = (d, v) => {
  const doc = person(v);
  const pt = person(v);
  d.t(`Dear Dr ${''}`).v('PERSON', doc.family).t(',\n\n');
  d.t('Re: ')
    .v('PERSON', pt.full.toUpperCase())
    .t(v.pick([', DOB ', ' DOB: ', ' (d.o.b. ', ', born ']))
    .v('DATE_OF_BIRTH', v.dob());
  d.t(v.pick([', NHS No ', ', NHS Number: ', ' NHS '])).v('UK_NHS', nhs(v));
  d.t(v.pick([', Hospital No ', ', MRN ', ', Hosp. No. ', ', Patient ID ']))
    .v('MEDICAL_RECORD_NUMBER', mrn(v))
    .t('\n');
  d.t('Address: ');
  address(d, v);
  d.t(`\n\nI saw this ${v.int(20, 90)} year old in clinic on ${eventDate(v)}. `);
  d.t(
    v.pick(['Plan: repeat bloods in 6 weeks. ', 'No change to medication. ', 'Referred to physiotherapy. ']),
  );
  d.t('\n\nYours sincerely,\n\n');
  const sig = person(v);
  d.t(v.pick(['Dr ', 'Dr. ', '', 'Prof ']))
    .v('PERSON', sig.full)
    .t('\n')
    .t(v.pick(['Consultant Physician', 'Specialty Registrar', 'GP Partner']));
  if (v.chance(0.5))
    d.t('\ncc: ')
      .v('PERSON', person(v).full)
      .t(v.pick([' (GP)', ', practice nurse', '']));
};

const formDump: Layout = (d, v) => {
  const p = person(v);
  const fields: Array<() => void> = [
    () =>
      d
        .t(v.pick(['Name: ', 'Full name: ', 'NAME: ', 'Patient name: ', 'Customer: ']))
        .v('PERSON', cased(v, p.full)),
    () =>
      d
        .t(v.pick(['DOB: ', 'Date of Birth: ', 'D.O.B.: ', 'dob: ', 'Birth date: ']))
        .v('DATE_OF_BIRTH', v.dob()),
    () => {
      d.t(v.pick(['Address: ', 'Addr: ', 'Home address: ']));
      address(d, v);
    },
    () => d.t(v.pick(['Tel: ', 'Mobile: ', 'Phone: ', 'Contact no: ', 'Home tel: '])).v('PHONE', phone(v)),
    () => d.t(v.pick(['Email: ', 'E-mail: ', 'email: '])).v('EMAIL', email(v, p.full)),
    () => d.t(v.pick(['NI No: ', 'NINO: ', 'National Insurance: '])).v('UK_NINO', nino(v)),
    () => d.t(v.pick(['NHS No: ', 'NHS number: ', 'NHS#: '])).v('UK_NHS', nhs(v)),
    () =>
      d
        .t(v.pick(['Passport No: ', 'Passport: ', 'Passport number: ', 'PP No: ']))
        .v('PASSPORT', v.passport()),
    () =>
      d
        .t(v.pick(['Licence No: ', 'Driving licence: ', 'DL No: ', "Driver's License #: "]))
        .v('DRIVER_LICENSE', anyDl(v)),
    () => d.t(v.pick(['Sort code: ', 'Sort Code: ', 'S/C: '])).v('SORT_CODE', sortCode(v)),
    () => d.t(v.pick(['Account no: ', 'Account number: ', 'A/C: '])).v('BANK_ACCOUNT', v.account()),
    () =>
      d
        .t(v.pick(['MRN: ', 'Hospital number: ', 'Patient ID: ', 'Chart no: ']))
        .v('MEDICAL_RECORD_NUMBER', mrn(v)),
    () => d.t(v.pick(['SSN: ', 'Social Security No: ', 'SS#: '])).v('US_SSN', ssn(v)),
    () => d.t('Appointment: ').t(eventDate(v)),
    () => d.t('Amount: ').t(amount(v)),
    () => d.t('Reference: ').t(refNo(v)),
  ];
  const n = v.int(4, 7);
  const order = [
    0,
    ...shuffle(
      v,
      fields.slice(1).map((_, i) => i + 1),
    ).slice(0, n - 1),
  ];
  for (const i of order) {
    fields[i]!();
    d.t('\n');
  }
};

function shuffle<T>(v: Values, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = v.int(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

interface Column {
  headers: readonly string[];
  /** Writes a cell; returns nothing, labels through the Doc. */
  cell: (d: Doc, v: Values) => void;
}

const COLUMNS: readonly Column[] = [
  {
    headers: ['name', 'full_name', 'Patient Name', 'customer', 'NAME'],
    cell: (d, v) => d.v('PERSON', cased(v, person(v).full)),
  },
  { headers: ['dob', 'date_of_birth', 'DOB', 'Birth Date'], cell: (d, v) => d.v('DATE_OF_BIRTH', v.dob()) },
  { headers: ['sort_code', 'SortCode', 'sc'], cell: (d, v) => d.v('SORT_CODE', sortCode(v)) },
  { headers: ['account_number', 'acct', 'AccountNo'], cell: (d, v) => d.v('BANK_ACCOUNT', v.account()) },
  { headers: ['nhs_number', 'NHS No', 'nhs'], cell: (d, v) => d.v('UK_NHS', nhs(v)) },
  {
    headers: ['mrn', 'hospital_no', 'Patient ID', 'chart_no'],
    cell: (d, v) => d.v('MEDICAL_RECORD_NUMBER', mrn(v)),
  },
  { headers: ['phone', 'mobile', 'tel', 'Contact Number'], cell: (d, v) => d.v('PHONE', phone(v)) },
  { headers: ['postcode', 'post_code', 'zip'], cell: (d, v) => d.v('POSTCODE', v.ukPostcode()) },
  { headers: ['passport_no', 'Passport'], cell: (d, v) => d.v('PASSPORT', v.passport()) },
  { headers: ['licence_no', 'dl_number', 'DriverLicense'], cell: (d, v) => d.v('DRIVER_LICENSE', anyDl(v)) },
  { headers: ['ssn', 'SSN'], cell: (d, v) => d.v('US_SSN', ssn(v)) },
  { headers: ['ni_number', 'NINO'], cell: (d, v) => d.v('UK_NINO', nino(v)) },
  { headers: ['card_number', 'PAN', 'card'], cell: (d, v) => d.v('CREDIT_CARD', card(v)) },
  { headers: ['amount', 'balance'], cell: (d, v) => d.t(amount(v)) },
  { headers: ['appt_date', 'created'], cell: (d, v) => d.t(eventDate(v)) },
  { headers: ['ref', 'order_id'], cell: (d, v) => d.t(v.digits(8)) },
  { headers: ['status'], cell: (d, v) => d.t(v.pick(['open', 'closed', 'pending'])) },
];

const csvRows: Layout = (d, v) => {
  const cols = shuffle(v, [...COLUMNS]).slice(0, v.int(3, 6));
  const sep = v.pick([',', ',', ';', '\t']);
  d.t(cols.map((c) => v.pick(c.headers)).join(sep)).t('\n');
  const rows = v.int(1, 3);
  for (let r = 0; r < rows; r++) {
    cols.forEach((c, i) => {
      if (i > 0) d.t(sep);
      c.cell(d, v);
    });
    d.t('\n');
  }
};

const JSON_KEYS: ReadonlyArray<[readonly string[], (v: Values) => [PiiType | null, string]]> = [
  [['fullName', 'name', 'patientName', 'customer_name'], (v) => ['PERSON', person(v).full]],
  [['birthDate', 'dob', 'dateOfBirth', 'date_of_birth'], (v) => ['DATE_OF_BIRTH', v.dob()]],
  [['sortCode', 'sort_code'], (v) => ['SORT_CODE', sortCode(v)]],
  [['accountNumber', 'account_no', 'acct'], (v) => ['BANK_ACCOUNT', v.account()]],
  [['nhsNumber', 'nhs_no'], (v) => ['UK_NHS', nhs(v)]],
  [['mrn', 'patientId', 'hospitalNumber', 'medicalRecordNumber'], (v) => ['MEDICAL_RECORD_NUMBER', mrn(v)]],
  [['phone', 'mobile', 'telephone', 'contactNumber'], (v) => ['PHONE', phone(v)]],
  [['email', 'emailAddress'], (v) => ['EMAIL', email(v, person(v).full)]],
  [['postcode', 'postCode'], (v) => ['POSTCODE', v.ukPostcode()]],
  [['passportNumber', 'passport_no'], (v) => ['PASSPORT', v.passport()]],
  [['driverLicense', 'drivingLicence', 'licenceNumber'], (v) => ['DRIVER_LICENSE', anyDl(v)]],
  [['ssn', 'socialSecurityNumber'], (v) => ['US_SSN', ssn(v)]],
  [['niNumber', 'nino'], (v) => ['UK_NINO', nino(v)]],
  [['cardNumber', 'pan'], (v) => ['CREDIT_CARD', card(v)]],
  [['iban'], (v) => ['IBAN', iban(v)]],
  [['ipAddress', 'lastLoginIp'], (v) => ['IP_ADDRESS', v.chance(0.8) ? v.ipv4() : v.ipv6()]],
  [['amount'], (v) => [null, `${v.int(1, 999)}.${v.digits(2)}`]],
  [
    ['createdAt'],
    (v) => [null, `${v.int(2023, 2026)}-0${v.int(1, 9)}-1${v.int(0, 9)}T10:1${v.int(0, 9)}:00Z`],
  ],
  [['orderId', 'ticketId'], (v) => [null, v.digits(9)]],
  [['appVersion'], (v) => [null, `${v.int(1, 9)}.${v.int(0, 20)}.${v.int(0, 9)}.${v.int(0, 99)}`]],
];

const jsonObject: Layout = (d, v) => {
  const keys = shuffle(v, [...JSON_KEYS]).slice(0, v.int(3, 6));
  const pretty = v.chance(0.5);
  d.t('{');
  keys.forEach(([names, make], i) => {
    if (i > 0) d.t(',');
    d.t(pretty ? '\n  ' : i > 0 ? ' ' : '');
    const [type, value] = make(v);
    d.t(`"${v.pick(names)}": "`);
    if (type) d.v(type, value);
    else d.t(value);
    d.t('"');
  });
  d.t(pretty ? '\n}' : '}');
};

const QUESTIONS: ReadonlyArray<[readonly string[], (d: Doc, v: Values) => void]> = [
  [
    [
      "what's your sort code?",
      'can I take the sort code pls',
      'sort code on the account?',
      'and the sortcode?',
    ],
    (d, v) => d.v('SORT_CODE', sortCode(v)),
  ],
  [
    ['and the account number?', 'acct number please', 'whats the account no'],
    (d, v) => d.v('BANK_ACCOUNT', v.account()),
  ],
  [
    ['can you confirm your date of birth', "what's your DOB?", 'date of birth pls', 'and your birthday?'],
    (d, v) => d.v('DATE_OF_BIRTH', v.dob()),
  ],
  [
    ['whats the long number on the card', 'card number please', 'can I have the 16 digits on the front'],
    (d, v) => d.v('CREDIT_CARD', card(v)),
  ],
  [['do you know your NHS number?', 'nhs number?'], (d, v) => d.v('UK_NHS', nhs(v))],
  [
    ['what is your hospital number', 'have you got your MRN?', 'patient ID on the letter?'],
    (d, v) => d.v('MEDICAL_RECORD_NUMBER', mrn(v)),
  ],
  [['driving licence number?', "what's on your driver's license"], (d, v) => d.v('DRIVER_LICENSE', anyDl(v))],
  [['passport number?', 'can I take your passport no'], (d, v) => d.v('PASSPORT', v.passport())],
  [
    ['best number to call you on?', 'whats a good phone number', 'mobile number?'],
    (d, v) => d.v('PHONE', phone(v)),
  ],
  [['postcode?', "what's the postcode there"], (d, v) => d.v('POSTCODE', v.ukPostcode())],
  [
    ['who am I speaking with?', 'can I take your name', 'and your name is?'],
    (d, v) => {
      d.t(v.pick(['', "it's ", 'its ', 'this is ']));
      d.v('PERSON', cased(v, person(v).full));
    },
  ],
  [['national insurance number?', 'NI number please'], (d, v) => d.v('UK_NINO', nino(v))],
  [['SSN?', 'last thing, your social security number'], (d, v) => d.v('US_SSN', ssn(v))],
];

const chatTranscript: Layout = (d, v) => {
  const [a, b] = v.pick([
    ['Agent', 'Customer'],
    ['Staff', 'Caller'],
    ['[10:02] Mo', '[10:03] Cust'],
    ['>', '<'],
  ] as const);
  const qs = shuffle(v, [...QUESTIONS]).slice(0, v.int(2, 4));
  d.t(`${a}: ${v.pick(['hi, thanks for waiting', 'Hello, how can I help?', 'morning'])}\n`);
  d.t(
    `${b}: ${v.pick(['i need to update my details', 'hi, my card got declined', 'calling about my test results'])}\n`,
  );
  for (const [qq, ans] of qs) {
    d.t(`${a}: ${v.pick(qq)}\n${b}: `);
    ans(d, v);
    d.t('\n');
  }
  d.t(`${a}: ${v.pick(['thanks, one moment', 'great, all verified', 'ok got it'])}`);
};

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function spoken(v: Values, digits: string): string {
  const mode = v.int(0, 2);
  if (mode === 0) return digits.split('').join(' ');
  if (mode === 1) return digits.replace(/^(\d{5})(\d{3})(\d+)$/, '$1 $2 $3');
  return digits
    .split('')
    .map((c) => (c === '0' && v.chance(0.6) ? 'oh' : WORDS[Number(c)]!))
    .join(' ');
}

const voicemail: Layout = (d, v) => {
  const p = person(v);
  d.t(`Voicemail ${v.int(8, 17)}:${v.int(10, 59)} - `);
  d.t(v.pick(['hi this is ', "hello it's ", 'hiya, ', 'yeah hi, my name is ']));
  d.v('PERSON', v.chance(0.6) ? p.full.toLowerCase() : p.full);
  d.t(v.pick([' calling about my appointment', ' ringing about a payment', ' about my prescription']));
  d.t(v.pick([', can you call me back on ', '. my number is ', ', call back on ']));
  const { national } = v.phone('GB');
  d.v('PHONE', spoken(v, national.replace(/\D/g, '')));
  if (v.chance(0.5)) d.t('. my date of birth is ').v('DATE_OF_BIRTH', v.dob());
  if (v.chance(0.3)) d.t('. the hospital number is ').v('MEDICAL_RECORD_NUMBER', mrn(v));
  d.t(v.pick(['. thanks bye', '. cheers', '. thank you']));
};

const namesInLists: Layout = (d, v) => {
  const n = v.int(2, 4);
  const mode = v.int(0, 3);
  if (mode === 0) {
    d.t(v.pick(['Attendees: ', 'Present: ', 'cc: ', 'Team on shift: ']));
    for (let i = 0; i < n; i++) {
      if (i > 0) d.t(i === n - 1 ? v.pick([' and ', ', ']) : v.pick([', ', '; ']));
      d.v('PERSON', cased(v, person(v).full));
    }
    d.t('.');
  } else if (mode === 1) {
    d.t('Callbacks today:\n');
    for (let i = 0; i < n; i++)
      d.t(`${i + 1}. `)
        .v('PERSON', cased(v, person(v).full))
        .t(' - ')
        .v('PHONE', phone(v))
        .t('\n');
  } else if (mode === 2) {
    for (let i = 0; i < n; i++)
      d.t('- ')
        .v('PERSON', person(v).full)
        .t(`, ${v.pick(['room 3', 'bay 2', 'desk 4', 'pending'])}\n`);
  } else {
    const p = person(v);
    d.t(v.pick(['Dr ', 'Mrs ', 'Mr ', 'Ms ', 'Nurse ', 'Prof. ']))
      .v('PERSON', p.family)
      .t("'s ");
    d.t(v.pick(['patient ', 'client ', 'son ', 'referral for ']))
      .v('PERSON', person(v).full)
      .t(v.pick([' is waiting.', ' called twice.', ' needs a callback.']));
  }
};

const titledAndPossessive: Layout = (d, v) => {
  const p = person(v);
  d.t(v.pick(['Spoke to ', 'Passed to ', 'Met with ', 'Handed over to ', 'Left a message for ']));
  d.v('PERSON', cased(v, p.full));
  d.t(v.pick([' at the counter', ' by phone', ' in reception', '']));
  d.t('. ');
  const q = person(v);
  d.v('PERSON', q.given)
    .t("'s ")
    .t(
      v.pick([
        'card was retained by the ATM',
        'letter is in the post',
        'results are back',
        'mortgage offer expired',
      ]),
    );
  d.t(v.pick([` on ${eventDate(v)}.`, '.', ' last Friday.']));
};

const usLicence: Layout = (d, v) => {
  const { state, value } = usDl(v);
  d.t(
    v.pick([
      `${state} DL `,
      `Driver's license (${state}): `,
      `DL# `,
      `lic no. `,
      `${state} driver license number `,
      `ID checked: ${state} driving licence `,
    ]),
  ).v('DRIVER_LICENSE', value);
  d.t(v.pick([`, exp ${v.int(1, 12)}/${v.int(2026, 2032)}`, `, issued ${eventDate(v)}`, '']));
  d.t(v.pick(['. Customer ', '. Holder ', '. Name on ID ']))
    .v('PERSON', cased(v, person(v).full))
    .t('.');
};

const ukLicence: Layout = (d, v) => {
  d.t(v.pick(['driving licence ', 'Photocard licence: ', 'DVLA licence no ', 'licence ', 'UK DL '])).v(
    'DRIVER_LICENSE',
    ukDl(v),
  );
  d.t(v.pick([' seen and copied.', ', address matches.', ' - expired, asked for passport.']));
};

const mrnCues: Layout = (d, v) => {
  d.t(
    v.pick([
      'MRN: ',
      'Medical record number ',
      'med rec no. ',
      'Hospital number: ',
      'hosp no ',
      'Patient ID ',
      'Chart #',
      'chart no. ',
      'unit number ',
      'Case note number ',
      'EPR: ',
      'PAS no ',
      'patient number ',
      'record no. ',
    ]),
  ).v('MEDICAL_RECORD_NUMBER', mrn(v));
  d.t(
    v.pick([
      ` - clinic ${v.pick(['4A', '12', 'B'])}, bed ${v.int(1, 30)}.`,
      ` attended ED ${eventDate(v)}.`,
      ' for Mr ',
    ]),
  );
  if (d.text.endsWith('Mr ')) d.v('PERSON', person(v).family).t('.');
};

const passportCues: Layout = (d, v) => {
  d.t(
    v.pick([
      'Passport ',
      'passport no. ',
      'PP# ',
      'Passport number: ',
      'ID: passport ',
      'travel doc (passport) ',
    ]),
  );
  d.v('PASSPORT', v.passport());
  d.t(
    v.pick([
      `, expiry ${v.int(1, 12)}/${v.int(2026, 2034)}`,
      `, issued ${v.pick(['March', 'Oct', 'May'])} ${v.int(2015, 2024)}`,
      ' verified in branch',
    ]),
  );
  d.t('.');
};

const ssnCues: Layout = (d, v) => {
  const [a, b, c] = v.ssn();
  d.t(v.pick(['SSN ', 'ssn: ', 'SS# ', 'social security no. ', 'Soc Sec ', 'last thing - ssn is ']));
  d.v('US_SSN', v.chance(0.5) ? a + b + c : [a, b, c].join(v.pick(['-', ' ', '.'])));
  d.t(v.pick([' (W-9 on file).', ', verified.', '']));
};

const cardsAndPayments: Layout = (d, v) => {
  const brand = v.pick(CARD_BRANDS);
  const n = groupCard(v, v.card(brand));
  const brandName = {
    visa: 'Visa',
    mastercard: 'Mastercard',
    amex: 'Amex',
    discover: 'Discover',
    jcb: 'JCB',
    diners: 'Diners Club',
    unionpay: 'UnionPay',
    maestro: 'Maestro',
  }[brand];
  d.t(v.pick([`${brandName} `, `${brandName} card `, 'card no ', 'long number ', 'PAN: ', 'paid with ', '']));
  d.v('CREDIT_CARD', n);
  d.t(v.pick([`, exp ${v.int(1, 12)}/${v.int(26, 31)}`, `, cvv taken? NO`, ` - ${amount(v)} pending`]));
  d.t('.');
};

const contactMisc: Layout = (d, v) => {
  const p = person(v);
  const mode = v.int(0, 3);
  if (mode === 0) d.t('reach me on ').v('PHONE', phone(v)).t(' or ').v('EMAIL', email(v, p.full));
  else if (mode === 1)
    d.t('login attempts from ')
      .v('IP_ADDRESS', v.chance(0.7) ? v.ipv4() : v.ipv6())
      .t(` at ${v.int(0, 23)}:${v.int(10, 59)}, flagged`);
  else if (mode === 2)
    d.t('IBAN ')
      .v('IBAN', iban(v))
      .t(v.pick([' (salary)', ', ref rent', '']));
  else {
    d.t(v.pick(['moved to ', 'new addr ', 'lives at ']));
    address(d, v);
  }
  d.t('.');
};

/** Texts with no PII at all: numbers and words that only look like it. */
const hardNegative: Layout = (d, v) => {
  d.t(
    v.pick([
      () =>
        `ABA routing ${v.pick(['021000021', '026009593', '121000358', '011401533'])} is the bank's, not the customer's.`,
      () =>
        `Desk app version ${v.int(1, 9)}.${v.int(0, 20)}.${v.int(0, 9)}.${v.int(0, 99)} installed; restart needed.`,
      () => `Card expires ${String(v.int(1, 12)).padStart(2, '0')}/${v.int(2026, 2032)}; new one posted.`,
      () =>
        `Branch closed over ${v.pick(['Christmas', 'Easter Monday', 'Boxing Day', 'Good Friday', 'Whitsun', 'Hanukkah', 'Diwali', 'Eid'])}, reopening ${eventDate(v)}.`,
      () =>
        `Customer asked about ${v.pick(['Apple Pay', 'Google Pay', 'Samsung Wallet', 'Microsoft Teams', 'Amazon Prime', 'Santander Edge', 'Monzo Flex', 'Premier Inn'])} and ${v.pick(['Visa Debit', 'Faster Payments', 'Direct Debit', 'Open Banking'])}.`,
      () => `Standing order of ${amount(v)} on the ${v.int(1, 28)}th, ${refNo(v)}.`,
      () =>
        `Prescribed ${v.pick(['Ramipril', 'Metformin', 'Sertraline'])} ${v.pick([5, 10, 500])}mg, review on ${eventDate(v)} at ${v.int(9, 16)}:${v.pick(['00', '15', '30'])}.`,
      () =>
        `Tracking 1Z${v.letters(3)}${v.digits(3)}${v.letters(2)}${v.digits(8)} out for delivery; ${v.int(2, 9)} parcels.`,
      () =>
        `Passport office reopens ${v.pick(['March', 'June', 'Sept'])} ${v.int(2025, 2027)}; no passport details taken.`,
      () =>
        `Interest rate ${v.int(1, 6)}.${v.digits(2)}% from ${v.pick(['May', 'June', 'March'])} ${v.int(2025, 2027)}, ${v.int(12, 60)} month term.`,
      () =>
        `Ward ${v.int(1, 30)}${v.pick(['A', 'B'])}, bay ${v.int(1, 8)}, bed ${v.int(1, 20)}; obs at ${v.int(10, 23)}:00, BP ${v.int(100, 160)}/${v.int(60, 95)}.`,
      () =>
        `Model number ${v.letters(3)}-${v.digits(4)} serial ${v.digits(10)}? no, asked them to check the receipt.`,
      () =>
        `Branch ${v.digits(4)} till ${v.int(1, 9)}: float ${amount(v)}, counted by staff at ${v.int(8, 17)}:${v.int(10, 59)}.`,
      () =>
        `Will do. May need to check with Bill Payments about the Marks and Spencer voucher, Grace period ends ${v.pick(['Monday', 'Friday'])}.`,
      () =>
        `Software ${v.int(1, 12)}.${v.int(0, 9)}.${v.int(0, 9)}.${v.int(100, 250)} rolled out to ${v.int(2, 40)} branches.`,
    ])(),
  );
};

export interface WeightedLayout {
  name: string;
  weight: number;
  make: Layout;
}

export const LAYOUTS: readonly WeightedLayout[] = [
  { name: 'shorthand-bank', weight: 6, make: staffShorthandBank },
  { name: 'shorthand-clinic', weight: 6, make: staffShorthandClinic },
  { name: 'email', weight: 6, make: emailWithSignature },
  { name: 'letter', weight: 4, make: formalLetter },
  { name: 'form', weight: 7, make: formDump },
  { name: 'csv', weight: 6, make: csvRows },
  { name: 'json', weight: 6, make: jsonObject },
  { name: 'chat', weight: 8, make: chatTranscript },
  { name: 'voicemail', weight: 4, make: voicemail },
  { name: 'lists', weight: 5, make: namesInLists },
  { name: 'titled', weight: 4, make: titledAndPossessive },
  { name: 'us-dl', weight: 4, make: usLicence },
  { name: 'uk-dl', weight: 3, make: ukLicence },
  { name: 'mrn', weight: 4, make: mrnCues },
  { name: 'passport', weight: 3, make: passportCues },
  { name: 'ssn', weight: 3, make: ssnCues },
  { name: 'cards', weight: 5, make: cardsAndPayments },
  { name: 'contact', weight: 4, make: contactMisc },
  { name: 'negative', weight: 8, make: hardNegative },
];
