import { boundaries } from '../privacy';
import type { MemoryRedactor } from './types';

/**
 * Default privacy boundary for memory: the privacy module's `forMemory` choke point (detected PII spans
 * become `[TYPE]`). A caller holding a conversation's pseudonymizer can pass
 * `(t) => boundaries.forMemory(t, pseudonymizer)` instead, so memory keeps stable `<PERSON_1>` tokens.
 */
export const redactForMemory: MemoryRedactor = (text) => boundaries.forMemory(text);
