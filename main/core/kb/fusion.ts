/** The constant of Cormack et al. (2009); it damps the head of each list so no single ranker dominates. */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: score(d) = sum over rankings of 1 / (k + rank), rank starting at 1.
 * Ties break on the best single rank, then on the key, so results are deterministic.
 */
export function reciprocalRankFusion<K extends string | number>(
  rankings: ReadonlyArray<readonly K[]>,
  k: number = RRF_K,
): Array<{ key: K; score: number; ranks: Array<number | null> }> {
  const acc = new Map<K, { score: number; best: number; ranks: Array<number | null> }>();
  rankings.forEach((list, li) => {
    list.forEach((key, idx) => {
      let e = acc.get(key);
      if (!e) {
        e = { score: 0, best: Number.POSITIVE_INFINITY, ranks: rankings.map(() => null) };
        acc.set(key, e);
      }
      if (e.ranks[li] !== null) return; // a duplicate within one list counts once, at its best rank
      e.ranks[li] = idx + 1;
      e.score += 1 / (k + idx + 1);
      e.best = Math.min(e.best, idx + 1);
    });
  });
  return [...acc.entries()]
    .sort(([ka, a], [kb, b]) => b.score - a.score || a.best - b.best || (String(ka) < String(kb) ? -1 : 1))
    .map(([key, e]) => ({ key, score: e.score, ranks: e.ranks }));
}
