/**
 * A pack's risk cues (chest pain, a stroke, a weapon) are plain regexes. On their own they cannot tell an
 * emergency now from a family history form, a relative's death years ago or a symptom the customer denies,
 * so each match is read in its sentence before it counts.
 */

/** The sentence tells the event as history: dated, a cause of death, or a record being filled in. */
const HISTORY =
  /\b(?:\d+|a few|few|many|several|two|three|four|five|ten|twenty) (?:years?|decades?) ago|\blong time ago|\bin (?:19|20)\d\d\b|\bwhen (?:i|he|she|they) (?:was|were) (?:young|little|a child|\d+)|\b(?:in|at) (?:his|her|their|my) (?:\d0s|sixties|seventies|eighties|nineties)|\bat (?:the age of )?\d\d\b|\b(?:died|passed away|passed) (?:of|from|after|following|with)\b|\bcause of death\b|\b(?:family|medical) history\b|\bhistory of\b|\bruns in (?:the|my|our) family\b|\b(?:questionnaire|insurer|insurance form|life insurance|application form|form asks)\b|\b(?:had|has had|suffered) (?:a|an|two|three|several) (?:\w+ )?(?:strokes?|seizures?|heart attacks?)\b (?:\w+ ){0,3}(?:ago|back|years|in (?:19|20)\d\d|when|in (?:the )?(?:spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december)|last (?:year|month|spring|summer|autumn|fall|winter))/;
/** A story, a drill or a lesson: the words name a topic, not something happening to someone here. */
const TOPIC =
  /\b(?:films?|movies?|programmes?|shows?|episodes?|series|novels?|books?|news|articles?|podcasts?|first aid (?:course|training)|training|drill|leaflet|poster|awareness|signs of|gun safety|firearms? (?:licen[cs]e|certificate)|shotgun certificate|hunting|shooting (?:club|range)|unloaded|gun (?:cabinet|safe))\b/;
/** "A hearing aid fitting", "the fitting on Thursday": the fitting of a thing, booked, not a seizure. */
const FITTING_OF_A_THING =
  /\b(?:aids?|lens(?:es)?|glasses|brace|braces|dentures?|implants?|prosthe\w+|splint|stockings?|wheelchair|bra|a|the|my|your|for|next|first|second)\s+$/;
const FITTING_BOOKED = /^\s*(?:appointment|session|slot|on|at|for|next|booked|date|time)\b/;
/** The event named as a known cause or a landmark ("because of the seizure", "since my stroke"): it is over. */
const EARLIER_EVENT_BEFORE =
  /\b(?:because of|after|since|following|due to) (?:the|my|his|her|their|that) (?:\w+\s+)?$/;
/** The customer denies the symptom ("no chest pain", "not breathless"), as a triage answer does. */
const DENIED_BEFORE = /\b(?:no|not|never|without|denies|denied|nor|any)\s+(?:\w+\s+){0,2}$/;

const compiled = new Map<string, RegExp>();
function global(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source, 'gi');
    compiled.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

function sentenceAround(text: string, start: number, end: number): { before: string; sentence: string } {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1] as string)) from -= 1;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to] as string)) to += 1;
  return { before: text.slice(from, start).toLowerCase(), sentence: text.slice(from, to).toLowerCase() };
}

/** True when some pattern matches in a sentence that tells it as happening now to someone here. */
export function emergencyNow(text: string, patterns: readonly string[]): boolean {
  for (const source of patterns) {
    const re = global(source);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex += 1;
        continue;
      }
      const { before, sentence } = sentenceAround(text, m.index, m.index + m[0].length);
      if (
        HISTORY.test(sentence) ||
        TOPIC.test(sentence) ||
        DENIED_BEFORE.test(before) ||
        EARLIER_EVENT_BEFORE.test(before)
      )
        continue;
      if (
        m[0].toLowerCase() === 'fitting' &&
        (FITTING_OF_A_THING.test(before) ||
          FITTING_BOOKED.test(text.slice(m.index + m[0].length).toLowerCase()))
      )
        continue;
      return true;
    }
  }
  return false;
}
