// Words that carry no retrieval signal; dropping them keeps OR-queries from matching everything.
const STOP = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it ' +
    'its me my of on or our so than that the their them then there these they this to was we were what ' +
    'when where which who why will with would you your yours please hi hello thanks thank just about get ' +
    "i'm im want need know tell"
  ).split(' '),
);

export const MAX_QUERY_TERMS = 24;

/** Terms of a free-text query: letters and digits only, so the FTS5 query syntax cannot be injected. */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const m of query
    .toLowerCase()
    .normalize('NFKC')
    .matchAll(/[\p{L}\p{N}]{1,40}/gu)) {
    const t = m[0];
    if (t.length < 2 || STOP.has(t) || seen.has(t)) continue;
    seen.add(t);
    if (seen.size >= MAX_QUERY_TERMS) break;
  }
  return [...seen];
}

/** An FTS5 MATCH expression over already-safe terms: each quoted, OR-ed (BM25 ranks the union). */
export function ftsExpression(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(' OR ');
}

/** The MATCH expression for a free-text query; null when no searchable term is left. */
export function ftsMatchExpression(query: string): string | null {
  const terms = queryTerms(query);
  return terms.length === 0 ? null : ftsExpression(terms);
}
