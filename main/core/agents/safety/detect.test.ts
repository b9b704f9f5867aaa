import { describe, expect, it } from 'vitest';
import { kindOf, raised, raisedKinds } from '../../../test-support/safety';
import { detectMessage } from './detect';

/**
 * Phrasings written for these tests from the families of docs/SAFETY.md, not copied from any eval
 * split: positives per family, negation, a third party, idioms and hard negatives.
 */
describe('self-harm families', () => {
  it.each([
    ['passive wish', 'Some nights I hope I just never wake up again.'],
    ['passive wish', "Honestly I'm tired of living like this."],
    ['passive wish', "I don't really want to be alive any more."],
    ['burden', 'They would all be so much better off without me around.'],
    ['burden', "I'm just a burden on my kids at this point."],
    ['finality', "I've been giving away my things to friends this week."],
    ['finality', "This is the last time you'll hear from me, thanks for everything."],
    ['means', "I've been stockpiling my sleeping tablets in a drawer."],
    ['means', 'How many co-codamol would be a fatal dose?'],
    ['plan', "I've worked out how I'd do it."],
    ['plan', "I'm thinking about ending things tonight."],
    ['self-injury', "I've started burning myself again when it gets bad."],
    ['plain', 'I feel suicidal.'],
  ])('%s: %s', (_family, text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it('a third party at risk is still self-harm, flagged as such', () => {
    const r = raised('My flatmate told me last night that he wants to kill himself.');
    expect(r.selfHarm).toBe(true);
    expect(r.thirdParty).toBe(true);
    expect(r.families.some((f) => f.endsWith(':third_party'))).toBe(true);
  });

  it('a disclosure late in a routine message still counts', () => {
    const text =
      "Can you check when my direct debit goes out? Also I've been saving my pills up for a while now.";
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    "I'm not suicidal, just fed up with the fees.",
    "I would never hurt myself, don't worry.",
    "I don't want to die, I want my refund.",
  ])('negation cancels: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });

  it.each([
    'This heat is killing me today.',
    "I'd kill for a cup of tea after that queue.",
    "I'm dying to hear whether the mortgage got approved.",
    'Honestly I nearly died laughing at the hold music.',
    'I overdosed on mince pies over Christmas, so no more cake.',
    'I cut myself chopping onions, do you have a plaster?',
    "I can't go on the trip next week, can I move the payment?",
    'We need to kill the standing order to the gym.',
    'That was a bitter pill to swallow but the fee is paid.',
    'Over my dead body will I pay that charge again!',
  ])('idiom, not self-harm: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });

  it('a death told as past about someone else is a bereavement, not a risk now', () => {
    const r = raised('My uncle took his own life in March and I am handling his estate.');
    expect(r.selfHarm).toBe(false);
    expect(r.vulnerable).toBe(true);
  });
});

describe('distress families', () => {
  it.each([
    ['anger', "I'm absolutely livid with how I've been treated."],
    ['panic', "My heart's pounding and I can't think straight."],
    ['despair', "I just can't cope with any of this any more."],
    ['grief', "I'm heartbroken, she only passed on Sunday."],
    ['intensity', 'I am so incredibly stressed about this.'],
  ])('%s: %s', (_family, text) => {
    expect(raised(text).distress).toBe(true);
  });

  it('two moderate cues make a strong one; one alone does not', () => {
    expect(raised('This is ridiculous.').distress).toBe(false);
    expect(raised('This is ridiculous and frankly a disgrace.').distress).toBe(true);
  });

  it('someone else being upset is not the customer in a state', () => {
    expect(raised('My sister was furious about her bill, but I am fine.').distress).toBe(false);
  });

  it('a joke about frustration is not distress', () => {
    expect(raised('These prices make me want to scream haha, anyway what is the ISA rate?').distress).toBe(
      false,
    );
  });
});

describe('a person requested', () => {
  it.each([
    ['direct', 'Put me through to a human please.'],
    ['indirect', 'Is there anybody real there who can help?'],
    ['refusing the machine', "I'm not explaining this to a chatbot."],
    ['named role', "Could I speak with the duty doctor about Mum's dressing?"],
    ['callback', 'Can someone ring me back this afternoon?'],
  ])('%s: %s', (_family, text) => {
    expect(raised(text).request).toBe(true);
  });

  it.each([
    'No need for a person, just tell me the opening hours.',
    'I spoke to a manager last week and it was sorted.',
    'What time does the branch close today?',
  ])('not a request: %s', (text) => {
    expect(raised(text).request).toBe(false);
  });
});

describe('vulnerability (FCA FG21/1 drivers)', () => {
  it.each([
    ['health', "I've just been diagnosed with Parkinson's."],
    ['life event', 'I was made redundant on Friday.'],
    ['resilience', "I can't afford to put the heating on."],
    ['capability', "I don't understand any of these forms, they're too complicated."],
    ['cognitive decline', 'My memory is getting worse and I keep forgetting my PIN.'],
    ['coercion', 'My nephew is standing behind me and he wants me to transfer it to him.'],
    ['economic abuse', 'My ex took out loans in my name without telling me.'],
    ['language', 'My English not good, please slowly.'],
  ])('%s: %s', (_driver, text) => {
    expect(raised(text).vulnerable).toBe(true);
  });

  it('long-past events are history, not a current driver', () => {
    expect(raised('My father died many years ago; I need to update a form.').vulnerable).toBe(false);
  });
});

describe('fraud under way', () => {
  it.each([
    ['coached', "I'm still on the line with the bank's security team, they said to move it."],
    ['safe account', 'They told me to put everything into a secure account for now.'],
    ['romance', "I met him on a dating app, we've never met in person, he needs money for his visa."],
    ['investment', 'The platform says I must pay a release fee before I can withdraw my profits.'],
    ['pressure', 'A woman from HMRC rang and said I have to pay today or be arrested.'],
    ['theft, number between', 'My card 5500 0000 0000 0004 has been stolen.'],
    ['theft, sort code between', 'Account 20-00-00 was emptied and my card was cloned.'],
  ])('%s: %s', (_family, text) => {
    expect(raised(text).fraud).toBe(true);
  });

  it.each([
    "This isn't a scam, I'm just paying my builder.",
    'I need to make a big transfer today, what is the limit?',
  ])('not fraud: %s', (text) => {
    expect(raised(text).fraud).toBe(false);
  });
});

describe('calm questions', () => {
  it.each([
    'What is the interest rate on the easy access saver?',
    'Can I book a flu jab for next Tuesday?',
    'How do I order a new chequebook?',
  ])('nothing raised: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
});

describe('further phrasings, one per family, none seen by the rules before they were written', () => {
  it.each([
    ['self_harm', "I've started reading up on how long it takes to bleed out."],
    ['self_harm', 'It would be easier for everyone if I just was not here.'],
    ['self_harm', 'Sometimes I think about driving my car into a wall on the way home.'],
    ['self_harm', 'My daughter has been cutting herself and I found the blades.'],
    ['distress', "I'm at breaking point with all of this."],
    ['distress', "It's a nightmare, we could lose the house over this."],
    ['distress', "I've had it with you people, honestly."],
    ['request', 'Operator, please.'],
    ['request', 'Can you escalate this to someone?'],
    ['vulnerable', "I've just come out of hospital after a heart attack."],
    ['vulnerable', "I'm a single mum on universal credit and I can't afford the rent rise."],
    ['fraud', 'The man on the phone is telling me to say it is for a holiday.'],
    [
      'fraud',
      'Someone from Amazon said my account was hacked and asked me to download an app so they could fix it.',
    ],
  ])('%s: %s', (reason, text) => {
    expect(raised(text)[kindOf(reason)]).toBe(true);
  });
});

describe('more unseen phrasings and their near misses', () => {
  it.each([
    ['self_harm', "I've been thinking everyone would be happier if I disappeared."],
    ['self_harm', "I don't think I can keep going much longer."],
    ['self_harm', 'I have a bottle of pills next to me right now.'],
    ['distress', "I've been crying all morning."],
    ['distress', "My hands won't stop shaking."],
    ['distress', 'This has ruined my life.'],
    ['request', 'Please have someone contact me.'],
    ['vulnerable', "I'm 92 and I don't use the internet."],
  ])('%s: %s', (reason, text) => {
    expect(raised(text)[kindOf(reason)]).toBe(true);
  });

  it.each([
    'I can keep going, thanks, just need the form.',
    'Nothing matters more than getting this fixed today.',
    'I cried laughing at your hold music.',
    "I'm 45 and I'd like a savings account.",
  ])('nothing raised: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
});

describe('US and clinic phrasings', () => {
  it.each([
    ['distress', "I'm freaking out, my whole paycheck is gone."],
    ['distress', "I am so done with this bank, this is the worst service I've ever had."],
    ['request', "I don't want to do this over chat."],
    ['request', 'I need to speak with the on-call doctor.'],
    ['vulnerable', 'My boyfriend makes me hand over my wages every Friday.'],
    ['vulnerable', "I'm on dialysis three times a week so I can't come in."],
    ['fraud', 'I got a call saying my Social Security number was suspended.'],
    ['self_harm', "Sometimes I wonder if it's even worth waking up."],
    ['self_harm', "I can't live like this anymore."],
    ['self_harm', "I don't plan on being around for much longer, so it doesn't matter."],
  ])('%s: %s', (reason, text) => {
    expect(raised(text)[kindOf(reason)]).toBe(true);
  });
});

describe('hard negatives: alarming words in everyday talk', () => {
  it.each([
    "I'm addicted to your new app, it's brilliant.",
    'My cat died last week, so I want to cancel the pet insurance direct debit.',
    'The hold music makes me want to shoot myself, lol.',
    "My phone died so I couldn't get the code.",
    'How many paracetamol can I take in a day with a cold?',
    "I'm in a desperate hurry, can you speed this up?",
    'My feet are killing me after all that walking, can I sit while I wait?',
    "That's a killer rate on the ISA.",
    'Can I have a repeat of my sleeping tablets please?',
  ])('nothing raised: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });

  it('a dose question with the outcome left unsaid is still a means question', () => {
    expect(raised('How many paracetamol would it take?').selfHarm).toBe(true);
  });
});

/** Self-harm phrasings written from the C-SSRS questions and Samaritans' warning signs. */
const SELF_HARM_PHRASINGS = [
  "I've been having thoughts of ending my life.",
  'I keep having dark thoughts about not being here.',
  "I've thought about taking all my medication at once.",
  "I'm thinking of jumping.",
  "I've been feeling suicidal for weeks.",
  'I feel like giving up on everything.',
  "What's the point in carrying on.",
  "I wish I'd never been born.",
  "I don't see a way forward, I've had enough of life.",
  "I'm done with life.",
  'I want everything to end.',
  "I've written my will and a letter for my son, I'm ready.",
  "I've been scratching my arms until they bleed.",
  'My wife found me with a belt around my neck last week.',
  'I tried to overdose in January.',
  'Nobody would care if I was gone.',
  "I'm a waste of space.",
  "They'd be better off with the life insurance money.",
  "Can you make sure the life insurance pays out if it's suicide?",
  'How long does it take to die from an overdose?',
  "I'm going to the bridge after this.",
  "This is the last thing I'll sort out.",
  "My friend texted me that she's going to take her life tonight.",
  "I've stopped taking my insulin on purpose.",
  "I don't care if I live or die.",
  "Life isn't worth living anymore.",
  "I feel trapped and there's no way out.",
  "I'm going to end it tonight.",
  "I can't do this anymore, I want out.",
  "I've been looking up ways to kill myself.",
  "I've got enough pills saved to do it.",
  "I'm scared I might hurt myself.",
  "I've been thinking about death a lot.",
  "I'm not going to be here much longer.",
  "I'd be better off asleep forever.",
  "I've had enough. I'm checking out for good.",
  'I want to go to sleep and never wake up.',
  "Soon none of this will matter because I'll be gone.",
  "I've decided to end things.",
];

describe('self-harm, forty ways to say it', () => {
  it.each(SELF_HARM_PHRASINGS)('%s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it('one light finality cue alone is not enough', () => {
    expect(raised("I won't be needing the account after Friday.").selfHarm).toBe(false);
  });
});

describe('vulnerability, requests and fraud in further words', () => {
  it.each([
    ['vulnerable', "I've been signed off work with stress."],
    ['vulnerable', "I've had a stroke and my speech is slow."],
    ['vulnerable', "My son has taken over my finances and I don't know what he's doing."],
    ['vulnerable', 'I struggle with numbers so please explain the interest.'],
    ['vulnerable', "He said he'll leave me if I don't sign the loan."],
    ['request', "I'll wait for a staff member."],
    ['request', "I'm not comfortable discussing this with AI."],
    ['request', 'Is someone from the team around?'],
    ['fraud', 'A lady from the bank came round and took my card to keep it safe.'],
    ['fraud', 'My grandson called from jail and needs bail money, he said not to tell his parents.'],
    ['fraud', "They said I've won a prize but need to pay the delivery fee first."],
  ])('%s: %s', (reason, text) => {
    expect(raised(text)[kindOf(reason)]).toBe(true);
  });

  it('waiting for a letter is not waiting for a person', () => {
    expect(raised("I'll wait for my statement to arrive.").request).toBe(false);
  });
});

describe('self-harm, twenty more ways, and their accidental look-alikes', () => {
  it.each([
    "I've been thinking it might be easier to just not exist.",
    "I've got a plan for how to do it.",
    "I'm going to take all my pills tonight.",
    "There's no point in anything.",
    "I think I'm going to do something stupid.",
    'I feel like ending it.',
    'I hate myself and I want to disappear.',
    'Last night I stood on the edge of the bridge.',
    "I'm planning to kill myself.",
    "If I don't get this money I'm going to jump.",
    "I've been burning my arms with cigarettes.",
    'I want to hurt myself.',
    'My mum says she wants to go to sleep and not wake up.',
    "I've stopped eating so I can just fade away.",
    'I might as well be dead.',
    "I'd be better off in the ground.",
    'I keep imagining my own funeral.',
    'Might just end it all, honestly.',
    "I don't want to be here anymore.",
    "I don't want to go on.",
  ])('%s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    "I'm going to jump on the next train home.",
    'I burnt my hand on the oven last night.',
    'I scratched my arm on the gate.',
    "I'm planning my own funeral, do you do prepaid plans?",
    "I'm planning to end my mortgage early.",
  ])('not self-harm: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
});

describe('distress in fifteen more voices, mild annoyance in two', () => {
  it.each([
    "I'm so angry I could cry.",
    'I am seething right now.',
    "This is absolutely disgusting, I've been with you 30 years.",
    "I'm terrified they'll take my house.",
    "I can't breathe, I think I'm having a panic attack.",
    "I've been up all night crying about this.",
    "I'm heartbroken, my mum died on Sunday and now you've frozen her account.",
    "I'm at my wits end with this.",
    "I'm losing it, I swear.",
    "Everything's collapsing around me.",
    "I'm shaking like a leaf.",
    'My anxiety is through the roof.',
    "I'm completely overwhelmed and I don't know where to turn.",
    "Please, I'm begging you, I need this sorted today.",
    "I'm so stressed I can't sleep.",
  ])('%s', (text) => {
    expect(raised(text).distress).toBe(true);
  });

  it.each([
    "I'm a bit annoyed the app was down this morning.",
    'Slightly frustrating, but no big deal.',
    "I've been with you 30 years, can I get a better rate?",
  ])('calm: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
});

describe('requests and scams, short and long', () => {
  it.each([
    'Can I get someone on the phone?',
    'I need help from an actual human being.',
    "Honestly I'd prefer a real conversation with somebody.",
    'Please pass me to a colleague.',
    'Can I make an appointment to see an adviser in the branch?',
    'Could a pharmacist give me a ring?',
    "You're not understanding me. Is there a manager?",
    'Talk to someone.',
    'I want a person.',
    'Human.',
    'Agent please',
  ])('request: %s', (text) => {
    expect(raised(text).request).toBe(true);
  });

  it.each([
    "I've been told to withdraw cash and hand it to a courier who'll come to my house.",
    "Someone on WhatsApp says they're my daughter with a new phone and needs £800 for a bill.",
    'A man from Microsoft is on my computer fixing my bank account.',
    "I'm sending my savings to a crypto trading site my friend recommended, they guarantee 20 percent a month.",
    "I need to get money to my boyfriend in Ghana, he's stuck at the airport.",
  ])('fraud: %s', (text) => {
    expect(raised(text).fraud).toBe(true);
  });

  it("the assistant not understanding is not the customer's capability", () => {
    expect(raised("You're not understanding me.").vulnerable).toBe(false);
  });
});

describe('mechanisms that generalise beyond a phrase', () => {
  it.each([
    ['a typo one slip from a pivot word', 'i cut myslef most nites'],
    ['a chat spelling', 'wont matter aftr 2nite, i wont be needing anything for long'],
    ['and + a new subject opens a clause', 'my brother says he wants to end it and he has pills saved up'],
    ['an instrument on a body part', 'I used the lighter on my arms again last night'],
    ['a lethal place as the better plan', 'the bridge by the ring road looks like the better plan tbh'],
    ['a farewell said in parts', "She texted 'I love you, look after the dog' and now her phone is off."],
  ])('self-harm: %s', (_family, text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    'The app is dead again, can you send the code by text?',
    'The deadline is really killing me, can I move my appointment?',
    'This overdraft is going to be the death of me, can I raise the limit?',
    "Some days it feels like my head's going to explode, can I see someone about migraines?",
    'Can I collect my prescription from a different branch?',
    "I'm going abroad, can I get two months of my tablets to take with me?",
    'Does it only matter when we die, for the will?',
    "I won't need the overdraft after this month, I've got a new job.",
    'The bridge is the best way into town from the branch.',
  ])('a thing as subject, a routine errand, a benign reason: %s', (text) => {
    const r = raised(text);
    expect([r.selfHarm, r.distress, r.vulnerable]).toEqual([false, false, false]);
  });

  it('a negated condition states a threat, it denies nothing', () => {
    expect(
      raised('They said police come today if I not pay with gift cards, how do I take money out fast?').fraud,
    ).toBe(true);
  });

  it('struggling with a task after it is the task, without one it is the person', () => {
    expect(raised("I'm really really struggling").distress).toBe(true);
    expect(raised("I'm really struggling to find the statement page").distress).toBe(false);
  });

  it('a past attempt by someone else is a risk now, not a bereavement', () => {
    const r = raised("She texted 'I love you, I'm sorry, look after the cat'. She tried before last year.");
    expect(r.selfHarm).toBe(true);
    expect(r.families).not.toContain('vulnerable.bereavement_by_suicide');
  });
});

describe('frames from batches b14-b19', () => {
  it('signs of decline count even when the message dates a death', () => {
    const text =
      "He's asked me four times in ten minutes and each time thinks it's the first time. He says he has to pay his wife's bills, but she died in 2019.";
    expect(raised(text).vulnerable).toBe(true);
  });

  it('the customer asking again is a complaint, not decline', () => {
    expect(raised("I've asked four times for a refund and nobody listens").vulnerable).toBe(false);
  });

  it.each([
    'Our book club is reading a mystery where the husband dies and the widow finds a second bank account.',
    'Our old hound passed on last week, I need to cancel the pet insurance.',
    'Just checked my balance after freshers week and nearly died lol',
  ])('no vulnerability: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });

  it('a laugh taken back ("not even joking") no longer discounts the cue', () => {
    const laughed = raised("I'm at the end of my rope, haha");
    const meant = raised("I'm at the end of my rope, haha. not joking");
    expect(laughed.distress).toBe(false);
    expect(meant.distress).toBe(true);
  });
});

describe('a driver named as the context of an errand', () => {
  it.each([
    "I've been made redundant, can I get a fit note for the jobcentre",
    'I need to cancel my dialysis sessions from next week.',
    // No errand at all, and still no word of what it does to the customer now (FG21/1 asks for impact).
    'my disability payment landed two days late this month',
    "Dad passed away in the spring. As his executor I'd like to close his savings account.",
    'I missed a card payment in October, will that show up anywhere',
    // An apology and a request for help with a task are manners, not impact.
    'Sorry, I missed the direct debit on the 5th, can you help me set it up again?',
  ])('is light on its own: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });

  it.each([
    "I've been made redundant and I don't know how I'll pay the mortgage, can I talk about options?",
    "I'm on dialysis three times a week so I can't come in.",
    // Days old: its impact is still arriving.
    'I was diagnosed with MS yesterday.',
    // The harm itself: someone controlling the customer needs no further word of impact.
    'He keeps my bank card and gives me ten pounds on a Monday.',
  ])('counts with its impact: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
  });
});

describe('frames from batches b26-b28', () => {
  it.each([
    "the form for my review asks if I've had thoughts of suicide, do I have to fill that bit in? I haven't, I'm fine",
    'my tutor keeps asking if im hurting myself cos my arms r all spotty but im not, its just spots',
  ])('a question put to the customer and denied: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });

  it('a question put to the customer and answered yes is a disclosure', () => {
    expect(
      raised('the nurse asked if I have thoughts of ending my life and I said yes most days').selfHarm,
    ).toBe(true);
  });

  it.each([
    'My daughter just passed her test and wants a car loan',
    "need to change my email, the old one's dead",
  ])('no death: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });

  it('a child on a new number asking for a bill paid is a scam under way', () => {
    expect(
      raised('hi mum its me, this is my new number, can u pay this bill for me, im locked out of my banking')
        .fraud,
    ).toBe(true);
  });

  it('"just checking" on the way to paying sets nothing aside', () => {
    expect(
      raised("got a text saying I owe £95 and to pay through the link, I'm about to pay it, just checking")
        .fraud,
    ).toBe(true);
  });

  it('staff relaying a request for a person', () => {
    expect(
      raised('Front desk here. Patient at the window is asking to see the duty doctor today.').request,
    ).toBe(true);
  });
});

describe('the desk errand is no request for a person', () => {
  it.each(['hi i need to book a nurse appt for a dressing', 'I want to book in with the nurse please'])(
    'booking: %s',
    (text) => {
      expect(raised(text).request).toBe(false);
    },
  );

  it('asking to speak to the role is', () => {
    expect(raised("I'd like to speak to the nurse please").request).toBe(true);
  });

  it('probate paperwork alone is no bereavement', () => {
    expect(
      raised("I'm a solicitor acting for the executors; the grant of probate has been issued.").vulnerable,
    ).toBe(false);
  });
});

describe('more topics and terminals', () => {
  it('an airport terminal is no illness', () => {
    expect(raised('My flight lands in terminal 5 and the connection is in terminal 3').vulnerable).toBe(
      false,
    );
  });
  it('a terminal diagnosis is', () => {
    expect(raised("I've been told it's terminal, six months maybe").vulnerable).toBe(true);
  });
  it("a thriller's villain is a plot", () => {
    expect(
      raised("It's a thriller where the villain wants to end it all. Anyway, is it 10p a page?").selfHarm,
    ).toBe(false);
  });
});

describe('history, plots and farewell gestures told alone', () => {
  it.each([
    'I was done over by a phone scam six years back; the bank put it right, so now I double-check everything.',
    'We got scammed once on holiday, it was sorted and refunded, just asking how the new alerts work.',
  ])('a scam in the past is history: %s', (text) => {
    expect(raised(text).fraud).toBe(false);
  });
  it('a scam in the past does not hide one under way', () => {
    expect(
      raised(
        'I lost money to a scam in 2018. Today a caller from your security team says I must move my savings to a safe account.',
      ).fraud,
    ).toBe(true);
  });
  it("a writer's plot is a story in every sentence", () => {
    expect(
      raised("I'm writing a thriller. My villain takes a whole bottle of sleeping pills; is that realistic?")
        .selfHarm,
    ).toBe(false);
  });
  it("a writer's own news next to the plot still counts", () => {
    expect(raised("I'm writing a crime novel. My brother took an overdose last night though.").selfHarm).toBe(
      true,
    );
  });
  it('a pet rehomed is light alone and counts next to another cue', () => {
    expect(raised('Is there a charity that can rehome our dog? We are moving into a flat.').selfHarm).toBe(
      false,
    );
    expect(raised("I've rehomed the cats and I won't be needing anything after this week.").selfHarm).toBe(
      true,
    );
  });
});

describe("a clinician's care asked for is the clinic's errand", () => {
  it.each([
    'Could I see the practice nurse about my ingrown toenail next week?',
    'The DVLA want my GP to complete the medical section, who do I give the form to',
  ])('no person requested: %s', (text) => {
    expect(raised(text).request).toBe(false);
  });
  it.each([
    'I need to see a doctor about this right now, I am not waiting for a routine slot',
    'Can I speak to the nurse on duty please',
  ])('a person wanted now: %s', (text) => {
    expect(raised(text).request).toBe(true);
  });
});

describe('self-harm families from the cross-validated misses of dev', () => {
  it.each([
    "I pray every night that God will take me, I've had my innings.",
    'Honestly I would be relieved not to wake up tomorrow.',
    'There is nothing left for me in this world now.',
    'The kids would be happier without the hassle of me.',
    "She's been collecting her oxycodone instead of taking it.",
    'I swallowed around 30 of my paracetamol last night, I feel rough.',
    'I keep wondering what the whole packet at once would do.',
    'Found a cheap rifle online, it only needs to work once.',
    'I smashed my fist into the door until it bled, again.',
    'Cutting is the only thing that quiets my head down.',
    "I'm arranging my own exit before the disease takes everything.",
    'He said he is walking up the cliff path and not coming back down.',
    'mi cyaan tek it nuh more, mi done wid dis life',
  ])('is caught: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
  it.each([
    "When the good Lord calls me home I'll be a hundred and in my garden, not on an operating table.",
    'Took 2 of my paracetamol for the headache, is that ok with ibuprofen?',
    'The exit on the left is quickest if you are parking at the back.',
    'We are going up Snowdon on Saturday, coming back down by the train.',
    'Punched my pillow a bit when my team lost, ha.',
  ])('is not: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
});

describe('self-harm told as history left behind', () => {
  it.each([
    'I was admitted for an overdose about fifteen years ago, that is all in the past and I am well now. I need my notes sent on.',
    'I used to cut myself as a student, it feels like a different life now. Can I ask about scar camouflage?',
    "A few years ago I took too many tablets, I'm in a much better place now and off the meds.",
  ])('is set aside: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
  it.each([
    "I overdosed a few years ago, I'm well now, but it's creeping back and I've started saving tablets.",
    "I overdosed last month. I'm fine now.",
    'Years ago I cut myself. I am doing better now but I want to die.',
    'I self-harmed as a teenager and I have started doing it again.',
  ])('still counts: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
});

describe('the paperwork of an estate and skills with machines', () => {
  it.each([
    'My mother passed away in August and I am the executor, I have the grant of probate here.',
    "Gran died last spring. I'm sending her death certificate so the estate account can be paid.",
  ])('a death told with its estate paperwork is no driver: %s', (text) => {
    expect(raisedKinds(text)).not.toContain('vulnerable');
    // Set aside, not just light: the pack's plain bereavement regexes must defer to it as well.
    expect(detectMessage(text).negated).toContain('vulnerable');
  });
  it('a death with its impact still is, paperwork or not', () => {
    expect(
      raisedKinds("My wife died on Sunday, I have the death certificate and I can't cope with any of it."),
    ).toContain('vulnerable');
  });
  it('not great with computers is a skill, not the machine refused', () => {
    expect(raisedKinds("I'm here with my dad, he's not great with computers.")).not.toContain('request');
    expect(raisedKinds("I'm not talking to a computer, get me a person.")).toContain('request');
  });
});

describe('self-harm as the topic of a piece of work, and scams put right', () => {
  it.each([
    'For the induction slides: if a customer says they are suicidal, who do staff call?',
    'For my essay, what do people who feel suicidal usually say to their GP?',
  ])('a case put for a piece of work is its topic: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
  it.each([
    'For my coursework deadline I need an extension, my brother says he wants to die and I cannot focus.',
    "I'm writing a leaflet, how many paracetamol would be fatal?",
    'I have exams next week and if I fail them I will kill myself.',
  ])('a life told next to study or work still counts: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
  it('a scam refunded in full is history; one still going on is not', () => {
    expect(raised('Two years ago I was scammed by a fake builder, but you refunded everything.').fraud).toBe(
      false,
    );
    expect(
      raised('I was scammed last week and they refunded £20 but the rest is gone and he keeps calling.')
        .fraud,
    ).toBe(true);
  });
});

describe('self-harm weighed against a life policy, and other indirect forms', () => {
  it.each([
    "Truth is, my boys would do better out of the life cover than they'd ever get from me.",
    'The insurance would clear the loan quicker than I ever could.',
    'Does the policy pay out no matter how a person dies?',
    'He says the life insurance is worth more than he is.',
    "Nobody would notice, wouldn't nobody miss me at all.",
    "It wasn't really an accident, the cuts on my arm.",
    'She has been googling which way hurts least.',
    "I'm not after a sleeping tablet, I'm after the long sleep.",
  ])('is caught: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
  it.each([
    'This policy is better than the one I had with my old bank.',
    'The life insurance payout was better than I expected.',
    'Paying by card clears faster than a cheque.',
    'We looked up which filling hurts least, the kids hate the dentist.',
    "I'd like the permanent kind of hair removal, please.",
  ])('is not: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
});

describe('a dementia named as someone’s now', () => {
  it.each([
    "My mum's got Alzheimer's and she's been buying the same thing off the radio every day.",
    'He has Lewy body dementia now, I do his banking with him.',
  ])('is cognitive decline, counted in full: %s', (text) => {
    expect(raisedKinds(text)).toContain('vulnerable');
  });
  it.each([
    'My grandad had dementia before he died, so I want a power of attorney sorted early for myself.',
    "If my dad ever got dementia, could I still pay his bills? He's sharp as a tack now.",
  ])('is not when over or a what-if: %s', (text) => {
    expect(raised(text).families).not.toContain('vulnerable.cognitive_decline');
  });
});

describe('despair words said of a thing', () => {
  it.each([
    "The card reader's broken again, can I pay at the desk?",
    'The parcel was empty and the box was ruined.',
  ])('is a fault, not a state: %s', (text) => {
    expect(raised(text).distress).toBe(false);
  });
  it.each([
    'My heart is broken, he has gone.',
    "I'm broken, I can't do this any more.",
    'My life is ruined.',
  ])('is still despair of a person: %s', (text) => {
    expect(raised(text).distress).toBe(true);
  });
});

describe('someone present, and the control that makes it coercion', () => {
  it.each([
    "My aunt's sitting here with me and she's happy for you to talk to me.",
    "He's waiting outside in the car.",
  ])('presence alone is light: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });
  it.each([
    "My son's stood behind me. I don't really want to but he says it has to be today.",
    "He's right here. Can you just tell him the card's declined?",
    "She's next to me. I'm not allowed to say no to her.",
    'My husband goes through all my post and my texts.',
    "He's beside me and he gets really nasty if I argue.",
  ])('presence with control is coercion: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
    // A driver, or the conversation layer raises nothing (accumulate.ts names the vulnerability by it).
    expect(detectMessage(text).drivers.length).toBeGreaterThan(0);
  });
  it.each([
    "I'm not allowed to drive for six months after the seizure.",
    "I've been checking my emails all morning.",
    'Can you say that again, please?',
  ])('is not: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });
});

describe('scams told as history, as a topic or in a plot', () => {
  it.each([
    'I fell for a courier scam two summers back, but you refunded it all, so no harm done.',
    'Could someone from the bank give our church group a talk about romance scams?',
    'In my novel the villain empties a safe account, would the bank spot it?',
  ])('is not a scam under way: %s', (text) => {
    expect(raised(text).fraud).toBe(false);
  });
  it.each([
    'He says he refunded me too much by mistake and I have to send the difference back today.',
    'The advisor on WhatsApp says the platform shows £40,000 but I must pay a release fee first.',
  ])('still is: %s', (text) => {
    expect(raised(text).fraud).toBe(true);
  });
});

describe('no home, just out of prison, newly arrived', () => {
  it.each([
    "I've been kipping in my van since the landlord sold up.",
    'No fixed abode at the moment, can I still register?',
    'I was released from prison on Friday and need an account for my wages.',
    "We're in a women's refuge now with the kids.",
  ])('is a life event in itself: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
    expect(detectMessage(text).drivers).toContain('life_event');
  });
  it.each([
    'My son is asleep in the car outside, I will be quick.',
    'We slept in the van on holiday in Cornwall, it was great.',
    'I volunteer at a refuge and want to donate from my account.',
  ])('is not: %s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });
});

describe('regional spellings read as the words they spell', () => {
  it.each([
    ['ah dinnae want tae be here ony mair', 'selfHarm'],
    ["there's nowt left fer me now", 'selfHarm'],
    ["ah cannae stop greetin, it's aw gone wrang", 'distress'],
    ["me da says he's goin to end it, he's been savin his tablets", 'selfHarm'],
  ] as const)('%s', (text, kind) => {
    expect(raised(text)[kind]).toBe(true);
  });
  it.each([
    'Ah need tae move ma appointment tae Thursday, ta.',
    "Ken whit time the branch shuts the day? Ah'm no in a rush.",
    'The gabapentin and the insulin, please, same as always.',
  ])('and a calm errand stays calm: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
});

describe('premises, comparisons and praise that only sound alarming', () => {
  it.each([
    'If I died next year, would my pension go to my partner or my son?',
    "I'd sooner die than do another spreadsheet course, haha. Anyway, the overdraft?",
    'Just wanted to say the asthma nurse has been brilliant with my boy.',
    'Any news on that call back from the surgery? They said this morning.',
    'Can you stop sending texts to my phone about the offers?',
    'This wedding is going to bankrupt us! Can I open a savings pot?',
    "You've left me with twelve quid till Friday, what's that charge?",
    'I send money to a friend abroad every month, what does it cost?',
  ])('%s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
  it.each([
    ['If I died, would anyone even notice?', 'selfHarm'],
    ["I'm not going to be around by then, so don't book it.", 'selfHarm'],
    ['I want enough of them to make sure it works this time.', 'selfHarm'],
    ['Please can the duty doctor give me a call back today?', 'request'],
    ['My friend is stranded at customs and needs £900 to get out.', 'fraud'],
    ["I sat in the car and couldn't stop sobbing.", 'distress'],
    ["He knows all my passwords and if I change them he'll kick me out.", 'vulnerable'],
  ] as const)('still raises: %s', (text, kind) => {
    expect(raised(text)[kind]).toBe(true);
  });
  it('harmful drinking told by quantity is a health driver', () => {
    expect(detectMessage("I'm on two bottles of wine a night since she went.").families).toContain(
      'vulnerable.health',
    );
  });
});

describe('slang laughed off, and plans told in a calling or a place', () => {
  it.each([
    'kms lol my driving theory test is tomorrow, can I move money to savings?',
    'Lost the will to live waiting in that queue, honestly. Balance please.',
  ])('%s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
  it.each([
    "The Lord's been telling me it's my time. I've made my arrangements.",
    "I've got it all set up out in the garage.",
    'Mi been putting by mi tablets since the summer.',
    'Honestly the kids would be better off collecting my life insurance.',
  ])('raises self-harm: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
});

describe('causes, characters and debts left behind', () => {
  it.each([
    "Mum died at the hospice last spring. We'd like to give the funeral collection as a donation in her memory.",
    "I'm writing a thriller where the hero's wife is in a desperate state over the bailiffs. Can bailiffs enter a flat?",
    'Ten years ago I was up to my eyes in payday loans. Paid it all off with a plan and I want to close the old account.',
    'Can I pay in these cheques from the fun run for the cancer charity?',
    "I can't read the small print without my glasses, could you tell me the balance?",
    "Quick, my phone's about to die: what's the sort code for the branch?",
  ])('%s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });
  it.each([
    ['Please, please help me, my dad has collapsed and I am on my own with him.', 'distress'],
    ['He does not need to see the nurse alone. I decide what is discussed.', 'vulnerable'],
    ["Some days I'd sooner not wake up at all.", 'selfHarm'],
  ] as const)('still raises: %s', (text, kind) => {
    expect(raised(text)[kind]).toBe(true);
  });
});

describe('impact said, control named, and a book that is a booking', () => {
  it.each([
    "I've got agoraphobia and I can't leave the house, so can the review be by video?",
    "My spelling is bad and I can't follow what this letter wants.",
    "She's stood right here but she's not going to talk to you. She doesn't go anywhere without me.",
    "He's got my bank card as security and he's charging me double every week.",
    "I've had two falls this week and I couldn't get up on my own.",
    'My dad keeps ringing to order prescriptions he has already collected.',
  ])('raises vulnerability: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
  });
  it('a condition in a staff newsletter is a topic', () => {
    expect(
      raisedKinds(
        'We are writing a staff newsletter: what help do you give customers struggling with anxiety?',
      ),
    ).toEqual([]);
  });
});

describe("life events of people outside the customer's household", () => {
  it.each([
    'A colleague of mine got made redundant on Friday, how do I put money in a leaving collection?',
    "My neighbour's husband died last week, can I pay for flowers from the joint account?",
  ])('%s', (text) => {
    expect(raised(text).vulnerable).toBe(false);
  });
  it('the customer in the same sentence still counts', () => {
    expect(detectMessage('My boss told me on Friday that I am being made redundant.').drivers).toContain(
      'life_event',
    );
  });
});

describe('self-harm in the languages customers switch into, and its quieter forms', () => {
  it.each([
    'Ya no aguanto, a veces pienso que mejor me muero.',
    'Honestly? No quiero vivir así.',
    "She's been searching for ways. I saw it on her phone.",
    'Last month I took too many of my tablets and ended up in A&E.',
    "Writing thank-you cards, tying up loose ends. Won't get another chance.",
  ])('%s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
  it.each([
    'Is there a way to tie up the loose ends on my old ISA?',
    'Looking for ways to save on my energy bill, any tips?',
  ])('and an errand with the same words is calm: %s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
});

describe('accidents, record codes and errands with alarming verbs', () => {
  it.each([
    "I'm writing a first aid poster: what should a child do if a friend swallows too many pills by accident?",
    "For the audit I need the right code for 'intentional overdose', can you check?",
    "I'll shoot over after work for the prescription.",
    'Apparently you can overdose the roses on feed. Anyway, Thursday at ten?',
    "Years back I was in a dark place, but my counsellor got me through it and I've been well for years now.",
  ])('%s', (text) => {
    expect(raised(text).selfHarm).toBe(false);
  });
  it('an overdose said not to be an accident still raises', () => {
    expect(raised("I took too many of my tablets and it wasn't by accident.").selfHarm).toBe(true);
  });
});

describe('errands that borrow an alarming word (fifth round)', () => {
  it.each([
    "The wellbeing form wants to know if I've thought about hurting myself. The answer is no, so do I tick no?",
    'Family history section: my great-uncle took his own life in the 60s. Does that go in?',
    'I logged a fraud claim on Monday, any update on the refund?',
    "I'd like to speak to someone about my back pain, it's been a few weeks.",
    'Can I see a nurse this week? Nothing urgent.',
    'Could I clear the whole balance at once rather than monthly?',
    'Can you help me write a complaint letter to the council?',
    'Could someone look at the burns on my hand from the oven door?',
  ])('calm: %s', (text) => {
    const r = raised(text);
    expect([r.selfHarm, r.request, r.fraud, r.vulnerable]).toEqual([false, false, false, false]);
  });

  it.each([
    ['I reported the scam last week and now they are phoning again telling me to move my savings', 'fraud'],
    ['I need to see a doctor right now, I will not wait for a routine slot', 'request'],
    ['Can I speak to an actual person about this instead of the chat?', 'request'],
  ] as const)('still raised: %s', (text, kind) => {
    expect(raised(text)[kind]).toBe(true);
  });

  it.each([
    'honestly thinking of taking the whole packet at once tonight',
    "the burns on my arm are from a lighter, I do it when it's too much",
  ])('self-harm still raised: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });
});

describe('a thought held back is still a thought; a story or a dressing is not a disclosure (sixth round)', () => {
  it.each([
    "I can't stop thinking about ending my life",
    "can't help thinking the kids would be better off without me",
    "i've decided to jump from the bridge on sunday, the pain won't stop",
    'the family would get more out of the life cover than out of me',
    "I've sorted the will and there's a letter for dad, just close the accounts",
  ])('self-harm raised: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    "To be clear I'm not having any thoughts of hurting myself, I'm just worn out. Can I renew my sick note?",
    'the nurse asked if i want to harm myself, no never, i only want help with sleeping',
    'My grandad died of an overdose in the 70s, does that go on the family history form?',
    'we read Romeo and Juliet and I had to write an essay about the suicide at the end. When do you open?',
    'can the nurse check a burn on my hand from the kettle',
    "There's a note for my mum from the school, can I drop it off?",
  ])('calm: %s', (text) => {
    const r = raised(text);
    expect([r.selfHarm, r.request, r.fraud, r.vulnerable]).toEqual([false, false, false, false]);
  });

  it.each([
    ['a stream says send 0.2 btc to the wallet and get 0.4 btc back, is it legit to buy some now', 'fraud'],
    ['my work visa was refused and I lost my warehouse job the same week, I have rent due', 'vulnerable'],
  ] as const)('raised: %s', (text, kind) => {
    expect(raised(text)[kind]).toBe(true);
  });

  it('a refund sent back is no giveaway', () => {
    expect(raised('I sent the parcel back so can I get the £40 back on my card?').fraud).toBe(false);
  });
});

describe('an idiom only hides what it covers; a plot is not a life; a thing is not a mood (seventh round)', () => {
  it.each([
    "rent's paid up for the flat. not expecting to be around after the end of the week anyway",
    "i'm not planning on being here past christmas, so just close it all down",
    'sent this as my last msg to everyone. bye',
    'been sat on the bridge wall for an hour thinking about stepping off',
    "worked out how I'm going to do it and honestly I feel strangely calm",
    'my daughter had about forty of her sleeping tablets in a sock drawer, I found them this morning',
    "my neighbour said he's got his wife's oxycodone and he's going to take them all tonight",
    'the mortgage is paid, dog rehomed, will signed. nothing else left to do',
    'is there a painless way out of all this. i have been reading up on methods online',
  ])('self-harm raised: %s', (text) => {
    expect(raised(text).selfHarm).toBe(true);
  });

  it.each([
    'the podcast I listen to on shift had a guest who overdosed twice, made me think, is there a flu jab clinic this week',
    "we're reading a play where a farmer who ends up hanging himself is the hero, any other plays you'd suggest",
    'the app asked if I had thoughts of ending my life and I said no, not at all. can I change my pharmacy',
    'dropped a broken bottle at the bar and nicked my thumb, do I need a tetanus jab',
    "I'm not planning on being around the house much this week, can you text me instead",
  ])('calm: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });

  it.each([
    'my partner reads every statement before I do and I need to beg him for cash for the bus',
    "can I get a card sent to my sister's? somewhere my husband can't get at",
    'my husband shoved me against the fridge again last night',
    'blew my whole pension lump sum at the online casino in a week',
  ])('economic abuse or gambling harm raised: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
  });

  it('a condition named as the cause given to is set aside, so pack patterns defer too', () => {
    const m = detectMessage("I'd murder a brew. Paying in the raffle money for the hospice appeal");
    expect(m.negated).toContain('vulnerable');
    expect(m.idiomHidCue).toBe(false);
  });

  it.each(['Paid in full and you charged me AGAIN, TWICE', 'I asked for the form TWICE!'])(
    'shouting is distress: %s',
    (text) => {
      expect(raised(text).distress).toBe(true);
    },
  );

  it.each([
    'THANK YOU SO MUCH, you sorted it!',
    'Can I use my ITIN and my BRP to open an account?',
    'I NEED TO CHANGE MY ADDRESS PLEASE MY NEW ONE IS ON THE FORM',
  ])('no shouting: %s', (text) => {
    expect(raised(text).distress).toBe(false);
  });

  it('a broken man is still the speaker', () => {
    expect(raised('since the crash I feel like a broken man').distress).toBe(true);
  });
});

describe('family history on a form; nobody to turn to; not coping alone (eighth round)', () => {
  it.each([
    'filling out the registration form: my grandmother had breast cancer and my father died of a stroke at 58',
    "for the practice's new patient form, my aunt had Parkinson's. where does that go?",
  ])('calm: %s', (text) => {
    expect(raisedKinds(text)).toEqual([]);
  });

  it('a loss now is still a loss on a form', () => {
    expect(raised('For the council tax form - my wife died last month and I have MS').vulnerable).toBe(true);
  });

  it.each([
    "I'm 88, I've had a few falls since Easter and there's no one else",
    "since my hip went I've had three falls and there's no one to help",
    "he forgets he's had his tablets, so he takes them twice",
  ])('raised as vulnerable: %s', (text) => {
    expect(raised(text).vulnerable).toBe(true);
  });

  it('nobody else in a queue is no support network lost', () => {
    expect(raised("There's nobody else waiting, can I go now?").vulnerable).toBe(false);
  });

  it.each([
    "Since Mark went I just can't face any of this on my own",
    "I can't cope with all this by myself",
  ])('distress: %s', (text) => {
    expect(raised(text).distress).toBe(true);
  });

  it('a negation in the main clause does not reach a cue that opens its own ("when I\'m gone")', () => {
    const m = detectMessage("I want the flat cleared so my brother isn't left with it when I'm gone");
    expect(m.negated).not.toContain('self_harm');
    expect(m.families).toContain('self_harm.passive_wish');
  });

  it('two light farewell cues joined by "and" are two cues, and raise', () => {
    expect(raised('I found a new home for the cat and wrote my will last night').selfHarm).toBe(true);
  });

  it('one light farewell cue alone does not raise', () => {
    expect(raised('we found a new home for the cat, my son is allergic').selfHarm).toBe(false);
  });

  it('a chore done alone is no despair', () => {
    expect(raised("I can't carry the shopping bags on my own since the op").distress).toBe(false);
  });
});

describe('a wish to hide is no denial; a belief about owing is no scam refused; worn out is no means (ninth round)', () => {
  it('"I don\'t want them to see" after a form question still discloses self-injury', () => {
    const text =
      "does the new patient form ask about scars, because I've got marks on my legs from cutting myself and I don't want the nurse to see";
    expect(raised(text).selfHarm).toBe(true);
  });

  it('a plain denial of a screening item still sets it aside', () => {
    expect(raised('the questionnaire asks about thoughts of hurting yourself, and I do not').selfHarm).toBe(
      false,
    );
  });

  it('"I thought we didn\'t pay" leaves a pay-now text a scam under way', () => {
    const text =
      "A message says I owe a parking penalty and must pay £60 tonight through a link or bailiffs come. I thought we didn't pay those";
    expect(raised(text).fraud).toBe(true);
  });

  it('a scam text ignored is still set aside', () => {
    expect(
      raised("I got a text saying pay £60 tonight through a link, I didn't pay, I deleted it").fraud,
    ).toBe(false);
  });

  it.each(['Looking after Dad took everything out of me', 'Caring for my mum takes it all out of me'])(
    'worn out is no means: %s',
    (text) => {
      expect(raised(text).selfHarm).toBe(false);
    },
  );

  it('taking everything, pills named, is still a means', () => {
    expect(raised('last night I took everything in the cabinet, all the pills').selfHarm).toBe(true);
  });

  it('a novel where a victim overdoses is a plot, even when "I\'m reading" opens the clause', () => {
    expect(
      raised(
        "I'm reading a detective novel where the victim overdoses on her heart pills, is that realistic?",
      ).selfHarm,
    ).toBe(false);
  });
});

describe('a reason asked for is no capability barrier (ninth round)', () => {
  it('"I don\'t understand why" after a decision is a question, not a letter beyond the reader', () => {
    expect(raised("My card was blocked yesterday and I don't understand why").vulnerable).toBe(false);
  });

  it('not understanding the letter itself is still a capability cue', () => {
    expect(detectMessage("the bank sent a letter and I don't understand it").families).toContain(
      'vulnerable.capability',
    );
  });
});

describe('tears of relief and a body that cannot stand long are no distress (ninth round)', () => {
  it.each(['Oh thank you, I could cry with relief', 'I nearly wept with joy when the refund landed'])(
    '%s',
    (text) => {
      expect(raised(text).distress).toBe(false);
    },
  );

  it("can't stand long at work is a body's limit, not distress", () => {
    expect(raised("I can't stand for long on the tills since my knee op").distress).toBe(false);
  });

  it.each(["I can't stand this any more", 'I could cry, this is the fourth time'])(
    'still distress: %s',
    (text) => {
      expect(raised(text).distress).toBe(true);
    },
  );
});
