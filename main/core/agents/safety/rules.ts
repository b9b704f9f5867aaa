/**
 * The cue rules, by family (docs/SAFETY.md gives each family's public source). A rule names a
 * construction, not a spelling; the matcher adds inflection (lemmas), negation, subject and idioms.
 * Weight 1 raises the reason on its own; lighter cues raise it only when they add up (in one turn or
 * across turns, see accumulate.ts).
 */

import { SITUATIONS } from './situations';

export type CueReason = 'self_harm' | 'distress' | 'request' | 'vulnerable' | 'fraud';
export type Driver = 'health' | 'life_event' | 'resilience' | 'capability';

export interface RuleSpec {
  family: string;
  reason: CueReason;
  pattern: string;
  weight?: number;
  /** Negation before the match cancels it (default true). False when the pattern carries the negation. */
  negatable?: boolean;
  /** 'self': only about the speaker; 'any': whoever it is about (self-harm: a third party at risk). */
  subject?: 'self' | 'any';
  driver?: Driver;
  /** Only in a message this short (tokens): a terse demand ("Manager."), not a role said in passing. */
  maxClauseTokens?: number;
}

const r = (
  reason: CueReason,
  family: string,
  patterns: string[],
  options: Omit<RuleSpec, 'family' | 'reason' | 'pattern'> = {},
): RuleSpec[] => patterns.map((pattern) => ({ reason, family, pattern, ...options }));

const SELF_HARM: RuleSpec[] = [
  ...r(
    'self_harm',
    'passive_wish',
    [
      '@WANT|wanna|going|ready to die|be_dead|disappear|vanish|not_exist|stop_existing|sleep_forever|fall_asleep_forever',
      'wish|wishing|pray|praying|hope|hoping i|it ~1 was|were|would dead|gone|never_born|not_here|die',
      'wish|wishing i ~2 not|never ~1 born|woke|wake|here|exist|existed',
      'rather|prefer be|being dead|gone|not_here|asleep_forever',
      'rather|prefer not ~1 be ~1 here|alive|around|exist|wake_up|living',
      'better off dead',
      'sleep|asleep ~3 not|never wake|waking',
      'not|never ~2 wake|waking up ~1 again|anymore|any_more|tomorrow|at_all|$',
      'not|never|longer ~1 want|wish|like|care ~1 to|about ~1 be|being|stay|staying|keep|go @ALIVE|on|going',
      'not|never|longer ~1 want|wish ~1 to live|living|wake|exist|continue',
      'no|not|nothing ~3 point|reason|purpose ~3 living|live|life|alive|go_on|going_on|carry_on|carrying_on|anymore|any_more|existing|me|here|anything|trying|it',
      'what is the point ~3 living|life|anything|going_on|carrying_on|me|it_all|any_of_it|trying|anymore|any_more',
      'tired|sick|weary ~1 of living|life|being_alive|existing|being_here|everything',
      'can|could not ~1 go|carry|keep on|going ~2 anymore|any_more|like_this|much_longer|$',
      'not|never go|carry on $',
      'want|wish|need it|this|everything|things|everything ~1 all? to stop|end|be_over|go_away $',
      'life is not|no ~1 worth living|worth_it',
      'not|no ~2 worth living|worth_it_anymore|worth_saving|worth_anything',
      'end|ending|ended it|things|everything ~1 all|tonight|today|now|soon|for_good|forever|$',
      'give|giving|given up on life|living|everything',
      'what|whats is ~1 the point $',
      'what|whats is|even ~2 the point $',
      'nothing|no_one|nobody ~2 to live for',
      'do not see a future|any_future|the_point',
      'no future ~1 for me|anymore|any_more|$',
      'everyone|everybody|world ~3 without me',
      'not ~2 be ~1 here|around ~1 much_longer|for_long|for_much_longer|next_year|by_then|to_see',
      'not|never ~1 care ~3 live|die|wake|happens_to_me|dead|alive',
      'will not be here|around ~2 much_longer|for_long|for_much_longer|to_see|anymore|any_more|by',
      // "Not planning on being around past the end of the month": an end date put on being here.
      'not ~1 plan|planning|expect|expecting|intend|intending ~2 be|being ~1 here|around ~1 past|beyond|after|by|much_longer|for_long|next_week|next_month|next_year',
      'not ~1 going ~1 to ~1 be ~1 here|around ~2 much_longer|for_long|for_much_longer|to_see|anymore|any_more|by|next_week|next_month|for_christmas|at_christmas|by_then|$',
      'would not matter|care if i|me ~2 die|died|was_gone|were_gone|disappeared|not_here',
      'nobody|no_one|noone ~2 would|will ~1 miss|notice|care ~3 gone|died|dead|disappeared|not_here|me',
      'if i ~1 was|were gone|dead|not_here|no_longer_here',
      'when i am gone|not_here|dead|no_longer_around',
      'after i am|have gone|died|no_longer_here',
      'if i ~1 disappeared|vanished|died|went|was_not_around|were_not_around|was_gone|just_disappeared',
      'not ~3 can|could ~1 keep_going|go_on|carry_on|keep_on ~2 much_longer|any_longer|anymore|any_more|like_this',
      'nothing ~1 matters|matter ~1 anymore|any_more|now|$',
      'worth ~1 waking|wake|living|live|going_on|carrying_on|getting_up|being_alive|being_here|the_effort_of_living',
      'think|thinking|thought|considering|considered ~2 jump|jumping|hanging|drowning|overdosing|overdose|cutting',
      'had ~1 enough ~1 of ~1 life|living|everything|it_all|being_alive|this_life',
      'done|finished ~1 with ~1 life|living|it_all|everything|this_world|being_alive',
      'think|thinking|thought ~3 death|dying|suicide|not_being_here ~2 a_lot|all_the_time|constantly|every_day|lately|$',
      'asleep_forever|sleep_forever|sleep_for_ever|eternal_sleep',
      'check|checking ~1 out ~2 for_good|permanently|of_life|early',
      'i ~1 will|would ~1 be ~1 gone|dead|out_of_the_way $',
      'want|need ~1 out $',
      'easier|better|simpler ~4 not ~1 exist|be_here|be_alive|be_around|wake_up|be_born',
      'might|may ~1 as ~1 well ~1 be ~1 dead|gone|not_here',
      'better off ~2 in_the_ground|six_feet_under|in_a_box|in_a_grave|in_my_grave|gone|not_here',
      'imagine|imagining|picture|picturing|think_about|thinking_about|dream_about|dreaming_about ~2 my ~1 own ~1 funeral|death',
      'going_to|gonna|might|will|about_to ~1 do ~1 something ~1 stupid|silly|drastic|final|i_regret',
      'going|about|ready ~1 to ~1 jump $',
      'can|could not ~1 live|continue|exist|survive ~2 like_this|anymore|any_more|this_way|without_her|without_him',
      'want|wish|long|hope ~2 be ~1 with ~3 again|soon|in_heaven|up_there',
      'only|permanent|easy|final|one ~1 way ~1 out|forward',
      'permanent|final|forever ~1 solution|escape|sleep|rest',
      // "I'm not after better sleep. I'm after the long one. The permanent kind."
      'after|want|need|wanting ~1 the ~1 long|big|final|permanent ~1 one|kind|sleep',
      'the ~1 permanent ~1 kind|sort|type|one $',
      'fade|fading|slip|slipping|drift|drifting ~1 away',
      'nothing|nobody|no_one|no_reason ~1 left ~2 for ~1 me|to_live_for|worth_living_for',
      'rather be ~4 than here|than_alive|than_living',
      'go ~1 and ~1 be ~1 with',
      'be ~1 joining|join ~1 her|him|them $',
      'pray|praying|hope|hoping|wish|wishing ~3 god|lord|jesus ~1 take|takes ~1 me',
      'point ~3 be|being ~1 alive|here|around',
      'whats|what_is ~2 the ~1 point ~3 me|living|alive|being_alive|life|going_on|anything|any_of_it|trying',
      'not ~2 be ~1 here|around ~1 after|after_that|after_this|after_next_week|after_friday|after_the_weekend',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'burden',
    [
      'burden|weight|drain|waste_of_space|waste_of_oxygen|waste_of_time ~2 to|on|for everyone|everybody|my|them|you|people|family|kids|children|him|her|anyone|space|oxygen',
      'i am ~2 burden|waste_of_space|failure_to_everyone',
      'better off ~2 without me|without_him|without_her|without_them|if_i|when_i|dead',
      'without me|him|her ~3 better|easier',
      'only|just ~1 make|making ~2 things|everything|life|everyone ~1 worse',
      'nobody|no_one|noone ~1 would|will ~1 miss me',
      // "Wouldn't nobody miss me if I was gone."
      "would|will|wo ~1 not|n't ~1 nobody|no_one|noone|anybody|anyone ~1 miss ~1 me",
      'better|easier|happier|fine|cope_better|manage_better ~2 without me',
      // "They'd come out ahead without me", "be better off once I'm not dragging them down".
      'come|end_up|be ~1 out ~1 ahead|on_top ~3 without|if|once ~2 me|i',
      'me ~1 dragging|holding|weighing ~1 them|him|her|everyone|everybody|you ~1 down|back',
      'better off ~2 with ~2 insurance|life_insurance|the_money|the_payout|the_insurance|the_life_cover|life_cover|the_policy|the_cover|the_pension',
      'better off ~2 collecting|claiming|getting|cashing_in|having ~2 my|the ~1 insurance|life_insurance|payout|life_cover|policy|cover|pension',
      'dead weight',
      // Life cover valued above the person: "they'd get more from my life cover than from me alive",
      // "the insurance would pay it off faster than I ever will", "the policy's worth more than he is".
      'more|better|faster|quicker|sooner ~3 from|with|off|out_of ~2 life_cover|life_insurance|the_payout|payout|the_insurance ~1 than ~6 with_me|from_me|out_of_me|off_me|me_alive|i_ever|i_will|i_could|i_am|he_ever|she_ever|he_is|she_is',
      'pay|pays|clear|clears|settle|settles ~6 faster|quicker|sooner ~1 than ~1 i_ever|i_would|i_could|he_ever|she_ever|i_ever_will|i_ever_could',
      'worth ~1 more ~1 dead|than_me|than_i_am|than_he_is|than_she_is|than_him|than_her',
      // An exclusion clause asked about as a plan: "does it pay out no matter how a fella goes?"
      'pay|pays|paid|payout out? ~3 no_matter_how|however|whatever_way ~3 go|goes|die|dies|went',
      'still|even ~1 pay|pays|paid ~1 out? ~4 if|when ~4 take|takes|took ~2 too_much|too_many|an_overdose|own_life|@REFL',
      'if|when|say ~4 take|takes|took ~2 too_much|too_many|an_overdose|own_life ~8 cover|policy|insurance|life_cover ~2 still ~1 pay|pays',
      // "They'd all do better without the bother of me".
      'better|easier|happier|fine ~2 without ~1 the ~1 bother|trouble|burden|hassle|cost|worry ~1 of ~1 me',
      'sorry for everything|being_a_burden|all_the_trouble',
    ],
    { subject: 'any', negatable: false },
  ),
  ...r(
    'self_harm',
    'finality',
    [
      'say|said|saying goodbye|goodbyes ~2 everyone|everybody|all|family|kids|you|world|people|$',
      'this is goodbye|my_last_message|the_end|the_last_time',
      'last time ~3 hear|speak|talk|see ~2 me|from_me',
      'give|giving|gave|given away ~2 things|stuff|belongings|possessions|everything|cat|dog|pets',
      'affairs in order',
      'goodbye|suicide|farewell note|letter|letters|message',
      // Letters to the people left behind, not a letter for the bank: who it is for is named.
      'write|wrote|written|writing|left|leave ~2 letter|letters|note|notes ~1 for|to ~2 @KIN|everyone|everybody|family|kids|children|loved_ones',
      'not|never|no_longer need|needing ~4 anymore|any_more|much_longer|where_i_am_going|after_this_week|after_tonight|after_today',
      'make|making sure ~3 looked_after|taken_care_of|provided_for ~2 when|after|once i',
      'last thing ~3 sort|sorting|arrange|arranging|tidy|do_for_anyone',
      'sort|sorting|sorted everything|things ~2 for ~2 when|after|once i ~1 gone|not_here|go',
      'so|in_case ~2 family|kids|wife|husband|children ~3 can|will ~2 access|have|get ~3 when|after|once',
      'made|make|making ~1 my ~1 peace',
      'say|said|saying ~1 my|our|their|his|her ~1 goodbye|goodbyes|farewell|farewells',
      'last thing|things ~2 to ~1 sort|do|arrange|tidy',
      'give|giving|gave|given my|her|his|their|all ~1 jewellery|jewelry|ring|rings|things|stuff|belongings|possessions|savings|pets|dog|cat|guitar|records|books|collection|clothes ~1 away',
      'write|wrote|written|writing|left|leave ~3 letter|letters|note|notes ~2 explaining|explain|goodbye|$',
      'want|wanted|needed ~1 someone|somebody|you|one_person ~1 to ~1 know $',
      'decided|decide|made_up_my_mind ~3 done|finished|enough|over|end|it_is_time',
      // "The Lord's telling me it's my time": a calling heard as permission, not a prayer for an old age.
      'lord|god|jesus|he ~3 telling|tells|told|calling|calls ~1 me ~2 it_is_my_time|my_time_has_come|to_come_home',
      // The means made ready at a place: "got everything ready out in the barn".
      'everything|it_all|it ~1 ready|set_up|sorted ~3 in|out ~3 the ~1 barn|garage|shed|woods|loft|attic|car|lock_up',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'means',
    [
      'stockpil*|hoard|hoarding|hoarded|save|saving|saved|store|storing|stored ~6 @MED|pills',
      'collect|collecting|collected|keep|keeping|kept|build|building|built ~1 up ~5 @MED|pills',
      'collect|collecting|collected ~2 his|her|my|their ~1 @MED|pills|tablets ~2 instead|rather|up|in',
      // An amount of one's own medicine already taken: "took about 20 of my sertraline".
      'took|taken|swallowed|had ~2 about|around|like|nearly|over|all? ~1 ## ~3 of ~1 my|his|her|the ~2 @MED|pills|tablets',
      // "What a whole lot of it at once would do", "if I took the lot at once".
      'whole|all|lot|box|packet|bottle|load ~4 at ~1 once ~3 would|could|might|do|does|did|$',
      // A weapon wanted for one use: "only need it to work the one time".
      'only|just ~1 need|needs ~1 it? ~1 to ~1 work|fire ~2 once|one_time|the_one_time',
      'how many|much ~3 @MED ~5 kill|die|fatal|lethal|overdose|enough_to|too_many_to|dangerous_to',
      'how many|much ~3 @MED ~2 would|does|will ~1 it ~1 take $',
      'how many|much ~3 take|takes|would ~3 kill|die|fatal|lethal|overdose|enough_to',
      'lethal|fatal|deadly ~1 dose|amount|quantity',
      'enough ~2 @MED ~3 to ~1 kill|die|end|not_wake|do_it|finish',
      'overdose|overdosed|overdosing|od',
      'took|taken|swallowed|swallow|take|taking ~2 all|whole|every|entire|lots|load|handful|bottle|box|packet|boxes|packets|packs ~4 @MED|pills|them|everything',
      'took|taken|swallowed ~1 # ~1 @MED',
      'hang|hanging|hanged|drown|drowning|shoot|shooting|poison|poisoning|gas|gassing @REFL',
      'jump|jumping|throw|throwing ~3 off|from|in_front_of|under ~3 bridge|train|building|roof|cliff|car|bus|lorry|truck|balcony|motorway|tower|car_park|multi_storey',
      'step|stepping|walk|walking|drive|driving ~2 in_front_of|into|off ~2 train|bus|lorry|truck|traffic|river|sea|cliff|bridge|wall|tree',
      'rope|noose|belt|cord|ligature|scarf|tie ~3 to_hang|for_myself|around_my_neck|round_my_neck|around_his_neck|around_her_neck',
      'buy|bought|get|got|getting|looked_at|researched ~2 rope|noose|blade|blades|razor|gun|charcoal',
      'look|looked|looking|search|searched|searching|google|googled|research|researched ~2 how|ways|methods|best_way ~2 to ~1 die|kill|end|overdose|hang|do_it',
      'ways|methods|way ~2 to ~1 die|end_it|kill_myself|end_my_life|not_wake_up',
      'search|searching|searched|looking|looked|googling|googled|researching ~3 for ~1 ways|methods ~1 $',
      'took|taken|swallowed ~1 too ~1 many|much ~2 of? ~1 my|the|his|her ~1 @MED|tablets|pills',
      'hosepipe|hose|exhaust|charcoal|noose|ligature ~4 car|boot|exhaust|tonight|garage|fumes|ready',
      'exhaust|car ~1 fumes',
      'stood|standing|stand|sat|sitting|climbed ~3 edge|top|ledge|railing|railings ~2 of ~2 bridge|cliff|roof|building|platform|car_park|tower',
      'go|going|head|heading|drive|driving|walk|walking ~2 to ~1 the ~1 bridge|cliff|cliffs|tracks|railway|roof|top_floor|edge ~1 $|after|tonight|now|later|after_this',
      '@MED|pills|tablets ~3 next_to_me|in_front_of_me|beside_me|in_my_hand|on_the_table_in_front_of_me',
      'bleed ~1 out|to_death',
      'have|has|got ~2 the|a ~1 rope|noose|ligature|blade|razor ~1 ready|already|$',
      'enough ~4 to ~1 do|end|finish ~1 it',
      'enough ~3 to ~1 make_sure|be_sure ~1 it|this ~1 works|work|does_the_job',
      'enough ~2 for ~2 what ~1 i ~1 plan|planning|intend|have_planned',
      'do|get ~1 it ~1 right|properly ~1 this ~1 time',
      'most|max|maximum|how_many|how_much ~6 before ~4 end|die|dead|kill|wake|breathing|fatal',
      'the end of me|them|him|her',
      'keep|keeping|kept|put|putting|set|setting|stash|stashing|hide|hiding ~2 aside|back|by|away|hidden ~3 not ~1 take|taking|use|using',
      'stash|stashed|hidden|hiding|hoarding|hoarded ~2 @MED|pills|tablets',
      'stock|stocked|stocking ~1 up ~4 @MED|pills|tablets',
      '@MED|pills|tablets ~2 stocked ~1 up',
      // "She's got her mum's morphine and she's going to take it all this weekend": a day set for the lot.
      'going|gonna|plan|planning|want|wants ~1 to ~1 take|swallow ~1 them|it|the_lot ~1 all ~1 tonight|this_weekend|at_once|in_one_go|tomorrow|on_friday|on_saturday|on_sunday',
      // A hoard found: "a shoebox under his bed with about sixty of his tablets".
      'found|find|finding ~8 about|around|over|nearly|like ~1 ## ~3 of ~1 his|her|their|my ~2 @MED|pills|tablets',
      // An urge at a drop, said to its end: "standing on the platform thinking about stepping off".
      'think|thinking|thought|considering|considered|tempted|urge|urges ~2 to? ~1 step|stepping|jump|jumping ~1 off|out|in $',
      'put|putting|set|setting|keep|keeping|tuck|tucking|hide|hiding|squirrel|squirrelling ~3 @MED|pills|tablets ~2 aside|away|by|back',
      'put|putting|set|setting|keep|keeping|tuck|tucking ~1 by|aside|away|back ~3 @MED|pills|tablets',
      '@MED|pills|tablets ~2 aside|away|hidden|put_by|squirrelled_away',
      '@MED|pills|tablets ~3 lined_up|laid_out|counted_out|counted|set_out|in_a_row',
      'in front of ~1 a|the ~1 train|bus|lorry|truck|car|traffic',
      'step|stepping|jump|jumping|throw|throwing|walk|walking ~1 in ~1 front ~1 of $',
      'top of ~3 car_park|carpark|bridge|building|cliff|roof|tower|multi_storey ~4 looked|look|looking|stood|standing|jump|down|edge',
      'hit|hitting|bang|banging|punch|punching ~3 head|myself|fists|it ~3 against|into|on ~2 wall|walls|door|floor',
      'shotgun|gun|rifle|firearm|pistol ~3 only|way_out|end|do_it|use|myself|himself|herself',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'plan_intent',
    [
      'kill|killing|killed|kills|top|topping|off|offing @REFL',
      'suicid*',
      'end|ending|ended|take|taking|took my|his|her|their own? life|lives',
      'end|ending|ended|finish|finishing|finished @REFL|myself_off|it_all|things_for_good',
      'plan|planning|planned|plans|decided|deciding|intend|intending|going|think|thinking|thought|considering|considered ~3 end_it|ending_it|end_things|ending_things|end_everything|ending_everything|end_my_life|ending_my_life|end_it_all|kill_myself|killing_myself|finish_it|finishing_it|not_be_here|not_being_here',
      'made|make|have|got ~1 a plan|plans ~2 for|to ~2 tonight|when|how|end|do_it|$',
      'worked|work|figured out how|when|where i ~1 would|will|could|do',
      'not|never ~2 survive|make_it ~2 tonight|the_night|the_weekend|the_week|another|this_year',
      'do_it|doing_it ~2 tonight|tomorrow|this_weekend|soon|when',
      'want|wanted|need|going ~1 to ~1 hurt|harm|punish @REFL',
      'unalive|unaliving|kms|ctb|catch_the_bus',
      'take|took|taking the easy way out',
      'attempt|attempted|attempts|attempting ~3 to end|suicide|my_life|before',
      'pick|picked|choose|chosen|chose|set ~1 a|the ~1 date|day $',
      'this time ~3 not|never|will_not ~1 mess|fail|screw|botch|survive|wake|cock',
      'not|never ~1 mess|screw|botch|cock|fuck ~1 it ~1 up ~2 this ~1 time',
      'nearly|almost|so_close_to ~1 did|do|done|doing ~1 it $',
      'nearly|almost ~1 jumped|went_through_with_it|ended_it',
      'before ~2 he|she|they ~1 do|does|might_do ~1 something ~1 stupid|silly|$',
      'stop|stopped|stopping ~1 take|taking|eat|eating ~4 on ~1 purpose',
      'want|wish|hope ~1 my ~1 body|heart ~2 give|stop|fail|pack ~1 up|in|$',
      // "Planning my own exit, my way": an exit as the end of a life.
      'plan|planning|planned|arrange|arranging|arranged|choose|choosing ~2 my|own ~1 own? ~1 exit|way_out|departure|ending',
      // A height climbed with no way down: "going up the hill on the 14th and not coming back down".
      'not|never ~1 coming|come|going_to_come ~1 back ~1 down',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'self_injury',
    [
      'cut|cutting|cuts|burn|burning|burnt|burned|hurt|hurting|harm|harming|scratch|scratching|hit|hitting|bite|biting|punish|punishing|starve|starving @REFL',
      'self harm|harming|harmed|injury|injuring|injure|harmer',
      // "A kitchen accident I did on purpose": an injury told as deliberate.
      'accident|accidents|cut|cuts|burn|burns|injury ~4 on_purpose|deliberately|intentionally',
      'not ~1 an|really_an|exactly_an ~1 accident ~3 cut|cuts|burn|burns|arm|arms|wrist|leg|legs|knife|blade',
      'sh ~1 again|relapse|relapsed|scars',
      'scars|marks|cuts ~2 on my ~1 arms|wrists|legs|thighs|skin',
      'cut|cutting|burn|burning|burnt|scratch|scratching|hit|hitting|bruise|bruising|punch|punching ~1 my ~1 arms|arm|legs|leg|wrists|wrist|skin|thighs|stomach|face|body ~2 with|until|till|again|every|$',
      'until|till ~2 bleed|bleeds|bled|it_bleeds|they_bleed|it_hurts|it_stops_hurting',
      'relapse|relapsed ~3 cutting|self_harm|harming|hurting',
      'blade|blades|razor ~3 on|to|into @REFL|my_arm|my_arms|my_skin|my_wrist|my_wrists|my_legs',
      // Injury against a wall or door, "til the knuckles split": the act, told by its result.
      'punch|punched|punching|hit|hitting|bang|banged|banging|smash|smashed|smashing|headbutt|headbutted ~3 wall|walls|door|doors|mirror ~5 til|till|until ~3 bleed|bled|bleeds|split|broke|bloody|raw',
      'only ~1 thing ~3 shuts|quiets|calms|stops|settles ~3 my ~1 head|mind|thoughts|brain ~1 up|down|$',
    ],
    { subject: 'any' },
  ),
];

/**
 * Frames rather than phrases: each pattern names a slot class (a lethal place, an instrument, a body
 * part, a time that closes the future) so a new wording of the same idea fills the same slots.
 */
const SELF_HARM_FRAMES: RuleSpec[] = [
  ...r(
    'self_harm',
    'passive_wish',
    [
      // [self] + [absent from the future]: "if I wasn't in the picture", "better if I am not here".
      'if|when|once i ~1 am|was|were|is ~1 not|no_longer ~2 here|around|in_the_picture|alive|in_the_way|about|on_this_earth',
      'better|easier|simpler|happier ~3 if|when|once|without i ~1 am|was|were|be ~1 not|no_longer|gone|dead',
      'no|not_any|any ~1 more|longer? ~1 strength|energy|will|fight|reason ~2 for|to ~1 live|living|go_on|carry_on|keep_going|continue|life',
      'not ~2 see ~1 myself|me ~1 being? ~1 here|around|alive ~2 by|for|next|much|at|in|$',
      'if|when|once i ~1 was|were|am|got ~1 out_of_the_picture|out_of_the_way|out_of_everyone_s_way',
      'wish|want|hope|like ~2 i|me|to ~6 stay|remain|stayed ~1 asleep ~1 $|forever|for_good',
      'can|could not ~1 face|bear|stand ~1 another|one_more ~1 day|night|week|morning ~1 like_this|of_this|of_living|of_it|$ ~1 $|anymore|any_more',
      'not ~3 can|could ~1 keep|carry_on ~1 doing|living ~2 this ~1 life|living',
      // A wish for God to take the speaker ("glad if the Lord saw fit to take me in my sleep"); not "when the
      // Lord calls me home it'll be at 95", which wishes nothing.
      'glad|wish|pray|praying|prayed|hope|hoping|ask|asking|ready|begging ~6 lord|god|jesus|he|him ~4 take|took|takes ~1 me',
      'content|happy|glad|relieved ~2 not ~1 to ~1 wake|wake_up',
      // "No more work left in this world", "nothing left for me on this earth".
      'no|nothing ~3 left ~3 in|on|for_me_in|for_me_on ~1 this ~1 world|earth',
      'done ~1 with ~1 this ~1 life|world',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'burden',
    [
      'no|not_any|not_much use|good ~2 to|for ~1 anybody|anyone|everyone|nobody|anyone_anymore',
      'i ~1 am ~1 just|only ~1 taking_up_space|taking_up_room|taking_up_oxygen|in_everyone_s_way|in_the_way',
      'not|never ~2 going_to|want_to|gonna ~1 be ~1 a ~2 burden',
      'not|never|no_longer ~1 be ~1 a ~1 problem|burden|bother|worry|nuisance ~3 soon|much_longer|anymore|any_more|for_long|after_tonight',
      'deal|cope|put_up ~1 with ~1 my|his|her ~1 mess|problems ~2 any_more|anymore|again',
      'not ~1 have ~1 to ~1 deal|cope|put_up ~3 me|him|her|my|his ~1 mess|problems|anymore|any_more',
    ],
    { subject: 'any', negatable: false },
  ),
  ...r(
    'self_harm',
    'finality',
    [
      // [not need / not matter / not be here] + a time that closes the future.
      'my ~1 last|final ~1 message|words|goodbye|post|note ~2 to ~1 anyone|everyone|anybody|the_world',
      'decided|decide|chosen|chose|picked ~4 tonight|today|tomorrow|this_weekend ~1 is|be ~1 the ~1 night|day',
      'tonight|today is the night|day $',
      'note|letter|message|text|texted ~6 sorry|goodbye|love_you ~4 sorry|goodbye|look_after|take_care_of|love_you|mess',
      'it ~2 be ~1 final|permanent|for_good ~1 this ~1 time',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'means',
    [
      // Research done on a method: "he'd been searching how long it takes and what hurts least".
      'search|searching|searched|googling|googled|looked_up|looking_up|reading_up ~6 what|way|which_way|method|methods ~1 hurts|hurt|would_hurt ~1 least|the_least|less',
      // [lethal place] + [been there / better plan]: "stood on the bridge twice this week".
      '@PLACE ~8 better|best|only|easiest|cheapest ~2 option|plan|solution|answer|idea',
      'look|looking|looked|stare|staring|stared|thinking_about|think_about ~1 at? ~3 @PLACE ~3 a_lot|lately|again|every_day|for_ages|all_the_time',
      'working_out|worked_out|figuring_out|figured_out|planning|planned|researching|researched|thinking ~1 how|ways|way|methods ~2 to ~1 do ~1 it',
      // [instrument] + [on my body part]: "using the lighter on my arms again".
      '@INSTRUMENT ~3 on|into|against|across|to ~1 my|his|her ~1 @BODY',
      'been|is|keeps|started|kept ~1 cutting|burning|harming|scratching ~1 again|herself|himself|themselves|myself|$',
      'not ~1 eaten|eat|eating ~4 on_purpose|deliberately|because_i_do_not_deserve',
      'not ~1 deserve ~1 to ~1 eat|live|be_here|be_alive|exist|be_happy',
      '@FIREARM ~6 out_of|by|next_to|under|beside|loaded ~2 safe|cabinet|bed|pillow|loaded|ready|bedside|$',
      'how many|much ~2 would|will|does|do ~1 it|you ~1 take|need $',
      'how many|much ~3 @MED ~2 it ~1 would|will|does|to ~1 take|need $',
      'hosepipe|hose|charcoal|rope|noose ~6 which|the ~1 lay_by|layby|spot|place|garage|woods|car',
      'know|picked|chosen|found ~1 which|where|the ~1 lay_by|layby|spot|bridge|tree|place_to',
    ],
    { subject: 'any' },
  ),
  // The future closes at an imminent time: alone enough ("won't matter after tonight").
  ...r(
    'self_harm',
    'finality',
    [
      'not|never|no_longer ~1 be? ~1 need|needing|needed|matter|matters ~5 much_longer|for_long|for_much_longer|after_tonight|after_today|by_tomorrow|after_tomorrow|past_tonight|past_tomorrow',
    ],
    { subject: 'any' },
  ),
  // Ambiguous on their own (a move abroad, a car breaking down on the way); they count next to another cue.
  // The same wish in the languages customers switch into (Spanish, Portuguese, Polish): "mejor me muero".
  ...r(
    'self_harm',
    'passive_wish',
    [
      'mejor ~1 me ~1 muero|morirme|estar_muerto|estar_muerta',
      'me|nos ~1 quiero|quisiera ~1 morir',
      'quiero|quisiera ~1 morir|morirme|matarme|suicidarme|desaparecer',
      'no ~1 quiero ~1 vivir|seguir_viviendo|seguir',
      'quitarme|quitar ~1 la ~1 vida',
      'quero ~1 morrer',
      'chcę|chce ~1 umrzeć|umrzec|się_zabić|sie_zabic',
      'nie ~1 chcę|chce ~1 żyć|zyc',
    ],
    { subject: 'any' },
  ),
  ...r(
    'self_harm',
    'finality_light',
    [
      // A pet rehomed: a farewell gesture, or a move, an allergy, a new baby.
      'rehome|rehomed|rehoming|new_home_for|found_a_home_for ~2 dog|cat|pet|pets|animals|dogs|cats',
      'not|never|no_longer ~1 be? ~1 need|needing|needed|matter|matters ~5 after|past|by|anymore|any_more',
      'not ~2 plan|planning|intend|expect|expecting ~2 to ~1 be ~1 here|around|alive',
      'got|went|made_it|go|gone ~1 as ~1 far ~1 as ~2 the ~1 @PLACE',
      'stood|standing|been|sat|sitting|climbed ~2 on|at|up ~2 it|there|@PLACE ~2 twice|again|every|times|last_night|a_lot|$',
      'started|start ~1 thinking|think|planning|to_plan ~1 how|when|where $',
      'saved|stockpiled|put_by|got|kept ~4 should|will|would|must ~1 be ~1 enough $',
      // A farewell's parts, each said in passing every day; two together are a farewell.
      'i ~1 love ~1 you ~1 all? ~1 $',
      'look|looking after|take_care_of ~1 the|my|our ~1 cat|dog|kids|children|pets|mum|dad ~1 for_me|and|$',
      // Dying unnoticed: "I could be dead in that flat a fortnight before anyone noticed".
      'dead|die|died|gone ~8 before|until|till|and ~2 anyone|anybody|someone|somebody|nobody|no_one ~2 notice|noticed|noticing|found|finds|find|would_know',
      'thanks|thank_you ~2 for ~1 everything|all_the_help_over|the_help_over',
      'tie|tying|tied ~1 up ~1 loose_ends|the_loose_ends',
      'not|never ~1 get ~1 another ~1 chance',
      'will|my_will ~1 sorted|done|made|written|signed',
    ],
    { subject: 'any', weight: 0.5 },
  ),
  ...r(
    'self_harm',
    'plan_intent',
    ['tried|attempted ~3 before|once|previously|last_year|last_time|again $'],
    { subject: 'any', weight: 0.5 },
  ),
];

// Light self-harm cues: alone they are not enough (a letter, "I'm ready", feeling trapped); two are.
const SELF_HARM_LIGHT: RuleSpec[] = r(
  'self_harm',
  'finality_light',
  [
    'letter|letters|note|notes ~1 for|to ~1 my|the? ~1 son|daughter|kids|children|wife|husband|family|partner|mum|dad|mom',
    // A will just made is an errand; next to a note for the family it is a farewell being finished.
    'done|made|written|wrote|sorted|finished|updated ~1 my|the ~1 will',
    'i am ready $',
    // "An appointment about my wrist" is routine; next to another cue the wrist counts.
    'my wrists|wrist',
    // "It wasn't really an accident": next to a wound ("the cuts on my arm"), an injury told as deliberate.
    "not|n't|never ~2 an ~1 accident $",
    'cuts|burns|marks|scars|bruises ~2 on ~1 my ~1 arm|arms|wrists|legs|thighs|stomach',
    // Who inherits "if I die" is the question of anyone writing a will; it counts next to another cue.
    'who|what ~3 get|gets|inherit|inherits ~3 when|if i ~1 die|died|am_gone',
    'trapped|no_escape',
    'no|not|never ~2 way ~1 out|forward',
    'not|never|no_longer ~1 need|needing ~4 after ~1 friday|monday|tuesday|wednesday|thursday|saturday|sunday|tomorrow|tonight|today|this_week|next_week|the_weekend',
  ],
  { subject: 'any', weight: 0.5 },
);

const DISTRESS: RuleSpec[] = [
  // Intensity is the generalisation: any emotion word raised by an intensifier is strong distress.
  ...r(
    'distress',
    'intensified',
    [
      '@INTENS ~1 @EMO',
      'never ~1 been|felt ~1 so|more ~1 @EMO',
      'could|want_to|going_to|about_to ~1 scream|explode|cry|burst|lose_it|punch_something|throw_something',
      'shake|shaking|trembling|shaking_all_over ~2 with ~1 rage|anger|fear|fury',
      'shaking|trembling ~1 all_over|like_a_leaf',
      'can|could barely|not|hardly ~1 even? ~1 function|think|see_straight|breathe|speak|stand|move|cope',
      'meltdown|breakdown|nervous_wreck|basket_case|mess|wreck ~1 $',
      'sobbing|sobbed|crying|cried|weeping|wept|bawling|in_tears ~4 for ~1 an|hours|hour|days|all|the_whole',
      // Struggling with no task after it ("struggling to find the form" is a task) is the person.
      '@INTENS ~1 @INTENS? ~1 struggling|not_okay|not_ok ~1 $|right_now|at_the_moment|lately|mentally|emotionally|atm|today',
    ],
    { weight: 1 },
  ),
  ...r(
    'distress',
    'anger',
    [
      'furious|livid|fuming|seething|incandescent|enraged|apoplectic|irate|outraged',
      'how dare you',
      'sick and tired',
      'had ~1 it ~1 with|up_to_here',
    ],
    { weight: 1 },
  ),
  ...r(
    'distress',
    'anger',
    [
      'so|absolutely|beyond|really|very|bloody|fucking|extremely|totally|completely angry|mad|disgusted|appalled|cross|pissed|raging|sick_of_this|sick_of_you',
      'sick and tired',
      'had|have ~2 enough|it_up_to_here ~3 you|this|your|of|$',
      'you people',
      'worst ~3 ever|in_my_life|i_have_ever',
      'how dare you',
      'disgrace|disgraceful|shambles|outrage|outrageous|criminal|scandalous|unbelievable|unacceptable|appalling|pathetic|joke|a_joke|a_farce|farce|useless|incompetent|ridiculous',
      'fuck*|shit*|bastard*|bloody_hell|fed_up|pissed_off|piss_off|wtf',
      'never|not ~1 bank|banking|coming|come ~2 with|here|back ~1 again|you',
      'close|closing|move|moving ~2 my|all ~1 account|accounts|money ~3 elsewhere|another_bank|else|$',
      'take|taking ~3 to ~1 ombudsman|press|papers|court|solicitor',
      'shout|shouting|scream|screaming|yell|yelling',
      'lost|losing ~1 my ~1 patience|temper|rag|mind_with_you',
      'at|on ~1 the ~1 end of my ~1 tether|rope',
      'wit|wits end',
      'this is the ~2 time ~3 called|rang|asked|told|been|come',
      'third|fourth|fifth|sixth|tenth ~2 time',
    ],
    { weight: 0.55 },
  ),
  ...r(
    'distress',
    'panic',
    [
      'panicking|panic_attack|panic_attacks|hyperventilating|petrified|terrified|beside_myself|hysterical|frantic',
      'can_not|could_not breathe|stop_shaking|stop_crying|think_straight',
      'heart ~2 racing|pounding|thumping',
      'losing|lose|lost|going_out_of|out_of my mind',
      'freaking|freak|freaked ~1 out',
    ],
    { weight: 1 },
  ),
  ...r(
    'distress',
    'panic',
    [
      'panic|panicked|panicky',
      'can_not|could_not breathe|think_straight|stop_shaking|stop_crying|calm_down|sleep|eat',
      'heart ~2 racing|pounding|going_a_mile_a_minute|thumping|beating_out',
      'shaking|trembling|shaky|hyperventilating|hyperventilate|freaking|freak|frantic|hysterical|petrified|terrified|horrified|beside_myself',
      'scared|frightened|afraid ~2 death|stiff|witless|my_life|out_of_my_mind|sick',
      'so|really|very|absolutely|completely|totally|genuinely scared|frightened|afraid|worried|anxious',
      'worried|worry|worrying sick',
      'losing|lose|lost|going_out_of|out_of my mind',
      'in_a_state|in_bits|in_pieces',
      'sweating|sweats|dizzy|sick_to_my_stomach|feel_sick|throwing_up|want_to_be_sick',
      'do not know what to do',
      'help me ~2 please|$',
      'please ~2 help|hurry',
      'what do|am i ~1 supposed to do|going_to_do',
      'emergency|urgent|urgently|desperate|desperately',
      'feel|feeling|felt ~1 sick|physically_sick|faint',
      'taking the piss|mickey',
      'please ~1 please',
    ],
    { weight: 0.5 },
  ),
  ...r(
    'distress',
    'despair',
    [
      'hopeless|helpless|worthless|desperate|despair|devastated|distraught|broken',
      'can_not|could_not|barely ~1 cope|coping|take_it_anymore|take_any_more|take_this_anymore',
      'not coping',
      'falling|fallen|fall apart|to_pieces|to_bits',
      'breaking|broke|break down',
      'in tears|floods_of_tears',
      'can_not|could_not stop crying',
      // "I can't do this on my own": not coping, said with nobody beside them (dev: 7 turns, none calm).
      'can_not|could_not do|face|manage|cope_with this|it|any_of_this|all_this|all_of_this|everything ~2 on_my_own|alone|by_myself|without_him|without_her',
      'rock bottom',
      'at|on ~1 the ~1 end of my ~1 tether|rope',
      'wit|wits end',
      'my life is ~2 over|ruined|falling_apart',
      'breaking_point|at_breaking_point|end_of_my_tether',
      'all ~1 night|day|morning|week ~1 crying|sobbing|in_tears',
      'losing ~1 it ~1 $|i_swear|here|completely',
      'collapsing|crumbling|falling_apart|caving_in ~1 around ~1 me|us',
      'anxiety|stress|panic|nerves ~3 through_the_roof|off_the_charts|sky_high|unbearable|shot|in_pieces',
      'begging|beg|pleading|plead|implore ~1 you|anyone|someone',
      'ruined|destroyed|wrecked ~1 my ~1 life|whole_life',
      'not ~1 stop ~1 shaking|crying|trembling|panicking|screaming|sobbing|howling|wailing|weeping',
      'crying|sobbing|sobbed|cried|weeping|bawling ~2 all_day|all_night|all_morning|all_week|for_hours|for_days|non_stop|every_day|every_night',
    ],
    { weight: 1 },
  ),
  ...r(
    'distress',
    'despair',
    [
      'hopeless|helpless|worthless|desperate|despair|despairing|defeated|broken|crushed|shattered|destroyed|devastated|ruined|numb|empty|trapped',
      'can_not|could_not|barely ~1 cope|coping|manage|take ~2 it|this|any_more|anymore|much_more|$',
      'not coping|managing',
      'falling|fallen|fall apart|to_pieces|to_bits',
      'breaking|broke|break down',
      'crying|cry|cried|sobbing|sobbed|tears|weeping|in_tears|bawling',
      'everything is|has ~2 wrong|falling_apart|gone|collapsing|too_much|a_mess|over|ruined',
      'lost everything|my_home|the_house|all_my_savings|it_all',
      'nothing left|to_lose|at_all',
      'rock bottom',
      'drowning|sinking|suffocating',
      'overwhelmed|overwhelming|exhausted|drained|worn_out|burnt_out|burned_out|nightmare',
      'lose|losing ~2 the|our|my ~1 house|home|everything|flat',
      'too much ~1 for_me|to_handle|to_cope|to_bear|$',
      'can_not|could_not do this ~1 anymore|any_more|much_longer',
      'my life is ~2 over|ruined|a_mess|falling_apart',
      'no_one|nobody|noone ~2 care|listen|help|believe',
      'alone|lonely|on_my_own|isolated',
      'do_not|can_not know|see how|where|what ~3 cope|manage|survive|get_through|pay|live|go_from_here',
    ],
    { weight: 0.5 },
  ),
  ...r(
    'distress',
    'grief',
    [
      'heartbroken|grieving|bereft|inconsolable|distraught|shell_shocked|in_shock|still_in_shock',
      'do not know how ~2 without him|without_her|without_them|to_go_on|to_live',
    ],
    { weight: 1 },
  ),
  ...r(
    'distress',
    'grief',
    [
      'heartbroken|grieving|grief|bereft|inconsolable|gutted|shell_shocked|in_shock|still_in_shock',
      'can_not|could_not ~1 believe|accept ~2 gone|dead|died|she_is_gone|he_is_gone',
      'miss|missing ~1 him|her|them ~1 so|terribly|every|$',
      'just|only|suddenly ~1 died|passed|passed_away|lost|gone|killed',
      'died|passed|passed_away|lost ~3 yesterday|last_night|this_morning|on_monday|on_tuesday|on_wednesday|on_thursday|on_friday|on_saturday|on_sunday|last_week|few_days_ago|days_ago|suddenly|this_week',
      'funeral ~3 tomorrow|next_week|this_week|on_friday|on_monday|to_arrange|to_organise|to_pay_for|arranging|planning',
      'do not know how ~2 without him|without_her|without_them|to_go_on|to_live',
    ],
    { weight: 0.5 },
  ),
];

const REQUEST: RuleSpec[] = [
  ...r('request', 'direct', [
    '@SPEAK ~1 to|with ~3 @ROLE',
    'want|need|get|give|have|demand|insist|require|wanting|requesting|request|prefer ~3 real|actual|live|proper ~1 human|person|people|someone|somebody|voice|being',
    'want|need|get|give_me|have|demand|insist_on|request|like|prefer ~2 a|an|the|your|some|another ~1 human|person|manager|supervisor|nurse|doctor|duty_doctor|receptionist|member_of_staff|staff_member|colleague|pharmacist|clinician|advisor|adviser|agent|representative|someone|somebody|gp|human_being|practice_manager|branch_manager',
    'put|get|transfer|pass|connect|escalate|hand|forward|send ~1 me|this|us|my_query|my_case ~2 through|to|over|on ~3 @ROLE',
    'human|person|manager|supervisor|nurse|doctor|staff|operator|agent|representative ~1 please|now|asap',
    'escalate|escalating ~1 this|it|my_complaint|my_case|me',
    'can|could|would|will|may|should i|we ~2 speak|talk|chat|get|have ~3 @ROLE',
    'can|could|would|will|may i|we ~1 see ~1 a|the|your|some? ~1 manager|supervisor|someone|somebody|person|human|real_person',
    'is|are there ~2 @ROLE|anyone|anybody|someone|somebody ~3 can|could|i|who|to|there|available|real|actual',
    'let me ~1 @SPEAK|see ~2 @ROLE',
    'get|fetch|bring|find|call|page|grab ~1 me? ~1 a|the|your|an|some|someone|somebody ~1 @ROLE',
    '@ROLE ~3 call|ring|phone|contact|email|text ~1 me|us ~1 back',
    '@CONTACT|get_back_to me|us ~1 back',
    // A call back asked for; one chased or mentioned ("about the call back from Dr Patel") is the errand.
    'call_me_back|ring_me_back|phone_me_back',
    'want|need|get|like|book|arrange|request|requesting|give|could|can|would|please|have ~3 callback|call_back',
    'prefer|rather|like|want ~3 conversation|chat|word|talk ~2 with ~1 somebody|someone|a_person|a_human|a_real_person|an_actual_person',
    'book|arrange|get|make ~2 appointment|meeting ~3 with|see|speak_to|talk_to ~2 someone|somebody|person|manager|advisor|adviser|banker|mortgage_adviser|mortgage_advisor|financial_adviser',
    'give|gives ~1 me|us ~1 a ~1 ring|call|bell|buzz',
    'wait|waiting ~2 for ~1 a|the ~1 staff_member|member_of_staff|person|human|someone|manager|nurse|doctor|real_person',
    'is|are ~1 someone|somebody|anyone|anybody ~4 around|available|free|about|there|in ~1 $|today|now|at_the_moment',
    'have|get ~1 someone|somebody|a_person ~2 call|ring|phone|contact|email ~1 me|us',
    'come in|into|to ~3 branch|surgery|clinic|practice ~3 see|speak|talk ~3 someone|somebody|person|@ROLE',
    'book|arrange|get ~2 appointment|meeting|call ~3 with ~2 someone|person|manager|advisor|adviser',
    'a ~1 quick|private|brief? ~1 word ~2 with',
    'meet|meeting ~1 with ~3 @ROLE',
    'want|like|need|wanted ~1 to ~1 see|meet ~1 someone|somebody|a_person|a_human|a_real_person|in_person',
    'would|like|want_to|need_to|wanted_to ~2 @SPEAK ~1 to|with ~1 him|her|them ~1 again|please|today|$',
    'is|are ~1 the|your|my ~1 @ROLE ~2 in|around|available|free|working|about|on ~1 today|at_the_moment|now|this_morning|this_afternoon|$',
    'someone|somebody|anyone|one_of_you|a_person|a_nurse|a_doctor ~4 to ~1 call|ring|phone|contact|get_back_to ~1 me|us',
    'feel|felt ~1 better|happier|easier ~1 @SPEAK ~2 to|with ~1 someone|somebody|a_person|a_human|people',
  ]),
  ...r('request', 'indirect', [
    'anyone|anybody|somebody|someone|human ~1 there|home|out_there|reading|listening|real|actually',
    'someone|somebody|anyone|anybody|a_person|a_human ~3 who|that ~3 understand|understands|knows|know|can|could|will|actually',
    'i would|d rather|prefer ~3 person|human|someone|somebody|people|in_person|face_to_face|not_talk|not_deal|not_chat|speak|talk',
    'rather|prefer ~2 talk|speak|deal|chat ~3 with|to ~2 person|human|someone|somebody|people|real|actual',
    'need ~2 real|actual|proper|human ~1 help|person|people|human|being|voice',
    'am i ~3 talking|speaking|chatting ~2 to|with ~2 real|actual|human|person|bot|robot|machine|computer|ai',
    'are you ~1 a|an|even|actually|just ~2 bot|robot|machine|computer|ai|human|person|real',
    'is there ~2 a|any ~1 human|person|real_person|actual_person',
    'some|real|actual|human|proper ~1 help|support ~2 please|here|now|$',
    'someone|somebody ~2 real|who_is_real|in_charge|senior|higher_up|more_senior',
    'want|need|like|prefer ~3 speak|talk|chat ~1 to|with ~3 someone|somebody|person|human|people|staff|you_guys|a_real|a_actual',
    'need|want|like ~2 someone|somebody|a_person|a_human ~3 to ~3 help|look|explain|sort|go_through|check|call',
  ]),
  ...r(
    'request',
    'indirect',
    [
      'this|you ~3 not|never ~2 helping|helpful|understanding|getting_it|listening|working|answering',
      'you ~3 not|never|do_not ~2 understand|get_it|listen',
      'going ~2 round|around ~1 in ~1 circles',
      'face to face|in_person',
      // Asking whether the chat is a person, which desk to talk to, or for something explained is a
      // question about the service; it asks for a person only next to another cue.
      'can|could|would|will someone|somebody|anyone|anybody|a_person|one_of_your|one_of_the|one_of_you ~4 look|explain|check|sort|go_through|walk|show',
      'is this ~1 a|an ~1 real|actual|live ~1 person|human|chat',
      'are you ~2 a|an ~1 real|actual|live ~1 person|human|agent',
      'who|whom ~2 can|could|do|should i ~2 speak|talk|go',
    ],
    { weight: 0.5 },
  ),
  ...r('request', 'indirect', [
    'can|could|would|will someone|somebody|anyone|anybody|a_person|one_of_your|one_of_the|one_of_you ~4 help|call|ring|come|get_back|contact|deal|speak|talk|sit|take',
    'who|whom ~2 can|could|do|should i ~2 complain|escalate',
  ]),
  ...r('request', 'refuses_machine', [
    // @MACHINE without the app and "thing": "I don't get on with the app" is a preference, not a refusal.
    'not|no|never|stop|enough|done|sick|tired|fed_up|hate|quit ~4 bot|bots|robot|robots|computer|ai|chatbot|chat_bot|automated|automation|algorithm|program|programme|software|script|autoreply|auto_reply|system|assistant|talking_to_a_machine|auto',
    'you|this ~2 are|is ~2 just|only|a|an|useless|stupid|pointless|rubbish|terrible|hopeless ~2 @MACHINE',
    'useless|stupid|pointless|rubbish|terrible|hopeless|dumb|broken|silly ~1 @MACHINE',
    'not|never|no ~3 talk|speak|chat|deal ~2 to|with ~2 a|an|some|this|your|another ~1 @MACHINE',
    'get|take|put ~2 me ~2 off|away ~2 this|the @MACHINE',
    'no more|enough ~2 @MACHINE|robots|bots|automated',
    'want|need|like ~4 not ~1 a|an ~1 @MACHINE',
    'human ~1 not|rather_than|instead_of ~2 @MACHINE',
    'talk|speak|chat ~2 to|with ~1 a|an ~1 @MACHINE',
    'not ~1 comfortable|happy ~3 with|to ~2 @MACHINE|ai|a_computer|a_bot|a_machine',
    'not ~2 want|like ~2 do|doing|discuss|sort ~1 this|it ~2 over|by|on|via|through ~1 chat|text|the_app|a_screen|here|a_computer',
    'not ~2 type|typing|texting|write|writing ~2 into|on|to|at ~2 screen|machine|computer|app|phone|tablet|box',
    // "Text" is also the message sent ("can you not send texts to my phone"): only as the act of typing.
    'not ~1 text ~2 into|on|at ~2 screen|machine|computer|app|tablet|box',
  ]),
];

const VULNERABLE: RuleSpec[] = [
  ...r(
    'vulnerable',
    'health',
    [
      'diagnosed|diagnosis|suffer|suffering|suffers|living_with|battling|fighting|treatment|recovering|recovery ~4 cancer|tumour|tumor|dementia|alzheimer*|parkinson*|ms|multiple_sclerosis|motor_neurone|mnd|stroke|heart|bipolar|depression|anxiety|ptsd|schizophrenia|psychosis|autism|autistic|adhd|disability|condition|illness|disease|leukaemia|leukemia|lymphoma|kidney|liver|copd|epilepsy|ocd|eating_disorder|anorexia|bulimia|addiction|long_covid|me_cfs|fibromyalgia|lupus|arthritis',
      'cancer|tumour|tumor|dementia|alzheimer*|parkinson*|leukaemia|leukemia|lymphoma|chemotherapy|chemo|radiotherapy|dialysis|hospice|palliative|terminal|terminally|sectioned|psychiatric|motor_neurone|mnd|multiple_sclerosis|bipolar|schizophrenia|psychosis',
      'in|out_of|from|leaving|left|discharged_from ~1 hospital|a_hospital|intensive_care|icu|rehab|a_psychiatric_unit|psych_ward',
      'hands|hand|legs|eyes|ears|hearing|memory|body|arms ~2 not ~1 work|working|cooperate|what_they_were',
      'told|given ~4 # ~1 month|months|week|weeks|year ~1 left|to_live|$',
      'got|have ~2 # ~1 month|months|week|weeks ~1 left|to_live',
      'only|about ~1 # ~1 months|weeks ~1 left|to_live',
      'make|making|made @REFL ~1 sick|throw_up|vomit',
      'eating|drinking|gambling|spending|drug_use|binging ~3 out_of_control|a_problem|problem|addiction|again',
      // Harmful drinking told by quantity, and treatment let slip (NICE CG115; FG21/1 health and resilience).
      'drinking|drink|drank ~4 bottle|bottles|litre|litres|cans|pints ~4 a_day|every_day|a_night|every_night|daily',
      'bottle|bottles|litre|litres|cans|pints ~2 of ~1 wine|whisky|whiskey|vodka|gin|cider|beer|lager|rum|brandy|spirits ~2 a_day|every_day|a_night|every_night|daily',
      'forget|forgetting|forgot ~2 to? ~1 take|taking ~1 my|his|her ~1 insulin|meds|medication|tablets|pills',
      // Falls that recur or leave the person on the floor (NICE CG161).
      'three|two|four|several|few|# ~1 falls ~2 this_month|this_week|lately|recently|since|in_a_month',
      'had|having|have ~3 couple|two|three|four|several|few|# ~2 falls',
      'could_not|can_not|couldn_t ~1 get ~1 up ~3 till|until|for_hours|all_night|on_my_own',
      'signed ~1 off ~2 work|sick|with',
      'had|have|suffered ~1 a ~1 stroke|heart_attack|seizure|breakdown|brain_injury|miscarriage',
      'addiction|alcoholic|alcoholism|gambling_problem|in_recovery|relapsed',
      'addicted|hooked ~1 to|on ~2 alcohol|drink|drinking|drugs|gambling|betting|pills|painkillers|opioids|heroin|cocaine|crack|slots|tablets',
      'disabled|disability|wheelchair|blind|deaf|partially_sighted|visually_impaired|hearing_impaired|hard_of_hearing|sight_loss|hearing_loss|learning_disability|learning_difficulties|registered_blind|brain_injury|mobility',
      'operation|surgery|heart_attack|stroke|seizure|seizures|fits|transplant ~4 last|recently|just|next|since|after|coming|week|month|had',
      'not|never ~1 well|been_well|very_well|been_myself ~2 lately|recently|for_a_while|since|these_days|$',
      'ill|unwell|sick|poorly ~2 lately|recently|for_months|for_weeks|since|long_term|at_the_moment|a_lot',
      'long_term|chronic|serious|severe ~1 illness|condition|pain|sick|health',
      'medication|meds|tablets ~3 make|makes|made ~1 me ~2 confused|drowsy|foggy|forget|muddled|sleepy',
      'hearing|sight|eyesight|eyes|vision ~2 not|bad|poor|going|failing|getting_worse',
    ],
    { driver: 'health', weight: 1 },
  ),
  // A condition, a diagnosis or a caring role named on its own: on dev these turns were calm as often as
  // not (a carer's errand, a condition in passing), so each needs a second cue or its impact said twice.
  ...r(
    'vulnerable',
    'health',
    [
      'mental health|illness|breakdown|crisis',
      'got|have|has ~1 ms|diabetes|epilepsy|copd|arthritis|parkinson|parkinsons|lupus|fibromyalgia|hiv|aids',
      'depressed|depression|anxiety|anxious|ptsd|agoraphobi*|ocd|adhd|autism|autistic',
      'carer|caring|care ~1 for ~2 my|him|her|them',
      'pregnant|pregnancy|miscarriage|postnatal|postpartum|stillbirth',
    ],
    { driver: 'health', weight: 0.75 },
  ),
  ...r(
    'vulnerable',
    'cognitive_decline',
    [
      'memory ~3 not|going|bad|terrible|poor|failing|awful|worse|getting_worse|shocking|playing_up|problems|issues|loss',
      // "Always forget" a five-yearly renewal is everyone; "keep forgetting" is a pattern seen.
      'keep|kept|constantly ~1 forgetting|forget|losing_track|getting_confused|getting_muddled|mixing_up',
      'always|often ~1 forgetting|losing_track|getting_confused|getting_muddled|mixing_up',
      'forget|forgotten|forgetting|forgot ~2 things|everything|what|why|where|how ~2 lately|these_days|all_the_time|a_lot|$',
      'get|getting|got|am|easily|so|very|really ~1 confused|muddled|mixed_up|flustered|lost',
      'confused|muddled|mixed_up|befuddled|bewildered|disoriented|foggy',
      'early|early_stage|early_onset ~1 dementia|alzheimer*|memory',
      // A dementia named as someone's now ("she's got Alzheimer's", "he has vascular dementia").
      'has|have|got|with|diagnosed_with|living_with ~2 dementia|alzheimer*|lewy_body',
      'daughter|son|niece|nephew|wife|husband|grandson|granddaughter|carer ~3 usually|normally|always|does|handles|manages|deals ~3 this|it|my_money|my_banking|for_me|my_finances|these_things|the_online',
      'mind|head ~2 not|is_not ~1 what|as|working|right|clear',
      // Seen by someone else: the same question again and again, each time as if for the first time.
      'he|she|they|mum|dad|mother|father|gran|nan|grandmother|grandad|grandfather|husband|wife|customer|patient ~3 asked|asking|asks|repeated|repeating ~5 three|four|five|six|several|3|4|5|6|multiple times',
      'each|every time ~4 first_time',
      'keeps|kept asking|repeating ~2 same|again|over_and_over',
      'not|does_not|doesnt|did_not ~1 know|remember ~2 what_day|which_day|what_year|where_he|where_she|where_they',
      // The same errand done again as new: "keeps ringing to book appointments she's already had".
      'keeps|kept ~1 ringing|phoning|booking|asking|calling|ordering|paying ~8 already',
      'forgets|forgot ~2 hours_later|minutes_later|straight_away|as_soon_as|the_next_day',
      // A thing done and then forgotten as done: "forgets she's had them", "forgets he already booked".
      'forgets|forgot|forgetting ~1 that? ~1 she|he|they|i ~1 already|has|had|have|did',
    ],
    { driver: 'health' },
  ),
  ...r(
    'vulnerable',
    'life_event',
    [
      'bereaved|bereavement|widow|widowed|widower|passed|passed_away|died|dead|death|funeral|late_husband|late_wife|late_father|late_mother|late_mum|late_dad|lost_my_husband|lost_my_wife|lost_my_son|lost_my_daughter|lost_my_mum|lost_my_dad|lost_my_mother|lost_my_father|lost_my_partner|lost_my_baby|lost_our_baby|lost_my_brother|lost_my_sister',
      'divorce|divorcing|divorced|separated|separating|separation|split_up|splitting_up|split_from|splitting_from|we_split|have_split|has_split|broke_up|breaking_up|left_me|walked_out|kicked_me_out|thrown_out',
      // "Lost my part-time job", "losing our family business": a word or two may describe it.
      'lost|lose|losing ~1 my|our ~2 job|jobs|income|business|home|house|flat|wages',
      // A refused or lost visa ends study, work and the right to stay at once.
      'visa|leave_to_remain|residence_permit|work_permit ~3 refused|rejected|denied|revoked|cancelled|curtailed|ran_out|expired',
      'made|been_made|being_made ~1 redundant',
      'redundant|redundancy|laid_off|unemployed|out_of_work|jobless|sacked|fired|let_go|on_furlough|furloughed',
      'homeless|evicted|eviction|repossess*|sleeping_rough|sofa_surfing|temporary_accommodation|refuge|hostel',
      'prison|jail|released_from|came_out_of|on_probation|care_leaver|leaving_care',
      'refugee|refugees|asylum|asylum_seeker|trafficked|trafficking|immigration_status|no_recourse',
      'new ~1 baby|born',
      'fire|flood|burglary|burgled|robbed|mugged|assaulted|attacked|accident|crash ~3 lost|my|our|last|recently|we|i',
    ],
    { driver: 'life_event', subject: 'any' },
  ),
  // The estate's paperwork (probate, an executor, "the deceased") is a solicitor's and an executor's
  // vocabulary too: light (two of them stay under 1), it counts next to a personal loss or its impact.
  ...r(
    'vulnerable',
    'life_event_admin',
    ['probate|executor|executors|executrix|deceased|grant_of_probate|letters_of_administration'],
    {
      driver: 'life_event',
      subject: 'any',
      weight: 0.45,
    },
  ),
  ...r(
    'vulnerable',
    'resilience',
    [
      'can_not|could_not|struggle|struggling|unable ~2 afford|pay|make_ends_meet|keep_up|cover|manage_the_bills|buy_food|feed',
      'struggling|struggle|struggled ~3 money|financially|to_pay|with_bills|with_debt|with_the_bills|to_cope|to_manage|to_make|to_keep',
      'bailiff*|debt_collector*|bankrupt|bankruptcy|insolvency|loan_shark|food_bank|foodbank|food_banks',
      'behind ~1 on|with ~2 rent|mortgage|payments|bills|council_tax|loan|repayments|card|everything',
      'missed ~2 payment|payments|rent|mortgage|repayment|repayments',
      'no|not ~1 money|cash|funds|income ~3 left|until|for|to|at_all|$',
      'penniless|on_the_breadline|poverty|destitute',
      'choose|choosing|decide ~2 between ~3 eat|eating|food|heating|heat|rent|bills|meals|electricity|gas',
      'skip|skipping|skipped ~1 meals|meal|eating',
      'cut|cutting ~2 off|disconnected ~1 gas|electricity|water|power|phone',
      'on|claiming|rely_on|living_on ~1 benefits|universal_credit|pension_credit|jobseekers|esa|pip|disability_benefit',
      'bills|prices|costs|rent ~2 doubled|tripled|gone_up|through_the_roof|too_high',
      'low|small|tiny ~1 income|pension|wage|wages',
      'borrow|borrowing|borrowed ~2 from ~2 family|friends|everyone|payday|to_pay|to_cover',
    ],
    { driver: 'resilience' },
  ),
  // Debt words alone are everyday banking ("explain this arrears letter", "skint till payday"); they count
  // next to others.
  ...r(
    'vulnerable',
    'resilience',
    ['debt|debts|arrears|ccj|iva|payday_loan|payday_loans|overdrawn|maxed_out|skint|broke|hard_up'],
    { driver: 'resilience', weight: 0.5 },
  ),
  // Nobody to turn to (FG21/1 resilience: a thin support network): light, it counts next to another cue
  // ("I'm 91 and there's nobody else", "can't see the form and there's no one to help me").
  ...r(
    'vulnerable',
    'no_support',
    [
      'is|was|have|got nobody|no_one|noone to_ask|to_help|to_turn_to|to_talk_to|to_lean_on',
      // "There's nobody else" said as the end of it, not "nobody else in the queue".
      'is|was|have|got nobody|no_one|noone else $',
    ],
    { driver: 'resilience', weight: 0.5 },
  ),
  ...r(
    'vulnerable',
    'resilience_light',
    [
      'hours|pay|wages|income|benefits|shifts ~2 cut|reduced|stopped|slashed|sanctioned',
      '# ~3 to ~1 last ~3 week|weeks|month|fortnight|until',
      'stop|freeze|pause|waive ~2 fees|charges|interest|payments ~3 for ~1 a ~1 bit|while|month|few',
      'borrow|borrowed|borrowing ~2 off|from ~1 a ~1 bloke|man|guy|lender|someone',
      'charge|charging ~1 me ~2 double|interest|every_week',
      'no|not ~1 papers|fixed_address|address|bank_account ~1 yet|$',
    ],
    { driver: 'resilience', weight: 0.5 },
  ),
  ...r(
    'vulnerable',
    'capability_light',
    [
      'not ~1 even? ~1 know|understand ~1 what|how ~3 is|are|means|mean|works|work|words|do',
      'help|helping|helped|helps ~1 me ~1 write|read|fill|understand|type',
      'translate|translating|interpreting ~3 for|but',
    ],
    { driver: 'capability', weight: 0.5 },
  ),
  // Very young or very old (the number is checked in detect.ts): a capability cue next to others.
  ...r('vulnerable', 'age', ['i|he|she am|is ~1 # ~1 $|and|years|year|so|but'], {
    driver: 'capability',
    weight: 0.5,
  }),
  ...r(
    'vulnerable',
    'abuse_light',
    [
      'can_not|could_not ~1 say|talk|speak ~1 much|more|freely|here|now',
      'somewhere|place|room ~1 private|safe|quiet',
    ],
    { driver: 'life_event', weight: 0.5 },
  ),
  ...r(
    'vulnerable',
    'capability',
    [
      'not|never|hardly|barely ~2 understand|follow|make_sense ~3 this|the|it|what|letter|form|forms|english|you|any|all|jargon|terms|words|a_word|how|that|$',
      'not|never ~1 get ~1 any_of_this|any_of_it|what_you_mean|what_this_means',
      'english ~3 not|poor|bad|limited|basic|second|first_language|weak|little',
      'not|no|little|bad|poor|limited ~1 good ~1 english',
      'first language ~2 not|is_not|isn_t|$',
      'can_not|cannot|hardly|barely|struggle|struggling|trouble|difficult|difficulty ~2 read|reading|write|writing|see_the_screen|use_computers|use_the_app|use_the_internet|use_online|type|spell|do_numbers|count',
      'dyslexia|dyslexic|dyscalculia|illiterate',
      'struggle|struggling|bad|terrible|hopeless|rubbish ~2 with|at ~1 numbers|maths|math|reading|forms|technology|computers|figures',
      'not ~1 read|write|speak|understand ~2 english|good|well|much',
      'speak|speaks|spoke ~1 only|hardly_any|very_little|no|not_much',
      'not|never ~2 good ~2 with|at ~2 computers|technology|tech|phones|online|internet|apps|numbers|maths|money|forms|paperwork|reading|figures',
      'no|not ~2 smartphone|computer|internet|email|mobile|online|laptop',
      'never ~2 used|use|had|done ~2 online|internet|app|computer|banking|email',
      'explain|say|go_over|repeat ~3 again|more_simply|slowly|slower|simply|in_plain_english|in_simple_words|step_by_step|one_more_time',
      'too|so ~1 complicated|confusing|hard_to_follow|difficult_to_understand|many_words|technical',
      'what|whats ~1 does|is ~3 mean|means',
      'learning disability|difficulties|difficulty',
      'speak|speaks|spoke ~2 only|little|not_much|no ~1 english',
      // Literacy owned up to: "my spelling is bad", "my reading's not good".
      'my ~1 spelling|speling|reading|writing ~2 is? ~1 bad|not_good|poor|terrible|rubbish|no_good|awful',
    ],
    { driver: 'capability' },
  ),
  // Asking for an accommodation is routine service; it counts only next to another capability cue.
  ...r(
    'vulnerable',
    'capability',
    [
      'literacy|numeracy|interpreter|translator|translation|translate|sign_language|bsl|braille|large_print|easy_read',
    ],
    { driver: 'capability', weight: 0.5 },
  ),
  // No home, just out of prison, newly arrived as a refugee: FG21/1 life events whose impact is the
  // event itself (no address for post, ID or prescriptions). On dev, 14 first signals, 1 calm turn.
  ...r(
    'vulnerable',
    'displaced',
    [
      'sleeping|living|staying|kipping ~1 in ~1 my|our ~1 car|van|tent',
      "'m|am|'re|are|been|i|we ~1 sleeping|living|kipping ~1 in ~1 the|a ~1 car|van|tent",
      'sleeping|slept ~1 rough',
      'sofa|couch ~1 surfing',
      'no ~1 fixed ~1 address|abode',
      "i|we ~1 am|are|'m|'re|was|were|have_been|'ve_been|now ~1 homeless",
      "i|we ~1 am|are|'m|'re|living|staying ~1 in ~3 hostel|refuge|shelter|b&b",
      'got|just|been|was|recently ~1 out|released ~1 of|from ~1 prison|jail',
      'as|am|are|a ~1 refugee|refugees|asylum_seeker|asylum_seekers',
    ],
    { driver: 'life_event', subject: 'any' },
  ),
  // Someone present: coercion's setting, not yet coercion. On dev, presence alone ("she's here with me",
  // "he's waiting outside") was a calm set-up turn as often as a signal; every signal named the control
  // too ("he says I have to", "I'm not allowed"). Light: it raises next to such a cue, in this turn or the next.
  ...r(
    'vulnerable',
    'coercion_present',
    [
      "he|she|they|husband|wife|partner|boyfriend|girlfriend|son|daughter|someone|man|woman|carer|friend|nephew|niece|grandson|granddaughter|brother|sister|father|mother|dad|mum|mom ~3 is|are|be|'s|was ~1 here|with_me|next_to_me|behind_me|watching|listening|standing|waiting|outside|in_the_car|beside_me|sitting_with_me|in_the_next_room|in_the_other_room|next_door|downstairs",
    ],
    { weight: 0.5, driver: 'life_event' },
  ),
  // Reluctance about one's own money ("I don't really want to, it's my savings"): with a person present, pressure.
  ...r(
    'vulnerable',
    'coercion_reluctant',
    [
      "do|don't|not ~1 really? ~1 want ~1 to $|but|more_debt|any_more_debt|this|to_do_this|to_sign",
      // "He says I have to." — told to, with the errand left unsaid or named as the money's.
      'he|she|they ~1 says|said|tells|told ~2 i ~1 have|had|must|got ~1 to ~1 $|do_it|do_this|sign|pay|withdraw|transfer|take_it_out|take_it_all_out',
    ],
    { weight: 0.5, driver: 'life_event' },
  ),
  ...r(
    'vulnerable',
    'coercion',
    [
      // The control named: "I'm not allowed to go on my own", "he always answers for me".
      "not|n't|never ~1 allowed ~2 to? ~1 go|come|see|speak|talk|leave|out|on_my_own|alone|my_own|anywhere|say_no|refuse",
      // Silenced, or asking staff for a cover story: "he said not to say anything", "could you say the system's down".
      'said|says|told|tells ~2 not ~1 to ~1 say|tell|mention|speak|talk ~1 anything|to_you|about',
      'can|could|would ~1 you ~1 just? ~1 pretend|say|tell_him|tell_her|tell_them ~4 system|computer|card|it|it_is|its ~2 down|broken|not_working|declined|refused|frozen|blocked|not_possible',
      'he|she|they|husband|wife|partner|son|daughter|boyfriend|girlfriend ~2 always|usually|just ~1 answers|speaks|talks|does_the_talking ~1 for ~1 me',
      'making|made|make|makes|forcing|forced|force|forces|pressuring|pressured|pressure|pushing|pushed|told|telling|tells|wants|insists|insisting ~1 me|us ~2 to? ~2 withdraw|take|transfer|send|pay|sign|move|give|lend|change|add|put|open|close|do_this|say|tell|lie|get|borrow|apply|hand|handover|hand_over|give_up|cash',
      'not|never ~1 let|lets|allowed|allow ~2 me|us ~3 to|have|see|use|touch|my|any|own|access',
      'controls|control|controlling|controlled|takes|took|taken|keeps|kept|holds ~2 my|our|all ~2 money|card|cards|pin|pension|benefits|wages|finances|account|bank_card|passport|phone|salary|savings',
      'have|had|got ~1 to ~2 give|hand_over ~3 him|her|them|my_money|my_card|my_pin|everything',
      'afraid|scared|frightened|terrified ~2 of ~2 him|her|them|husband|partner|son|boyfriend|wife|what_he|what_she|what_they|going_home',
      'scared|afraid|frightened ~3 what ~2 will|would|might ~2 do|happen|say',
      'told|tells|said|say|says ~1 me|us ~1 not|never ~1 to ~2 tell|say|mention|speak|talk',
      'if ~1 i ~1 do|did not ~3 will|would|going_to ~3 hurt|hit|leave|kill|throw|kick|take',
      'not|never ~2 my|mine|own ~1 choice|decision|idea|money_anymore',
      'in ~1 my ~1 name ~3 without|not|never|did_not|loan|loans|credit|card|debt|debts|account|accounts|took_out|opened|ran_up|run_up',
      'taken|took|take|taking ~1 over ~2 my|our|all ~2 finances|money|account|accounts|banking|pension|cards',
      'leave|hurt|kick_me_out|throw_me_out ~2 me? ~1 if ~1 i ~2 not|refuse|won_t ~1 sign|pay|give|do',
      'took|take|taken|opened|open|ran|run ~2 out|up ~3 loan|loans|credit|card|cards|debt|debts|account|accounts ~2 in my name',
      'loan|loans|credit|card|cards|debt|debts|account|accounts ~4 in my name ~3 without|not|never|did_not|know',
      // Fear of the reaction if they knew, and a companion who keeps the customer from speaking or going alone.
      'he|she|they ~1 will|would|is_going_to|going_to ~1 go_mad|go_spare|kill_me|lose_it|flip|go_mental|go_ballistic|hit_the_roof ~3 if ~2 he|she|they ~1 knows|know|finds_out|find_out|found_out|sees|hears',
      'not ~1 go|going|goes ~1 anywhere ~1 without ~1 me',
      'she|he ~1 is? ~1 not ~1 going ~1 to ~1 talk|speak ~1 to ~1 you',
      // An illegal lender's hold: "he's got my bank card as security", "charging me double every week".
      'got|has|holding|kept|keeps|took ~1 my ~1 card|bank_card|passport|pin|benefits_card ~2 as ~1 security|collateral',
      'charging|charges|charged ~2 double|triple|interest ~3 every|a|each ~1 week|day',
      // A companion who speaks for the patient and refuses them a private word or an interpreter (coercive
      // control indicators in NHS safeguarding guidance): "she does not need to see the doctor alone".
      'not ~1 need|needs ~2 to ~1 see|speak_to|talk_to ~3 alone|on_her_own|on_his_own|without_me|privately|by_herself|by_himself',
      'not ~1 need|needs ~2 a|an ~1 translator|interpreter',
      'i ~1 decide|will_decide|choose ~2 what|who|when ~2 is|gets|she|he ~1 discussed|said|told|sees|takes|has|eats|spends',
      // Access held over the customer (UK Finance's Financial Abuse Code): "he has my log-ins", and a threat
      // tied to taking it back ("if I change the passwords he'll throw me out").
      'he|she|partner|husband|wife|boyfriend|girlfriend|son|daughter|ex ~2 has|have|got|knows|keeps|uses ~1 my|all_my ~1 login|logins|log_ins|passwords|password|pin|pins|online_banking|banking_details|banking_app',
      'if ~1 i ~6 he|she|they ~1 will|would ~1 throw|kick|hurt|hit|leave|kill|take ~1 me|us|out|the_kids|the_children',
      // Monitoring, doled-out money and a hiding place (Surviving Economic Abuse's indicators): "he checks
      // the post", "I have to ask him for money", "somewhere he can't see" (dev: 33 turns, all signals).
      'he|she|they|husband|wife|partner|boyfriend|girlfriend|ex ~1 always? ~1 checks|check|reads|opens|monitors|tracks|goes_through|looks_through ~2 my|the|all|every ~1 post|mail|letters|phone|statements|statement|texts|messages|emails|spending|receipts|bank|account',
      'have|has|had ~1 to ~1 ask|beg ~1 him|her|them|my_husband|my_partner|my_boyfriend|my_wife|my_girlfriend ~2 for ~1 money|cash|everything|every_penny|anything',
      'somewhere|account|money|card|savings ~3 he|she|they|husband|wife|partner|boyfriend|girlfriend|ex ~1 will|can|does|would|could ~1 not ~1 see|know_about|find|get_at|touch',
    ],
    { driver: 'life_event', subject: 'any' },
  ),
  // A wage lost at once to gambling (GambleAware's harm signs): the loss is the impact, told.
  ...r(
    'vulnerable',
    'gambling_harm',
    [
      'lost|blew|spent|gambled|did ~4 wage|wages|pay|salary|savings|rent|benefits|pension|loan ~3 on|at ~2 slots|betting|bets|gambling|casino|roulette|horses|bookies|scratchcards|fruit_machines|online_casino',
    ],
    { driver: 'health', subject: 'any' },
  ),
  ...r(
    'vulnerable',
    'abuse',
    [
      'domestic ~1 abuse|violence|situation',
      'financial|economic|emotional|physical|coercive ~1 abuse|control|controlling|abuser',
      'abuse|abused|abusive|abuser|abusing|controlling|coercive|violent|manipulative|manipulating|manipulated|exploiting|exploited|exploitation|bullies|bullied|bullying',
      'hit|hits|hitting|hurt|hurts|hurting|beat|beats|beating|threaten|threatens|threatened|threatening|punched|slapped|kicked|strangled|choked ~1 me|us|the_kids|the_children',
      'pushed|pushes|shoved|shoves|threw|throws|dragged|drags ~1 me|us ~1 down|into|against|across|over|out_of|off',
      'hit|hits|hitting|beat|beats|beating|punched|slapped|kicked ~1 my ~1 mum|mom|mother|sister|brother',
      'scared|afraid|frightened ~2 go|going ~1 home|back',
      'home|house|things_at_home ~3 not ~1 safe',
      'not ~1 safe ~2 at_home|home|there|to_go_home',
    ],
    { driver: 'life_event', subject: 'any' },
  ),
];

const FRAUD: RuleSpec[] = [
  ...r(
    'fraud',
    'coached_call',
    [
      'on|still_on|stay_on|staying_on|keep ~2 the|a ~1 phone|line|call ~3 with|to|from ~3 @AUTHORITY|someone|man|woman|guy|they|him|her|bank|police',
      'on|still_on ~2 phone|line|call ~3 now|right_now|at_the_moment|waiting|holding|listening',
      'they|he|she|someone|caller|man|woman|guy ~3 told|tells|said|says|asked|instructed|instructing|want|wants ~1 me|us ~1 not|never ~1 to ~2 tell|say|mention|speak|talk|discuss|let',
      'told|tell|said|say|asked|ask|instructed|instruct ~1 me|us ~1 to ~2 say|tell_you|tell_the_bank|lie|keep_it|keep_this|not_tell',
      'what|exactly ~1 to say|tell_you|tell_the_bank',
      'called|rang|phoned|texted|messaged|contacted ~2 me|us ~3 from|claiming|saying|pretending ~3 @AUTHORITY|bank|police|fraud|security|hmrc|your|the_bank',
      'police|investigator|officer|detective|fraud_team|bank|hmrc ~3 called|rang|phoned|asked|told|said|investigating ~3 me|my|to|help',
      // "Does the bank need to see the deed" is routine; an investigator who needs you is the script.
      'police|investigator|officer|detective|fraud_team|hmrc ~3 need|needs ~3 me|my|to|help',
      'anydesk|teamviewer|remote_access|quicksupport|screen_sharing|share_my_screen|screenshare|access_to_my_computer|access_to_my_phone|remote_desktop',
      'install|installed|download|downloaded ~3 app|software|program ~3 they|he|she|asked|told|so_they|so_he|so_she',
      'undercover|secret|confidential ~1 investigation|operation|inquiry|case',
      'help|helping|assist|assisting ~2 police|investigation|catch|bank',
      'code|codes|otp|one_time|passcode|pin ~3 they|he|she|caller|asked|ask|read_out|gave|give|told',
      'gave|give|giving|read|reading|tell|told ~3 them|him|her|caller|man|woman ~3 code|codes|otp|pin|passcode|card_details|details|password',
    ],
    { subject: 'any' },
  ),
  ...r(
    'fraud',
    'safe_account',
    [
      'safe|safety|secure|holding|protected ~1 account',
      'move|moving|transfer|transferring|send|sending|put|putting ~3 money|savings|funds|everything|it_all|balance|cash ~4 safe|safety|secure|protected|new_account|another_account|keep_it_safe|protect',
      'account ~3 compromised|hacked|at_risk|breached|not_safe|under_attack|being_targeted',
      'money|savings|funds|account ~3 not_safe|at_risk|in_danger|being_stolen',
      'protect|protecting|keep_safe ~2 my|our|the ~1 money|savings|funds|account',
      'keep|keeping ~2 it|them|card|cards|money|cash ~1 safe|secure',
      'came|come|coming ~1 round|over|to_my_house|to_the_door|to_the_house ~4 take|took|collect|pick_up|picked_up ~2 card|cards|cash|money|pin|gold|jewellery',
      'bank ~2 staff|employee|employees|insider|someone_at_the_bank ~3 involved|stealing|corrupt|in_on_it',
    ],
    { subject: 'any' },
  ),
  ...r(
    'fraud',
    'romance_investment',
    [
      'met|meet ~3 online|dating|on_facebook|on_instagram|on_tinder|on_a_game|on_whatsapp|on_social_media',
      'never ~3 met ~3 person|in_person|face_to_face|in_real_life|yet',
      'boyfriend|girlfriend|partner|fiance|fiancee|man|woman|soldier|doctor|engineer ~4 abroad|overseas|oil_rig|army|stuck|stranded|customs|visa|flight|hospital_bill|inheritance|military|in_syria|in_nigeria|in_ghana|deployed',
      // Money to a friend abroad is everyday; a friend stranded or held up by customs is the romance script.
      'friend ~4 oil_rig|army|stuck|stranded|customs|hospital_bill|inheritance|military|in_syria|in_nigeria|in_ghana|deployed',
      'needs|needed|asked|asking|wants ~2 money|me_to_send|me_to_pay|me_to_transfer|help_with ~4 flight|visa|customs|fees|hospital|ticket|release|tax|lawyer|get_home|come_home|see_me',
      'investment|investing|trading|crypto|bitcoin|forex|platform ~4 guaranteed|double|returns|profit|profits|account_manager|broker|mentor|coach|opportunity|withdraw|fees|release',
      'guaranteed ~2 return|returns|profit|profits|income|double',
      'guaranteed ~2 to ~1 double|triple|grow|rise|increase|quadruple|make',
      'guarantee|guarantees|guaranteed|promise|promised|promises ~3 # ~1 percent|per_cent|%|times',
      '@AUTHORITY|man|woman|someone|somebody|guy|caller|technician ~3 on|in|into|accessing|controlling|remoting_into ~1 my ~1 computer|laptop|pc|screen|phone|tablet',
      'hand|give|handed|gave ~2 it|cash|money|card|cards|gold ~2 to ~1 a|the ~1 courier|driver|officer|man|woman|taxi_driver',
      'double|triple ~2 my|your|the ~1 money|investment|savings',
      'pay|paid|pay_a|fee|fees|tax|taxes|charge ~4 to|before ~3 withdraw|release|unlock|access|get ~2 my|the ~1 profits|money|funds|winnings|returns',
      'withdraw|release|unlock|access ~3 my ~1 profits|winnings|returns|earnings',
      'won|win|winnings|prize|lottery|inheritance ~4 fee|fees|pay|tax|release|claim|transfer|send',
      'account manager|broker|mentor|trader ~3 said|told|says|asked|wants',
      'crypto|bitcoin|btc ~2 atm|machine|wallet ~3 send|deposit|put|told|they',
      // The giveaway that doubles what you send: "send 0.5 BTC and get 1 BTC back".
      'send|sent|transfer|deposit ~2 #|btc|bitcoin|eth|crypto|coins|coin ~4 and|to ~1 get|receive|receiving ~2 double|doubled|twice|triple',
      'send|sent|transfer|deposit ~2 #|btc|bitcoin|eth|crypto|coins|coin ~4 and|to ~1 get|receive|receiving ~1 # ~2 back',
    ],
    { subject: 'any' },
  ),
  ...r(
    'fraud',
    'pressure',
    [
      'need|must|have_to|has_to|got_to ~3 send|transfer|move|pay|withdraw|take_out ~6 @TIME_NOW|within|by|before_it_is_too_late|or',
      'or ~2 i|we ~1 will|would|going_to ~2 arrested|arrest|jail|prison|court|lose|be_deported|deported|sued',
      'arrest|arrested|warrant|deported|deportation|police_coming|bailiffs_coming|court_tomorrow ~4 unless|if|pay|today|now|tonight',
      'gift|itunes|steam|google_play|amazon|apple ~1 card|cards|vouchers|voucher',
      'courier|driver|someone|somebody|man|woman ~4 collect|collecting|pick_up|picking_up|coming_to_get|coming_for ~3 cash|card|cards|money|pin|gold|watch',
      'withdraw|withdrawing|take_out|taking_out ~3 all|large|lot|everything|cash|thousands|# ~4 told|said|asked|they|them|him|her|for_them|hand|give|courier',
      'urgent|urgently|immediately|right_now|straight_away|asap|quickly ~5 transfer|send|move|pay|withdraw',
      'transfer|send|move|pay|withdraw ~6 urgent|urgently|immediately|right_now|straight_away|asap|quickly|today|now|tonight|before',
      'do_not|not ~2 tell|ask|question|check|call ~3 why|the_bank|anyone|questions',
      'time limit|running_out|deadline|expire|expires|expiring ~3 today|tonight|hour|hours|minutes|now',
    ],
    { weight: 0.55, subject: 'any' },
  ),
  ...r(
    'fraud',
    'unauthorised',
    [
      'fraud|fraudulent|fraudster|fraudsters|scam|scammed|scammer|scammers|phishing|vishing|smishing|con|conned|swindled|swindle|duped|tricked|ripped_off|identity_theft|stolen_identity',
      'stolen|stole|steal|stealing|nicked|pinched ~3 card|cards|wallet|purse|phone|cheque_book|chequebook|identity|details|pin|money',
      'card|wallet|purse|phone|details|money|identity ~3 stolen|cloned|skimmed|hacked|compromised|taken|nicked',
      'hacked|hacker|hackers|cloned|skimmed|compromised|breached',
      'not|never ~1 make|made|authorise|authorised|authorize|authorized|recognise|recognize|do|did|order|ordered|buy|bought ~3 this|these|that|those|the|a|any|it|them ~1 payment|payments|transaction|transactions|transfer|transfers|withdrawal|withdrawals|purchase|purchases|charge|charges|debit|debits|order',
      'unauthorised|unauthorized|unrecognised|unrecognized|unknown|strange|suspicious|odd|weird ~1 payment|payments|transaction|transactions|transfer|transfers|withdrawal|withdrawals|charge|charges|debit|debits|activity|login|logins|email|text|call',
      'someone|somebody|they ~3 took|taken|stole|stolen|emptied|accessed|withdrew|withdrawn|used|spent|got_into|logged_into|drained|cleared ~3 my|our|all|everything|it_all',
      'emptied|drained|cleared_out|wiped_out ~2 my|our|the ~1 account|accounts|savings',
      'money|savings|balance ~2 gone|missing|disappeared|vanished',
    ],
    { subject: 'any' },
  ),
];

/**
 * An authorised push payment scam is a shape more than a phrase: someone makes contact, poses as an
 * authority or a person the customer trusts, asks for money or details, and adds pressure, secrecy or a
 * fee before a release. Each part is a light cue (its own family, so they add up); two parts make fraud.
 */
const SCAM_SHAPE: RuleSpec[] = [
  ...r(
    'fraud',
    'shape_contact',
    [
      'rang|called|phoned|texted|emailed|messaged|contacted|rung|cold_called|dmed|approached ~1 me|us|my_mum|my_dad',
      'got|had|received ~1 a|an ~1 text|email|message|call|letter|dm|whatsapp ~2 from|saying|claiming|telling',
      'someone|somebody|a_man|a_woman|a_guy|a_company|a_lady|they|he|she ~2 said|says|saying|claiming|claims|told_me ~3 from|they|he|she|i|my|there',
      'text|texted|message|messaged ~2 from ~1 a ~1 new ~1 number|phone',
      'in|on ~1 a|an ~2 whatsapp|telegram|facebook|instagram|online ~1 group|chat|page',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_impersonation',
    [
      'pretend|pretending|pretended|claiming|claimed|posing|posed|saying|said ~2 to ~1 be ~2 from|you|the|my|your|a|an',
      'said|says|saying|claimed|claiming ~2 they ~1 were|are ~1 my|from|the|your',
      'said|says ~1 he|she|they ~1 is|was|are|were ~1 from',
      'from|new ~1 his|her|their ~1 personal ~1 address|email|number|phone',
      'bank|account ~1 details ~2 have|had ~1 changed',
      'new ~1 number|account|bank_details ~3 locked_out|lost_phone|changed|broken_phone',
    ],
    { weight: 0.6, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_threat',
    [
      'number|account|card|ssn|social_security|national_insurance|licence|license|benefits|pension ~3 suspended|frozen|blocked|compromised|cancelled|flagged|under_investigation',
    ],
    { weight: 0.6, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_payment_ask',
    [
      'pay|send|transfer|wire|buy|give ~4 fee|fees|upfront|first|deposit|gift_card|gift_cards|google_play|itunes|vouchers|card_details|bank_details|account_number|the_numbers|admin_fee|processing_fee|withdrawal_fee|release_fee',
      'fee|fees|upfront|deposit ~4 before|first|to_release|release|withdraw|unlock|reserve|hold',
      'pay|send|transfer|move|put ~4 to|into ~2 a|their|his|her|the ~1 new|different|company|landlord|personal ~1 account',
      'move|moving|transfer|put ~2 my|our|it|the ~1 pension|401k|savings|isa|money ~3 into|to ~2 his|her|their|company|new',
      'recover|recovery|get_back ~3 money|funds|losses|the_money ~4 pay|fee|upfront|first',
      'only ~1 takes|accepts|wants ~2 bank_transfer|transfer|cash|crypto|gift_cards',
      'pay|paid ~3 over ~1 the ~1 phone',
      'can|could|will u|you ~1 pay|send ~2 this|the|my ~1 bill|invoice|money|for_me',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_unseen',
    [
      'not|never ~1 seen|viewed|visited|met|inspected ~3 flat|property|house|room|car|puppy|dog|kitten|item|it|him|her|them|in_person',
      'not|never ~1 yet? ~1 seen|viewed|visited|met|inspected ~1 yet|in_person|in_real_life $',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_pressure',
    [
      'today|tonight|immediately|right_now|right_away|asap|urgently|straight_away|by_monday|by_friday|by_tomorrow|within_the_hour|in_the_next_hour|next_hour|end_of_the_day|by_the_end_of_today|pay_now|send_now',
      'or ~1 the|i|it|we|you|my ~3 fall|falls|lose|lost|go|gets|miss|be|will|cancelled|suspended|arrested',
      'unless ~1 i|we ~3 pay|buy|give|send|transfer|move',
      'someone|somebody|people|others ~2 else? ~1 offering|want|wants|interested',
      'suspended|frozen|blocked|closed|cancelled ~2 unless|if|until',
      'push|pushing|pushed|pressure|pressuring|hassling|hounding|chasing ~2 me|us ~2 to ~1 deposit|invest|pay|send|transfer|buy|put',
      'before ~2 the ~1 offer|deal|window|price|opportunity ~1 closes|ends|expires|goes|runs_out',
      'told|been_told|instructed|asked ~1 to ~1 withdraw|move|transfer|take_out|send',
    ],
    { weight: 0.4, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_secrecy',
    [
      'told|been_told|instructed ~1 to ~1 say',
      'keep|keeping ~1 it|this ~1 quiet|secret|between_us|to_myself|confidential',
      'you|staff|branch|the_bank ~3 might|may|could ~1 be ~1 in ~1 on ~1 it',
      'in on it',
      'told|said|says|tells|asked|instructed|warned|me|us|him|her ~2 not ~1 to ~1 tell|say|mention|discuss',
    ],
    { weight: 1, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_compromised',
    [
      'clicked|clicking|opened|followed|pressed|tapped ~3 link|links|attachment',
      'through|via|using ~1 their|the|a ~1 link',
      'put|entered|typed|gave|give|given|read|told ~4 my|the|them ~2 card_details|bank_details|details|pin|password|passcode|code|numbers|security_number|long_card_number|card_number|account_number|social_security|number',
      'gave|given|give ~2 him|her|them ~2 some|all|most ~2 of ~1 it',
      'logged|logging ~1 in|into ~3 their|through|via|link',
    ],
    { weight: 0.6, subject: 'any' },
  ),
];

/**
 * The scam's parts as frames with slot classes: an authority that threatens, a stranger in control of
 * a device, a payment to "hold" or "release" something, an outcome promised, a purchase not seen.
 */
const SCAM_FRAMES: RuleSpec[] = [
  ...r(
    'fraud',
    'shape_contact',
    [
      '@CALLER ~2 call|calls|ring|rings|phone|phones|text|texts|message|contact ~1 me|us',
      'on|via|through|over ~1 whatsapp|telegram|facebook|instagram|tiktok|snapchat',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_pressure',
    [
      'police|arrest|arrested|jail|prison|bailiffs|court|deported ~6 if|unless|or ~4 not|pay|do_not',
      'bail|bail_money|a_fine|the_fine|ransom ~4 today|now|hour|tonight|immediately|urgently|straight_away|next_hour|in_the_next_hour',
    ],
    { weight: 0.6, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_payment_ask',
    [
      'pay|paying|buy|buying|send ~4 with|in|using|via ~1 gift_cards|gift_card|itunes|google_play|steam_cards|vouchers|bitcoin|crypto',
      'wire|send|transfer|pay|deposit ~6 to ~1 hold|reserve|secure|release|unlock|keep',
      'pay|send|transfer ~6 first|upfront|in_advance|before_i_start|before_they',
      'want|wants|wanted|asking|asks|asked ~4 full_amount|deposit|money|payment|it ~3 by|via|through ~1 bank_transfer|transfer|crypto|gift_cards|cash',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_unseen',
    ['no|without ~1 viewing|viewings|inspection|seeing_it|seeing_them|meeting_first|test_drive'],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_secrecy',
    [
      'not|never ~1 tell|mention|say_anything_to ~2 his|her|my|your|our|anyone|anybody|the_bank|mum|dad|family|staff|the_branch',
    ],
    { weight: 0.6, subject: 'any' },
  ),
  ...r(
    'fraud',
    'shape_promise',
    [
      'cure|cures|reverse|guaranteed|guarantee|risk_free ~4 cancer|dementia|diabetes|returns|profit|profits|income|money',
      'double|triple ~2 my|your|their|the ~1 money|investment|savings',
    ],
    { weight: 0.5, subject: 'any' },
  ),
  ...r(
    'fraud',
    'coached_call',
    [
      '@STRANGER ~5 has|have|had|got|taken|took ~1 control|access|remote_access ~2 of|to|over ~2 my|our|the ~1 computer|laptop|phone|screen|pc|tablet|device',
      'control|access ~2 of|to ~2 my|our ~1 computer|laptop|phone|screen|pc|tablet ~6 log|logging|banking|refund|refunding|see',
    ],
    { subject: 'any' },
  ),
];

/**
 * FG21/1 drivers as frames: a partner who left or controls the money, a threat from someone present,
 * addiction said of oneself, a budget at its last few pounds, a carer who is a child, a first language.
 */
const VULNERABLE_FRAMES: RuleSpec[] = [
  ...r(
    'vulnerable',
    'abuse',
    ['make|makes ~1 me ~1 regret|pay_for_it|suffer|sorry', 'or ~1 else ~1 $|he|she|they'],
    { driver: 'life_event', subject: 'any' },
  ),
  ...r(
    'vulnerable',
    'coercion',
    [
      'ex|husband|wife|partner|boyfriend|girlfriend|he|she|son|daughter ~5 moves|takes|took|controls|keeps|spends ~3 my ~1 wages|money|salary|benefits|pension|card|pin|login|savings',
    ],
    { driver: 'life_event', subject: 'any', weight: 0.5 },
  ),
  ...r(
    'vulnerable',
    'life_event',
    [
      'husband|wife|partner|boyfriend|girlfriend ~1 left|walked_out|moved_out|walked_away ~2 me|us|last_week|last_month|recently|yesterday|and|$',
      'new ~1 in|to ~1 uk|england|britain|the_country|this_country|america|the_us',
    ],
    { driver: 'life_event', subject: 'any' },
  ),
  ...r(
    'vulnerable',
    'health',
    ['i ~1 am ~2 addicted ~1 $|and', 'can not ~1 stop @REFL|gambling|betting|drinking|spending'],
    { driver: 'health' },
  ),
  ...r(
    'vulnerable',
    'resilience',
    [
      'literally|only|just ~1 got|have|left ~2 # ~1 left|to_my_name|in_my_account|$|and',
      'can not afford|absorb|take|manage|cope_with ~2 any|another ~1 more? ~1 fee|fees|charge|charges|costs',
      'kids|children|family ~1 need|needs ~2 lunch_money|food|feeding|dinner|shoes|uniform|nappies',
      'paycheck|payday|wages|pay|benefits ~2 not ~1 till|until|due_till',
      'put|puts|left ~1 me ~1 negative|overdrawn|in_the_red|short',
    ],
    { driver: 'resilience', weight: 0.5 },
  ),
  ...r(
    'vulnerable',
    'capability',
    [
      'i|we ~1 speak|speaks ~2 only? ~1 @LANG',
      'never|not ~1 handled|done|managed|dealt_with|paid ~2 the|any ~1 bills|money|finances|banking',
      'i|we ~1 look_after|care_for|am_carer_for|am_a_carer_for|caring_for ~2 my ~1 mum|dad|mother|father|nan|gran|brother|sister|parents',
    ],
    { driver: 'capability', weight: 0.5 },
  ),
];

/**
 * A person requested, as frames: [wish or ask] + [meet/talk verb] + [with a role], and [a role] + [contact
 * verb] + [me]. Gaps are wide because the role often comes as "one of your mortgage advisers", "somebody
 * from the surgery".
 */
const REQUEST_FRAMES: RuleSpec[] = r('request', 'direct', [
  'would|like|love|rather|prefer|want|wish|grateful|could|can|please|arrange ~4 @SPEAK|sit_down|meet|see|talk_it_through|go_through_it ~4 with|to ~3 @ROLE',
  'can|could|would|will|please|grateful_if|like|want|need|ask|get ~3 @ROLE|them|him|her ~5 ring|call|phone|contact|email|get_back_to ~1 me|us',
  'who is|s ~2 in_charge|the_boss|the_manager|responsible_here $|here',
  'rather|prefer ~6 @ROLE ~3 than',
]);
// Relayed by staff or a relative: "the patient at the window is asking to see the duty doctor".
REQUEST_FRAMES.push(
  ...r(
    'request',
    'direct',
    [
      'asking|asks|asked|wants|wanting|demanding|insisting ~1 to|on ~1 see|seeing|speak_to|talk_to|speaking_to ~3 @ROLE',
    ],
    {
      subject: 'any',
    },
  ),
);

export const RULES: readonly RuleSpec[] = [
  ...SELF_HARM,
  ...SITUATIONS,
  ...SELF_HARM_FRAMES,
  ...SELF_HARM_LIGHT,
  ...DISTRESS,
  ...REQUEST,
  ...REQUEST_FRAMES,
  ...VULNERABLE,
  ...VULNERABLE_FRAMES,
  ...FRAUD,
  ...SCAM_SHAPE,
  ...SCAM_FRAMES,
];

/**
 * Idioms that contain an alarming word. A cue that overlaps one is dropped; the idiom itself is
 * harmless ("this queue is killing me", "I could murder a coffee", "overdosed on chocolate").
 */
export const IDIOMS: readonly string[] = [
  // A manner adverbial ("I like to come in person"), not a person asked for.
  'in person',
  '@NONPERSON ~2 is|are|was|were|be ~1 killing|killin|murdering ~1 me|us',
  'killing|murdering|doing me|us ~1 $',
  'could|would|can ~2 murder|kill|die_for|slaughter ~2 a|an|some|for|the ~1 @TREAT',
  'kill|killing|murder ~1 for ~2 a|an|some ~1 @TREAT',
  'to die for',
  'dying for|to|of ~2 a|an|some|know|hear|see|try|get|go|meet|find|laughter|laughing|boredom|curiosity|embarrassment|shame|thirst|hunger|heat|cold|@TREAT',
  'die|died|dying|dead ~2 of|from|with ~1 embarrassment|shame|boredom|laughter|laughing|curiosity|cringe|envy|jealousy|excitement',
  'died|dying|dead ~1 laughing',
  'bored|scared|worried|frightened|sick|tired|starved ~1 to ~1 death',
  'dead tired|easy|serious|right|set|on|certain|good|simple|quiet|heavy|slow|boring|end|line|battery|phone|zone|link|lock',
  'drop|dropped dead ~1 gorgeous|boring',
  'over my dead body',
  // Tears of relief or joy, and standing as a body's limit ("can't stand for long"), are no distress.
  'could|would|about_to|going_to? cry|cried|crying|tears|weep|wept with|of relief|joy|happiness|laughter|laughing',
  'can|could|cannot ~1 stand for? long|very_long|all_day',
  // "Nursing her took everything out of me": worn out, not a means taken.
  'take|took|taken|takes|taking ~1 everything|it|a_lot|so_much ~1 out_of me|us|him|her|them',
  'shot|shoot|shooting @REFL ~1 in ~1 the|my ~1 foot',
  'died|passed|passed_away ~3 of|from|with ~3 at ~1 the_age_of|age? ~1 #',
  'kill|killing|killed time|two_birds|the_engine|the_lights|the_app|the_process|the_mood|the_vibe|it_in|the_call|the_card|the_account|the_direct_debit|the_subscription|the_standing_order|off_the_direct_debit|that_idea',
  'kill|killing|killed ~1 it $',
  'killer ~1 deal|app|price|rate|offer|view|heels|workout|headache|queue|cough|job',
  'overdose|overdosed|overdosing|od ~1 on|of ~3 @HARMLESS',
  'overdose|overdosed|overdosing|od ~1 on|of ~2 @TREAT',
  'addicted|hooked ~1 to|on ~3 @HARMLESS|@TREAT|it|this|that',
  'high on ~1 life|sugar|caffeine|excitement|adrenaline|success',
  'on crack',
  'chill pill',
  'bitter pill|pill_to_swallow',
  'hard pill|pill ~2 to swallow',
  'cut|cutting|cuts @REFL ~3 shaving|on|while|when_i_was|cooking|opening|chopping|gardening|a_slice|some|a_piece|off|in_the_kitchen|with_a_knife_while|by_accident|accidentally|a_break|some_slack',
  'hurt|hurting|injured|injure|burnt|burned @REFL ~3 lifting|at_the_gym|playing|falling|slipped|tripped|fell|on_the_stairs|in_the_garden|at_work|cooking|running|exercising|moving|with_the_kettle|on_the_oven|on_the_stove|on_the_iron',
  'hang|hanging|hung ~1 on|in|up|out|around|about|onto|over|tight|there',
  'jump|jumping|jumped ~2 through|the_queue|queue|in_line|ahead|the_gun|to_conclusions|to_it|hoops|the_line',
  // "Jump at the chance", "jumped on it": right after the verb; with words between ("jump from the bridge
  // on Saturday") the preposition belongs to something else.
  'jump|jumping|jumped at|on',
  'end of ~1 the|my|his|her|our ~1 day|week|month|road|line|year|term|contract|tenancy|mortgage|tether|rope|wits',
  'end|ending|ended|ends ~2 contract|agreement|subscription|tenancy|direct_debit|standing_order|membership|relationship_with|policy|call|chat|meeting',
  'end|ending|ended it ~1 with',
  'want|wish|hope ~1 to ~1 die ~1 happy|old|in_my_sleep_at|at_home',
  'life|lives ~1 insurance|assurance|cover|policy|savings|expectancy|events',
  'do|did|does not|never ~1 want ~1 to ~1 die $',
  'going|about ~1 to ~1 die ~1 of|from ~1 embarrassment|shame|boredom|laughing|hunger|thirst',
  'shoot|shooting ~1 me|you ~1 an|a ~1 email|message|text|note',
  'burden of proof',
  // Going somewhere quickly: "I'll shoot over after work", "shoot round to the chemist".
  'shoot|shooting ~1 over|round|across|down|off ~1 to|after|later|now|there|in|and|tomorrow|$',
  'overdose|overdosed|overdosing ~1 plants|the_plants|my_plants|the_garden|the_lawn|the_roses|the_fish|the_tomatoes',
  // Lost the will to live over a thing: "lost the will to live with that app", "waiting in this queue".
  'lost|losing|lose ~1 the ~1 will ~1 to ~1 live ~1 with_that|with_this|with_the|with_your|over_this|over_that|waiting|trying_to|filling_in|reading_this|listening_to|in_this_queue|in_that_queue|on_hold',
  // What a charge or a bank "left me with" is money, not a partner leaving.
  'you|you_have|they|they_have|it|it_has|this|that|which ~1 left|leaves|leaving ~1 me|us ~1 with|short|skint|overdrawn|out_of_pocket',
  // Bankrupt as a verb is the price's hyperbole ("this baby is going to bankrupt us"); a person bankrupt is not.
  'going_to|will|would|could|gonna ~1 bankrupt ~1 us|me',
  'suicide ~1 squad|doors|mission|run|bid|jump_in_chess',
  'end ~1 it ~1 all ~2 with ~1 a|the ~1 cup|cake|drink|pint|holiday',
  'killing ~1 @REFL ~1 laughing',
  'i|we am|are ~2 dead|dying|dying_here ~2 of ~1 boredom|hunger|thirst|embarrassment',
  'not ~2 going_anywhere|leaving',
  'last ~1 time ~3 ordered|paid|visited|came|was_here|logged|used|checked|spoke|called|booked',
  'the ~1 point ~1 of ~2 sale|contact|view|the_fee|this_account|this_form|the_charge',
  'give|giving|gave ~1 away ~2 clothes|books|toys|the_sofa|furniture|old|to_charity|for_free|the_ending|the_plot|the_answer|the_game|a_gift|prizes',
  'gun|gunning ~1 for|to',
  'blind date|spot|corner|eye|faith',
  'deaf ~1 ears',
  'dead|died ~1 phone|battery|card|line|account|laptop|plant|plants|car|engine|link|pc|computer',
  'my ~1 phone|battery|card|laptop|car|app|computer|plant|plants|tablet|printer|wifi|internet|router ~2 died|dead|dying|is_dead|has_died',
  'phone|battery|laptop|tablet|charge ~3 about_to_die|going_to_die|is_dying|will_die|dying_on_me',
  'pill|pills|tablet|tablets ~3 reminder|reminders|organiser|dispenser|box|repeat|prescription|refill|collect|collection|ready|pick_up|dosage|dose|strength',
  'cat|dog|pet|hamster|rabbit|goldfish|fish|budgie|parrot|horse|tortoise|guinea_pig|puppy|kitten|pony ~2 died|passed|passed_away|put_down|dead|put_to_sleep',
  'lost|lose ~1 my|our ~1 cat|dog|pet|hamster|rabbit|horse|puppy|kitten',
  'desperate|desperately ~1 hurry|rush|to_know|for_the_loo|for_a_wee|for_a_coffee|for_a_cuppa',
  'burn|burnt|burned|cut|scratch|scratched ~1 my ~1 arm|hand|finger|fingers|leg|thumb|face ~2 on|while|cooking|shaving|ironing|in_the_kitchen|by_accident|accidentally|gardening',
];
