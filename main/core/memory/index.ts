/**
 * Public API of memory: short-term session memory (RAM only, bounded by turns and tokens, with a
 * summarization hook) and long-term customer memory (consented, per-class retention, sealed under the
 * subject key). All text entering memory passes a privacy boundary (`redact`).
 */
import type { Store } from '../store';
import { createCustomerMemory, type CustomerMemory } from './customer';
import { redactForMemory } from './redact';
import { createSessionMemory, type SessionMemory, type SessionMemoryOptions } from './session';
import { MEMORY_CLASSES, type MemoryRedactor, type RetentionWindows } from './types';

export {
  MEMORY_CLASSES,
  CONSENT_PURPOSES,
  CONSENT_METHODS,
  DAY_MS,
  isMemoryClass,
  purposeFor,
  type MemoryClass,
  type RetentionWindows,
  type ConsentPurpose,
  type ConsentMethod,
  type MemoryRedactor,
} from './types';
export {
  createSessionMemory,
  estimateTokens,
  extractiveSummarizer,
  type SessionMemory,
  type SessionMemoryOptions,
  type SessionContext,
  type SessionTurn,
  type SessionRole,
  type Summarizer,
} from './session';
export {
  createCustomerMemory,
  type CustomerMemory,
  type CustomerMemoryOptions,
  type MemoryItem,
  type RememberInput,
  type SubjectRecord,
  tombstonedSubjects,
} from './customer';
export {
  createConsentRegistry,
  type ConsentRegistry,
  type ConsentRecord,
  type ConsentInput,
} from './consent';
export { redactForMemory } from './redact';

/**
 * Memory windows from a policy pack's `retention` (days per policy data class). Policy has one
 * `long_term_memory` window; every memory class gets it unless `overrides` names a class.
 */
export function memoryWindowsFromPolicy(
  retention: { long_term_memory: number },
  overrides: Partial<RetentionWindows> = {},
): RetentionWindows {
  const out = {} as RetentionWindows;
  for (const c of MEMORY_CLASSES) out[c] = overrides[c] ?? retention.long_term_memory;
  return out;
}

export interface MemoryOptions {
  windows: RetentionWindows;
  /** Privacy boundary; defaults to the privacy module's detector (`[TYPE]` for every PII span). */
  redact?: MemoryRedactor;
  session?: Omit<SessionMemoryOptions, 'redact'>;
  now?: () => number;
}

export interface Memory {
  readonly session: SessionMemory;
  readonly customer: CustomerMemory;
}

export function createMemory(store: Store, options: MemoryOptions): Memory {
  const redact = options.redact ?? redactForMemory;
  const now = options.now ?? Date.now;
  return {
    session: createSessionMemory({ now, ...options.session, redact }),
    customer: createCustomerMemory(store, { windows: options.windows, redact, now }),
  };
}
