import { describe, expect, it } from 'vitest';
import { detectCues } from './sentiment';

/** A pack's plain regexes, as the bundled packs write them: blind to what the words are doing. */
const PACK = {
  selfHarm: [/\boverdose\b/i],
  humanRequest: [/\b(?:speak|talk) (?:to|with) (?:someone|somebody)/i],
  vulnerability: [],
  fraud: [],
};

describe("a pack regex defers to the detector's reading of the same words", () => {
  it('a consultation about a topic is not a person asked for instead of the chat', () => {
    expect(detectCues('I need to talk to someone about my sleep, can I book in?', PACK).requestsHuman).toBe(false);
    expect(detectCues('Can I talk to someone real instead of this chat?', PACK).requestsHuman).toBe(true);
  });

  it('a death by overdose long ago is a bereavement, not a risk now', () => {
    expect(detectCues('My gran died of an overdose in the 80s, is that one for the form?', PACK).selfHarm).toBe(false);
    expect(detectCues('My sister has taken an overdose, she is not waking up', PACK).selfHarm).toBe(true);
  });
});
