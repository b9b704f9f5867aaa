/** A line diff (longest common subsequence) small enough for policy packs of a few hundred lines. */
export function lineDiff(
  before: readonly string[],
  after: readonly string[],
): Array<{ op: ' ' | '+' | '-'; text: string }> {
  const n = before.length;
  const m = after.length;
  // lcs[i][j] = LCS length of before[i..] and after[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[at(i, j)] =
        before[i] === after[j]
          ? (lcs[at(i + 1, j + 1)] ?? 0) + 1
          : Math.max(lcs[at(i + 1, j)] ?? 0, lcs[at(i, j + 1)] ?? 0);
  const out: Array<{ op: ' ' | '+' | '-'; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ op: ' ', text: before[i] as string });
      i++;
      j++;
    } else if ((lcs[at(i + 1, j)] ?? 0) >= (lcs[at(i, j + 1)] ?? 0))
      out.push({ op: '-', text: before[i++] as string });
    else out.push({ op: '+', text: after[j++] as string });
  }
  while (i < n) out.push({ op: '-', text: before[i++] as string });
  while (j < m) out.push({ op: '+', text: after[j++] as string });
  return out;
}
