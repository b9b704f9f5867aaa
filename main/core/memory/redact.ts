import { detectPii } from '../privacy';
import type { MemoryRedactor } from './types';

/**
 * Default privacy boundary for memory: every detected PII span becomes `[TYPE]`. Spans are sorted and
 * non-overlapping (privacy contract), so replacing from the end keeps earlier indices valid.
 */
export const redactForMemory: MemoryRedactor = (text) => {
  let out = text;
  const spans = detectPii(text);
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    if (!s) continue;
    out = `${out.slice(0, s.start)}[${s.type}]${out.slice(s.end)}`;
  }
  return out;
};
