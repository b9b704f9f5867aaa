/**
 * Exactness of a speed change: the detector in this tree against a frozen one (a git ref, loaded by
 * lib/pii-baseline.ts) over every text we have and mutations of them, under the full request, the
 * structured types, every single type and `minScore: 0`. Prints the number of differing results and
 * the first few; exits non-zero on any difference.
 *   PII_EXACT_REF=<ref> npm run bench -- pii-exact    (default ref: the merge base with main)
 * Inputs: corpus A, corpus B dev and holdout, the pii bench's 500-character texts, every customer turn of
 * the eval scenarios (evals/**), and seeded mutations: case, punctuation, spacing, digit and cut/join
 * changes of those texts, plus random strings of digits, separators, cue words, names, sign-offs, list
 * separators and other scripts. Deterministic: the same inputs on every run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { detectPii, PII_TYPES, type DetectOptions, type PiiSpan, type PiiType } from '../main/core/privacy';
import { loadDev, loadHoldout } from '../main/core/privacy/corpus-b/score';
import { loadCorpus } from '../main/core/privacy/corpus/evaluate';
import { loadBaseline } from './lib/pii-baseline';
import { mulberry32 as prng } from '../shared/prng';

const ROOT = join(import.meta.dirname, '..');
const STRUCTURED: PiiType[] = ['CREDIT_CARD', 'IBAN', 'US_SSN', 'UK_NHS', 'UK_NINO', 'EMAIL', 'PHONE'];

function scenarioTurns(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) scenarioTurns(path, out);
    else if (name.endsWith('.json')) {
      const scenario = JSON.parse(readFileSync(path, 'utf8')) as { turns?: Array<{ customer?: unknown }> };
      for (const turn of scenario.turns ?? []) if (typeof turn.customer === 'string') out.push(turn.customer);
    }
  }
}

function benchTexts(source: readonly string[], count: number): string[] {
  const out: string[] = [];
  let buf = '';
  for (let i = 0; out.length < count; i++) {
    buf += (buf ? ' ' : '') + source[i % source.length]!;
    if (buf.length >= 500) {
      out.push(buf.slice(0, 500));
      buf = '';
    }
  }
  return out;
}

const PIECES = [
  ...['Name: ', 'name ', 'pt ', 'cust: ', 'Patient: ', 'Customer ', 'spoke to ', 'nok ', 'cc: ', 'From: '],
  ...['Hi ', 'hello ', 'Dear ', 'Dr ', 'mrs ', 'Re: ', 'this is ', "hello it's ", 'Kind regards,\n'],
  ...['Thanks,\n', 'best\n', 'Cheers\n', '-- \n', '1. ', '- ', ', ', '; ', ' and ', ' & ', "'s card ", '’s '],
  ...['Sarah Jones', 'sarah jones', 'SARAH JONES', 'Will', 'Hope', 'Grace Baker', "O'Brien", 'Smith-Jones'],
  ...['Krzysztof Wójcik', 'Nguyễn Văn An', 'Αλέξανδρος', 'Иван Петров', 'محمد', '김민준', 'राहुल', 'สมชาย'],
  ...['さくら', '李伟', 'ama warsame calling', 'padraig ozturk'],
  ...['s/c ', 'sc ', 'sort code ', 'a/c ', 'acc ', 'ac ', 'account ', 'pp ', 'passport ', 'dl ', 'lic '],
  ...['licence ', 'MRN ', 'hosp no ', 'pt id ', 'chart ', 'ssn ', 'ss ', 'soc sec ', 'mob ', 'cb ', 'tel '],
  ...['DOB: ', 'd/o/b ', 'born ', 'NHS ', 'ni no ', 'ip ', 'order ref ', 'routing ', 'version ', 'card '],
  ...['"birthDate": "', '","name":"', 'sortCode,accountNumber\n', '\n', '  ', ' ', '.', ': ', '-', '+44 '],
  ...['07911 123456', '0433518124', '+33 6 12 34 56 78', '020 7946 0018', '4111 1111 1111 1111'],
  ...['40-47-84', '31926819', '12.03.1961', '1979-11-02', '123-45-6789', '943 476 5919', 'AB123456C'],
  ...['GB82 WEST 1234 5698 7654 32', '192.168.0.1', '1.2.3.4', 'SW1A 1AA', '10 Downing Street', '1234'],
  ...['MORGA657054SM9IJ', 'A1234567', 'RX-449201', 'oh seven nine one one', 'jan 2027', '2001:db8::1'],
  ...['ann@example.com', 'x', 'I', 'İ', 'K', '\t', '(', ')'],
];

function mutate(text: string, rnd: () => number): string {
  const pick = Math.floor(rnd() * 8);
  const at = Math.floor(rnd() * (text.length + 1));
  switch (pick) {
    case 0:
      return text.toLowerCase();
    case 1:
      return text.toUpperCase();
    case 2:
      return text.replace(/[.,:;!?]/g, '');
    case 3:
      return text.replace(/ /g, rnd() < 0.5 ? '  ' : '\n');
    case 4:
      return text.replace(/\d/g, (d) => String((Number(d) + 1 + Math.floor(rnd() * 9)) % 10));
    case 5:
      return text.slice(at) + ' ' + text.slice(0, at);
    case 6:
      return text.slice(0, at) + PIECES[Math.floor(rnd() * PIECES.length)]! + text.slice(at);
    default:
      return text.slice(0, at);
  }
}

function randomText(rnd: () => number): string {
  let s = '';
  const parts = 1 + Math.floor(rnd() * 14);
  for (let k = 0; k < parts; k++) {
    s += PIECES[Math.floor(rnd() * PIECES.length)]!;
    if (rnd() < 0.3) s += String(Math.floor(rnd() * 1e9));
  }
  return s;
}

const corpusA = loadCorpus().map((e) => e.text);
const corpusB = [...loadDev(), ...loadHoldout()].map((e) => e.text);
const turns: string[] = [];
scenarioTurns(join(ROOT, 'evals'), turns);
const base = [...corpusA, ...corpusB, ...benchTexts(corpusA, 2000), ...turns];
const rnd = prng(0x19e5);
const mutations = Array.from({ length: 15_000 }, () => mutate(base[Math.floor(rnd() * base.length)]!, rnd));
const randoms = Array.from({ length: 25_000 }, () => randomText(rnd));
const texts = [...base, ...mutations, ...randoms];

const frozen = await loadBaseline(process.env.PII_EXACT_REF);
const requests: Array<[string, DetectOptions | undefined]> = [
  ['all', undefined],
  ['structured', { types: STRUCTURED }],
  ['minScore 0', { minScore: 0 }],
  ...PII_TYPES.map((t): [string, DetectOptions] => [t, { types: [t] }]),
];

const same = (a: readonly PiiSpan[], b: readonly PiiSpan[]): boolean =>
  a.length === b.length &&
  a.every(
    (x, i) =>
      x.start === b[i]!.start && x.end === b[i]!.end && x.type === b[i]!.type && x.score === b[i]!.score,
  );

let compared = 0;
let differing = 0;
const examples: string[] = [];
for (const text of texts) {
  for (const [label, options] of requests) {
    compared++;
    const want = frozen.detectPii(text, options);
    const got = detectPii(text, options);
    if (same(want, got)) continue;
    differing++;
    // Spans and offsets only, never the text: these inputs stand in for customer text.
    if (examples.length < 10) {
      examples.push(
        `  text #${texts.indexOf(text)} (${label}): want ${JSON.stringify(want)} got ${JSON.stringify(got)}`,
      );
    }
  }
}
console.log(
  `exactness against ${frozen.commit.slice(0, 12)}: ${texts.length} texts (${corpusA.length} corpus A, ${corpusB.length} corpus B, 2000 bench, ${turns.length} scenario turns, ${mutations.length} mutations, ${randoms.length} random), ${requests.length} requests each`,
);
console.log(`${compared} comparisons, ${differing} differing`);
for (const e of examples) console.log(e);
if (differing > 0) process.exitCode = 1;
