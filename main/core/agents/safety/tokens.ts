/**
 * Text to clauses of tokens, each with its lower-cased surface form and wink-nlp's lemma. Contractions
 * and chat spellings are expanded first so the rules see "do not want to", never "dont wanna".
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  /** Lower-cased surface form. */
  word: string;
  lemma: string;
  /** wink-nlp's universal part of speech (NOUN, PROPN, PRON, VERB, …); '' when not tagged. */
  pos?: string;
  /** Typed in capitals while being a word ("AGAIN", "WHY"), not a name or an acronym. */
  shouted?: true;
}

let nlp: ReturnType<typeof winkNLP> | null = null;

const EXPANSIONS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u02bc`´]/g, "'"],
  // Scots, Northern, Irish and Scouse spellings of the words the rules pivot on, as customers type them:
  // "ah cannae thole it ony mair", "there's nowt left fer me", "me mam", "ah'm no good wi readin".
  [/\bah(?='(?:m|ve|ll|d)\b)/gi, 'i'],
  [
    /\bah (?=(?:am|have|had|was|wis|cannae|canna|cannot|can|could|need|want|dinnae|didnae|think|feel|ken|just|never|know|will|would|got|keep|been|wish|hate)\b)/gi,
    'i ',
  ],
  [/\bamn't\b/gi, 'am not'],
  // Patois "mi" is I before a verb ("mi been putting by mi tablets").
  [
    /\bmi (?=(?:been|did|do|have|want|need|feel|cyaan|caan|cannot|can|nah|a|tek|just|tired|done|cant|know|never|gone|going|was)\b)/gi,
    'i ',
  ],
  // Dropped g's on the verbs the rules read ("keepin back", "nothin left", "cannae stop cryin'"), listed
  // because a rule on every "-in" would respell drug names (gabapentin, insulin).
  [
    /\b(keep|read|writ|noth|someth|anyth|everyth|go|do|say|think|feel|try|gett|look|tak|mak|com|sitt|wait|cry|sleep|eat|drink|ask|tell|talk|work|liv|los|us|pay|hid|sav|stockpil|plann|want|need|hop|pray|dy|kill|cutt|burn|hurt|harm|buy|sell|send|mov|call|ring|be|hav|start|stopp|hold|leav|driv|runn|scream|shout|shak|struggl|cop|manag|chas|fall|giv|ly|wonder|hang|jump|drown|shoot)in'?(?=\W|$)/gi,
    '$1ing',
  ],
  [/\bken\b/g, 'know'],
  // A lone "o" between words is "of" ("ninety o the tablets"); "the noo" is now.
  [/(?<=[a-z] )o(?= [a-z])/g, 'of'],
  [/\bthe noo\b/gi, 'now'],
  // "me" and "ma" as "my" only before the nouns people own or are kin to ("me head", "ma tablets").
  [
    /\b(?:me|ma|mi) (?=(?:mam|mum|ma|da|dad|nan|nana|gran|head|heid|life|kids|kid|bairns|bairn|weans|wean|fella|husband|wife|man|missus|tablets|pills|meds|card|account|money|house|flat|job|benefits|rent|pension|glasses|repeat|prescription|boy|girl|lad|lass|daughter|son|sister|brother|mother|father)\b)/gi,
    'my ',
  ],
  [/[\u201c\u201d]/g, '"'],
  // A grouped number (card, phone, sort code) is one thing: left as digits it pushes the words around it
  // out of each other's reach ("card 4111 1111 1111 1111 was stolen").
  [/\b\d{1,6}(?:[ .-]\d{1,6}){2,}\b/g, 'number'],
  [/\bcan'?t\b/gi, 'can not'],
  [/\bwon'?t\b/gi, 'will not'],
  [/\bain'?t\b/gi, 'is not'],
  [/\b(do|does|did|is|are|was|were|have|has|had|would|could|should|must|need)n'?t\b/gi, '$1 not'],
  [/\bi'?m\b/gi, 'i am'],
  [/\bim\b/g, 'i am'],
  [/\bi'?ve\b/gi, 'i have'],
  [/\bi'?d\b/gi, 'i would'],
  [/\bi'?ll\b/gi, 'i will'],
  [/\b(you|we|they)'re\b/gi, '$1 are'],
  [/\b(he|she|it|that|there|who)'s (got|been|had)\b/gi, '$1 has $2'],
  [/\b(he|she|it|that|there|what|who|where|how)'s\b/gi, '$1 is'],
  [/\bf[*#@$!]{2,}(?:ing|in|ed|k)?\b/gi, 'fucking'],
  [/\bf[*#@$!]{2,}/gi, 'fucking'],
  [/\b(you|we|they|he|she)'d\b/gi, '$1 would'],
  [/\b(you|we|they|he|she|that|it|this|there)'ll\b/gi, '$1 will'],
  [/\b(you|we|they|he|she)'ve\b/gi, '$1 have'],
  [/\bwanna\b/gi, 'want to'],
  [/\bgonna\b/gi, 'going to'],
  [/\bgotta\b/gi, 'got to'],
  [/\bu\b/g, 'you'],
  [/\bmsgs?\b/gi, 'message'],
  [/\bur\b/g, 'your'],
  [/\bpls|plz\b/gi, 'please'],
  [/\b(\w+)-(\w+)\b/g, '$1 $2'],
];

function expand(text: string): string {
  let out = text;
  for (const [re, to] of EXPANSIONS) out = out.replace(re, to);
  return out;
}

/**
 * Words the cue rules pivot on, spelled right. A typed word one slip away from one of these (two
 * letters swapped, one dropped, one doubled or one wrong) is read as it: "myslef", "suicde", "tonite".
 * Only words of six letters or more, so short everyday words never collapse into each other.
 */
const PIVOTS = [
  'myself',
  'himself',
  'herself',
  'themselves',
  'suicide',
  'suicidal',
  'tonight',
  'anymore',
  'overdose',
  'tablets',
  'goodbye',
  'everyone',
  'everything',
  'nothing',
  'burden',
  'anybody',
  'someone',
  'somebody',
];
const PIVOT_SET = new Set(PIVOTS);
/** Chat spellings the rules would otherwise not see: respelled to the word. */
const CHAT: Record<string, string> = {
  nite: 'night',
  tonite: 'tonight',
  '2nite': 'tonight',
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  bc: 'because',
  cuz: 'because',
  coz: 'because',
  ppl: 'people',
  sm1: 'someone',
  some1: 'someone',
  any1: 'anyone',
  no1: 'no one',
  ne1: 'anyone',
  evry1: 'everyone',
  every1: 'everyone',
  rly: 'really',
  realy: 'really',
  anymor: 'anymore',
  nomore: 'no more',
  wont: 'will not',
  dont: 'do not',
  cant: 'can not',
  didnt: 'did not',
  isnt: 'is not',
  youre: 'you are',
  thats: 'that is',
  whats: 'what is',
  theres: 'there is',
  shes: 'she is',
  hes: 'he is',
  ive: 'i have',
  // Caribbean, Scots, Northern and Irish spellings: "mi done wid dis life", "I cannae", "there's nowt left".
  wid: 'with',
  dis: 'this',
  dem: 'them',
  cyaan: 'can not',
  caan: 'can not',
  nuh: 'no',
  fi: 'to',
  cannae: 'can not',
  canna: 'can not',
  dinnae: 'do not',
  didnae: 'did not',
  wouldnae: 'would not',
  isnae: 'is not',
  wasnae: 'was not',
  wisnae: 'was not',
  couldnae: 'could not',
  shouldnae: 'should not',
  hasnae: 'has not',
  havnae: 'have not',
  havenae: 'have not',
  doesnae: 'does not',
  willnae: 'will not',
  arenae: 'are not',
  urnae: 'are not',
  dinna: 'do not',
  divvent: 'do not',
  wis: 'was',
  tae: 'to',
  wi: 'with',
  fir: 'for',
  fer: 'for',
  noo: 'now',
  ony: 'any',
  mair: 'more',
  nae: 'no',
  naebody: 'nobody',
  naewan: 'no one',
  awbody: 'everybody',
  onybody: 'anybody',
  deid: 'dead',
  dae: 'do',
  gie: 'give',
  hame: 'home',
  oot: 'out',
  aboot: 'about',
  nicht: 'night',
  efter: 'after',
  frae: 'from',
  fae: 'from',
  greetin: 'crying',
  thole: 'take',
  masel: 'myself',
  mysel: 'myself',
  meself: 'myself',
  hissel: 'himself',
  hersel: 'herself',
  yersel: 'yourself',
  nowt: 'nothing',
  owt: 'anything',
  summat: 'something',
  ye: 'you',
  yer: 'your',
  youse: 'you',
  yous: 'you',
  bairn: 'child',
  bairns: 'children',
  wean: 'child',
  weans: 'children',
  mam: 'mum',
  tek: 'take',
  di: 'the',
};

function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length < 3; i += 1) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    const [i, j] = diff;
    return diff.length === 2 && j === (i as number) + 1 && a[i as number] === b[j] && a[j] === b[i as number];
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i += 1) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function respell(word: string): string {
  if (word.length < 6 || PIVOT_SET.has(word) || !/^[a-z]+$/.test(word)) return word;
  for (const p of PIVOTS) if (p[0] === word[0] && oneSlip(word, p)) return p;
  return word;
}

const CHAT_RE = new RegExp(`\\b(?:${Object.keys(CHAT).join('|')})\\b`, 'gi');
function chat(text: string): string {
  return text
    .replace(CHAT_RE, (w) => CHAT[w.toLowerCase()] ?? w)
    .replace(/[A-Za-z]{6,}/g, (w) => {
      const r = respell(w.toLowerCase());
      return r === w.toLowerCase() ? w : r;
    });
}

/** Words and punctuation that end a clause: negation and subjects do not reach across them. */
const CLAUSE_BREAK = new Set([',', ';', ':', '-', '(', ')', '"', 'but', 'although', 'though']);

const SUBJECTS = new Set(['i', 'he', 'she', 'they', 'we']);

/** A crude suffix strip for the words wink leaves unlemmatised ("better talking" keeps "talking"). */
const IRREGULAR: Record<string, string> = { being: 'be', dying: 'die', lying: 'lie', tying: 'tie' };

function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ied')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  return word;
}

export interface Clause {
  sentence: number;
  tokens: Token[];
}

/**
 * The last text read and its clauses. A turn reads the same message several times (the rules, the learned
 * lexicon, the guards), and wink's parse is most of a turn's cost; one entry is enough for that, and no
 * text is kept beyond the next message. The result is shared: callers must not change it.
 */
let last: { text: string; clauses: Clause[] } | null = null;

/** The text's clauses in order, each tagged with its sentence. Punctuation is dropped. */
export function clauses(text: string): Clause[] {
  if (last?.text === text) return last.clauses;
  const out = parse(text);
  last = { text, clauses: out };
  return out;
}

function parse(text: string): Clause[] {
  // Sentences, tokens, parts of speech and lemmas are all the rules read. Entities, negation and sentiment
  // (wink's default pipe) change none of them (they write their own fields) and cost a third of a parse.
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  const out: Clause[] = [];
  const doc = nlp.readDoc(expand(chat(text)));
  doc.sentences().each((s, sentence) => {
    // The surface form, not wink's normal one: that one respells British English (through -> thru).
    const words = s.tokens().out(its.value) as string[];
    // wink's typings declare lemma as needing addons the lite model supplies itself.
    const lemmas = s.tokens().out(its.lemma as unknown as typeof its.normal) as string[];
    const types = s.tokens().out(its.type) as string[];
    const tags = s.tokens().out(its.pos) as string[];
    let clause: Token[] = [];
    words.forEach((w, i) => {
      const word = w.toLowerCase();
      // "…wants to end it and he has pills": and + a new subject opens a clause.
      const newSubject = word === 'and' && SUBJECTS.has((words[i + 1] ?? '').toLowerCase());
      if (types[i] === 'punctuation' || CLAUSE_BREAK.has(word) || newSubject) {
        if (CLAUSE_BREAK.has(word) || newSubject || /[.!?;,]/.test(word)) {
          if (clause.length > 0) out.push({ sentence, tokens: clause });
          clause = [];
        }
        return;
      }
      const lemma = (lemmas[i] ?? word).toLowerCase();
      const token: Token = { word, lemma: lemma === word ? stem(word) : lemma, pos: tags[i] ?? '' };
      // A word typed in capitals that wink reads as a word, not a name or an acronym ("AGAIN", not "ITIN").
      if (w.length >= 3 && tags[i] !== 'PROPN' && /^[A-Z]+$/.test(w)) token.shouted = true;
      clause.push(token);
    });
    if (clause.length > 0) out.push({ sentence, tokens: clause });
  });
  return out;
}
