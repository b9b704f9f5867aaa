/**
 * Scores the detector on corpus D: 240 texts hand-written by a second author who never saw the detector or
 * corpora A, B and C (twelve other forms, 467 labelled spans), split 50/50 per form (seed 20261206) and
 * committed before any tuning. Same scoring as corpus B.
 *   node --import tsx main/core/privacy/corpus-d/score.ts [--misses TYPE]   (misses: dev only)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReports, loadSplit, scoreCorpus, type SpanDetector } from '../corpus-b/score';
import { detectPii } from '../detect';

const HERE = dirname(fileURLToPath(import.meta.url));
export const loadCorpusD = (split: 'dev' | 'holdout') => loadSplit(join(HERE, `${split}.jsonl`));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const detect: SpanDetector = (text) => detectPii(text);
  const dev = loadCorpusD('dev');
  const hold = loadCorpusD('holdout');
  const devL = scoreCorpus(dev, detect);
  console.log('corpus D, lenient (same type, overlapping span):');
  console.log(
    formatReports([
      ['dev', devL],
      ['holdout', scoreCorpus(hold, detect)],
    ]),
  );
  console.log('\ncorpus D, strict (same type, same boundaries):');
  console.log(
    formatReports([
      ['dev', scoreCorpus(dev, detect, true)],
      ['holdout', scoreCorpus(hold, detect, true)],
    ]),
  );
  const i = process.argv.indexOf('--misses');
  // Misses are printed for dev only: the holdout split is never looked into while tuning.
  if (i > 0) {
    const want = process.argv[i + 1];
    for (const m of devL.misses)
      if (!want || m.type === want) console.log(`${m.kind} ${m.type} ${m.id} ${JSON.stringify(m.value)}`);
  }
}
