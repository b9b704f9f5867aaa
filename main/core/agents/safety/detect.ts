/**
 * Per-message cue detection: the rules of rules.ts run over each clause's lemmas, and each match is
 * judged for idiom, negation, subject and tense before it counts. Model-free, a fraction of a ms a turn.
 */
import { HEDGES, NEGATORS, OTHER_WORDS, SELF_WORDS, CLASSES } from './classes';
import { compile, findAll, firstWords, Prefilter, type Pattern } from './pattern';
import { IDIOMS, RULES, type CueReason, type Driver, type RuleSpec } from './rules';
import { SITUATION_IDIOMS } from './situations';
import { clauses, type Clause, type Token } from './tokens';

export interface CueHit {
  reason: CueReason;
  family: string;
  weight: number;
  subject: 'self' | 'other';
  driver?: Driver;
}

export interface MessageCues {
  /** Per reason: the sum over families of each family's strongest cue (capped at 2). 1 means raised. */
  scores: Record<CueReason, number>;
  selfHarm: boolean;
  /** Self-harm cues about someone else (a third party at risk). */
  thirdParty: boolean;
  drivers: Driver[];
  /** `reason.family` of every counted cue, for the audit trail and the handoff (codes, never text). */
  families: string[];
  /** An idiom with an alarming word was present (pack regexes cannot tell, so they defer to this). */
  idiom: boolean;
  /** An idiom hid a cue's word: the learned lexicon, blind to idioms, defers only to this. */
  idiomHidCue: boolean;
  /**
   * Reasons with a cue the detector set aside: negated ("I'm not suicidal") or dated as history ("died
   * in 2019"). Pack regexes, blind to both, defer to this.
   */
  negated: CueReason[];
}

interface CompiledRule {
  spec: RuleSpec;
  pattern: Pattern;
}

/** Patterns indexed by the words they can start with; `always` holds those that start with a prefix or gap. */
export interface Index<T> {
  byWord: Map<string, T[]>;
  always: T[];
  prefilter: Prefilter;
}

export function indexed<T extends { pattern: Pattern }>(items: T[]): Index<T> {
  const byWord = new Map<string, T[]>();
  const always: T[] = [];
  for (const item of items) {
    const first = firstWords(item.pattern);
    // A number slot ('#', '##') matches no fixed word, so its rule is tried on every clause.
    if (!first || first.prefixes.length > 0 || first.words.some((w) => w === '#' || w === '##')) {
      always.push(item);
      continue;
    }
    for (const w of new Set(first.words)) {
      const list = byWord.get(w) ?? [];
      list.push(item);
      byWord.set(w, list);
    }
  }
  return { byWord, always, prefilter: new Prefilter(items.map((item) => item.pattern)) };
}

/**
 * The patterns that can match in a clause, in order (those tried everywhere first, then by the first token
 * that names them), each with the positions a match of it can start at: the tokens whose word or lemma is
 * one of its first words (undefined: every position).
 */
export function candidates<T extends { pattern: Pattern }>(
  index: Index<T>,
  tokens: readonly Token[],
): Array<[T, number[] | undefined]> {
  // Most candidates are named by a common first word ("not", "i", "can") and need a rarer one later.
  const { prefilter } = index;
  prefilter.read(tokens);
  const out = new Map<T, number[] | undefined>();
  for (const item of index.always) if (prefilter.mayMatch(item.pattern)) out.set(item, undefined);
  const at = (item: T, i: number) => {
    const starts = out.get(item);
    if (starts === undefined) {
      // `always` items are never in `byWord`, so undefined means not seen yet.
      if (prefilter.mayMatch(item.pattern)) out.set(item, [i]);
    } else if (starts[starts.length - 1] !== i) starts.push(i);
  };
  tokens.forEach((t, i) => {
    for (const item of index.byWord.get(t.word) ?? []) at(item, i);
    if (t.lemma !== t.word) for (const item of index.byWord.get(t.lemma) ?? []) at(item, i);
  });
  return [...out];
}

let compiled: { rules: Index<CompiledRule>; idioms: Index<{ pattern: Pattern }> } | null = null;

function rules() {
  compiled ??= {
    rules: indexed(RULES.map((spec) => ({ spec, pattern: compile(spec.pattern, CLASSES) }))),
    idioms: indexed([...IDIOMS, ...SITUATION_IDIOMS].map((i) => ({ pattern: compile(i, CLASSES) }))),
  };
  return compiled;
}

const IRREGULAR_PAST = new Set([
  'took',
  'did',
  'was',
  'were',
  'had',
  'said',
  'spoke',
  'spoken',
  'went',
  'made',
  'told',
  'gave',
  'got',
  'rang',
  'thought',
  'felt',
  'left',
  'hung',
  'lost',
  'came',
  'saw',
  'wrote',
  'ate',
  'drank',
  'died',
  'committed',
  'killed',
  'ended',
  'talked',
  'called',
  'phoned',
  'asked',
]);
const isPast = (t: Token | undefined) =>
  t !== undefined && t.word !== t.lemma && (t.word.endsWith('ed') || IRREGULAR_PAST.has(t.word));
const YEARS_WORDS =
  'a few|few|many|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty';
const DISTANT = new RegExp(
  `\\b(?:(?:(?:\\d+|${YEARS_WORDS}) )?years? (?:ago|back)|decades? ago|(?:a )?long time ago|in (?:19|20)\\d\\d|in the (?:19)?[2-9]0 ?'?s|in the (?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|when i was (?:a |young|little|small|at school)|back in the|when (?:he|she|they) (?:was|were) (?:\\d+|young|little|a child)|in (?:his|her|their) \\d0s|(?:died|passed(?: away)?|lost (?:him|her|them)) (?:\\w+ ){0,3}at (?:the age of )?\\d\\d\\b)`,
);
/** "She's destroyed and so am I": the customer shares the distress they describe. */
const SHARED = /\b(?:so am i|as am i|me too|and me|i am too)\b/;
const WANTED = new Set(['wanted', 'needed', 'hoped', 'wondered']);
/** Laughter marks a sentence as a joke about frustration, not distress. */
const LAUGHING = /\b(?:lol|lmao|rofl|haha\w*|jk|only joking|just kidding)\b/;
/** "Only half joking", "not even kidding": the speaker takes back the laugh, so it discounts nothing. */
const NOT_JOKING =
  /\b(?:not (?:even |really |actually )?(?:joking|kidding)|(?:only |just |am |i'm |im )?half (?:joking|kidding)|no joke|i mean (?:it|that)|(?:dead |deadly )?serious(?:ly)?)\b/;
function notWorkingAge(tokens: readonly Token[]): boolean {
  const n = Number(tokens.find((t) => /^\d+$/.test(t.word))?.word ?? NaN);
  return Number.isFinite(n) && (n < 18 || (n >= 85 && n < 120));
}
/** "I'd rather die than sit through another Excel course, lol": a comparison, when laughed off. */
const RATHER_THAN = /\b(?:rather|sooner) (?:\w+ ){0,2}(?:die|dead)\b(?: \w+){0,2} than\b/;
const MADE_ME = /\b(?:makes?|making|made) me (?:want to|wanna)\b/;
const RESOLVED =
  /\b(?:sorted|fixed|resolved|solved|fine now|ok now|okay now|all good|better now|worked it out|calmed down)\b/;
/** A scam put right: the money came back in full ("you refunded everything"), nothing still going on. */
const REFUNDED =
  /\b(?:refunded (?:it|me|us|everything|the lot|in full|all)|reimbursed|got (?:it|my money|everything|the money|every (?:last )?penny|every cent|all of it|the lot) (?:all )?back|paid (?:me|us) back)\b/;
/**
 * A case already reported and now chased ("I reported a scam last week, any news?"): the fraud is in the
 * bank's hands, not under way, unless the message says it goes on.
 */
const CASE_CHASED =
  /\b(?:reported|raised|logged|opened|filed|made) (?:a|an|the|my) (?:\w+ )?(?:scam|fraud|claim|dispute|case|complaint|report)\b.*\b(?:any (?:news|update|progress|word)|an update|update on|heard (?:anything|back|nothing)|chasing|following up|follow up)\b/s;
const CASE_REOPENED =
  /\b(?:again|another|more|now (?:they|he|she|someone)|they(?:'re| are) (?:still|asking|telling))\b/;
/** Scams as the subject of a talk, a leaflet or a training session: a topic, not one under way. */
const SCAM_TOPIC =
  /\b(?:talks?|sessions?|workshops?|presentations?|seminars?|courses?|training|awareness|leaflets?|posters?|articles?|newsletters?)\b (?:\w+ ){0,2}(?:about|on) (?:\w+ ){0,2}(?:scams?|fraud)\b/;
const STILL_GOING =
  /\b(?:still|keeps?|again|the rest|not all|only|but not|too much|by mistake|overpaid|the difference|send (?:it|some|the money) back)\b/;
const SCAMMED_BEFORE = /\b(?:got|was|were|been) (?:caught|scammed|conned|done|had|taken in)\b|\bfell for\b/;
/** The clause tells the cue as past: "was/were/had been" just before it, or a past-tense verb opens it. */
function wasPast(tokens: readonly Token[], start: number): boolean {
  if (isPast(tokens[start])) return true;
  for (let i = Math.max(0, start - 3); i < start; i += 1)
    if (['was', 'were', 'had'].includes((tokens[i] as Token).word)) return true;
  return false;
}
/**
 * A story about someone else, not the customer's life: a drama, the news, a book. Self-harm cues about
 * a third party inside one are a plot or a headline, not a person at risk now.
 */
const STORY =
  /\b(?:dramas?|films?|movies?|programmes?|programs?|shows?|episodes?|series|soaps?|documentar(?:y|ies)|novels?|(?:a|the|this|that|my|his|her|their|your) (?:\w+ )?books?|(?:a|the|this|that) plays? (?:where|about|in which|set in)|thrillers?|villains?|plot|characters?|chapters?|news|articles?|headlines?|podcasts?|newspapers?|paper said|(?:leaflets?|posters?|booklets?) (?:on|about|for)|textbooks?|lectures?|seminars?|in general terms|generally speaking|(?:write|writing|wrote) (?:an? \w+ )?about|(?:essays?|presentations?|projects?|assignments?|coursework) (?:\w+ )?(?:about|on))\b/;
/** The cue is what a piece of work is about: "had to write an essay about the suicide in the play". */
const STUDIED_TOPIC =
  /\b(?:(?:essays?|presentations?|projects?|assignments?|coursework|dissertation|homework|research) (?:\w+ ){0,2}|(?:had|have|has|got) to (?:write|read|present|research) (?:\w+ ){0,3})(?:about|on)(?: \w+){0,2}$/;
/** The speaker writes the story: the plot's people are characters in every sentence of the message. */
const AUTHORING =
  /\b(?:i(?:'m| am)? (?:write|writing|wrote|drafting) (?:a |an |my |the )?(?:\w+ )?(?:novels?|books?|stor(?:y|ies)|scripts?|screenplays?|plays?|fiction|thrillers?|mysteries|crime)|my (?:novel|book|manuscript|screenplay|script|plot|villain|protagonist|main character|character|victim)'?s?)\b/;
/**
 * The message asks for a piece of work (a leaflet, a training pack, an assignment): self-harm named in it
 * about other people is the work's topic (on dev, 12 such turns, all calm). Means questions stay: "for a
 * leaflet" must not cover "how many would be fatal".
 */
const FOR_WORK =
  /\b(?:for (?:my|the|a|our|an) (?:\w+ )?(?:assignment|homework|essay|dissertation|coursework|module|training(?: pack| session| day)?|course|leaflet|poster|slides|presentation|newsletter|glossary|induction|handbook|article|project|audit)|(?:writing|making|putting together|preparing) (?:a|an|the|my|our) (?:\w+ ){0,2}(?:leaflet|poster|training|presentation|handbook|guide|policy|article|essay|assignment))\b/;
/** Study: a student's topic when the cue is put as a case, a life when it is told ("revising, and my brother…"). */
const STUDY = /\b(?:exams?|revising|revision|coursework|essays?|assignments?|dissertation)\b/;
const WHAT_IF =
  /\b(?:if|in case|say) (?:\w+ ){0,2}(?:ever|one day|someday|later on|in future|in the future)\b/;
/** The cue is put as a case, not a report: "if one of the lads said", "when a patient says". */
const HYPOTHETICAL =
  /\b(?:if|when (?:a|an|someone|somebody|people|patients?|one|staff|a patient|a client|a customer)|what (?:do|does|should|would)|someone who|people who|patients who|anyone who)\b/;
const STORY_PEOPLE =
  /\b(?:victims?|characters?|villains?|protagonists?|heroine|hero|detectives?|killers?|murderers?|plot|scenes?|chapters?)\b/;
/** The speaker as the subject or object of the clause ("my nan" is someone else). */
const SPEAKER_SUBJECT = /\b(?:i|me|myself)\b/;
const ANYONE = new Set(['someone', 'somebody']);
const VAGUE_TOPIC = new Set(['this', 'it', 'that', 'what', 'everything', 'all']);
const PERSON_NOT_MACHINE =
  /\b(?:human|person|real|actual|instead|rather|bot|robot|machine|computer|chat ?bot|ai|face to face|in person|put me through|over (?:the )?chat|this chat|the chat|screen|typing|type)\b/;
/**
 * "Burns on my arm", "old scars on my wrists": injuries named with nothing that says who made them are
 * light; with "I did them", "with a lighter", "on purpose" they are self-injury (dev: 12 of 12 disclosures
 * said so, 2 calm turns did not).
 */
const INJURY_NOUNS = new Set(['cuts', 'burns', 'scars', 'marks', 'bruises', 'scratches', 'wounds']);
/** One injury shown for dressing ("a burn on my arm", "check cut on my leg"): a noun where it sits. */
const INJURY_NOUN = new Set(['cut', 'burn', 'scar', 'mark', 'bruise', 'scratch', 'wound']);
const INJURY_PLACE = new Set(['on', 'across', 'to']);
const injuryNamed = (tokens: readonly Token[], s: number) =>
  INJURY_NOUNS.has(tokens[s]?.word ?? '') ||
  (INJURY_NOUN.has(tokens[s]?.word ?? '') &&
    INJURY_PLACE.has(tokens[s + 1]?.word ?? '') &&
    !['i', 'he', 'she', 'they', 'we'].includes(tokens[s - 1]?.word ?? ''));
const SELF_MADE =
  /\b(?:myself|herself|himself|themselves|(?:i|he|she|they) (?:did|do|does|done|made|make|keep doing)|did them|do them|does it|do it|doing it|lighter|blade|razor|sharpener|knife|on purpose|deliberate\w*|self[- ]?harm\w*|self[- ]?inflicted|fresh)\b/;
/** A letter of a kind that is an errand ("write a resignation letter", "leave a sick note"). */
const LETTER_KIND = new Set([
  'resignation',
  'complaint',
  'complaints',
  'cover',
  'covering',
  'reference',
  'support',
  'appeal',
  'sick',
  'fit',
  'hardship',
  'dispute',
  'formal',
  'permission',
  'consent',
  'authority',
  'referral',

  'doctor',
  "doctor's",
  'gp',
  'school',
  'sponsorship',
  'offer',
  'engagement',
  'motivation',
]);
function errandLetter(tokens: readonly Token[], s: number, e: number): boolean {
  for (let i = s + 1; i < e; i += 1)
    if (/^(?:letters?|notes?)$/.test(tokens[i]?.word ?? '') && LETTER_KIND.has(tokens[i - 1]?.word ?? ''))
      return true;
  return false;
}
const ERRAND_ONCE =
  /\b(?:pay|paying|paid|close|closing|cancel\w*|transfer\w*|move|moving|send|sending|book|booking|order\w*|withdraw\w*|open|opening|clear|clearing|settle|settling|delete|update|change|download|upload|print|sign)\b/;
/** "All at once" is a means only of something taken: "pay it all at once" is an errand. */
const INGESTED =
  /\b(?:take|takes|took|taking|taken|swallow\w*|inject\w*|overdos\w*|tablets?|pills?|meds|medications?|medicines?|boxes|box|packets?|bottles?|strips?|pens|insulin|doses?|drink|drank)\b/;
/** A screening item named, not answered: "the question about thoughts of being better off dead". */
const SCREENING_ITEM =
  /\b(?:(?:question|questions|item|items|screening|screen|questionnaire|phq ?9?|gad ?7?)\b(?: \w+){0,3} (?:about|on|regarding|re|asking about|asks about|of)|(?:form|forms|questionnaire|review|tutor|teacher|nurse|doctor|gp|they|it|she|he|everyone|people|mum|mom|dad|leaflet|letter|survey|app|assessment|checklist|screener|counsell?or|therapist|midwife|health visitor|social worker)\b(?: \w+){0,2} (?:asks?|asked|asking|wants? to know|wanted to know)(?: \w+){0,2} (?:if|whether|about))\b/;
/**
 * The answer given to it: only a denial lets the named cue pass; any other answer is a disclosure. "I don't
 * want them to see" denies nothing about the item.
 */
const SCREEN_DENIED =
  /\b(?:not at all|answered no|said no|answer ?(?:'s|is|was|would be|will be) no|(?:tick|ticked|ticking|put|putting|circled?|select|selected) (?:the )?no|denied|denies|no thoughts|scored? (?:[0-4]|zero|nil)|i (?:have|am|do|have never|never have) not(?! (?:want|wanna|know|like|need|mind|care|understand|get|see|trust)\b)|i have never|i am fine|never have|no ,? ?never|(?:definitely|certainly|absolutely|of course) not|nope)\b/;
const SCREEN_ENDORSED =
  /\b(?:several days|more than half|nearly every day|most days|answered yes|said yes)\b/;
/**
 * The message frames itself as calm: a general or hypothetical question, a form, a project, "nothing's
 * happened". Vulnerability and fraud cues inside it are topics, not the customer's situation; self-harm
 * and distress are never set aside this way.
 */
const CALM_FRAME =
  /\b(?:general question|just (?:a )?(?:general |quick )?question|just (?:curious|asking|wondering|checking)|hypothetical(?:ly)?|nothing(?:'s| is| has)? (?:wrong|happened)|nothing has happened|(?:nobody|no one)(?:'s| has) died|for (?:a|my|our|the) (?:leaflet|newsletter|project|coursework|essay|assignment|article|talk|presentation|poster|training pack)|(?:doing|writing|working on) (?:a|an|my|our) (?:assignment|essay|project|dissertation|presentation)|on (?:a|the|our) (?:poster|noticeboard|notice board)|coursework|comparing (?:banks|accounts)|i'?m fine myself|family history|medical history|questionnaire|cause of death|in case (?:i|anything|something)|making (?:a|our|my) wills?|writing (?:a|our|my) wills?|nomination form|power of attorney)\b/;
const MINIMISED =
  /\b(?:nothing (?:major|serious|dramatic|too bad|big)|no biggie|no big deal|not (?:a|that) big (?:a )?deal|(?:it'?s|it is) all (?:fine|good|sorted) now)\b/;
/** A form being filled in: "filling in the new patient form", "for the memory clinic form". */
const FORM_FILLED =
  /\b(?:filling (?:in|out)|completing|for|on) (?:the|a|my|this|our|her|his) (?:\w+ ){0,3}form\b/;
const ACTING_ON_IT =
  /\b(?:about to|going to|gonna|just about to|on my way to|halfway through|started) (?:pay|send|transfer|move|put|give|buy)|\b(?:already|just) (?:paid|sent|transferred|moved|given|bought)\b/;
/** FG21/1 weighs a driver by its impact: a condition described as managed is light. */
const MANAGED =
  /\b(?:well controlled|under control|(?:it is|it's|only|just) mild|mild|stable|managed (?:fine|well)|no (?:problems?|trouble) with it|in remission|(?:long|all) sorted|fully recovered|(?:i'?m|i am|we'?re|we are) (?:all )?(?:fine|well|ok|okay) (?:now|honestly|really)|it was expected)\b/;
/**
 * The paperwork of an estate: an executor, probate, the estate account, the death certificate sent in.
 * A death told next to it, with no word of its impact, is the errand's context (on dev, 52 such turns
 * were calm and none was a vulnerability signal); an impact word keeps the driver.
 */
/**
 * A gift in someone's memory: a donation, a collection from the funeral, a memorial. Like estate paperwork,
 * the death it names is the errand's context unless an impact word is said with it.
 */
const MEMORIAL =
  /\b(?:donation|donations|donate|donating|in (?:his|her|their|my \w+'?s) memory|memorial|collection from (?:the|his|her|their|my \w+'?s) funeral|gift aid)\b/;
/** One's own death as the premise of a paperwork question: "if I died tomorrow, who is next of kin?". */
const OWN_DEATH_PAPERWORK =
  /\bif i (?:died|die|were to die|was to die|passed away|pass away)\b(?: \w+){0,12}? (?:next of kin|records|pension|isa|accounts?|policy|insurance|mortgage|savings|estate|beneficiary|nominee|shares|funeral plan|trust|premiums)\b/;
const ESTATE_ADMIN =
  /\b(?:executor|executrix|executors|probate|estate account|(?:his|her|their|(?:dad|mum|mom|father|mother|husband|wife|aunt|uncle|gran|grandad|grandma|grandpa)'?s) estate|letters of administration|death certificate|administrator of the estate)\b/;

/**
 * Self-harm told as history the customer has left behind: a time long past ("ten years ago", "as a
 * teenager") and a word of recovery ("all in the past, I'm well now", "a different life") in one message.
 * Both are needed, and any sign it is back ("again", "like before") keeps the cue: "I overdosed last
 * month, I'm fine" is a disclosure, not history.
 */
const LONG_PAST =
  /\b(?:(?:\d+|a few|few|several|many|couple of|a couple of|two|three|four|five|six|seven|eight|nine|ten|twenty) years? (?:ago|back)|years (?:ago|back)|decades? ago|(?:a )?long time ago|as a (?:teen(?:ager)?|kid|child|student|young (?:man|woman|person))|when i was (?:a )?(?:teen(?:ager)?|younger|young|at (?:uni|university|college|school)|in my (?:teens|twenties))|in my (?:teens|twenties)|back in (?:19|20)\d\d)\b/;
const RECOVERED =
  /\b(?:(?:all|long|well) in the past|in the past now|(?:all )?behind me|(?:a )?different (?:life|person)|(?:i'?m|i am|i'?ve been|i have been)(?: \w+){0,3} (?:really |very |so |much |doing )?(?:well|better|good|fine) now|(?:now|and) (?:really |very |doing )?well\b|(?:long|all) sorted|fully recovered|recovered|(?:in a|much) better place|closing this chapter|(?:got|pulled|helped) me through(?: it)?|been (?:good|well|fine|ok|okay) (?:for )?(?:a long (?:while|time)|years)(?: now)?|off (?:all )?(?:the |my )?(?:meds|medication|tablets))/;
const PLEADING = /\bplease\b[^]*\bplease\b/;
const DEBT_FREE =
  /\b(?:debt free|debt-free|paid (?:it all |everything |them all )?off|cleared (?:it|them|the lot|everything))\b/;
const RETURNING =
  /\b(?:again|back there|like before|coming back|creeping back|returned|relapse|lately|these days|recently)\b/;

/**
 * FG21/1 asks what a driver does to the customer now. A driver (a life event, a condition, money trouble,
 * a capability) named with no word of its impact ("I've been made redundant, can I get a fit note",
 * "my VA disability deposit came in short") is light: it raises with another cue, in this turn or the
 * next. Cognitive decline, coercion and abuse are never light (HARM_IN_ITSELF), nor is a terminal
 * diagnosis (TERMINAL), nor an event days old (JUST_HAPPENED: a diagnosis, a redundancy), except a death:
 * "she passed away on Tuesday, I need to cancel her appointments" was calm on dev more often than not.
 */
/** Families whose cue is the harm itself: decline seen now, someone controlling, abuse. */
const HARM_IN_ITSELF = new Set([
  'cognitive_decline',
  'coercion',
  'coercion_present',
  'coercion_reluctant',
  'abuse',
  'displaced',
  'gambling_harm',
]);
const TERMINAL = /\b(?:terminal|palliative|(?:weeks|months) to live)\b/;
// "Just" as recency ("I've just been diagnosed"), not as "only" ("just sorting the last bits").
const JUST_HAPPENED =
  /\b(?:(?:'ve|have|has|had|was|were|'s|i|we|he|she) just|just (?:been|had|got|come|found out|diagnosed|lost|heard|learn[et]d?|told|made|given)|yesterday|last night|this morning|today|tonight|this week|a few days ago|days ago|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/;
/** The words of a death: a death days old with nothing of its impact said is light (see above). */
const DEATH_CUE = new Set([
  'die',
  'died',
  'dead',
  'death',
  'pass',
  'passed',
  'funeral',
  'late',
  'lost',
  'bereaved',
  'bereavement',
  'widow',
  'widowed',
  'widower',
]);
// "Lost my wife" is the event, not its impact; "coping fine", "can you explain" and "what support do you
// offer" are no impact at all.
const IMPACT =
  /\b(?:can'?t|cannot|can not|unable|don'?t know|do not know|dunno|no idea|not sure how|struggl\w*|cop(?:e|ing)(?! (?:fine|well|ok|okay|alright))|hard|difficult|scared|frighten\w*|afraid|worr(?:ied|y|ying)|lost(?! (?:my|our|his|her|their|a|an|the|him|them)\b)|confus\w*|muddl\w*|forget\w*|forgot|overwhelm\w*|alone|on my own|behind|afford|desperate|panic\w*|mess|falling apart|upside down|all over the place|need (?:some |more )?(?:help|support)|no support|fog\w*|tired|exhausted|stress\w*|anxious|slow(?:ly)?|understand|not managing)\b/;
/** People outside the customer's household, whose life events are not the customer's circumstance. */
const OUTSIDE_HOUSEHOLD =
  /\b(?:colleague|colleagues|co ?worker|coworkers|workmate|workmates|boss|neighbou?r|neighbou?rs|friend of mine|mate of mine|someone at work|a customer|a client|one of my clients|one of my customers)\b/;
function outsideHousehold(tokens: readonly Token[], start: number): boolean {
  const before = tokens.slice(0, start).map((t) => t.word);
  let last = -1;
  before.forEach((_, i) => {
    if (OUTSIDE_HOUSEHOLD.test(before.slice(i, i + 3).join(' '))) last = i;
  });
  return last >= 0 && !before.slice(last).some((w) => w === 'i' || w === 'we' || w === 'me');
}
/** What a condition stops the customer doing, said plainly. */
const FUNCTIONAL_IMPACT =
  /\b(?:(?:can'?t|cannot|can not) (?:do|cope with|manage|handle|face|use|read|hear|get out|leave the house|go out|make it)|too (?:loud|much|hard|difficult|busy|bright|noisy|crowded) for me|impossible for me|freeze up|missed (?:my|three|two|four|several|\d+|the last)|putting (?:it )?off|haven'?t opened|(?:don'?t|do not|can'?t) go out)\b/;
/** A pet's death: grief, but no bereavement in FCA FG21/1's sense. */
const PET_DEATH =
  /\b(?:vets?|veterinary|pet insurance|(?:our|my|the|old) (?:old )?(?:dog|cat|hound|pup|puppy|kitten|rabbit|bunny|hamster|gerbil|guinea pig|ferret|pet|horse|pony|budgie|parrot|bird|goldfish|fish|tortoise|turtle|lizard|snake))\b/;
/** A scam message the customer saw through: nothing is under way ("I thought I didn't pay" is a belief, not a refusal). */
const SCAM_DECLINED =
  /\b(?<!\b(?:thought|think|assumed|believed|was told) (?:that )?(?:i|we) )(?:did ?n[o']?t (?:click|reply|respond|open|answer|pay|give)|did not (?:click|reply|respond|open|answer|pay|give)|deleted it|ignored it|not (?:daft|stupid|falling for)|did ?n[o']?t fall for|blocked (?:the|their) number|warned (?:me |us )?about|being careful|how (?:do i|to|can i) (?:spot|report|avoid))\b/;
/** The person present has consented: a carer or relative with permission is no coercion. */
const CONSENT =
  /\b(?:says? (?:it'?s|it is) (?:fine|ok|okay|alright)|happy for me to|gave (?:me )?permission|has consented|with (?:her|his|their) consent|third[- ]party mandate|power of attorney)\b/;
/** Words of a death that, under "if" or "when", make a hypothetical, not a bereavement. */
const HYPOTHETICAL_DEATH = new Set(['die', 'dies', 'died', 'death', 'pass', 'passes']);
const CONDITIONAL = new Set(['if', 'when', 'case', 'should', 'after', 'before', 'once', 'until']);

/** A death word: only then is a third party's past act a bereavement rather than a crisis under way. */
const DEATH =
  /\b(?:died|dead|death|passed|killed (?:himself|herself|themselves)|took (?:his|her|their) own life|ended (?:his|her|their) (?:own )?life|suicide|funeral|inquest|coroner|lost (?:him|her|them))\b/;
/**
 * Staff typing for the customer ("Reception here: he's now shouting"): the customer is "he" or "she",
 * so their distress is told in the third person.
 */
const RELAYED =
  /^[[(]?(?:staff note|staff typing|typing for|note from|reception(?:ist)?\b|practice nurse|nurse here|customer at|patient at|from the desk|desk \d|front desk)|\b(?:typing this for|on behalf of (?:a|the) (?:customer|patient)|customer at (?:the )?(?:desk|counter)|patient at (?:the )?(?:desk|reception))\b/;

const FRAUD_SETUP = new Set(['shape_contact', 'shape_impersonation', 'shape_new_number']);
/** A sum or money asked for: the set-up has come to its point. */
const MONEY_ASKED =
  /[£$€]\s?\d|\b\d[\d,.]* ?(?:pounds|quid|dollars|bucks|grand|k)\b|\b(?:needs?|wants?|asking for|asked for|asks for|owes?|owed)\b.{0,30}\b(?:money|cash|payment|transfer|refund|fee)\b|\b(?:pay|send|transfer|wire|lend|zelle|venmo)\b.{0,20}\b(?:bill|money|cash|it|this|that|me|him|her|them)\b/;
function mostlyCapitals(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  return letters.replace(/[^A-Z]/g, '').length * 2 > letters.length;
}
/** Delight, which shouts as loud as anger. */
const PLEASED =
  /\b(?:thank|thanks|thx|ty|brilliant|lovely|great|amazing|awesome|wonderful|fantastic|love|happy|congrat\w*|yay|excited|best|perfect|cheers|hooray|woo+)\b/;
/** What each further distinct cue of a family adds to its strongest one. */
const MORE = 0.5;
const SUBJECT_STOP = new Set(['i', 'he', 'she', 'they', 'we', 'you', 'it']);
const SUBORDINATOR = new Set(['when', 'after', 'once', 'before', 'until', 'till']);

/**
 * "A character who overdoses", "a novel where the victim overdoses": a cue in a relative clause
 * whose antecedent is not the speaker, even when "I'm reading" opens the clause.
 */
function relativeAboutOther(tokens: readonly Token[], s: number): boolean {
  for (let i = s - 1; i >= Math.max(0, s - 5); i -= 1) {
    const w = (tokens[i] as Token).word;
    if (SELF_WORDS.has(w)) return false;
    if (w === 'who' || w === 'that' || w === 'where') return !SELF_WORDS.has(tokens[i - 1]?.word ?? '');
  }
  return false;
}

function subjectOf(all: readonly Clause[], c: number, start: number, end: number): 'self' | 'other' {
  const clause = all[c] as Clause;
  for (let i = start; i < end; i += 1) {
    const w = (clause.tokens[i] as Token).word;
    if (w === 'myself' || w === 'me' || w === 'i') return 'self';
    if (w === 'himself' || w === 'herself' || w === 'themselves' || w === 'themself') return 'other';
  }
  for (let k = c; k >= 0; k -= 1) {
    const cl = all[k] as Clause;
    if (cl.sentence !== clause.sentence) break;
    const from = k === c ? start - 1 : cl.tokens.length - 1;
    for (let i = from; i >= 0; i -= 1) {
      const w = (cl.tokens[i] as Token).word;
      if (SELF_WORDS.has(w)) return 'self';
      if (OTHER_WORDS.has(w)) return 'other';
    }
  }
  return 'self';
}

const THOUGHT_OF = new Set([
  'thoughts',
  'thought',
  'thinking',
  'urges',
  'urge',
  'ideas',
  'intention',
  'intentions',
  'plans',
]);
function negated(tokens: readonly Token[], start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const w = (tokens[i] as Token).word;
    if (NEGATORS.has(w) || w === 'longer') return false; // the rule carries its own negation
  }
  // "Not having any thoughts of harming myself": words that name the thought, not a new clause, are
  // looked past, so the negator still reaches the cue.
  // "So she isn't stuck with it when I'm gone": a cue that opens its own clause is out of reach.
  if (SUBORDINATOR.has((tokens[start] as Token).word)) return false;
  let reach = 4;
  for (let i = start - 1; i >= Math.max(0, start - reach); i -= 1) {
    const w = (tokens[i] as Token).word;
    if (THOUGHT_OF.has(w) && reach === 4) reach = 7;
    if (SUBJECT_STOP.has(w)) return false;
    if (NEGATORS.has(w) && !HEDGES.has(tokens[i + 1]?.word ?? ''))
      // "…if I don't pay": a negated condition states a threat's terms, it denies nothing.
      return !tokens.slice(Math.max(0, i - 3), i).some((t) => t.word === 'if' || t.word === 'unless');
  }
  return false;
}

/** Completed past about someone else ("my brother took his own life"): a bereavement, not a risk now. */
function completedByOther(tokens: readonly Token[], start: number): boolean {
  // An attempt told in the past ("she tried before") is a risk now, not a bereavement.
  if (['try', 'tried', 'attempt', 'attempted'].includes((tokens[start] as Token).word)) return false;
  const first = tokens[start] as Token;
  // wink-nlp keeps some past forms as their own lemma ("overdosed"), so the tag decides there.
  if (isPast(first) || (first.pos === 'VERB' && first.word.endsWith('ed'))) return true;
  // "Died of an overdose", "lost him to an overdose": the death comes first, the means after.
  for (let i = Math.max(0, start - 4); i < start; i += 1) {
    const w = (tokens[i] as Token).word;
    if (w === 'died' || w === 'committed' || w === 'lost' || w === 'passed') return true;
  }
  return false;
}

/** Words of death and violence whose grammatical subject decides whether they are about a person. */
const MORTAL = new Set([
  'dead',
  'die',
  'died',
  'dying',
  'kill',
  'killing',
  'killed',
  'murder',
  'murdering',
  // Said of a person these are feelings; of a head or a phone, a symptom or a fault.
  'explode',
  'burst',
  'death',
  // Despair words: of a person a state, of a screen or a box a fault ("the check-in screen's broken").
  'broken',
  'ruined',
  'destroyed',
  'shattered',
  'empty',
]);
/** Nouns a despair word is said of when it is the person's state ("my heart is broken", "my life's ruined"). */
const FEELING_NOUNS = new Set([
  'heart',
  'spirit',
  'soul',
  'life',
  'world',
  'marriage',
  'family',
  'nerves',
  'mind',

  'confidence',
  'everything',
]);
const REFLEXIVE = new Set(CLASSES.REFL as string[]);
const PERSON_NOUNS = new Set([
  ...OTHER_WORDS,
  ...(CLASSES.KIN as string[]),
  ...(CLASSES.ROLE as string[]),
  'man',
  'woman',
  'person',
  'child',
  'baby',
  'patient',
  'customer',
  'people',
  'friend',
]);
/**
 * "The app is dead", "the deadline is killing us": a death word predicated of a thing. The subject is
 * the nearest noun before the word in its clause; a common noun that names no person makes it a thing.
 */
function thingSubject(tokens: readonly Token[], s: number, e: number): boolean {
  let at = -1;
  for (let i = s; i < e; i += 1) if (MORTAL.has((tokens[i] as Token).word)) at = i;
  if (at < 0) return false;
  for (let i = s; i < e; i += 1) if (REFLEXIVE.has((tokens[i] as Token).word)) return false;
  // Only auxiliaries and adverbs may stand between the subject and its predicate ("the app is just
  // dead"); anything else ("ways to kill myself") means the noun is not the subject.
  for (let i = at - 1; i >= 0; i -= 1) {
    const t = tokens[i] as Token;
    if (
      t.pos === 'AUX' ||
      t.pos === 'ADV' ||
      t.pos === 'DET' ||
      t.word === "'s" ||
      t.word === 'going' ||
      t.word === 'gonna'
    )
      continue;
    if (t.word === 'to' && ['going', 'about'].includes(tokens[i - 1]?.word ?? '')) continue;
    if (PERSON_NOUNS.has(t.word) || PERSON_NOUNS.has(t.lemma) || FEELING_NOUNS.has(t.word)) return false;
    return t.pos === 'NOUN';
  }
  return false;
}

/** Nouns a role can modify: "a GP letter", "a nurse appointment" ask for a thing, not the person. */
const ROLE_MODIFIED = new Set([
  'letter',
  'appointment',
  'appointments',
  'appt',
  'appts',
  'consultation',
  'referral',
  'surgery',
  'practice',
  'signature',
  'review',
  'note',
  'report',
  'prescription',
  'record',
  'records',
  'form',
  'clinic',
  'visit',
  'slot',
  'check',
  'sign',
  'fee',
  'fees',
  'charge',
]);
const TRADE = new Set(['letting', 'estate', 'travel', 'insurance', 'booking', 'land', 'shipping', 'secret']);
/**
 * "I need to talk to someone about my sleep": a consultation about a topic, the errand itself; asking for
 * a person instead of the chat says so ("a human about it", "rather", "instead"). "I need to see a
 * doctor", "can I see someone?": in a clinic that is a consultation, not the chat handed to a person
 * (dev: 20 such turns calm or another reason, 1 a request).
 */
function consultation(
  tokens: readonly Token[],
  s: number,
  e: number,
  { relayed, lower }: { relayed: boolean; lower: string },
): boolean {
  if (PERSON_NOT_MACHINE.test(lower)) return false;
  const asked = tokens[e - 1]?.word ?? '';
  if (ANYONE.has(asked) && tokens[e]?.word === 'about' && !VAGUE_TOPIC.has(tokens[e + 1]?.word ?? ''))
    return true;
  return (
    (ANYONE.has(asked) || CLINICIAN.has(asked)) &&
    tokens[e - 2]?.word !== 'duty' &&
    tokens.slice(s, e).some((t) => t.word === 'see') &&
    tokens[e]?.word !== 'from' &&
    !relayed &&
    !tokens.some((t) => INSISTED.has(t.word))
  );
}

const ROLE_WORDS: ReadonlySet<string> = new Set(CLASSES.ROLE);
/** Words before "human" that make it a state: "so I feel vaguely human", "half human again". */
const HUMAN_STATE = new Set(['feel', 'feeling', 'vaguely', 'half', 'semi', 'remotely', 'almost', 'look']);
/**
 * "Come in person rather than video", "so I'm vaguely human": the cue's only role word is a manner or a
 * state, no member of staff asked for.
 */
function onlyRoleIsManner(tokens: readonly Token[], s: number, e: number): boolean {
  let manner = false;
  for (let i = s; i < e; i += 1) {
    const t = tokens[i] as Token;
    if (!ROLE_WORDS.has(t.word)) continue;
    const before = tokens[i - 1]?.word ?? '';
    if ((t.word === 'person' && before === 'in') || (t.word === 'human' && HUMAN_STATE.has(before)))
      manner = true;
    else return false;
  }
  return manner;
}

/**
 * A request cue that asks for no person: a role that modifies a noun ("needs a GP letter"), "like" as
 * a preposition ("like the nurse asked"), or a question about the process ("do I need to see the GP").
 */
function requestAside(tokens: readonly Token[], s: number, e: number): boolean {
  // "Needs the GP's signature": a role's possession, not the role asked for.
  if (tokens[e]?.word === "'s") return true;
  if (ROLE_MODIFIED.has(tokens[e]?.word ?? '') || ROLE_MODIFIED.has(tokens[e]?.lemma ?? '')) return true;
  // "The letting agent", "an estate agent": a trade, not the bank's own staff.
  if (TRADE.has(tokens[e - 2]?.word ?? '') && tokens[e - 1]?.lemma === 'agent') return true;
  const first = tokens[s] as Token;
  if (first.word === 'like' && first.pos !== 'VERB' && tokens[s - 1]?.word !== 'would') return true;
  if (onlyRoleIsManner(tokens, s, e)) return true;
  // "Book in with the nurse", "booking a GP for Tuesday": an appointment made, the desk's own errand.
  const window = tokens.slice(Math.max(0, s - 4), e);
  if (window.some((t) => t.lemma === 'book' || t.word === 'booking')) return true;
  // "An appointment with the doctor" is care booked; "an appointment to see an adviser" asks for a person.
  if (
    tokens.slice(s, e).some((t) => CLINICIAN.has(t.word)) &&
    window.some((t) => t.word === 'appointment' || t.word === 'appt')
  )
    return true;
  // "What happens if I need a doctor at the weekend?": a request imagined is not a request made.
  if (tokens.slice(Math.max(0, s - 3), s).some((t) => t.word === 'if' || t.word === 'whenever')) return true;
  // "See the nurse about a wound", "get the GP to fill in the form": a clinician's care or task asked for,
  // which the clinic books as its errand; a person to take over the conversation now is another thing.
  const cue = tokens.slice(s, e);
  // "Wanted to say the MS nurse has been a lifesaver": praise of a role, not a call for one.
  if (cue.some((t) => SAID_OF.has(t.word))) return true;
  // "Is that something you discuss with the GP?": which desk a topic belongs to, asked about.
  if (tokens.slice(Math.max(0, s - 3), s).some((t) => t.word === 'something' || t.word === 'anything'))
    return true;
  if (cue.some((t) => CLINICIAN.has(t.word)) && !tokens.some((t) => INSISTED.has(t.word))) {
    const next = tokens[e]?.word ?? '';
    if (next === 'to' && CLINICAL_TASK.has(tokens[e + 1]?.lemma ?? '')) return true;
    if (next === 'about' && cue.some((t) => t.lemma === 'see')) return true;
  }
  const before = tokens.slice(Math.max(0, s - 2), s).map((t) => t.word);
  return first.lemma === 'need' && before.includes('do') && (before.includes('i') || before.includes('we'));
}
const SAID_OF = new Set(['say', 'thank', 'tell', 'mention', 'praise', 'compliment']);
/** Insisting on now, or refusing the routine slot, makes the clinician asked for a person wanted now. */
const INSISTED = new Set(['now', 'urgent', 'urgently', 'asap', 'immediately', 'emergency', 'routine']);
const CLINICIAN = new Set(['nurse', 'doctor', 'gp', 'midwife', 'physio', 'pharmacist', 'dr', 'doc']);
const CLINICAL_TASK = new Set([
  'look',
  'check',
  'fill',
  'sign',
  'complete',
  'review',
  'examine',
  'dress',
  'renew',
  'write',
  'prescribe',
]);

const NOT_ACCIDENT =
  /(?:\bnot|n[’']?t|\bnever|\bno)(?: \w+){0,2} (?:by accident|accidental(?:ly)?|an accident|by mistake)\b/;
const ACCIDENTAL = /\b(?:by accident|accidentally|by mistake|accidental)\b/;
/** Words that make what follows a term in a record or a code list, not something done. */
const TERM_OF = new Set([
  'code',
  'codes',
  'coded',
  'coding',
  'snomed',
  'icd',
  'classification',
  // Not "term": "long-term sick" and "in terms of" are everyday and must never hide a disclosure.
]);
/** Nouns a condition's name modifies as a cause given to, not a condition had. */
const CAUSE_OF = new Set([
  'charity',
  'charities',
  'appeal',
  'fund',
  'fundraiser',
  'fundraising',
  'research',
  'run',
  'walk',
  'shop',
  'society',
  'foundation',
  'awareness',
  'collection',
]);
const WITHOUT_GLASSES = /\bwithout (?:my |me )?(?:reading )?(?:glasses|specs|spectacles)\b/;
/** Nouns a self-harm word can modify as a topic of work ("suicide prevention", "overdose protocol"). */
const ATTRIBUTIVE_OF = new Set([
  'prevention',
  'awareness',
  'training',
  'treatment',
  'protocol',
  'protocols',
  'policy',
  'policies',
  'guideline',
  'guidelines',
  'guidance',
  'leaflet',
  'leaflets',
  'poster',
  'posters',
  'nomogram',
  'pathway',
  'statistics',
  'stats',
  'rates',
  'module',
  'course',
  'charity',
  'charities',
  'fundraiser',
  'fundraising',
  'research',
  'audit',
  'screening',
  'questionnaire',
  'team',
  'teams',
  'unit',
  'ward',
  'service',
  'services',
  'clinic',
  'bay',
]);
const SKILLED = new Set([
  'good',
  'great',
  'confident',
  'familiar',
  'used',
  'clever',
  'handy',
  'savvy',
  'brilliant',
  'best',
]);
/** "Not great with computers", "not good at apps": how someone does with machines, not a refusal of one. */
function skillWith(tokens: readonly Token[], s: number, e: number): boolean {
  const span = tokens.slice(s, e);
  return span.some((t) => SKILLED.has(t.word)) && span.some((t) => t.word === 'with' || t.word === 'at');
}
const DETERMINER = new Set(['my', 'your', 'his', 'her', 'our', 'their', 'the', 'a', 'an', 'this', 'that']);
/** Nouns a mood word still describes the speaker through: "a broken man", "a nervous wreck". */
const FEELING_BEARER = new Set([
  'man',
  'woman',
  'person',
  'mess',
  'wreck',
  'shell',
  'soul',
  'heart',
  'spirit',
  'mind',
]);
const HOLDING = new Set(['take', 'keep', 'hold', 'control']);
const DOCUMENT = new Set([
  'letter',
  'statement',
  'bill',
  'charge',
  'charges',
  'fee',
  'fees',
  'form',
  'result',
  'results',
  'email',
  'invoice',
  'leaflet',
  'policy',
]);
/** "The cash machine kept my card": a machine or the bank holding it is service, not someone's control. */
const THING_HOLDER = new Set([
  'machine',
  'atm',
  'cashpoint',
  'it',
  'app',
  'bank',
  'branch',
  'system',
  'terminal',
  'reader',
]);
const SUBJECT_AUX = new Set([
  'have',
  "'ve",
  'has',
  "'s",
  'had',
  "'d",
  'just',
  'already',
  'always',
  'still',
  'now',
  'do',
]);
/** The verb of a control cue ("took my card") has the speaker as its subject: "I've taken my pension". */
function heldBySpeaker(tokens: readonly Token[], s: number): boolean {
  if (!HOLDING.has(tokens[s]?.lemma ?? '')) return false;
  let i = s - 1;
  while (i >= 0 && SUBJECT_AUX.has((tokens[i] as Token).word)) i -= 1;
  const subject = tokens[i]?.word ?? '';
  if (subject === 'i' || subject === 'we') return true;
  // "The cash machine at the supermarket has kept my card": a thing in the subject, nobody's control.
  return tokens.slice(Math.max(0, i - 4), i + 1).some((t) => THING_HOLDER.has(t.word));
}

/** "Don't understand why": the word after "understand" asks for a reason. */
function reasonAsked(tokens: readonly Token[], s: number, e: number): boolean {
  for (let i = s; i < e; i += 1) if (tokens[i]?.lemma === 'understand') return tokens[i + 1]?.word === 'why';
  return false;
}

/** The cue sits after a screening item's name in its sentence: the item is quoted, not answered. */
function namedAsItem(clause: Clause, all: readonly Clause[], c: number, start: number): boolean {
  const before = all
    .filter((x, k) => x.sentence === clause.sentence && k < c)
    .map((x) => x.tokens.map((t) => t.word).join(' '))
    .concat(
      clause.tokens
        .slice(0, start)
        .map((t) => t.word)
        .join(' '),
    )
    .join(' ');
  return SCREENING_ITEM.test(before) || /\byourself\b/.test(clause.tokens.map((t) => t.word).join(' '));
}

export function detectMessage(text: string): MessageCues {
  const { rules: compiledRules, idioms } = rules();
  const all = clauses(text);
  const best = new Map<string, CueHit & { at: Array<[number, number, number]> }>();
  let idiomSeen = false;
  let idiomHidCue = false;
  const negatedReasons = new Set<CueReason>();
  const messageText = all.map((x) => x.tokens.map((t) => t.word).join(' ')).join(' ');
  const relayed = RELAYED.test(text.trim().toLowerCase());
  const messageLength = all.reduce((n, x) => n + x.tokens.length, 0);
  const screeningDenied = SCREEN_DENIED.test(messageText) && !SCREEN_ENDORSED.test(messageText);
  const lower = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  const calmFrame = CALM_FRAME.test(lower);
  // "I'm about to pay it, just checking": a question asked on the way to paying is no calm frame.
  const actingOnIt = ACTING_ON_IT.test(lower);
  const scamDeclined = SCAM_DECLINED.test(lower);
  const consented = CONSENT.test(lower);
  const petDeath = PET_DEATH.test(lower);
  const noImpact = !IMPACT.test(lower) && !TERMINAL.test(lower);
  const managed = MANAGED.test(lower);
  // A death as the errand's context: its estate paperwork, or a gift in its memory.
  const deathAsErrand = ESTATE_ADMIN.test(lower) || MEMORIAL.test(lower);
  const historyLeftBehind = LONG_PAST.test(lower) && RECOVERED.test(lower) && !RETURNING.test(lower);
  // A writer asking about their plot: its victim's overdose, in a later sentence, is the story's (not
  // a brother's overdose told next to it: only the plot's people are characters).
  const authoring = AUTHORING.test(lower);
  const forWork = FOR_WORK.test(lower) || STUDY.test(lower);
  const refundedInFull = REFUNDED.test(lower) && !STILL_GOING.test(lower);
  const scamTopic = SCAM_TOPIC.test(lower);
  const caseChased = CASE_CHASED.test(lower) && !CASE_REOPENED.test(lower) && !actingOnIt;
  all.forEach((clause, c) => {
    const tokens = clause.tokens;
    const masked: Array<[number, number]> = [];
    for (const [idiom, starts] of candidates(idioms, tokens))
      masked.push(...findAll(idiom.pattern, tokens, starts));
    if (masked.length > 0) idiomSeen = true;
    const sentenceText = () =>
      all
        .filter((x) => x.sentence === clause.sentence)
        .map((x) => x.tokens.map((t) => t.word).join(' '))
        .join(' ');
    let clauseText: string | undefined;
    const clauseWords = () => (clauseText ??= tokens.map((t) => t.word).join(' '));
    const laughedOff = () => LAUGHING.test(sentenceText()) && !NOT_JOKING.test(lower);
    for (const [rule, starts] of candidates(compiledRules, tokens)) {
      for (const [s, e] of findAll(rule.pattern, tokens, starts)) {
        // A cue that starts inside an idiom is the idiom's word; one that only runs into it is not.
        // Only an idiom that hid a cue speaks for the message: "end of the month" beside "not planning on
        // being around" hides nothing, and must not silence the lexicon's reading of the rest.
        if (masked.some(([ms, me]) => s >= ms && s < me)) {
          idiomHidCue = true;
          continue;
        }
        const spec = rule.spec;
        if (spec.maxClauseTokens !== undefined && messageLength > spec.maxClauseTokens) continue;
        // A frame that makes the topic a question, a form or a scam seen through sets the cue aside.
        if (
          (calmFrame && (spec.reason === 'vulnerable' || (spec.reason === 'fraud' && !actingOnIt))) ||
          (scamDeclined && spec.reason === 'fraud') ||
          (consented && spec.family.startsWith('coercion')) ||
          (petDeath &&
            (spec.driver === 'life_event' || spec.family === 'grief') &&
            !spec.family.startsWith('coercion')) ||
          (spec.reason === 'vulnerable' &&
            HYPOTHETICAL_DEATH.has(tokens[e - 1]?.word ?? '') &&
            tokens.slice(Math.max(0, s - 3), s).some((t) => CONDITIONAL.has(t.word)))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // A consultation is the detector's reading of the words, so a pack's plain "talk to someone" regex
        // defers to it; the other set-asides leave the pack its say (dev: 5 requests it still caught).
        if (spec.reason === 'request' && consultation(tokens, s, e, { relayed, lower })) {
          negatedReasons.add(spec.reason);
          continue;
        }
        if (spec.reason === 'request' && requestAside(tokens, s, e)) continue;
        // "Suicide prevention training", "the overdose treatment chart": the cue modifies a document or a
        // service, a topic of work, not the speaker's act or intent.
        // "If a friend takes too many pills by accident", "the code for intentional overdose": an accident,
        // or a term looked up for a record, is no act or intent of anyone's.
        if (
          spec.reason === 'self_harm' &&
          ((ACCIDENTAL.test(sentenceText()) && !NOT_ACCIDENT.test(lower)) ||
            tokens.slice(Math.max(0, s - 4), s).some((t) => TERM_OF.has(t.word)))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // "The cancer charity", "a hospice appeal": a condition naming a cause the customer gives to.
        if (spec.reason === 'vulnerable' && CAUSE_OF.has(tokens[e]?.word ?? '')) {
          // A condition as a cause ("the cancer charity") is set aside for the packs too; "debt
          // collection" is no cause, only not a cue of its own, so the lexicon keeps its say.
          if (spec.driver === 'health') negatedReasons.add(spec.reason);
          continue;
        }
        // "Can't read the box without my glasses": glasses left at home, not sight loss.
        if (spec.reason === 'vulnerable' && WITHOUT_GLASSES.test(clauseWords())) continue;
        // "It was declined and I don't understand why": a decision questioned, not a letter beyond the reader.
        if (spec.family === 'capability' && reasonAsked(tokens, s, e)) continue;
        if (spec.reason === 'self_harm' && ATTRIBUTIVE_OF.has(tokens[e]?.word ?? '')) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // "A burn on my arm", "this cut on my leg": an injury named as a thing, not an act told.
        if (
          spec.family === 'self_injury' &&
          DETERMINER.has(tokens[s - 1]?.word ?? '') &&
          tokens[s + 1]?.word === 'on'
        )
          continue;
        // "I've taken my pension", "I keep my card in a drawer": the speaker holding their own money.
        if (spec.family === 'coercion' && heldBySpeaker(tokens, s)) continue;
        // "So my sick pay": an intensifier whose next word opens a noun phrase intensifies nothing.
        if (spec.family === 'intensified' && e - s === 3 && DETERMINER.has(tokens[s + 1]?.word ?? ''))
          continue;
        if (thingSubject(tokens, s, e)) continue;
        // "A broken ampoule", "the desperate rush": a one-word mood said of a thing before its noun.
        if (
          spec.reason === 'distress' &&
          e - s === 1 &&
          DETERMINER.has(tokens[s - 1]?.word ?? '') &&
          tokens[e]?.pos === 'NOUN' &&
          !FEELING_BEARER.has(tokens[e]?.word ?? '')
        )
          continue;
        // "He's not great with computers": a skill, not the machine refused.
        if (spec.family === 'refuses_machine' && skillWith(tokens, s, e)) continue;
        // "Does it only matter…": an auxiliary do is a question, never the act "do it".
        if (
          spec.reason === 'self_harm' &&
          tokens[s]?.lemma === 'do' &&
          tokens[s]?.pos === 'AUX' &&
          // "I do it to myself": after its subject, do is the act.
          !SUBJECT_STOP.has(tokens[s - 1]?.word ?? '')
        )
          continue;
        if (spec.negatable !== false && negated(tokens, s, e)) {
          negatedReasons.add(spec.reason);
          continue;
        }
        if (spec.family === 'age' && !notWorkingAge(tokens.slice(s, e))) continue;
        const subject = subjectOf(all, c, s, e);
        // Someone else's decline in a life told as over ("had dementia before he died"), or put as a
        // what-if ("if he ever got dementia"), is no one's circumstance now.
        if (
          spec.family === 'cognitive_decline' &&
          subject === 'other' &&
          (DEATH.test(sentenceText()) || WHAT_IF.test(clauseWords()))
        )
          continue;
        let hit: CueHit = { reason: spec.reason, family: spec.family, weight: spec.weight ?? 1, subject };
        if (spec.driver) hit.driver = spec.driver;
        if (
          spec.reason === 'request' &&
          [tokens[s], tokens[s - 1]].some((t) => isPast(t) && !WANTED.has(t?.word ?? ''))
        )
          continue;
        if (spec.reason === 'distress' && subject === 'other' && !relayed && !SHARED.test(sentenceText()))
          continue;
        // A story or a quoted screening item is set aside like a negated cue, so pack regexes defer too.
        if (
          spec.reason === 'self_harm' &&
          (((STORY.test(sentenceText()) || (authoring && STORY_PEOPLE.test(sentenceText()))) &&
            (!SPEAKER_SUBJECT.test(clauseWords()) || relativeAboutOther(tokens, s))) ||
            STUDIED_TOPIC.test(
              tokens
                .slice(Math.max(0, s - 7), s)
                .map((t) => t.word)
                .join(' '),
            ) ||
            (spec.family === 'passive_wish' && OWN_DEATH_PAPERWORK.test(sentenceText())) ||
            (spec.family === 'means' &&
              tokens.slice(s, e).some((t) => t.word === 'once') &&
              ERRAND_ONCE.test(sentenceText()) &&
              !INGESTED.test(sentenceText())) ||
            (spec.family === 'finality' && errandLetter(tokens, s, e)) ||
            (spec.family === 'self_injury' && injuryNamed(tokens, s) && !SELF_MADE.test(lower)) ||
            (forWork &&
              spec.family !== 'means' &&
              (subject === 'other' || !SPEAKER_SUBJECT.test(clauseWords())) &&
              HYPOTHETICAL.test(sentenceText())))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        if (screeningDenied && namedAsItem(clause, all, c, s)) {
          negatedReasons.add(spec.reason);
          continue;
        }
        if (
          spec.reason === 'self_harm' &&
          historyLeftBehind &&
          subject !== 'other' &&
          (wasPast(tokens, s) || LONG_PAST.test(sentenceText()))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // Money trouble or a condition told as history left behind ("five years ago I was drowning in
        // payday loans ... now I'm debt free") is as settled as self-harm told that way.
        if (
          spec.reason === 'vulnerable' &&
          spec.family === 'resilience' &&
          (historyLeftBehind || DEBT_FREE.test(lower)) &&
          LONG_PAST.test(lower)
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // Distress told as past and settled ("was at the end of my rope, but my son sorted it").
        if (spec.reason === 'distress' && wasPast(tokens, s) && RESOLVED.test(sentenceText())) continue;
        // A scam dated years ago in its own clause, or told as past and sorted ("got scammed once, you
        // refunded me"), is history: fraud under way is now.
        if (
          spec.reason === 'fraud' &&
          (DISTANT.test(clauseWords()) ||
            (wasPast(tokens, s) && RESOLVED.test(sentenceText())) ||
            (refundedInFull && (wasPast(tokens, s) || SCAMMED_BEFORE.test(sentenceText()))) ||
            scamTopic ||
            caseChased ||
            (authoring && STORY_PEOPLE.test(sentenceText()) && !SPEAKER_SUBJECT.test(clauseWords())))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        if (spec.reason === 'distress' && laughedOff()) hit.weight /= 2;
        // "The hold music makes me want to shoot myself, lol": hyperbole about a thing, laughed off.
        if (
          spec.reason === 'self_harm' &&
          laughedOff() &&
          (MADE_ME.test(sentenceText()) ||
            RATHER_THAN.test(sentenceText()) ||
            tokens.slice(s, e).some((t) => t.word === 'kms'))
        )
          continue;
        // A bereavement or a condition in a plot, a book club's novel or the news is a topic, not a life.
        if (
          (spec.reason === 'vulnerable' || spec.reason === 'distress') &&
          ((STORY.test(sentenceText()) &&
            (!SPEAKER_SUBJECT.test(clauseWords()) || relativeAboutOther(tokens, s))) ||
            (authoring && STORY_PEOPLE.test(lower)))
        ) {
          negatedReasons.add(spec.reason);
          continue;
        }
        // A colleague's redundancy or a neighbour's divorce is their life event, not the customer's.
        if (hit.driver === 'life_event' && outsideHousehold(tokens, s)) continue;
        // "Nearly died lol", "I'll have to fake my own death": nobody laughs off a bereavement.
        if (spec.reason === 'vulnerable' && hit.driver === 'life_event' && laughedOff()) continue;
        // Someone else's illness is the customer's circumstance, not their own driver: it counts half.
        // Signs of cognitive decline in the person the call is about count in full: they are the one served.
        if (hit.driver === 'health' && subject === 'other' && spec.family !== 'cognitive_decline')
          hit.weight /= 2;
        // "The divorce paperwork, but nothing major": a circumstance the speaker says weighs little counts
        // half. Self-harm is never played down this way ("not a big deal, I do it when it gets loud").
        if (spec.reason === 'vulnerable' && MINIMISED.test(sentenceText())) hit.weight /= 2;
        // Recency is read in the cue's own sentence ("is the ramp working today? I'm a wheelchair user");
        // a death days old stays light all the same (see JUST_HAPPENED).
        const recentNotDeath = () =>
          JUST_HAPPENED.test(sentenceText()) &&
          !tokens.slice(s, e).some((t) => DEATH_CUE.has(t.word) || DEATH_CUE.has(t.lemma));
        if (hit.driver !== undefined && !HARM_IN_ITSELF.has(spec.family) && noImpact && !recentNotDeath()) {
          // Probate and executors with no word of impact are the paperwork of a loss, not its weight.
          if (spec.family === 'life_event_admin') continue;
          // Set aside like a negated cue, so the pack's own bereavement patterns defer too.
          if (hit.driver === 'life_event' && deathAsErrand) {
            negatedReasons.add(spec.reason);
            continue;
          }
          hit.weight *= 0.75;
        }
        // A condition said to be managed ("epilepsy, well controlled for years") has little impact now.
        if (
          (hit.driver === 'health' || hit.driver === 'life_event') &&
          !spec.family.startsWith('coercion') &&
          managed
        )
          hit.weight /= 2;
        // Someone else's language or reading barrier, with the customer there to help, counts half.
        if (hit.driver === 'capability' && subject === 'other') hit.weight /= 2;
        // "I don't understand these charges": one document not understood is a service question; it
        // counts next to another cue ("my husband always did the money"), not alone.
        if (
          spec.family === 'capability' &&
          tokens.slice(s, e).some((t) => t.lemma === 'understand' || t.lemma === 'follow') &&
          tokens
            .slice(s, Math.min(tokens.length, e + 4))
            .some((t) => DOCUMENT.has(t.lemma) || DOCUMENT.has(t.word))
        )
          hit.weight = Math.min(hit.weight, 0.75);
        // "You're not understanding me" is about the assistant, not the customer's capability.
        if (hit.driver === 'capability' && tokens.slice(Math.max(0, s - 3), s).some((t) => t.word === 'you'))
          continue;
        if (hit.reason === 'self_harm' && subject === 'other') {
          const bereaved = completedByOther(tokens, s) && DEATH.test(sentenceText());
          // A death told is read as a bereavement here, so a pack's plain "overdose" regex defers to it.
          if (bereaved) negatedReasons.add('self_harm');
          hit = bereaved
            ? {
                reason: 'vulnerable',
                family: 'bereavement_by_suicide',
                weight: 1,
                subject,
                driver: 'life_event',
              }
            : { ...hit, family: `${spec.family}:third_party` };
        }
        // A relative's illness or death told in the past for a form ("filling in the new patient form, dad
        // died of a heart attack at 62") is family history, whatever the form calls it.
        if (
          hit.reason === 'vulnerable' &&
          subject === 'other' &&
          FORM_FILLED.test(lower) &&
          wasPast(tokens, s) &&
          // A death counts as history by its cause ("died of"); "my husband died in May" is a loss now.
          (hit.driver === 'health' || (hit.driver === 'life_event' && tokens[e]?.word === 'of'))
        ) {
          negatedReasons.add(hit.reason);
          continue;
        }
        if (
          hit.reason === 'vulnerable' &&
          (hit.driver === 'life_event' || hit.driver === 'health') &&
          // Signs of decline are seen now, whatever else the message dates ("thinks his wife, who died
          // in 2019, pays the bills").
          spec.family !== 'cognitive_decline' &&
          // The message dates the death or illness once ("died in 2019 … the death certificate").
          DISTANT.test(messageText)
        ) {
          negatedReasons.add(hit.reason);
          continue;
        }
        // A condition with what it stops the customer doing ("autistic, and the waiting room is too loud
        // for me", "severe anxiety, I can't do phone calls"): FG21/1's impact, said (dev: 13 first
        // vulnerability signals, 1 calm turn).
        if (
          hit.reason === 'vulnerable' &&
          hit.driver === 'health' &&
          subject === 'self' &&
          FUNCTIONAL_IMPACT.test(lower)
        )
          hit.weight = Math.max(hit.weight, 1);
        const key = `${hit.reason}.${hit.family}.${hit.driver ?? ''}`;
        const prior = best.get(key);
        if (!prior) best.set(key, { ...hit, at: [[c, s, e]] });
        // Cues of a family that touch are one cue ("sign language interpreter"); "a new home for the dog
        // and my will sorted" are two.
        else if (prior.at.some(([pc, ps, pe]) => pc === c && s <= pe && e >= ps))
          prior.weight = Math.max(prior.weight, hit.weight);
        else {
          // A second cue of the same family, elsewhere in the message: two moderate cues make a strong one.
          prior.at.push([c, s, e]);
          prior.weight = Math.min(
            1.5,
            Math.max(prior.weight, hit.weight) + Math.min(MORE, hit.weight, prior.weight),
          );
        }
      }
    }
  });
  const scores: Record<CueReason, number> = {
    self_harm: 0,
    distress: 0,
    request: 0,
    vulnerable: 0,
    fraud: 0,
  };
  const driverWeight = new Map<Driver, number>();
  for (const hit of best.values()) {
    scores[hit.reason] = Math.min(2, scores[hit.reason] + hit.weight);
    if (hit.driver) driverWeight.set(hit.driver, (driverWeight.get(hit.driver) ?? 0) + hit.weight);
  }
  // "Please, please help me": a plea said twice next to any distress cue is panic, not politeness
  // (dev: 22 of 25 messages with two pleas were a first distress signal, none was calm).
  if (scores.distress > 0 && PLEADING.test(lower)) {
    scores.distress = Math.min(2, scores.distress + 0.5);
    best.set('distress.pleading.', {
      reason: 'distress',
      family: 'pleading',
      weight: 0.5,
      subject: 'self',
      at: [],
    });
  }
  // Words shouted in capitals, twice or with an exclamation ("cancelled AGAIN!", "WHY was she sent home"):
  // anger in how it is typed (dev: 67 such turns, 66 high emotion). A message typed all in capitals is
  // how some people type, and delight shouts too ("THANK YOU!"), so neither counts.
  const shouted = all.reduce((n, x) => n + x.tokens.filter((t) => t.shouted).length, 0);
  if (
    (shouted >= 2 || (shouted >= 1 && text.includes('!'))) &&
    !mostlyCapitals(text) &&
    !PLEASED.test(lower)
  ) {
    scores.distress = Math.min(2, scores.distress + 1);
    best.set('distress.shouting.', {
      reason: 'distress',
      family: 'shouting',
      weight: 1,
      subject: 'self',
      at: [],
    });
  }
  const hits: CueHit[] = [...best.values()];
  // Someone got in touch claiming to be someone: the set-up of a scam, nothing asked or threatened yet.
  // It stays light (and carries to the next turn) until money, details, a threat or haste appear.
  const fraudFamilies = hits.filter((h) => h.reason === 'fraud').map((h) => h.family);
  if (fraudFamilies.length > 0 && fraudFamilies.every((f) => FRAUD_SETUP.has(f)) && !MONEY_ASKED.test(lower))
    scores.fraud = Math.min(scores.fraud, 0.9);
  return {
    scores,
    selfHarm: scores.self_harm >= 1,
    thirdParty: hits.some((h) => h.reason === 'self_harm' && h.subject === 'other'),
    drivers: [...driverWeight.entries()].filter(([, w]) => w > 0).map(([d]) => d),
    families: [...new Set(hits.map((h) => `${h.reason}.${h.family}`))].sort(),
    idiom: idiomSeen,
    idiomHidCue,
    negated: [...negatedReasons],
  };
}
