import { Scan } from './scan';
import * as R from './structured';
import { persons } from './persons';
import { loadCorpus } from './corpus/evaluate';
const corpus = loadCorpus();
const batch: string[] = []; let buf = '';
for (let i = 0; batch.length < 2000; i++) { buf += (buf ? ' ' : '') + corpus[i % corpus.length]!.text; if (buf.length >= 500) { batch.push(buf.slice(0, 500)); buf = ''; } }
const fns: Record<string, (s: Scan) => void> = { lower: (s) => void s.lower, ctx: (s) => void s.hits, emails: R.emails, cards: R.cards, ibans: R.ibans, ssns: R.ssns, nhs: R.nhsNumbers, ninos: R.ninos, sort: R.sortCodes, acct: R.bankAccounts, phones: R.phones, ips: (s) => R.ips(s, true), dob: R.datesOfBirth, post: R.postcodes, addr: R.addresses, keyed: R.keyedIds, persons };
const acc = new Map<string, number>();
for (let round = 0; round < 3; round++) for (const t of batch) { const s = new Scan(t); for (const [n, f] of Object.entries(fns)) { const t0 = performance.now(); f(s); acc.set(n, (acc.get(n) ?? 0) + performance.now() - t0); } }
for (const [n, v] of [...acc].sort((a, b) => b[1] - a[1])) console.log(n.padEnd(8), (v / batch.length / 3 * 1000).toFixed(2), 'us');
