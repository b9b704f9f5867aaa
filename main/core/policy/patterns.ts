/**
 * Pack patterns run on every customer message and every draft, so a single catastrophic regex is a
 * denial of service. JavaScript's engine backtracks; the only reliable defence without a second
 * engine is to admit a subset whose work per start position is bounded by a small constant:
 * no unbounded quantifiers (`*`, `+`, `{n,}`), bounded repeats of at most MAX_REPEAT, no quantified
 * group that itself contains a quantifier, and no backreferences.
 */
export const MAX_REPEAT = 40;

/** Returns null when the source is safe, else a short reason (no pattern text is echoed). */
export function patternSafetyProblem(source: string): string | null {
  try {
    new RegExp(source, 'i');
  } catch {
    return 'not a valid regular expression';
  }
  const groups: Array<{ hasQuant: boolean }> = [{ hasQuant: false }];
  let i = 0;
  // The atom just closed: a group's "contains a quantifier" flag, or false for a plain atom.
  let lastAtomHadQuant: boolean | null = null;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (/[1-9]/.test(n) || n === 'k') return 'backreferences are not allowed';
      i += 2;
      lastAtomHadQuant = false;
      continue;
    }
    if (c === '[') {
      i += 1;
      if (source[i] === '^') i += 1;
      if (source[i] === ']') i += 1;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i += 1;
      lastAtomHadQuant = false;
      continue;
    }
    if (c === '(') {
      groups.push({ hasQuant: false });
      i += 1;
      if (source[i] === '?') {
        // (?:  (?=  (?!  (?<=  (?<!  (?<name>
        i += 1;
        if (source[i] === '<' && source[i + 1] !== '=' && source[i + 1] !== '!') {
          while (i < source.length && source[i] !== '>') i += 1;
          i += 1;
        } else {
          i += source[i] === '<' ? 2 : 1;
        }
      }
      lastAtomHadQuant = null;
      continue;
    }
    if (c === ')') {
      const g = groups.pop();
      if (!g || groups.length === 0) return 'unbalanced parenthesis';
      if (g.hasQuant) (groups[groups.length - 1] as { hasQuant: boolean }).hasQuant = true;
      lastAtomHadQuant = g.hasQuant;
      i += 1;
      continue;
    }
    if (c === '*' || c === '+') return `unbounded quantifier "${c}" (use {1,N} with N <= ${MAX_REPEAT})`;
    if (c === '?' || c === '{') {
      let max = 1;
      if (c === '{') {
        const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(source.slice(i, i + 16));
        if (!m) {
          // A literal brace (no quantifier syntax) in non-unicode mode.
          i += 1;
          lastAtomHadQuant = false;
          continue;
        }
        if (m[2] !== undefined && (m[3] ?? '') === '') return 'unbounded quantifier "{n,}"';
        max = Number(m[3] ?? m[1]);
        if (max > MAX_REPEAT) return `repeat bound ${max} exceeds ${MAX_REPEAT}`;
        i += m[0].length;
      } else {
        i += 1;
      }
      if (lastAtomHadQuant && max > 1)
        return 'nested quantifier (a repeated group that contains a quantifier)';
      (groups[groups.length - 1] as { hasQuant: boolean }).hasQuant = true;
      if (source[i] === '?') i += 1; // lazy modifier
      lastAtomHadQuant = null;
      continue;
    }
    lastAtomHadQuant = false;
    i += 1;
  }
  if (groups.length !== 1) return 'unbalanced parenthesis';
  return null;
}

const cache = new Map<string, RegExp>();

/** Compiles a pack pattern (case-insensitive). Callers must only pass patterns from a validated pack. */
export function compilePattern(source: string): RegExp {
  let re = cache.get(source);
  if (!re) {
    re = new RegExp(source, 'i');
    if (cache.size > 2000) cache.clear();
    cache.set(source, re);
  }
  return re;
}

/** True when any of the pack patterns matches the text. */
export function matchesAny(text: string, patterns: readonly string[]): boolean {
  for (const p of patterns) if (compilePattern(p).test(text)) return true;
  return false;
}

/** Indexes of the patterns that match; useful for audit payloads (ids and counts, never text). */
export function matchingPatterns(text: string, patterns: readonly string[]): number[] {
  const out: number[] = [];
  patterns.forEach((p, idx) => {
    if (compilePattern(p).test(text)) out.push(idx);
  });
  return out;
}
