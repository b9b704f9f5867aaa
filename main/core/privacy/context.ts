/**
 * Context words. The text pass in scan-pass.ts finds every keyword and its category; a candidate then
 * asks for the nearest keyword before it (or just after it). "Nearest wins" is what separates
 * "account number 12345678" from "order ref 12345678" and a birth date from a payment date.
 */
export type ContextKind =
  | 'CARD'
  | 'SSN'
  | 'NHS'
  | 'NINO'
  | 'PHONE'
  | 'SORT'
  | 'ACCOUNT'
  | 'NOT_PII'
  | 'DOB'
  | 'EVENT_DATE'
  | 'PASSPORT'
  | 'LICENSE'
  | 'MRN'
  | 'POSTAL'
  | 'IP'
  /**
   * Cues for a name, kept apart from the other hits: a field or shorthand (NAME), a role that is a field
   * before ':' (NAME_COLON), a header that is one only before ':' (NAME_HEADER: From, cc), a greeting
   * (NAME_WEAK), a title (NAME_TITLE), a sign-off (NAME_SIGN).
   */
  | 'NAME'
  | 'NAME_COLON'
  | 'NAME_HEADER'
  | 'NAME_WEAK'
  | 'NAME_TITLE'
  | 'NAME_SIGN';

export const NAME_CUES: ReadonlySet<ContextKind> = new Set([
  'NAME',
  'NAME_COLON',
  'NAME_HEADER',
  'NAME_WEAK',
  'NAME_TITLE',
  'NAME_SIGN',
]);

/**
 * Every keyword, lower case, in priority order: a keyword matches case-insensitively where an ASCII
 * word starts (\b) and no ASCII letter follows it, matches never overlap, and where two keywords could
 * start at the same place the one listed first wins ("ip" before "ip address", "sort code" before
 * "sortcode"). So the list is an ordered alternation spelled out; a phrase listed twice keeps the
 * kind of its first listing.
 */
export const KEYWORDS: ReadonlyArray<readonly [ContextKind, readonly string[]]> = [
  [
    'NHS',
    [
      'nhs',
      'chi number',
      'chi no',
      'chi',
      'health service no',
      'health service number',
      'health no',
      'health number',
      // Northern Ireland's Health and Care number: the same ten digits and mod-11 check as an NHS number.
      ...['h&c', 'h & c', 'h+c', 'health and care', 'health & care', 'hcn'],
    ],
  ],
  ['SSN', ['ssn', 'social security', 'social sec', 'soc sec', 'ss', 'social']],
  ['NINO', ['national insurance', 'ni no', 'ni number', 'nino']],
  // "Sort by 10-20-30", "sort order 1-2-3": the verb of a list or a spreadsheet, no sort code's cue.
  ['NOT_PII', ['sort by', 'sort order', 'sort ascending', 'sort descending']],
  ['SORT', ['sort code', 'sort-code', 'sortcode', 'sort', 's/c', 's.c', 'sc']],
  // A routing number is the bank's, not the customer's: it demotes rather than cues an account.
  ['NOT_PII', ['routing', 'aba', 'version', 'build', 'serial', 'model', 'software', 'firmware', 'release']],
  // A handset's or SIM's number is the device's: an IMEI and an ICCID pass Luhn as a card does.
  ['NOT_PII', ['imei', 'iccid', 'meid']],
  // Stock and production numbers name goods, not people: "SKU 01134960995", "Batch no 0113 496 0995".
  ['NOT_PII', ['sku', 'batch no', 'batch number', 'batch code', 'lot no', 'lot number', 'part no', 'part number', 'item no', 'item number']],
  // Not "barcode", "product code", "stock code", "asin": their first letters and length are those of
  // common words ("balance", "problem", "still", "also"), which would all walk the keyword trie.
  ['NOT_PII', ['ean', 'upc']],
  // A council's reference for a property's tax, not a bank account: "Council Tax account 4001...".
  [
    'NOT_PII',
    ['council tax account', 'council tax acc', 'council tax ref', 'council tax reference', 'council tax no'],
  ],
  // A network's own addresses (its gateway, resolvers, subnet mask) are infrastructure, not a person's.
  ['NOT_PII', ['gateway', 'dns', 'nameserver', 'name server', 'resolver', 'subnet', 'netmask', 'router']],
  [
    'ACCOUNT',
    [
      ...['account', 'acct', 'a/c', 'acc. no', 'account no', 'acc no', 'acc', 'ac', 'accnt', 'acnt'],
      // Typed in a hurry: the letter chat drops or swaps.
      ...['acount', 'accout'],
      // Other languages' account labels (ASCII spellings only). Not those that share their first two
      // letters and length with common English words ("conto"/"could", "rekening"/"received"): every
      // such word would walk the keyword trie.
      ...['konto', 'kontonummer', 'numer konta', 'nr konta', 'cuenta'],
    ],
  ],
  ['CARD', ['card', 'visa', 'mastercard', 'amex', 'debit', 'credit', 'pan']],
  [
    'PHONE',
    [
      ...['phone', 'call', 'calling', 'mobile', 'tel', 'telephone', 'cell', 'ring', 'landline', 'whatsapp'],
      ...['text', 'reach', 'contact', 'fax', 'ext', 'mob', 'cb', 'my number', 'ring me', 'sms', 'msisdn'],
      // Forms' shortest phone label ("ph: 07700 ..."); a pH reading is no phone-shaped number.
      'ph',
      // Other languages' phone labels (ASCII spellings only, as for the birth-date labels below).
      ...['telefon', 'telefonu', 'telefonnummer', 'telefono', 'telefone', 'telefoon', 'numer tel'],
    ],
  ],
  [
    'DOB',
    [
      ...['born', 'birth', 'd.o.b', 'dob', 'birthday', 'bday', 'birthdate', 'd/o/b'],
      // Typed in a hurry ("date of brith", "brithday").
      ...['brith', 'brithday', 'birthady'],
      // Other languages' written birth-date labels (ASCII spellings only: the trie reads ASCII runs).
      ...['data urodzenia', 'fecha de nacimiento', 'fecha nacimiento', 'date de naissance', 'geburtsdatum'],
      ...['geboren am', 'data di nascita', 'data de nascimento', 'geboortedatum', 'geboren op'],
      ...['nacido el', 'nacida el', 'nato il', 'nata il', 'nascido em', 'nascida em', 'dogum tarihi'],
      // ... and romanised ones: Arabic tarikh al-milad, Urdu tareekh-e-paidaish, Vietnamese ngay sinh,
      // pinyin chusheng riqi, Malay tarikh lahir, Hindi janm tithi.
      ...['tarikh al-milad', 'tarikh al milad', 'tareekh al-milad', 'tareekh al milad', 'tarikh milad'],
      ...['tareekh-e-paidaish', 'tarikh-e-paidaish', 'tareekh e paidaish', 'tarikh e paidaish'],
      ...['tareekh paidaish', 'tarikh paidaish', 'ngay sinh', 'chusheng riqi', 'chu sheng ri qi'],
      ...['tarikh lahir', 'janm tithi', 'janam tithi'],
    ],
  ],
  [
    'EVENT_DATE',
    [
      ...['paid', 'payment', 'transaction', 'transfer', 'charged', 'debited', 'credited', 'deposit'],
      ...['withdrawal', 'purchase', 'statement', 'appointment', 'booked', 'scheduled', 'visit', 'due'],
      ...['expires', 'expire', 'expiry', 'dated', 'posted', 'refund', 'ordered', 'delivered'],
    ],
  ],
  [
    'PASSPORT',
    [
      ...['passport', 'pp', 'ppt', 'passportnumber', 'passportno'],
      // Other languages' passport labels.
      ...[
        'pasaporte',
        'passeport',
        'reisepass',
        'passaporto',
        'passaporte',
        'paszport',
        'paszportu',
        'paspoort',
      ],
      ...['pasaport', 'pasaportu'],
      // Indonesian and Malay "paspor" (nomor paspor), Hebrew "darkon", Greek "diavatirio"; a refugee's or
      // stateless person's travel document stands in for a passport and is numbered as one.
      ...['paspor', 'darkon', 'diavatirio', 'travel document', 'travel doc'],
      // Typed in a hurry or by a non-native writer: the spellings chat and SMS drop a letter from.
      ...['pasport', 'passort', 'passpt', 'passprt'],
    ],
  ],
  [
    'LICENSE',
    [
      ...['driving licence', 'driving license', "driver's licence", "driver's license", "driver' licence"],
      ...["driver' license", 'drivers licence', 'drivers license', 'driver licence', 'driver license'],
      ...['licence no', 'licence number', 'license no', 'license number', 'dl', 'licence', 'license'],
      ...['lic', 'dvla', 'driverlicense', 'drivinglicence', 'licencenumber', 'licensenumber'],
    ],
  ],
  [
    'MRN',
    [
      ...['mrn', 'medical record', 'hospital no', 'hospital number', 'hospital id', 'patient id'],
      ...['patient no', 'patient number', 'record no', 'record number', 'case number', 'med rec'],
      ...['hosp no', 'hosp', 'chart', 'unit no', 'unit number', 'pt id', 'epr', 'pas no', 'case note'],
      ...['patientid', 'hospitalnumber', 'hospitalno', 'mrnumber', 'emis no', 'emis number', 'emis'],
      ...['systmone no', 'rxn', 'rx no', 'rx number', 'mr no', 'mr number', 'clinic no', 'clinic number'],
      // Hospital styles: "Pt no.", "M.R.N.", "PAS number".
      ...['pt no', 'pt number', 'm.r.n', 'pas number', 'pas id'],
      // Trusts that register patients by a hospital registration number ("Hospital reg no.").
      ...['hospital reg no', 'hospital registration number', 'hospital reg number'],
      // US chart styles: "MR#", "MR #:", "Med. Rec. No.", "Patient #".
      ...['mr#', 'mr #', 'med. rec', 'med.rec', 'patient #', 'patient#'],
      // Casenote, emergency-department and trust numbers as wards and A&E write them.
      ...['casenote', 'a&e no', 'a&e number', 'ed number', 'k number', 'trust number'],
      // A hospital's reference is its record number: one keyword that takes the 'ref' after it.
      ...['hospital ref', 'hospital reference'],
    ],
  ],
  [
    'POSTAL',
    [
      ...['post code', 'postcode', 'postal', 'zip', 'eircode', 'address', 'live at', 'lives at', 'living at'],
      ...['moved to', 'deliver to'],
    ],
  ],
  ['IP', ['ip', 'ip address', 'logged in from', 'login from']],
  [
    'NOT_PII',
    [
      ...['order', 'ref', 'reference', 'invoice', 'tracking', 'booking', 'ticket', 'claim', 'policy'],
      ...['receipt', 'confirmation', 'id', 'amount', 'balance', 'total', 'pin', 'otp', 'passcode'],
      ...['one-time', 'security code', 'verification code', 'code is'],
      // A production batch and a utility meter's reading or supply number (MPAN, MPRN) count goods and
      // energy, not people: "Batch 07700 900123", "meter reading 0741 5532 201".
      ...['batch', 'meter reading', 'meter serial', 'mpan', 'mprn'],
    ],
  ],
  [
    'NAME',
    [
      ...['name', 'full name', 'patient name', 'cust', 'pt', 'nok', 'next of kin', 'attendees', 'spoke to'],
      ...['spoke with', 'spoke w', 'passed to', 'met with', 'handed over to', 'message for', 'referral for'],
      ...['seen by', 'fullname', 'patientname', 'customername', 'surname', 'forename', 'first name'],
      ...['last name', 'speaking with'],
      // A passport's and a scanned form's plural fields ("Given names / Prénoms", "Forenames:").
      ...['forenames', 'given name', 'given names', 'first names'],
    ],
  ],
  ['NAME_COLON', ['customer', 'caller', 'patient', 'holder']],
  ['NAME_HEADER', ['present', 'cc']],
  // Chat's clipped thanks head the addressee as a greeting does ("thx amy, one more q").
  [
    'NAME_WEAK',
    [
      ...['hi', 'hello', 'hiya', 'hey', 'dear', 'morning', 're', 'this is', 'thx', 'thanx', 'thnx', 'ta'],
      // Who a call, a booking, a letter or care is for: a known name, or a capitalised one closing the
      // clause ("calling for Mark,", "on behalf of stephen carr", "foster carer for Destiny,").
      ...['on behalf of', 'calling for', 'carer for', 'test for', 'appointment for'],
    ],
  ],
  ['NAME_TITLE', ['dr', 'mr', 'mrs', 'ms', 'miss', 'prof', 'nurse', 'doctor', 'mister', 'missus']],
  ['NAME_SIGN', ['regards', 'wishes', 'thanks', 'cheers', 'sincerely', 'faithfully', 'best']],
];

/**
 * The kinds whose value a cue can be followed by and read (cued.ts has a reader per kind, in this
 * order): a hit carries its kind's index here, so the readers' loop indexes flags instead of keying
 * an object by the kind's name for every hit.
 */
export const VALUE_KINDS = [
  'SORT',
  'ACCOUNT',
  'DOB',
  'NHS',
  'SSN',
  'CARD',
  'PHONE',
  'NINO',
  'MRN',
  'LICENSE',
  'PASSPORT',
] as const satisfies readonly ContextKind[];
export type ValueKind = (typeof VALUE_KINDS)[number];

export interface ContextHit {
  kind: ContextKind;
  start: number;
  end: number;
  /** The kind's index in VALUE_KINDS, or -1. */
  read: number;
}

export const BEFORE_WINDOW = 48;
export const AFTER_WINDOW = 24;
