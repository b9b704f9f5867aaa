/**
 * Scores the detector on corpus M: 240 texts hand-written by an eleventh outside author who never saw the detector
 * or corpora A to L (twelve further forms, 490 labelled spans), split 50/50 per form (seed 20261206) and
 * committed before any tuning. Same scoring as corpus B.
 *   node --import tsx main/core/privacy/corpus-m/score.ts [--misses TYPE]   (misses: dev only)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSplit, printCorpusScores } from '../corpus-b/score';

const HERE = dirname(fileURLToPath(import.meta.url));
export const loadCorpusM = (split: 'dev' | 'holdout') => loadSplit(join(HERE, `${split}.jsonl`));

if (process.argv[1] === fileURLToPath(import.meta.url))
  printCorpusScores('M', loadCorpusM('dev'), loadCorpusM('holdout'), process.argv);
