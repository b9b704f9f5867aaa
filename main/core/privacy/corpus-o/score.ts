/**
 * Scores the detector on corpus O: 240 texts hand-written by a thirteenth outside author who never saw the detector
 * or corpora A to N (twelve further forms, 621 labelled spans), split 50/50 per form (seed 20261206) and
 * committed before any tuning. Same scoring as corpus B.
 *   node --import tsx main/core/privacy/corpus-o/score.ts [--misses TYPE]   (misses: dev only)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSplit, printCorpusScores } from '../corpus-b/score';

const HERE = dirname(fileURLToPath(import.meta.url));
export const loadCorpusO = (split: 'dev' | 'holdout') => loadSplit(join(HERE, `${split}.jsonl`));

if (process.argv[1] === fileURLToPath(import.meta.url))
  printCorpusScores('O', loadCorpusO('dev'), loadCorpusO('holdout'), process.argv);
