/**
 * Reversible pseudonyms: each distinct value in a conversation gets a stable token such as
 * <PERSON_1> or <CREDIT_CARD_2>. The original is sealed under the subject's key (store.cipher) in
 * the privacy_vault table, so the model, memory and audit see tokens only, an authorised staff view
 * can rehydrate, and erasing the subject (key shredding) makes every original unrecoverable.
 */
import type { Database, SubjectCipher } from '../store';
import { sweepLeftovers } from './sweep';
import { UserError } from '../../../shared/errors';
import { detectPii } from './detect';
import { replaceSpans } from './operators';
import type { DetectOptions, PiiSpan, PiiType } from './types';
import { isPiiType } from './types';

/** What the pseudonymizer needs from the store: its database and its per-subject cipher. */
export interface VaultStore {
  readonly db: Database;
  readonly cipher: SubjectCipher;
}

export interface PseudonymSpan extends PiiSpan {
  /** The token that replaced this span, e.g. "<PERSON_1>". */
  token: string;
}

export interface PseudonymizeResult {
  /** The text with every detected span replaced by its token. */
  text: string;
  /** Spans in the input text's coordinates, each with its token. */
  spans: PseudonymSpan[];
}

export interface Pseudonymizer {
  readonly conversationId: string;
  readonly subjectId: string;
  pseudonymize(text: string, options?: DetectOptions): PseudonymizeResult;
  /** Replaces known tokens with their originals; unknown or shredded tokens stay as they are. */
  rehydrate(text: string): string;
  /** Number of distinct values tokenised in this conversation. */
  size(): number;
}

export const TOKEN_RE = /<([A-Z][A-Z_]*?)_(\d{1,6})>/g;

/** Normalises a value so the same card, phone or name written differently gets the same token. */
export function canonicalValue(type: PiiType, value: string): string {
  const v = value.normalize('NFC').trim();
  switch (type) {
    case 'CREDIT_CARD':
    case 'US_SSN':
    case 'UK_NHS':
    case 'BANK_ACCOUNT':
    case 'SORT_CODE':
      return v.replace(/\D/g, '');
    case 'PHONE':
      return v.replace(/[^\d+]/g, '');
    case 'IBAN':
    case 'UK_NINO':
    case 'POSTCODE':
    case 'PASSPORT':
    case 'DRIVER_LICENSE':
    case 'MEDICAL_RECORD_NUMBER':
    case 'REFERENCE':
      return v.replace(/[\s-]/g, '').toUpperCase();
    case 'EMAIL':
      return v.toLowerCase();
    default:
      return v.replace(/\s+/g, ' ').toLowerCase();
  }
}

interface Entry {
  token: string;
  type: PiiType;
  /** null when the subject has been erased: the token survives, the original does not. */
  original: string | null;
}

function prepareVault(db: Database) {
  return {
    select: db.prepare<
      [string],
      { token: string; pii_type: string; subject_id: string; sealed_value: string }
    >(
      'SELECT token, pii_type, subject_id, sealed_value FROM privacy_vault WHERE conversation_id = ? ORDER BY created_at, token',
    ),
    insert: db.prepare(
      `INSERT INTO privacy_vault (conversation_id, token, pii_type, subject_id, sealed_value, created_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, token) DO NOTHING`,
    ),
  };
}

// A pseudonymizer is created per turn (and per handoff packet): its statements are prepared once per
// connection, not once per pseudonymizer.
type VaultStatements = ReturnType<typeof prepareVault>;
const statements = new WeakMap<Database, VaultStatements>();
const keyOf = (type: PiiType, original: string): string => `${type}\u0000${canonicalValue(type, original)}`;

function statementsFor(db: Database): VaultStatements {
  let cached = statements.get(db);
  if (!cached) {
    cached = prepareVault(db);
    statements.set(db, cached);
  }
  return cached;
}

export function createPseudonymizer(
  store: VaultStore,
  scope: { conversationId: string; subjectId: string },
): Pseudonymizer {
  const { conversationId, subjectId } = scope;
  if (!conversationId || !subjectId) {
    throw new UserError('VALIDATION', 'A pseudonymizer needs a conversation id and a subject id.');
  }
  const { db, cipher } = store;
  const { select, insert } = statementsFor(db);

  const byKey = new Map<string, Entry>();
  const byToken = new Map<string, Entry>();
  const counters = new Map<PiiType, number>();

  function remember(entry: Entry, key: string | null): void {
    byToken.set(entry.token, entry);
    if (key !== null) byKey.set(key, entry);
    const n = Number(/_(\d+)>$/.exec(entry.token)?.[1] ?? 0);
    counters.set(entry.type, Math.max(counters.get(entry.type) ?? 0, n));
  }

  function load(): void {
    for (const row of select.all(conversationId)) {
      if (byToken.has(row.token) || !isPiiType(row.pii_type)) continue;
      const original = cipher.open(row.subject_id, row.sealed_value);
      remember(
        { token: row.token, type: row.pii_type, original },
        original === null ? null : keyOf(row.pii_type, original),
      );
    }
  }
  load();

  function tokenFor(type: PiiType, original: string): string {
    const key = keyOf(type, original);
    const known = byKey.get(key);
    if (known) return known.token;
    if (cipher.isShredded(subjectId)) {
      // Erased subject: still hide the value, but keep no original anywhere, not even in memory.
      const n = (counters.get(type) ?? 0) + 1;
      const entry: Entry = { token: `<${type}_${n}>`, type, original: null };
      remember(entry, key);
      return entry.token;
    }
    const sealed = cipher.seal(subjectId, original);
    // Another process may have taken the next number: reload and retry until our insert lands.
    for (let attempt = 0; attempt < 16; attempt++) {
      const n = (counters.get(type) ?? 0) + 1;
      const token = `<${type}_${n}>`;
      const result = insert.run(conversationId, token, type, subjectId, sealed, Date.now());
      if (result.changes === 1) {
        remember({ token, type, original }, key);
        return token;
      }
      load();
      const raced = byKey.get(key);
      if (raced) return raced.token;
      counters.set(type, Math.max(counters.get(type) ?? 0, n));
    }
    throw new UserError('CONFLICT', 'Could not allocate a pseudonym token; try again.');
  }

  return {
    conversationId,
    subjectId,
    pseudonymize(text, options) {
      // A customer who types "<PERSON_1>" must not be able to make rehydration reveal a value:
      // token look-alikes in the input get look-alike brackets (same length, so spans stay valid).
      const safe = text.replace(TOKEN_RE, (m) => `‹${m.slice(1, -1)}›`);
      const found = detectPii(safe, options);
      const detected = options?.sweep ? sweepLeftovers(safe, found) : found;
      const spans: PseudonymSpan[] = [];
      const replace = (tokenOf: (type: PiiType, original: string) => string | null): string | null => {
        spans.length = 0;
        let complete = true;
        const replaced = replaceSpans(safe, detected, (span, original) => {
          const token = tokenOf(span.type, original);
          if (token === null) {
            complete = false;
            return '';
          }
          spans.push({ ...span, token });
          return token;
        });
        return complete ? replaced : null;
      };
      // Every value already has its token (no PII, or values seen earlier in the conversation, e.g.
      // history): nothing to write, so no transaction. Otherwise the new tokens commit together.
      const known = replace((type, original) => byKey.get(keyOf(type, original))?.token ?? null);
      const out = known ?? db.transaction(() => replace(tokenFor) as string)();
      return { text: out, spans };
    },
    rehydrate(text) {
      return text.replace(TOKEN_RE, (token) => byToken.get(token)?.original ?? token);
    },
    size() {
      return byToken.size;
    },
  };
}
