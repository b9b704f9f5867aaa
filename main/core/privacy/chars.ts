/** Code-unit classes shared by the hand-written matchers (ASCII only: the regexes they stand in for are not /u). */

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

export function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** [A-Za-z0-9_]: the regex \w, and so where \b sits. */
export function isWordChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 95;
}
