import { loadCorpus } from './corpus/evaluate';
import { detectPii } from './detect';
const corpus = loadCorpus();
const batch: string[] = []; let buf = '';
for (let i = 0; batch.length < 2000; i++) { buf += (buf ? ' ' : '') + corpus[i % corpus.length]!.text; if (buf.length >= 500) { batch.push(buf.slice(0, 500)); buf = ''; } }
for (let r = 0; r < 10; r++) for (const t of batch) detectPii(t);
