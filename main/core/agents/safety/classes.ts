/** Word classes shared by the cue rules (see pattern.ts for the syntax that uses them as `@NAME`). */
export const CLASSES: Record<string, readonly string[]> = {
  SELF: ['i', 'me', 'my', 'myself', 'we', 'us', 'our'],
  OTHER_PRONOUN: ['he', 'she', 'they', 'him', 'her', 'them', 'his', 'their', 'himself', 'herself', 'themselves', 'themself'],
  REFL: ['myself', 'himself', 'herself', 'themselves', 'themself', 'ourselves', 'meself'],
  KIN: [
    'son', 'daughter', 'husband', 'wife', 'partner', 'mum', 'mom', 'mother', 'dad', 'father', 'brother',
    'sister', 'friend', 'boyfriend', 'girlfriend', 'child', 'kid', 'grandson', 'granddaughter', 'nan',
    'gran', 'grandma', 'grandmother', 'grandad', 'grandpa', 'grandfather', 'aunt', 'uncle', 'nephew',
    'niece', 'flatmate', 'roommate', 'colleague', 'neighbour', 'neighbor', 'teenager', 'cousin', 'fiance',
    'fiancee', 'carer', 'stepson', 'stepdaughter', 'parent', 'sibling', 'spouse', 'ex', 'lodger', 'tenant',
    'patient', 'client', 'customer', 'someone', 'somebody', 'man', 'woman', 'guy', 'lady', 'boy', 'girl',
  ],
  NEG: ['not', 'never', 'no', 'nobody', 'nothing', 'cannot', 'nowhere', 'none', 'neither', 'nor'],
  WANT: ['want', 'wish', 'like', 'wanted', 'wishing', 'wanting', 'need', 'prefer', 'rather', 'hope'],
  // Ways to say "alive / here / around" after "don't want to be".
  ALIVE: ['alive', 'here', 'around', 'living', 'live', 'exist', 'existing', 'wake', 'go_on', 'carry_on', 'keep_going', 'breathe', 'in_this_world', 'on_this_earth'],
  MED: [
    'pill', 'pills', 'tablet', 'tablets', 'paracetamol', 'ibuprofen', 'painkiller', 'painkillers',
    'medication', 'medicine', 'meds', 'insulin', 'sleeping_pills', 'sleeping_tablets', 'codeine',
    'tramadol', 'antidepressant', 'antidepressants', 'aspirin', 'co_codamol', 'cocodamol', 'morphine',
    'diazepam', 'sertraline', 'amitriptyline', 'prescription', 'oxycodone', 'opioids', 'pills',
  ],
  // People a customer may ask for, across both desks.
  ROLE: [
    'human', 'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'manager', 'supervisor',
    'staff', 'member_of_staff', 'staff_member', 'agent', 'advisor', 'adviser', 'representative', 'rep',
    'colleague', 'nurse', 'doctor', 'gp', 'receptionist', 'clinician', 'pharmacist', 'teller', 'cashier',
    'banker', 'operator', 'human_being', 'real_person', 'actual_person', 'team', 'duty_doctor',
    'practice_manager', 'branch_manager', 'boss', 'midwife', 'counsellor', 'counselor', 'physician',
    'consultant', 'specialist', 'medic', 'paramedic', 'official', 'worker', 'employee', 'human_agent',
    'live_agent', 'man', 'woman', 'lady', 'guy', 'voice', 'officer', 'loan_officer', 'mortgage_adviser',
    'mortgage_advisor', 'bereavement_team', 'financial_adviser', 'personal_banker', 'care_coordinator',
    'practice_nurse', 'health_visitor', 'social_worker', 'dentist', 'optician', 'therapist', 'teller',
  ],
  MACHINE: [
    'bot', 'bots', 'robot', 'robots', 'machine', 'machines', 'computer', 'ai', 'chatbot', 'chat_bot',
    'automated', 'automation', 'algorithm', 'program', 'programme', 'software', 'script', 'autoreply',
    'auto_reply', 'system', 'assistant', 'app', 'thing',
  ],
  SPEAK: ['speak', 'talk', 'chat', 'deal', 'discuss', 'explain', 'go_through', 'sort'],
  CONTACT: ['call', 'ring', 'phone', 'contact', 'email', 'text'],
  // Things one "could murder" or is "dying for".
  TREAT: [
    'coffee', 'tea', 'cuppa', 'pint', 'beer', 'drink', 'burger', 'pizza', 'curry', 'sandwich', 'cake',
    'biscuit', 'chocolate', 'kebab', 'takeaway', 'holiday', 'nap', 'sleep', 'wine', 'glass', 'bacon',
    'breakfast', 'lunch', 'dinner', 'snack', 'cigarette', 'fag', 'smoke', 'bath', 'shower', 'break',
    'cup', 'bite', 'meal', 'chips', 'crisps', 'ice_cream', 'doughnut', 'donut', 'brew', 'latte', 'g_and_t',
  ],
  // Things that can "kill" a person only in the idiom ("this queue is killing me").
  NONPERSON: [
    'queue', 'wait', 'waiting', 'line', 'traffic', 'heat', 'weather', 'suspense', 'commute', 'job', 'work',
    'feet', 'back', 'knees', 'knee', 'legs', 'head', 'hangover', 'music', 'hold', 'this', 'that', 'it',
    'week', 'day', 'prices', 'price', 'fees', 'fee', 'interest', 'rent', 'bill', 'bills', 'paperwork',
    'form', 'forms', 'website', 'app', 'system', 'shoes', 'stairs', 'cold', 'noise', 'boredom',
  ],
  DRUG: [
    'overdose', 'overdosed', 'overdosing', 'od', 'odd', 'high', 'addicted', 'hooked', 'crack', 'dope',
    'pill', 'drug', 'drugs', 'fix', 'junkie', 'trip', 'stoned', 'wasted',
  ],
  // Non-lethal things to have "too much" of.
  HARMLESS: [
    'chocolate', 'sugar', 'caffeine', 'coffee', 'tea', 'cake', 'netflix', 'tv', 'telly', 'box_set',
    'boxset', 'christmas', 'turkey', 'sweets', 'candy', 'carbs', 'cheese', 'sunshine', 'sun', 'paperwork',
    'emails', 'email', 'news', 'work', 'meetings', 'forms', 'admin', 'nostalgia', 'life', 'shopping',
    'pizza', 'crisps', 'biscuits', 'mince_pies', 'gin', 'wine', 'cuteness', 'kindness', 'love',
    'information', 'jargon', 'football', 'gaming', 'tiktok', 'social_media', 'this_show', 'show',
    'series', 'podcast', 'podcasts', 'music', 'songs', 'puzzles', 'crosswords', 'gardening', 'memes',
  ],
  INTENS: [
    'so', 'absolutely', 'absolute', 'utterly', 'utter', 'beyond', 'completely', 'complete', 'totally',
    'total', 'really', 'extremely', 'incredibly', 'deeply', 'truly', 'very', 'such', 'bloody', 'fucking',
    'massively', 'properly', 'genuinely', 'seriously', 'thoroughly', 'fully', 'literally', 'too',
  ],
  EMO: [
    'angry', 'furious', 'fury', 'rage', 'raging', 'livid', 'fuming', 'pissed', 'pissed_off', 'mad', 'cross',
    'outraged', 'disgusted', 'humiliated', 'insulted', 'embarrassed', 'ashamed', 'scared', 'terrified',
    'frightened', 'panicked', 'panicking', 'anxious', 'shaken', 'distressed', 'upset', 'destroyed',
    'devastated', 'broken', 'gutted', 'heartbroken', 'distraught', 'overwhelmed', 'bits', 'pieces',
    'meltdown', 'wreck', 'mess', 'state', 'despair', 'desperate', 'hopeless', 'lost', 'alone', 'stressed',
    'worried', 'afraid', 'exhausted', 'miserable', 'wretched', 'hurt', 'betrayed', 'sick', 'numb',
    'shattered', 'crushed', 'traumatised', 'traumatized', 'horrified', 'petrified', 'frantic',
  ],
  TIME_NOW: ['now', 'today', 'tonight', 'immediately', 'right_now', 'right_away', 'asap', 'urgently', 'straight_away', 'this_afternoon', 'this_morning', 'before'],
  MONEY: ['money', 'savings', 'funds', 'cash', 'balance', 'pension', 'everything', 'it', 'all', 'payment', 'deposit', 'transfer', 'lump_sum'],
  AUTHORITY: [
    'bank', 'police', 'fraud_team', 'fraud_department', 'hmrc', 'irs', 'investigator', 'officer',
    'detective', 'microsoft', 'amazon', 'bt', 'apple', 'security_team', 'fraud', 'the_bank', 'your_bank',
    'nca', 'fbi', 'courier', 'solicitor', 'lawyer', 'government', 'council',
  ],
};

/** Pronoun/person words that settle who a clause is about. */
export const SELF_WORDS = new Set(['i', 'me', 'my', 'myself', 'mine', 'meself']);
export const OTHER_WORDS = new Set([
  ...(CLASSES.OTHER_PRONOUN as string[]),
  ...(CLASSES.KIN as string[]).filter((k) => !['someone', 'somebody', 'man', 'woman', 'guy', 'lady', 'boy', 'girl', 'customer', 'client', 'patient'].includes(k)),
]);
export const NEGATORS = new Set(CLASSES.NEG as string[]);
/** After a negator these words make it a hedge ("not sure I want to live"), not a denial. */
export const HEDGES = new Set(['been', 'felt', 'sure', 'know', 'think', 'certain', 'believe', 'care', 'matter', 'mind', 'only', 'just']);
