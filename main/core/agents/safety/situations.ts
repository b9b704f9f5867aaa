/**
 * Cues read from a situation's parts rather than from a fixed phrase: a day picked and a place named, a
 * farewell made of small gestures, a body in panic, a partner who reads the messages. They were written
 * against families of misses on conversations by three further authors (evals/dev, batches b3-b5), each
 * as a frame with open slots so a new wording of the same situation fills them. Ambiguous parts weigh
 * 0.5: alone they raise nothing, two of them (in one message or across turns) do.
 */
import type { CueReason, Driver, RuleSpec } from './rules';

type Options = Omit<RuleSpec, 'family' | 'reason' | 'pattern'>;
const r = (reason: CueReason, family: string, patterns: string[], options: Options = {}): RuleSpec[] =>
  patterns.map((pattern) => ({ reason, family, pattern, ...options }));
const light = (reason: CueReason, family: string, patterns: string[], options: Options = {}) =>
  r(reason, family, patterns, { weight: 0.5, ...options });
const vulnerable = (family: string, driver: Driver, patterns: string[], weight = 1) =>
  r('vulnerable', family, patterns, { driver, weight, subject: 'any' });

const OVERDONE =
  'paperwork|admin|forms|emails|work|information|info|meetings|homework|sugar|caffeine|chocolate';
const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';

const SELF_HARM: RuleSpec[] = [
  ...r(
    'self_harm',
    'passive_wish',
    [
      'wish|wishing|want|like|hope ~4 stop|stopped existing|being_alive|being_here',
      'stop existing',
      'tired|sick|weary ~1 of ~1 the|this|my ~1 life|world',
      'ask|asking|asked|beg|begging|pray|praying ~2 god|lord|jesus ~2 to? ~1 take ~1 me',
      'not ~1 want ~1 to ~1 see|face ~1 the|another|one_more ~1 morning|day|tomorrow',
      'if i ~2 not|never ~1 wake|woke',
      'sleep|asleep ~4 not|never ~2 come_back|coming_back|wake_up|waking_up|have_to_wake',
      'sleep ~2 and ~1 not|never ~7 ever_again|again|come_back|wake',
      'want|wants|wanted|need|needs ~1 out ~1 of ~2 this|the ~1 world|life',
      'better|happier|easier|off|fine ~4 if|when|once he|she|they ~1 was|were|is ~1 not|no_longer ~2 here|around|in_the_picture|alive',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'burden',
    [
      'drain|burden|weight|nuisance ~2 on|to|for ~1 his|her|their|everyone|everybody|the ~1 family|mum|mom|dad|wife|husband|kids|children|daughter|son|partner',
      'take|taking ~1 @REFL ~1 out_of_the_picture|out_of_the_way|out_of_everyone_s_way',
    ],
    { subject: 'any', negatable: false },
  ),
  ...light(
    'self_harm',
    'burden_light',
    [
      'ok|okay|alright|sorted|provided_for|looked_after|set_up ~2 without ~1 me|him|her',
      'hanging|hanging_round|hanging_around ~2 her|his|their|your ~1 neck',
    ],
    { subject: 'any', negatable: false },
  ),
  ...r(
    'self_harm',
    'plan_intent',
    [
      'do_away_with|done_away_with|doing_away_with @REFL',
      'picked|chosen|chose|set ~2 tonight|tomorrow|tomorrow_night|the_night|the_weekend ~1 for ~1 it',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'means',
    [
      'take|swallow ~3 lot|all|everything|whole ~5 and ~2 go_to_sleep|sleep',
      'swallowed|took|taken|swallow|downed ~2 everything|the_lot|all_of_it|the_whole_lot|the_whole_bottle|the_whole_box',
      'took|taken|swallowed|swallow|take|downed ~2 a? ~1 bunch|lot|load|handful|heap|pile ~1 of ~2 @MED|meds|pills|tablets',
      'garage ~4 car|engine ~1 running|on',
      'car|engine ~1 running ~3 in ~1 the ~1 garage',
      'no|not|never ~1 coming|comin ~1 back ~1 up|out',
    ],
    { subject: 'any' },
  ),
  ...light(
    'self_harm',
    'plan_light',
    [
      `picked|chosen|chose|set ~1 the? ~1 ${DAYS}|date|day|1*|2*|3*`,
      'know|knows|worked_out|figured_out|decided ~1 how|when|where ~1 i|he|she ~1 am|is|will ~1 going? ~1 to? ~1 do ~1 it',
      'working|worked|figuring|figured ~1 out ~1 how ~1 to ~1 make ~1 that|it ~1 happen',
      'that|it ~1 will ~1 be ~1 that|it $',
      // The calm that can follow a decision (Samaritans lists a sudden calm among the warning signs).
      'weirdly|strangely|oddly|eerily|weird|strange ~1 calm|peaceful|at_peace|relieved|a_relief',
      'relief ~3 decided|sorted|made_up_my_mind|settled',
      // A way out looked for: light alone ("a quiet way out of this overdraft"), a disclosure together.
      'quiet|easy|painless|peaceful ~1 way ~1 out',
      'look|looking|looked|reading|read|research|researching|researched ~2 at|up|into|about ~1 ways|methods ~1 online|on_line|on_the_internet|on_google ~1 $',
      'closer ~2 to ~2 the ~1 answer|only_answer|only_way|only_way_out',
      'keep|keeps|kept ~1 looking ~1 at ~1 it|the_gun|the_pistol|the_rifle|the_pills|the_tablets|the_rope',
      // A quantity question with no stated harm: "what happens if you take way more insulin than prescribed".
      'what|whats ~1 happens|happen|would_happen ~2 if ~4 take|took|inject|injected|swallow|swallowed ~3 more|too_much|too_many|way_more|the_whole|a_whole|all ~3 @MED|pen|pens|insulin|than',
      'drive|driving|walk|walking|go|going|head|heading|headin ~2 to|doon|down ~1 the ~1 cliff|cliffs|bridge|tracks|railway|viaduct|edge|train_line|railway_line|train_tracks|level_crossing|loch|river|quarry',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'self_injury',
    ['do|did|doing|done ~1 it|this|that ~1 to ~1 @REFL ~1 when|whenever|every|again|because|if'],
    { subject: 'any' },
  ),
  ...light(
    'self_harm',
    'self_injury_light',
    [
      'punch|punched|punching|hit|hitting|bang|banged|banging ~2 the|a ~1 wall|walls|door ~3 till|until|again',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'finality',
    ['get|getting|got|put|putting ~1 my|his|her ~1 affairs ~2 squared|straight|sorted|tidied|settled'],
    { subject: 'any' },
  ),
  ...light(
    'self_harm',
    'finality_light',
    [
      'not|never ~1 be? ~1 seeing|see|hearing_from|hear_from ~1 me|him|her ~1 again',
      'none|nothing ~2 of ~1 this|it ~1 will ~1 be ~1 my|his|her ~1 problem|concern|worry',
      'at peace ~1 with ~1 it|that|this|my_decision',
      'all|it|everything|mind ~1 is|has_been ~1 all? ~1 decided|made_up|settled $',
      'made_up_my_mind|made_my_mind_up $',
      'before i ~1 go $',
      'tidied|tidy|sorted|sort|squared ~1 away|up ~3 before ~1 i ~1 go',
      `not|never ~1 need ~4 after ~1 this|next|the ~1 weekend|week|${DAYS}`,
      'after ~1 this? ~1 friday|the_weekend|this_weekend|tomorrow|tonight ~6 not|none ~3 my ~1 problem|concern',
      'give|giving|gave|given ~6 away',
      // Affairs put in order for after, told as a list: "will sorted, cat rehomed, bills paid".
      'cat|dog|pets|pet|budgie|rabbit ~1 rehomed|re_homed',
      'will|wills ~1 sorted|done|written|signed|made',
      'whoever|someone|somebody ~2 has|have|will_have ~1 to ~1 clear|sort|empty ~2 out|up|my_things|my_stuff|the_flat|the_apartment|the_house',
      'last ~1 rent|bill|payment ~3 i ~1 will|would ~1 need|have ~1 to ~1 pay|make',
      'and ~1 goodbye|farewell',
      'scared|worried|afraid|frightened|terrified ~3 what ~1 he|she|they ~1 means|meant|might|will|is_going_to',
      'nobody|no_one ~2 need|needs ~1 to ~1 worry',
      'ask|asked|asking|where|looking_for|look_for|find|found ~4 @FIREARM',
      'not ~1 answering|picking_up ~2 phone|calls|texts|messages',
      'gone|went ~1 offline|quiet|silent|dark',
      'look|looking|looked ~1 at ~6 cabinet|pills|tablets|medicine|medicines ~3 different|differently',
      'last ~1 thing|one ~2 on ~1 my ~1 list',
      'not ~1 staying|stay|be ~2 anywhere|here|around ~1 long|much_longer',
      'not ~1 planning|plan ~2 on ~1 staying|being_around|being_here',
      'decide|decided ~1 already',
      'made ~1 my|ma ~1 mind ~1 up',
      'no|not|never ~1 coming|comin ~1 back',
      'high|tall|deep ~1 enough',
      'that is|that_is|it_is ~1 my ~1 last ~1 one',
      'get|go|climb ~3 right? ~1 up? ~1 to ~1 the ~1 edge|railing|railings|top',
      'only|just ~1 need|want ~3 to ~1 go ~3 once|the_once|one_way',
      'top ~1 level|floor|storey|deck ~6 railings|barrier|barriers|edge|fence|fenced|fenced_off|drop',
      'tallest|highest ~2 car_park|carpark|bridge|building|cliff|tower|multi_storey',
      'quick ~1 and ~1 certain|painless|final',
      'not ~2 end_up ~2 in ~1 hospital|a_and_e|a_wheelchair ~1 again',
      'saying|said|says|texted ~1 bye|goodbye',
    ],
    { subject: 'any' },
  ),
];

const DISTRESS: RuleSpec[] = [
  ...r('distress', 'panic', [
    'heart|chest ~2 going|beating|banging|hammering ~1 like|mad|crazy|so_fast|ninety',
    'can_not|could_not ~1 get|catch ~1 my ~1 breath|words_out',
    'can_not|could_not ~1 calm ~1 down|myself_down',
    'legs|knees|hands|body ~3 jelly|like_jelly|turned_to_jelly|gone_to_jelly',
    'something ~1 terrible|awful|bad|horrible ~3 about ~1 to ~1 happen',
    'having ~2 one ~1 of ~1 my ~1 attacks|turns|episodes',
  ]),
  ...light('distress', 'panic_light', [
    'closing|caving ~1 in',
    'tingling|tingly|went_numb|gone_numb|going_numb|pins_and_needles',
    'can_not|could_not make|bring ~1 myself ~2 come|go|walk|get',
    'can_not|could_not ~1 face ~2 the|that|it|going|seeing',
  ]),
  ...r('distress', 'despair', [
    'tears ~3 pouring|streaming|rolling|running|down_my_face',
    'can_not|could_not ~1 stop ~1 sobbing|weeping|bawling|shaking',
    'i am ~8 in_pieces|in_bits|a_wreck|falling_apart',
  ]),
  ...r('distress', 'despair', [
    'on ~1 the ~1 kitchen|bathroom|bedroom? ~1 floor ~3 sobbing|crying|weeping|in_tears|shaking',
  ]),
  ...light('distress', 'grief_light', [
    'broke|broken|destroyed|wrecked ~1 me $',
    'just|started|and ~1 screamed|howled|wailed|sobbed',
    'stillborn|stillbirth|lost_the_baby|lost_our_baby',
    'sorry ~1 i am ~1 so ~1 sorry',
  ]),
  ...r('distress', 'anger', ['incensed|infuriated|infuriating|enraged']),
  ...light('distress', 'anger_light', [
    'contemptible|disgusting|insulting|shameful',
    'not|never ~1 stand ~1 for ~1 it|this|that',
    'bang|banging|slam|slamming|thump|thumping ~3 fist|fists|hand|hands|door|counter|table|desk',
    'red ~1 in ~1 the ~1 face',
  ]),
];

const REQUEST: RuleSpec[] = [
  ...r('request', 'direct', [
    'get|fetch|bring|find|grab ~1 me|us ~1 someone|somebody|a_person|a_human|a_real_person|one_of_you|one_of_the_staff',
    'with|to ~1 whoever ~2 ordered|did|wrote|took|sent|requested|asked_for|is_in_charge|in_charge|responsible|deals_with',
    'member ~1 of ~2 staff|your_staff|the_team|the_staff ~3 could|can|would|to ~2 telephone|call|ring|phone|contact|speak|see',
    'member ~1 of ~2 staff|your_staff|the_team|the_staff ~2 telephone|call|ring|phone|contact|speak_to|see ~1 me|us',
    'could|would|can ~2 telephone|ring ~1 me|us',
    'is|are there ~2 a|an|any ~1 manager|supervisor|nurse|doctor|duty_doctor|human|person|real_person|pharmacist ~1 $|available|here|about|around|in',
  ]),
  // A terse demand: the role is the message ("Manager.", "Human!").
  ...r(
    'request',
    'direct',
    [
      'human|person|manager|supervisor|nurse|doctor|operator|representative|agent|advisor|adviser ~1 please|now|$',
    ],
    {
      maxClauseTokens: 3,
    },
  ),
  ...r('request', 'refuses_machine', [
    'not|never|no ~3 discuss|discussing|talk|talking|speak|speaking|deal|dealing|chat|chatting ~4 with|to ~1 a|an|some|this|your|another ~1 computer|machine|robot|bot|chatbot|ai',
  ]),
  ...light('request', 'refuses_machine_light', [
    'not ~2 get_on|comfortable|good ~2 with ~2 typed|typing|texts|messages|chat|these_messages|this_chat',
  ]),
];

const VULNERABLE: RuleSpec[] = [
  ...vulnerable('coercion', 'life_event', [
    'he|she|husband|partner|boyfriend|girlfriend|wife|son|ex ~1 hits|beats|slaps|punches|kicks|chokes ~2 me|when|if|whenever',
    'not|never ~1 let|lets|allow|allows ~1 me ~2 go_out|leave|out|alone|see|speak|talk|have',
    // Someone else reading them: "I'm checking my emails" is no one's control.
    'he|she|they|husband|partner|boyfriend|girlfriend|wife|son|daughter|ex ~6 reads|read|reading|checks|checking|goes_through|going_through|monitors|tracks|opens|opening ~2 all? ~1 my|her|his|these ~1 messages|texts|phone|emails|post|letters|statements',
    'gets|get|got|getting ~2 nasty|angry|violent|aggressive|funny|ugly|mad|cross|upset ~3 when|if ~1 i|she|he',
    'wait|waited|waiting ~2 till|until ~1 he|she|they ~1 left|went|was_out|is_out|was_asleep|had_gone',
    'insists|insisted|insisting ~2 on ~1 coming|being_there|being_in_the_room|answering|sitting_in',
    'answers|answering|answered ~2 every|all|each ~1 question|questions ~2 for ~1 her|him|me',
    'keeps|kept|holds|has|takes|took ~2 her|his|their ~1 bank_card|card|cards|pension|money|benefits|wages|passport',
    'not|never ~1 give|let ~4 unless ~2 he|she|they ~1 says|agrees|allows',
  ]),
  ...vulnerable('health', 'health', [
    // A carer alone with it: FG21/1's life event of caring, told by its strain.
    'just|only ~1 me ~3 looking_after|caring_for|care_for|doing_everything_for|coping_with',
  ]),
  ...vulnerable('capability', 'capability', [
    'no ~1 english ~1 at_all|$',
    'knowing|knows|speaks|understands ~1 only ~1 tamil|polish|urdu|punjabi|arabic|romanian|portuguese|spanish|bengali|somali|cantonese|mandarin|gujarati|turkish|farsi|kurdish|tigrinya|pashto',
  ]),
  ...vulnerable(
    'abuse_light',
    'life_event',
    ['mark|marks|bruise|bruises|bruising ~3 on ~1 her|his|my ~1 wrist|wrists|arm|arms|face|neck'],
    0.5,
  ),
  ...vulnerable(
    'cognitive_decline',
    'health',
    ['started|starting|begun|beginning ~1 forgetting|to_forget|getting_confused|losing_track|getting_lost'],
    0.5,
  ),
];

// "I don't get it" alone is everyday; next to another capability cue it counts.
VULNERABLE.push(...vulnerable('capability_light', 'capability', ['not ~1 get ~1 it'], 0.5));

const FRAUD: RuleSpec[] = [
  ...r(
    'fraud',
    'coached_call',
    [
      'repeat|repeats|repeating|says|saying ~2 what ~2 the? ~1 caller|man|woman|he|she|they|person ~1 tells|told|says|is_telling ~1 her|him|me|them ~1 to ~1 say',
      'caller|man_on_the_phone|woman_on_the_phone ~3 says|said|claims|claiming ~2 from ~1 our|your|the ~1 head_office|bank|fraud_team|security',
    ],
    { subject: 'any' },
  ),
  ...light(
    'fraud',
    'coached_light',
    [
      'on ~1 the ~1 phone ~1 throughout|the_whole_time|the_entire_time|all_the_time',
      'read|reading|reads ~3 off|from ~2 a? ~1 piece_of_paper|paper|script|note|her_phone|his_phone',
      'call|line ~2 open|still_open|still_going|still_connected',
    ],
    {
      subject: 'any',
    },
  ),
  ...r(
    'fraud',
    'shape_secrecy',
    ['not|never ~1 to ~1 ring|call|phone|contact|text ~2 the|his|her|my|their ~1 old ~1 number|phone|mobile'],
    {
      subject: 'any',
    },
  ),
  ...light(
    'fraud',
    'shape_new_number',
    [
      'new ~1 number|phone|mobile ~6 broke|broken|lost|dropped|smashed|stolen|water',
      'from|on ~1 a ~1 new ~1 number|mobile',
      'this|it ~1 is ~1 my ~1 new ~1 number|phone|mobile',
      'hi|hey|hiya mum|mom|mam|dad|nan|gran ~4 new ~1 number|phone|mobile',
      'locked ~1 out ~1 of ~2 banking|bank|account|app|online_banking',
    ],
    { subject: 'any' },
  ),
];

export const SITUATIONS: readonly RuleSpec[] = [
  ...SELF_HARM,
  ...DISTRESS,
  ...REQUEST,
  ...VULNERABLE,
  ...FRAUD,
];

/** A scam message reported or forwarded is a calm errand, not a fraud under way; a surfeit is not a dose. */
export const SITUATION_IDIOMS: readonly string[] = [
  `overdose|overdosed|overdosing ~1 of|on ~2 ${OVERDONE}`,
  'dead ~1 shame|loss|cert|certain|ringer|giveaway|keen|chuffed|posh|lucky|easy|simple|handy|good',
  'apple ~1 pay|watch|music|store|card|tv',
  // "You'll be the death of me": exasperation, no death.
  'be ~1 the ~1 death ~1 of ~1 me|her|him|us|them|you',
  // An airport's or a bus station's terminal is no terminal illness.
  'terminal ~1 #|one|two|three|four|five|building|at_the_airport|shuttle|transfer|bus|train',
  'airport|flight|plane|ferry|coach ~6 terminal',
  'work|working|works|worked|job|shift|shifts|volunteer|volunteering|volunteers|placement ~4 in|at ~1 a|the? ~1 hospital|hospice|clinic|care_home|ward',
  'cat|dog|pet|hamster|rabbit|goldfish|budgie|parrot|horse|tortoise|guinea_pig|puppy|kitten|pony ~4 died|passed|passed_away|put_down|put_to_sleep',
  'battery|phone|mobile|laptop|tablet|car|engine|line|app|card|screen|printer|router|wifi|signal|email|account|address|link|number ~3 dead|died|dying|is_dead|has_died',
  'old_one|new_one ~2 dead|died|dying',
  // "Just passed her test": an exam passed is no death.
  'passed|passes ~2 test|tests|exam|exams|driving|mot|course|inspection|assessment|audit|probation|interview|medical|gcse|gcses|degree|finals',
  'never|not ~1 been ~1 overdrawn|in_debt|in_arrears|behind|in_the_red',
  // Frustration with a thing: "at the end of my rope with this printer".
  'at|on ~1 the ~1 end ~1 of ~1 my ~1 tether|rope ~1 with ~2 printer|printers|@NONPERSON',
  'report|reporting|reported|forward|forwarding|forwarded ~4 scam|phishing|fraud|spam|fake|dodgy ~1 email|emails|text|texts|message|messages|call|calls|address|line|team|number|service|department',
];
