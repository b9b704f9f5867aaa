/**
 * Value makers for the second corpus. Written from the published specifications (check digits, issuer
 * ranges, licence layouts), not from the detector's validators or the first corpus's generator, so the
 * labels do not inherit the detector's view of what a value looks like. Phones are kept only when
 * libphonenumber-js (max metadata) calls them valid in their country.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export class Values {
  constructor(readonly r: () => number) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  letters(n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }

  // ---- names -------------------------------------------------------------------------------------
  given(): string {
    return this.pick(GIVEN);
  }
  family(): string {
    return this.pick(FAMILY);
  }
  /** A full name in one of several scripts; Latin most of the time. */
  fullName(): string {
    if (this.chance(0.12)) return this.pick(NON_LATIN);
    return `${this.given()} ${this.family()}`;
  }

  // ---- checksummed ids -----------------------------------------------------------------------------
  /** Luhn-completes a prefix to `length` digits. */
  luhn(prefix: string, length: number): string {
    let body = prefix + this.digits(length - prefix.length - 1);
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = body.charCodeAt(body.length - 1 - i) - 48;
      if (i % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    body += String((10 - (sum % 10)) % 10);
    return body;
  }

  /** A card of the named brand, from its published IIN ranges and lengths. */
  card(brand: CardBrand): string {
    switch (brand) {
      case 'visa':
        return this.luhn('4' + this.digits(3), this.pick([16, 16, 16, 13, 19]));
      case 'mastercard':
        return this.chance(0.7)
          ? this.luhn('5' + this.int(1, 5), 16)
          : this.luhn(String(this.int(2221, 2720)), 16);
      case 'amex':
        return this.luhn(this.pick(['34', '37']), 15);
      case 'discover':
        return this.luhn(this.pick(['6011', '65', String(this.int(644, 649))]), this.pick([16, 16, 19]));
      case 'jcb':
        return this.luhn(String(this.int(3528, 3589)), this.pick([16, 16, 17, 19]));
      case 'diners':
        return this.luhn(this.pick(['36', '38', '39', String(this.int(300, 305))]), this.pick([14, 14, 16]));
      case 'unionpay':
        return this.luhn('62' + this.digits(2), this.pick([16, 17, 18, 19]));
      case 'maestro':
        return this.luhn(
          this.pick(['5018', '5020', '5038', '6304', '6759', '6761', '6763']),
          this.pick([16, 18, 19]),
        );
    }
  }

  /** ISO 13616: country, mod-97 check digits, BBAN of the country's length. */
  iban(): string {
    const [cc, bban] = this.pick<[string, () => string]>([
      ['GB', () => this.letters(4) + this.digits(14)],
      ['DE', () => this.digits(18)],
      ['FR', () => this.digits(10) + this.letters(1) + this.digits(10) + this.digits(2)],
      ['ES', () => this.digits(20)],
      ['NL', () => this.letters(4) + this.digits(10)],
      ['IE', () => this.letters(4) + this.digits(14)],
      ['IT', () => this.letters(1) + this.digits(10) + this.digits(12)],
      ['BE', () => this.digits(12)],
    ]);
    const b = bban();
    const numeric = (b + cc + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let rem = 0;
    for (const ch of numeric) rem = (rem * 10 + (ch.charCodeAt(0) - 48)) % 97;
    const check = String(98 - rem).padStart(2, '0');
    return cc + check + b;
  }

  /** NHS number: ten digits, weights 10..2, check = 11 - sum mod 11, 10 never issued. */
  nhs(): string {
    for (;;) {
      const body = String(this.pick([4, 6, 7])) + this.digits(8);
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += (body.charCodeAt(i) - 48) * (10 - i);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      return body + String(check === 11 ? 0 : check);
    }
  }

  /** SSA rules since 2011: area not 000, 666 or 9xx; group not 00; serial not 0000. */
  ssn(): [string, string, string] {
    let area = this.int(1, 899);
    if (area === 666) area = 667;
    return [
      String(area).padStart(3, '0'),
      String(this.int(1, 99)).padStart(2, '0'),
      String(this.int(1, 9999)).padStart(4, '0'),
    ];
  }

  /** HMRC: prefix letters exclude D F I Q U V (and O second) and a few reserved pairs; suffix A-D. */
  nino(): string {
    const first = 'ABCEGHJKLMNOPRSTWXYZ';
    const second = 'ABCEGHJKLMNPRSTWXYZ';
    for (;;) {
      const p = this.letters(1, first) + this.letters(1, second);
      if (['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(p)) continue;
      return p + this.digits(6) + this.letters(1, 'ABCD');
    }
  }

  sortCode(): [string, string, string] {
    return [
      this.pick(['20', '30', '40', '60', '77', '80', '83', '09', '11', '52']),
      this.digits(2),
      this.digits(2),
    ];
  }

  account(): string {
    return this.digits(8);
  }

  /** A phone number valid in `country`, in national format as libphonenumber-js prints it. */
  phone(country: 'GB' | 'US' | 'DE' | 'FR' | 'IE' | 'ES' | 'IN' | 'AU'): { national: string; e164: string } {
    const shapes: Record<string, () => string> = {
      GB: () =>
        this.chance(0.6)
          ? '07' + this.pick(['4', '5', '7', '8', '9']) + this.digits(8)
          : this.pick(['0113', '0121', '0131', '0141', '0161', '0117', '0191', '0208', '0203']) +
            this.digits(7),
      US: () =>
        String(this.pick([201, 212, 303, 312, 404, 415, 503, 617, 702, 713, 818, 917])) +
        String(this.int(2, 9)) +
        this.digits(6),
      DE: () => '01' + this.pick(['51', '52', '60', '70', '76']) + this.digits(8),
      FR: () => '0' + this.pick(['6', '7', '1']) + this.digits(8),
      IE: () => '08' + this.pick(['3', '5', '6', '7']) + this.digits(7),
      ES: () => this.pick(['6', '7']) + this.digits(8),
      IN: () => this.pick(['98', '97', '91', '88']) + this.digits(8),
      AU: () => '04' + this.digits(8),
    };
    for (;;) {
      const raw = shapes[country]!();
      const p = parsePhoneNumberFromString(raw, country as CountryCode);
      // Ofcom's drama ranges are valid numbers but never a customer's: skip them.
      if (
        !p ||
        !p.isValid() ||
        /^\+44(7700900|1134960|1214960|1314960|1414960|1614960|1174960|1914960|2079460)/.test(p.number)
      )
        continue;
      return { national: p.formatNational(), e164: p.number };
    }
  }

  passport(): string {
    return this.pick([
      () => this.digits(9), // UK, US
      () => this.letters(1) + this.digits(8), // US next generation
      () =>
        this.letters(1, 'CFGHJK') +
        this.letters(8, 'CFGHJKLMNPRTVWXYZ0123456789').replace(/^(.{3})/, (m) => m), // DE
      () => this.digits(2) + this.letters(2) + this.digits(5), // FR
      () => this.letters(2) + this.digits(7), // IE, IN-like
      () => this.letters(1) + this.digits(7), // IN
      () => this.letters(3) + this.digits(6), // ES
      () => this.letters(2) + this.digits(6), // CA
    ])();
  }

  /** US state licences from the states' published formats. */
  usLicence(): { state: string; value: string } {
    return this.pick([
      () => ({ state: 'CA', value: this.letters(1) + this.digits(7) }),
      () => ({
        state: 'NY',
        value: this.chance(0.5) ? this.digits(9) : `${this.digits(3)} ${this.digits(3)} ${this.digits(3)}`,
      }),
      () => ({ state: 'TX', value: this.digits(8) }),
      () => ({
        state: 'FL',
        value: this.chance(0.5)
          ? `${this.letters(1)}${this.digits(3)}-${this.digits(3)}-${this.digits(2)}-${this.digits(3)}-${this.digits(1)}`
          : this.letters(1) + this.digits(12),
      }),
      () => ({
        state: 'IL',
        value: this.chance(0.5)
          ? `${this.letters(1)}${this.digits(3)}-${this.digits(4)}-${this.digits(4)}`
          : this.letters(1) + this.digits(11),
      }),
      () => ({
        state: 'PA',
        value: this.chance(0.5) ? `${this.digits(2)} ${this.digits(3)} ${this.digits(3)}` : this.digits(8),
      }),
      () => ({ state: 'OH', value: this.letters(2) + this.digits(6) }),
      () => ({
        state: 'MI',
        value: `${this.letters(1)} ${this.digits(3)} ${this.digits(3)} ${this.digits(3)} ${this.digits(3)}`,
      }),
      () => ({
        state: 'NJ',
        value: `${this.letters(1)}${this.digits(4)} ${this.digits(5)} ${this.digits(5)}`,
      }),
      () => ({
        state: 'WA',
        value: 'WDL' + this.letters(6, 'ABCDEFGHJKLMNPRSTUVWXYZ23456789') + this.digits(3),
      }),
      () => ({ state: 'MA', value: 'S' + this.digits(8) }),
      () => ({ state: 'GA', value: this.digits(9) }),
      () => ({
        state: 'WI',
        value: `${this.letters(1)}${this.digits(3)}-${this.digits(4)}-${this.digits(4)}-${this.digits(2)}`,
      }),
      () => ({ state: 'MN', value: this.letters(1) + this.digits(12) }),
      () => ({ state: 'CO', value: `${this.digits(2)}-${this.digits(3)}-${this.digits(4)}` }),
    ])();
  }

  /**
   * DVLA layout: surname's first five letters (9-padded), decade digit, month (+5 for women), day,
   * year digit, two initials (9-padded), an arbitrary digit (usually 9), two check letters; a 2-digit
   * issue number may follow.
   */
  ukLicence(surname: string, given: string, middle: string | null): string {
    const s = surname
      .toUpperCase()
      .replace(/[^A-Z]/g, '')
      .slice(0, 5)
      .padEnd(5, '9');
    const year = this.int(1940, 2004);
    const month = this.int(1, 12) + (this.chance(0.5) ? 50 : 0);
    const day = this.int(1, 28);
    const ys = String(year);
    const initials = (given[0]! + (middle?.[0] ?? '9')).toUpperCase();
    const v = `${s}${ys[2]}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${ys[3]}${initials}9${this.letters(2)}`;
    return this.chance(0.25) ? `${v} ${this.digits(2)}` : v;
  }

  /** EHR-style record numbers: a site prefix or none, 6-10 digits. */
  mrn(): string {
    return this.pick([
      () => this.digits(this.int(7, 10)),
      () => 'MRN' + this.digits(7),
      () => this.pick(['H', 'K', 'E', 'M', 'RX', 'A']) + this.digits(this.int(6, 8)),
      () => `${this.letters(3)}-${this.digits(6)}`,
      () => `${this.digits(2)}-${this.digits(3)}-${this.digits(3)}`,
      () => `RJ1${this.digits(7)}`,
      () => this.digits(3) + ' ' + this.digits(3) + ' ' + this.digits(3),
    ])();
  }

  ipv4(): string {
    return `${this.pick([10, 81, 86, 92, 172, 185, 192, 203, 212])}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  ipv6(): string {
    const h = (): string => this.int(0, 0xffff).toString(16);
    return this.chance(0.5) ? `2001:db8:${h()}:${h()}::${h()}` : `fe80::${h()}:${h()}:${h()}:${h()}`;
  }

  ukPostcode(): string {
    const area = this.pick([
      'LS',
      'M',
      'B',
      'EH',
      'G',
      'CF',
      'BS',
      'NE',
      'SW',
      'N',
      'E',
      'OX',
      'CB',
      'BT',
      'L',
      'S',
    ]);
    return `${area}${this.int(1, 19)} ${this.int(0, 9)}${this.letters(2, 'ABDEFGHJLNPQRSTUWXYZ')}`;
  }

  street(): string {
    return `${this.int(1, 240)} ${this.pick(STREET_NAMES)} ${this.pick(['Road', 'Street', 'Lane', 'Avenue', 'Close', 'Crescent', 'Drive', 'Way', 'Gardens', 'Terrace', 'Grove', 'Place'])}`;
  }
  usStreet(): string {
    return `${this.int(10, 9800)} ${this.pick(['N', 'S', 'E', 'W', ''])} ${this.pick(STREET_NAMES)} ${this.pick(['St', 'Ave', 'Blvd', 'Rd', 'Dr', 'Ln', 'Ct'])}`.replace(
      / {2}/,
      ' ',
    );
  }

  /** A date of birth and how it is written. */
  dob(): string {
    const y = this.int(1935, 2006);
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    const mon = MONTHS[m - 1]!;
    const p2 = (n: number): string => String(n).padStart(2, '0');
    return this.pick([
      () => `${p2(d)}/${p2(m)}/${y}`,
      () => `${d}/${m}/${String(y).slice(2)}`,
      () => `${y}-${p2(m)}-${p2(d)}`,
      () => `${d} ${mon} ${y}`,
      () => `${mon} ${d}, ${y}`,
      () => `${p2(d)}.${p2(m)}.${y}`,
      () => `${d}${ordinal(d)} ${mon.slice(0, 3)} ${y}`,
      () => `${p2(m)}-${p2(d)}-${y}`,
      () => `${d}-${mon.slice(0, 3)}-${y}`,
    ])();
  }
}

export type CardBrand =
  'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';
export const CARD_BRANDS: readonly CardBrand[] = [
  'visa',
  'mastercard',
  'amex',
  'discover',
  'jcb',
  'diners',
  'unionpay',
  'maestro',
];

function ordinal(d: number): string {
  if (d % 10 === 1 && d !== 11) return 'st';
  if (d % 10 === 2 && d !== 12) return 'nd';
  if (d % 10 === 3 && d !== 13) return 'rd';
  return 'th';
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Names gathered for this corpus from public lists of common names in the UK, Ireland, Nigeria, Ghana,
// India, Pakistan, Poland, Turkey, Vietnam, the Philippines, Brazil and elsewhere; several are ordinary
// English words (Hope, Faith, Dawn, Rich, Sunny, Baker, Young, Cook, Fisher, Bell, Brown).
const GIVEN =
  `Aoife Siobhan Niamh Oisin Padraig Tadhg Chidi Ngozi Chiamaka Oluwaseun Adaeze Kwame Kofi Ama Yaw Efua
Abimbola Temitope Babajide Folake Priya Ananya Arjun Siddharth Lakshmi Venkat Harpreet Gurpreet Navdeep Zainab
Ayesha Farhan Usman Rukhsana Bushra Wojciech Agnieszka Katarzyna Grzegorz Malgorzata Mehmet Elif Emre Zeynep
Nguyen Thi Minh Anh Quang Huong Maricel Jerome Rowena Joaquim Thiago Leticia Graca Beatriz Ines Tomasz Bogdan
Hope Faith Dawn Rich Sunny Amber Autumn Summer Grace Will Mark Bill Rose Jack Frank Sue Pat Rob Dot Ivy
Gwen Morag Ewan Hamish Isla Ailsa Eilidh Ruaridh Bethan Cerys Llinos Rhodri Callum Tegan Jolene Darnell Keisha
Tyrone Marisol Guadalupe Ximena Sergei Olga Dmitri Irina Yusuf Mariam Aaliyah Jamal Kenji Aiko Hyun Soo Mei
Margaret Dorothy Harold Gordon Eileen Brenda Colin Trevor Deborah Sharon Stuart Gillian Neil Pauline Kieran`.split(
    /\s+/,
  );
const FAMILY =
  `Okonkwo Adeyemi Mensah Boateng Owusu Nwosu Balogun Okafor Eze Raman Iyer Krishnan Chaudhry Qureshi Malik
Siddiqui Bhatt Sandhu Gill Dhillon Kowalczyk Wisniewski Zielinska Lewandowski Yilmaz Demir Kaya Ozturk Tran Pham
Le Hoang Santos Reyes Bautista Oliveira Carvalho Ferreira Costa O'Sullivan McCarthy Byrne
Fitzgerald MacLeod Campbell Ferguson Jenkins Pritchard Llewellyn Vaughan Baker Young Cook Fisher Bell Brown Hope
Moss Wood Hill Church Rich Fox Lamb Steel Gold Winter Nakamura Tanaka Kim Park Choi Petrov Volkov Ivanova
Haddad Khoury Mansour Abdi Farah Warsame Mbeki Dlamini Nkosi Achterberg DeSouza Featherstonehaugh
Smythe Cholmondeley Ashworth Pilkington Hargreaves Entwistle Sutcliffe Greenhalgh Ramsbottom`.split(/\s+/);
const NON_LATIN = [
  'Анна Петрова',
  'Дмитрий Смирнов',
  'Ольга Кузнецова',
  'Γιώργος Παπαδόπουλος',
  'Ελένη Νικολάου',
  'محمد العلي',
  'فاطمة الزهراء',
  'प्रिया शर्मा',
  'राहुल वर्मा',
  '佐藤 花子',
  '鈴木 一郎',
  '김민준',
  '이서연',
  '王芳',
  '陈静',
  'Nguyễn Văn An',
  'Trần Thị Hoa',
  'Zoë Ødegård',
  'Łucja Wąsowska',
  'Çağla Şahin',
];
const STREET_NAMES =
  `Ashgrove Mill Cherry Tree Kingfisher Ravenswood Oakleigh Sycamore Hollybush Meadowbank Brookside
Larkhill Foxglove Juniper Heathfield Elmwood Beechcroft Thornbury Willowbrook Harcourt Cavendish Dunmore Glenview
Riverside Clifton Stanmore`.split(/\s+/);
