/** Classes of long-term customer memory; each has its own retention window (days) from policy. */
export const MEMORY_CLASSES = ['preference', 'case_history', 'contact', 'vulnerability'] as const;
export type MemoryClass = (typeof MEMORY_CLASSES)[number];

export type RetentionWindows = Record<MemoryClass, number>;

/** What a consent covers. Vulnerability indicators need their own, explicit consent (FCA FG21/1). */
export const CONSENT_PURPOSES = ['long_term_memory', 'vulnerability_support'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'written', 'digital'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The consent purpose a memory class requires. */
export function purposeFor(dataClass: MemoryClass): ConsentPurpose {
  return dataClass === 'vulnerability' ? 'vulnerability_support' : 'long_term_memory';
}

/** The privacy boundary for text entering memory (default: PII spans replaced by `[TYPE]`). */
export type MemoryRedactor = (text: string) => string;

export const DAY_MS = 86_400_000;

export function isMemoryClass(value: string): value is MemoryClass {
  return (MEMORY_CLASSES as readonly string[]).includes(value);
}
