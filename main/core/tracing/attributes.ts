import { BugError } from '../../../shared/errors';

export type SafeAttributeValue = number | boolean | string;
export type SafeAttributes = Record<string, SafeAttributeValue>;

/**
 * Only these keys may carry a string, and only a token (ids, versions, hashes, enum values): never
 * a sentence, so customer text cannot reach a span even by mistake. Every other key takes numbers
 * and booleans only. Names follow the OpenTelemetry GenAI semantic conventions where one exists.
 */
export const STRING_ATTRIBUTE_KEYS = [
  // GenAI semantic conventions
  'gen_ai.operation.name',
  'gen_ai.system',
  'gen_ai.provider.name',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'gen_ai.response.id',
  'gen_ai.output.type',
  'gen_ai.agent.name',
  'gen_ai.data_source.id',
  'error.type',
  // Confidant
  'confidant.turn.id',
  'confidant.conversation.id',
  'confidant.stage',
  'confidant.node.id',
  'confidant.node.next',
  'confidant.policy.id',
  'confidant.policy.version',
  'confidant.policy.hash',
  'confidant.kb.snapshot',
  'confidant.model.sha256',
  'confidant.prompt.template',
  'confidant.outcome',
  'confidant.guard',
  'confidant.reason',
  'confidant.degradation',
  'confidant.domain',
  'confidant.sentiment.label',
  'confidant.sentiment.source',
] as const;

const STRING_KEYS = new Set<string>(STRING_ATTRIBUTE_KEYS);
const KEY = /^[a-z][a-z0-9_]{0,40}(?:\.[a-z0-9_]{1,40}){0,6}$/;
/** A token: no spaces, no '@', bounded; wide enough for ids, semver, sha256 and model file names. */
const TOKEN = /^[A-Za-z0-9_.:/+=-]{0,128}$/;

/** Why an attribute would be refused, or null when it is allowed. */
export function attributeProblem(key: string, value: unknown): string | null {
  if (!KEY.test(key)) return 'malformed key';
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'non-finite number';
  if (typeof value === 'boolean') return null;
  if (typeof value === 'string') {
    if (!STRING_KEYS.has(key)) return 'strings are only allowed on allow-listed keys';
    return TOKEN.test(value) ? null : 'string value is not a token';
  }
  return 'only number, boolean or allow-listed token strings';
}

/** Keeps allowed attributes and counts the rest; the pipeline never fails a turn over telemetry. */
export function filterAttributes(attrs: Record<string, unknown>): { safe: SafeAttributes; dropped: number } {
  const safe: SafeAttributes = {};
  let dropped = 0;
  for (const [key, value] of Object.entries(attrs)) {
    if (attributeProblem(key, value) === null) safe[key] = value as SafeAttributeValue;
    else dropped += 1;
  }
  return { safe, dropped };
}

/** For tests and strict mode: throws on the first refused attribute (the message names the key only). */
export function assertSafeAttributes(attrs: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(attrs)) {
    const problem = attributeProblem(key, value);
    if (problem)
      throw new BugError(`trace attribute ${KEY.test(key) ? key : '(malformed key)'} refused: ${problem}`);
  }
}
