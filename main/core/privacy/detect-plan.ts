import { PII_TYPES, type PiiType } from './types';

/**
 * Which recognizers a request needs. Like Presidio's `entities`, asking for some types runs only the
 * recognizers for them, plus the ones whose spans can win an overlap against them: an IBAN's digits
 * hold a valid card or NHS number, an NHS number is phone-shaped, an address holds street names and
 * its postcode. The digit recognizers otherwise defer to each other through context words, so the
 * answer is the same as a full scan filtered afterwards; detect.test.ts checks that for every single
 * type and for random type subsets, and the competitor list below is what that check found necessary.
 */
const COMPETITORS: Partial<Record<PiiType, readonly PiiType[]>> = {
  PERSON: ['ADDRESS'],
  // A date of birth is read after a name, so its request finds the names (and they their addresses).
  DATE_OF_BIRTH: ['PERSON', 'ADDRESS'],
  POSTCODE: ['ADDRESS'],
  // An address line is read back from the postcode that ends it (address-fields.ts, postcodeLines).
  ADDRESS: ['POSTCODE'],
  PHONE: ['CREDIT_CARD', 'IBAN', 'UK_NHS'],
  CREDIT_CARD: ['IBAN'],
  BANK_ACCOUNT: ['IBAN'],
  UK_NHS: ['IBAN'],
};

/** Per type: run its recognizer. Plain properties: read for every text, so no Set look-ups. */
export type Plan = Readonly<Record<PiiType, boolean>>;

export interface Request {
  /** Report only these types; null for all. */
  types: ReadonlySet<PiiType> | null;
  plan: Plan;
  /** The list as it was when the plan was made: a caller may still change its array afterwards. */
  list: readonly PiiType[];
}

function planOf(run: (type: PiiType) => boolean): Plan {
  return Object.fromEntries(PII_TYPES.map((t) => [t, run(t)])) as Record<PiiType, boolean>;
}

export const FULL_REQUEST: Request = { types: null, plan: planOf(() => true), list: [] };

// Callers pass the same constant list on every call (a log redactor, a scan for card numbers), so the
// set and plan built from it are kept per array rather than rebuilt per text.
const requests = new WeakMap<readonly PiiType[], Request>();

export function requestFor(list: readonly PiiType[]): Request {
  let request = requests.get(list);
  if (request === undefined || !sameList(request.list, list)) {
    const types = new Set(list);
    request = { types, plan: planFor(types), list: [...list] };
    requests.set(list, request);
  }
  return request;
}

function sameList(a: readonly PiiType[], b: readonly PiiType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function planFor(types: ReadonlySet<PiiType>): Plan {
  const run = new Set<PiiType>();
  const add = (type: PiiType): void => {
    if (run.has(type)) return;
    run.add(type);
    for (const c of COMPETITORS[type] ?? []) add(c);
  };
  for (const type of types) add(type);
  return planOf((type) => run.has(type));
}
