import { loadCorpus } from './corpus/evaluate';
import { Scan } from './scan';
import { persons } from './persons';
import { addresses } from './structured';
const corpus = loadCorpus();
const batch: string[] = []; let buf = '';
for (let i = 0; batch.length < 2000; i++) { buf += (buf ? ' ' : '') + corpus[i % corpus.length]!.text; if (buf.length >= 500) { batch.push(buf.slice(0, 500)); buf = ''; } }
const CAP_WORD = /(?<![\p{L}\p{M}\p{N}'’])\p{Lu}(?:[\p{L}\p{M}]|['’-](?=\p{L})){0,24}(?![\p{L}\p{M}\p{N}])/gu;
const CAP2 = /[A-Z\u00C0-\u00DE\u0100-\u017F\u0370-\u03FF\u0400-\u042F](?<![\p{L}\p{M}\p{N}'’].)(?:[\p{L}\p{M}]|['’-](?=\p{L})){0,24}(?![\p{L}\p{M}\p{N}])/gu;
const CAP3 = /\b[A-Z][a-z]+/g;
const HAN = /\p{Script=Han}/u;
function time(name: string, f: (t: string) => void) { for (const t of batch) f(t); const t0 = process.cpuUsage(); for (let r = 0; r < 3; r++) for (const t of batch) f(t); const d = process.cpuUsage(t0); console.log(name.padEnd(10), ((d.user + d.system) / batch.length / 3).toFixed(2)); }
time('capword', (t) => { CAP_WORD.lastIndex = 0; while (CAP_WORD.exec(t)); });
time('cap2', (t) => { CAP2.lastIndex = 0; while (CAP2.exec(t)); });
time('cap3', (t) => { CAP3.lastIndex = 0; while (CAP3.exec(t)); });
time('han', (t) => { HAN.test(t); });
time('persons', (t) => persons(new Scan(t)));
time('addr', (t) => addresses(new Scan(t)));
import { detectPii } from './detect';
import { Redactor } from '@redactpii/node';
const red = new Redactor();
time('detectPii', (t) => detectPii(t));
time('redactpii', (t) => red.redact(t));
const fns: Record<string, (s: Scan) => void> = {};
import * as R from './structured';
Object.assign(fns, { ctx: (s: Scan) => void s.hits, emails: R.emails, cards: R.cards, ibans: R.ibans, ssns: R.ssns, nhs: R.nhsNumbers, ninos: R.ninos, sort: R.sortCodes, acct: R.bankAccounts, phones: R.phones, ips: (s: Scan) => R.ips(s, true), dob: R.datesOfBirth, post: R.postcodes, keyed: R.keyedIds });
for (const [n, f] of Object.entries(fns)) time(n, (t) => { const s = new Scan(t); if (n !== 'ctx') void s.hits; f(s); });
