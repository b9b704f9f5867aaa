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
}

let nlp: ReturnType<typeof winkNLP> | null = null;

const EXPANSIONS: Array<[RegExp, string]> = [
  [/[\u2018\u2019\u02bc`´]/g, "'"],
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
  [/\b(he|she|it|that|there|what)'s\b/gi, '$1 is'],
  [/\bf[*#@$!]{2,}(?:ing|in|ed|k)?\b/gi, 'fucking'],
  [/\bf[*#@$!]{2,}/gi, 'fucking'],
  [/\b(you|we|they|he|she)'d\b/gi, '$1 would'],
  [/\b(you|we|they|he|she)'ll\b/gi, '$1 will'],
  [/\b(you|we|they|he|she)'ve\b/gi, '$1 have'],
  [/\bwanna\b/gi, 'want to'],
  [/\bgonna\b/gi, 'going to'],
  [/\bgotta\b/gi, 'got to'],
  [/\bu\b/g, 'you'],
  [/\bur\b/g, 'your'],
  [/\bpls|plz\b/gi, 'please'],
  [/\b(\w+)-(\w+)\b/g, '$1 $2'],
];

function expand(text: string): string {
  let out = text;
  for (const [re, to] of EXPANSIONS) out = out.replace(re, to);
  return out;
}

/** Words and punctuation that end a clause: negation and subjects do not reach across them. */
const CLAUSE_BREAK = new Set([',', ';', ':', '-', '(', ')', '"', 'but', 'although', 'though']);

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

/** The text's clauses in order, each tagged with its sentence. Punctuation is dropped. */
export function clauses(text: string): Clause[] {
  nlp ??= winkNLP(model);
  const its = nlp.its;
  const out: Clause[] = [];
  const doc = nlp.readDoc(expand(text));
  doc.sentences().each((s, sentence) => {
    // The surface form, not wink's normal one: that one respells British English (through -> thru).
    const words = s.tokens().out(its.value) as string[];
    // wink's typings declare lemma as needing addons the lite model supplies itself.
    const lemmas = s.tokens().out(its.lemma as unknown as typeof its.normal) as string[];
    const types = s.tokens().out(its.type) as string[];
    let clause: Token[] = [];
    words.forEach((w, i) => {
      const word = w.toLowerCase();
      if (types[i] === 'punctuation' || CLAUSE_BREAK.has(word)) {
        if (CLAUSE_BREAK.has(word) || /[.!?;,]/.test(word)) {
          if (clause.length > 0) out.push({ sentence, tokens: clause });
          clause = [];
        }
        return;
      }
      const lemma = (lemmas[i] ?? word).toLowerCase();
      clause.push({ word, lemma: lemma === word ? stem(word) : lemma });
    });
    if (clause.length > 0) out.push({ sentence, tokens: clause });
  });
  return out;
}
