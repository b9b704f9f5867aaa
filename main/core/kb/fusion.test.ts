import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion, RRF_K } from './fusion';
import { ftsMatchExpression, queryTerms } from './query';
import { htmlToText } from './html';
import { chunkText, MAX_CHUNK_CHARS } from './parse';

describe('reciprocal rank fusion', () => {
  it('scores 1/(k+rank) summed over rankers, k = 60', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'a', 'd'],
    ]);
    expect(RRF_K).toBe(60);
    expect(fused.map((f) => f.key)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[1]?.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[3]?.ranks).toEqual([null, 3]);
  });

  it('breaks ties deterministically and counts duplicates once', () => {
    const fused = reciprocalRankFusion([
      ['x', 'x', 'y'],
      ['y', 'x'],
    ]);
    expect(fused.map((f) => f.key)).toEqual(['x', 'y']);
    expect(fused[0]?.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
  });
});

describe('query terms', () => {
  it('keeps letters and digits only, drops stop words, quotes for FTS5', () => {
    expect(queryTerms('What is the fee for a "replacement" card?')).toEqual(['fee', 'replacement', 'card']);
    expect(ftsMatchExpression('card* NEAR(xy) a')).toBe('"card" OR "near" OR "xy"');
    expect(ftsMatchExpression('the and of')).toBeNull();
  });
});

describe('html and chunking', () => {
  it('strips markup safely and keeps headings', () => {
    const { text, title } = htmlToText(
      '<title>T &amp; C</title><h2>Fees</h2><p>a&nbsp;b &#163;5 &#x20AC;6</p><!-- <p>hidden</p> --><script>x<1</script>< lone',
    );
    expect(title).toBe('T & C');
    expect(text).toBe('## Fees\n\na b £5 €6\n\n< lone');
  });

  it('handles hostile markup in linear time', () => {
    const t0 = performance.now();
    htmlToText('<'.repeat(200_000) + '<a'.repeat(100_000) + '&#'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('never makes a chunk bigger than the limit and keeps exact offsets', () => {
    const long = `# Title\n\n${'Sentence number one is here. '.repeat(100)}\n\nShort para.`;
    const chunks = chunkText(long, 'markdown');
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(MAX_CHUNK_CHARS);
      expect(long.slice(c.start, c.end)).toBe(c.text);
      expect(c.headingPath).toEqual(['Title']);
    }
  });
});
