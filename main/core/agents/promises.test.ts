import { describe, expect, it } from 'vitest';
import { detectPromises, ungroundedPromises, withoutPromises } from './promises';

describe('promise detector', () => {
  it.each([
    ['A colleague will be with you shortly.', 'person_coming'],
    ['Someone will call you back this afternoon.', 'callback'],
    ["I've passed this to my manager.", 'handed_over'],
    ['You will hear from our team within the hour.', 'callback'],
    ['Our team will be in touch today.', 'person_coming'],
    ['The duty doctor will phone you shortly.', 'callback'],
    ['Let me get my supervisor for you.', 'person_coming'],
    ['Someone from our team is on their way over.', 'person_coming'],
    ["I'm putting you through to a nurse now.", 'handed_over'],
    ['Your case has been escalated to a senior adviser.', 'handed_over'],
    ["We'll give you a call tomorrow morning.", 'callback'],
    ["I can't answer that, but a colleague will call you back.", 'callback'],
    ["I'll get someone to call you.", 'person_coming'],
    ["I'll make sure someone calls you.", 'person_coming'],
    ["You'll be contacted by one of our advisers.", 'callback'],
    ['One of our advisers will be in contact.', 'person_coming'],
    ["I've let my supervisor know and they're on their way.", 'person_coming'],
    ["I'm going to put you through to the fraud team.", 'handed_over'],
    ['Please wait here, someone will come and collect you.', 'person_coming'],
  ])('finds the promise in %j', (text, kind) => {
    expect(detectPromises(text).map((p) => p.kind)).toContain(kind);
  });

  it.each([
    "Would you like me to pass this to a member of our team? They'll see this conversation, so you won't need to repeat yourself.",
    'I can pass you to a member of our team.',
    'A member of our team can confirm the details for you.',
    "You're chatting with an AI assistant; a member of staff oversees this conversation and you can ask for a person at any time.",
    'No one will call you about this.',
    "If you'd like, a colleague can call you back.",
    'Shall I ask a colleague to call you back?',
    'Your new card will arrive within 5 working days.',
    'I will help you with that.',
    'Your GP will review the results.',
    'The doctor will see you at 3pm as booked.',
    'The surgery will text you a reminder.',
    'Our team will review your application within 5 days.',
  ])('offers, refusals and everyday statements are not promises: %j', (text) => {
    expect(detectPromises(text)).toEqual([]);
  });

  it('a promise the cited passage makes itself is grounded; a made-up one is not', () => {
    const passage = 'A doctor will phone you first to decide whether a home visit is needed.';
    expect(ungroundedPromises('Ask before 10:30; a doctor will phone you first.', passage)).toEqual([]);
    expect(ungroundedPromises('A nurse will ring you back today.', passage)).toHaveLength(1);
  });

  it('cuts only the promising clauses', () => {
    expect(withoutPromises('Thanks for asking. A colleague will be with you shortly. We open at 9am.')).toBe(
      'Thanks for asking. We open at 9am.',
    );
    expect(
      withoutPromises("I can't answer that, but a colleague will call you back. Freeze your card."),
    ).toBe("I can't answer that. Freeze your card.");
    expect(
      detectPromises(
        withoutPromises("I've asked a member of our team to pick this up, and they'll be with you shortly."),
      ),
    ).toEqual([]);
  });
});
