import { loadCorpus } from './corpus/evaluate';
import { scanContext } from './context';
const corpus = loadCorpus();
const batch: string[] = []; let buf = '';
for (let i = 0; batch.length < 2000; i++) { buf += (buf ? ' ' : '') + corpus[i % corpus.length]!.text; if (buf.length >= 500) { batch.push(buf.slice(0, 500).toLowerCase()); buf = ''; } }
function time(name: string, f: (t: string) => void) { for (const t of batch) f(t); const t0 = process.cpuUsage(); for (let r = 0; r < 3; r++) for (const t of batch) f(t); const d = process.cpuUsage(t0); console.log(name.padEnd(10), ((d.user + d.system) / batch.length / 3).toFixed(2)); }
time('ctx', (t) => scanContext(t));
const words = ['nhs','chi number','health number','ssn','social security','national insurance','ni number','nino','sort code','account','acct','card','visa','phone','call','calling','mobile','tel','born','birth','dob','paid','payment','transaction','passport','licence','mrn','medical record','postcode','zip','address','ip','order','ref','reference','invoice','amount','balance','pin'];
// trie-ish: group by first letter
const byFirst = new Map<string, string[]>();
for (const w of words) { const k = w[0]!; if (!byFirst.has(k)) byFirst.set(k, []); byFirst.get(k)!.push(w.slice(1).replace(/ /g, ' ')); }
const trie = new RegExp('\\b(?:' + [...byFirst].map(([k, rest]) => k + '(?:' + rest.join('|') + ')').join('|') + ')(?![a-z])', 'g');
const flat = new RegExp('\\b(?:' + words.join('|') + ')(?![a-z])', 'g');
const first = new RegExp('[a-z](?<![a-z][a-z])(?<=\\b(?:' + words.map((w) => w[0]).filter((c, i, a) => a.indexOf(c) === i).join('|') + '))', 'g');
time('flat', (t) => { flat.lastIndex = 0; while (flat.exec(t)); });
time('trie', (t) => { trie.lastIndex = 0; while (trie.exec(t)); });
const WORD = /[a-z]+/g;
const set = new Set(words.map((w) => w.split(' ')[0]));
time('wordset', (t) => { WORD.lastIndex = 0; let m; while ((m = WORD.exec(t))) set.has(m[0]); });
