import { describe, expect, it } from 'vitest';
import { accumulate, EMPTY_MEMORY, type SafetyMemory } from './accumulate';
import { detectMessage } from './detect';
import { raised, raisedKinds } from '../../../test-support/safety';

/** Wordings of each situation that no rule or eval file spells out; each must be read from its parts. */
describe('situations read from their parts', () => {
  it.each([
    'Honestly I just want to stop existing for a while, permanently if I could',
    "She says she's sick of the life she's got and keeps asking God to take her",
    'My flatmate reckons he is going to do away with himself tonight',
    "I'm nothing but a drain on my mother and they'd all be happier if I wasn't around",
    'Getting my affairs squared away this week, then that is me',
    "I do it to myself whenever the noise in my head gets too much, I've got the marks",
    "Some nights I'd like to go to sleep and never have to wake up again",
  ])('self-harm: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    "My heart's going like the clappers and I can't get my breath",
    "I can't calm down, I really can't, something awful is about to happen",
    "I'm sat in the car park in bits, tears pouring down my face",
    'I am absolutely incensed at how this has been handled',
  ])('distress: %s', (text) => {
    expect(raised(text).distress).toBe(true);
  });

  it('reads staff relays in the third person as the customer', () => {
    expect(
      raised('Reception here: the gentleman is shouting and banging his fist on the desk').distress,
    ).toBe(true);
    expect(raised('My neighbour was shouting and banging on the door last night').distress).toBe(false);
  });

  it.each([
    'Fetch me somebody who works here, please',
    "I'm not discussing my savings with a computer, thank you",
    'Could a member of your staff telephone me about the letter?',
    'Is there a duty doctor about?',
  ])('request: %s', (text) => {
    expect(raised(text).request).toBe(true);
  });

  it.each([
    "He goes through all my texts and gets nasty if I'm late home",
    'Her son has her pension card and will not give her a penny unless he says so',
  ])('coercion: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
  });

  it('reads a "new number" family scam with its secrecy', () => {
    expect(
      raised("It's my daughter on a new number, she lost her phone, she said not to call the old number")
        .fraud,
    ).toBe(true);
  });

  it.each([
    'Did you watch the documentary where a man jumped from the bridge? Anyway, what time do you close?',
    "Nurse here: PHQ-9 done, 'not at all' on the item about thoughts of being better off dead, score 1.",
    'Sorry for the overdose of paperwork in that envelope',
    "I'm at the end of my rope with this printer, can you post it instead?",
    'How do I forward a scam text to you? I did not reply to it.',
    "I don't get on with the app, can I have paper statements?",
    "I'm booked in for 3:40 with the nurse.",
    "Is it the GP's signature you need on the form?",
  ])('calm: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });

  it('keeps a screening answer that is not a denial', () => {
    expect(raised("On the PHQ item about being better off dead she said 'nearly every day'.").selfHarm).toBe(
      true,
    );
  });

  it('adds light farewell cues across turns', () => {
    let memory: SafetyMemory = EMPTY_MEMORY;
    const turn = (text: string) => {
      const m = detectMessage(text);
      const acc = accumulate(memory, {
        scores: m.scores,
        selfHarm: m.selfHarm,
        drivers: m.drivers,
        intensity: 0,
      });
      memory = acc.memory;
      return acc.selfHarm;
    };
    expect(turn("I've given my records and the telly away to the lads downstairs")).toBe(false);
    expect(turn("I want it all tidied up before I go, that's all")).toBe(true);
  });
});
