/**
 * The stored entry: canonical JSON whose bytes are the Merkle leaf. It carries its own `seq` and the
 * previous entry's hash, so the Merkle tree alone also commits to the order and the chain.
 */
import { UserError } from '../../../shared/errors';
import { canonicalJson } from './canonical';
import { isAuditEntryType, type AuditActor, type AuditEntryType, type JsonValue } from './types';

export const ENTRY_VERSION = 1;
export const GENESIS_PREV = Buffer.alloc(32);

export interface LeafEntry {
  v: number;
  seq: number;
  ts: string;
  type: AuditEntryType;
  actor: AuditActor;
  subject: string | null;
  payload: Record<string, JsonValue>;
  /** Sealed envelope (ciphertext) of the PII part, when there is one. */
  pii?: string;
  /** Hex of the previous entry's hash (32 zero bytes for seq 0). */
  prev: string;
}

export function encodeLeaf(entry: LeafEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/** An entry with its nested values already in canonical JSON, ready to be chained at any seq. */
export interface LeafParts {
  ts: string;
  type: AuditEntryType;
  subject: string | null;
  /** canonicalJson(actor) */
  actor: string;
  /** canonicalJson(payload) */
  payload: string;
  pii?: string;
}

const str = (s: string): string => {
  if (/[\uD800-\uDFFF]/u.test(s))
    throw new UserError('VALIDATION', 'Audit entry text is not well-formed Unicode.');
  return JSON.stringify(s);
};

export function leafParts(entry: Omit<LeafEntry, 'seq' | 'prev' | 'v'>): LeafParts {
  const parts: LeafParts = {
    ts: entry.ts,
    type: entry.type,
    subject: entry.subject,
    // Fixed shape, keys already in RFC 8785 order; the property test holds this equal to canonicalize.
    actor: `{"id":${str(entry.actor.id)},"kind":${str(entry.actor.kind)},"role":${str(entry.actor.role)}}`,
    payload: canonicalJson(entry.payload),
  };
  if (entry.pii !== undefined) parts.pii = entry.pii;
  return parts;
}

/**
 * The same bytes as encodeLeaf, assembled without re-serialising the nested values for every seq: the
 * RFC 8785 member order (UTF-16 code-unit order) of an entry's keys is fixed, so it is written out here.
 * A property test holds this equal to encodeLeaf.
 */
export function assembleLeaf(p: LeafParts, seq: number, prevHex: string): Buffer {
  const pii = p.pii === undefined ? '' : `"pii":${str(p.pii)},`;
  const subject = p.subject === null ? 'null' : str(p.subject);
  return Buffer.from(
    `{"actor":${p.actor},"payload":${p.payload},${pii}"prev":"${prevHex}","seq":${seq},"subject":${subject},"ts":${str(p.ts)},"type":${str(p.type)},"v":${ENTRY_VERSION}}`,
    'utf8',
  );
}

const ACTOR_KINDS = new Set(['user', 'agent', 'system']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkActor(actor: unknown): AuditActor {
  if (
    !isPlainObject(actor) ||
    typeof actor.kind !== 'string' ||
    !ACTOR_KINDS.has(actor.kind) ||
    typeof actor.id !== 'string' ||
    typeof actor.role !== 'string'
  ) {
    throw new UserError('VALIDATION', 'Audit actor must be {kind: user|agent|system, id, role}.');
  }
  return { kind: actor.kind as AuditActor['kind'], id: actor.id, role: actor.role };
}

/** Decodes stored leaf bytes; returns null when they are not a well-formed entry. */
export function decodeLeaf(leaf: Uint8Array): LeafEntry | null {
  return decodeLeafText(Buffer.from(leaf).toString('utf8'));
}

const PREV_HEX = /^[0-9a-f]{64}$/;

/** decodeLeaf on the leaf's UTF-8 decoded text (verify decodes a whole batch of leaves at once). */
export function decodeLeafText(text: string): LeafEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(value)) return null;
  const { v, seq, ts, type, actor, subject, payload, pii, prev } = value;
  if (v !== ENTRY_VERSION || typeof seq !== 'number' || !Number.isSafeInteger(seq)) return null;
  if (typeof ts !== 'string' || typeof type !== 'string' || !isAuditEntryType(type)) return null;
  if (subject !== null && typeof subject !== 'string') return null;
  if (!isPlainObject(payload) || typeof prev !== 'string' || !PREV_HEX.test(prev)) return null;
  if (pii !== undefined && typeof pii !== 'string') return null;
  if (!isPlainObject(actor)) return null;
  return value as unknown as LeafEntry;
}
