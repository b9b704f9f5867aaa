/**
 * Scores the detector on corpus N: 240 texts hand-written by a twelfth outside author who never saw the detector
 * or corpora A to M (twelve further forms, 579 labelled spans), split 50/50 per form (seed 20261206) and
 * committed before any tuning. Same scoring as corpus B.
 *   node --import tsx main/core/privacy/corpus-n/score.ts [--misses TYPE]   (misses: dev only)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSplit, printCorpusScores } from '../corpus-b/score';

const HERE = dirname(fileURLToPath(import.meta.url));
export const loadCorpusN = (split: 'dev' | 'holdout') => loadSplit(join(HERE, `${split}.jsonl`));

if (process.argv[1] === fileURLToPath(import.meta.url))
  printCorpusScores('N', loadCorpusN('dev'), loadCorpusN('holdout'), process.argv);
