/**
 * A compact name gazetteer: common given names and surnames across the UK, US, Europe and beyond,
 * including non-ASCII spellings. It is deliberately small (a few KB): context rules ("my name is",
 * titles) catch names outside it, and it only has to tip ambiguous capitalised words one way.
 */
import { WIDE_AMBIGUOUS_FIRST, WIDE_FIRST, WIDE_LAST } from './names-wide';

const FIRST = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander
frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle
ethan walter noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan
jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent
ralph eugene russell bobby mason philip louis harry oliver charlie leo archie alfie freddie oscar theo
arthur isaac finley lucas max rory callum connor liam owen rhys dylan evan aled gareth ieuan dafydd
hamish angus fraser euan alistair niall ciaran declan seamus eoin cillian oisin mohammed muhammad ahmed
ali hassan omar yusuf ibrahim tariq imran bilal faisal arjun rahul raj sanjay vikram amit ravi anil
deepak sunil wei li ming jun hao chen yang kenji hiroshi takeshi yuki haruto sora min-jun seo-yeon
jiho carlos luis miguel javier antonio manuel francisco pedro diego pablo alejandro andrés sergio
ángel raúl joão thiago gonçalo rafael fernando marco luca matteo giuseppe giovanni alessandro lorenzo
francesco andrea pierre jean louis françois étienne hugo lucas thomas nicolas mathieu klaus jürgen
hans stefan lukas felix maximilian jonas leon tobias sven lars søren mads anders nils björn erik jens
magnus olaf łukasz piotr krzysztof tomasz paweł michał jakub wojciech marek grzegorz andrzej ivan
dmitri sergei alexei mikhail nikolai vladimir oleksandr tomáš jiří pavel mehmet mustafa emre ahmet
kwame kofi chinedu emeka tunde oluwaseun thabo sipho
mike ben tom tommy dave steve chris jim jimmy tony ken kenny pete andy matt sam alex danny jon jonny
eddie ted teddy ron ronnie phil greg jeff barry derek colin stuart stewart nigel neil ian iain malcolm
clive trevor craig darren shane glenn marcus marc jake luke josh nate zach cody travis tyrone darnell
jamal dwayne terrence terrance reginald reggie leroy rodney cedric curtis marvin melvin calvin lamar
deshawn andre xavier damian dominic sebastian julian adrian victor hector ruben mateo emilio
salvatore vincenzo giorgio paolo stefano roberto enzo mario luigi gennaro pasquale massimo fabio davide
riccardo emanuele kai kayden jayden aiden brayden caleb isaiah levi ezra elias finn ronan conor padraig
brendan kieran darragh stanley wilfred herbert cyril leonard lenny gordon howard rupert hugh giles toby
jasper barnaby nikhil rohan rajesh suresh ramesh mahesh ganesh vijay ajay arun karthik vivek nitin
rakesh manoj ashok sachin rishi aditya arnav krishna pradeep sandeep gurpreet harpreet jaspreet manpreet
hardeep kuldeep balwinder abdul abdullah ahmad hamza zain zayn usman adnan kamran asif shahid rashid
khalid waleed karim samir nabil malik amir hussein mahmoud mohamed mohammad youssef mustapha idris ayaan
rayyan aryan farhan rizwan shoaib junaid wasim nadeem naveed saeed javed tanvir rafiq chidi chukwuma
obinna ikenna nnamdi uche babatunde olumide segun femi kayode yemi kunle tayo dayo kwabena kojo kwesi
musa abdi mohamud tendai tatenda farai themba bongani takashi satoshi kazuki daiki ryota shota kaito
haruki kenta akira yusuke taro ichiro kenichi koji makoto naoki shinji daisuke takumi jian jie lei tao
yong qiang xiaoming zhiwei junjie ji-hoon seo-jun do-yun minh tuan thanh quang dmitry andrei andriy oleg
igor yuri boris viktor maxim artem anton denis ruslan taras bohdan vasyl mykola nikola dragan goran
zoran marko luka filip dejan bogdan mihai ionut florin cristian alexandru bartosz kamil mateusz dawid
szymon tomek jarek zbigniew janusz stanisław kazimierz tadeusz wolfgang dieter uwe helmut günter rainer
manfred horst bernd jörg thorsten matthias florian niklas pieter johan henk willem gunnar bjorn henrik
fredrik mikael oskar axel emil leif jacques philippe alain christophe sébastien julien guillaume antoine
baptiste benoît olivier yves rené marcel émile jesús alberto alfonso enrique ricardo eduardo gustavo
jorge mauricio ramón rodrigo tomás ignacio joaquín guillermo gonzalo rhodri gethin iwan emyr owain huw
ioan osian cai tomos cathal colm donal fergal ruairi ewan murdo lachlan alasdair alastair harvey reuben
jude frederick fred alfred ernest sidney cecil clarence lionel desmond duncan fergus gavin neville
roland wesley edwin elliot elliott jamie johnny ricky robbie sammy stevie ollie nathaniel jen
jenny kate katie liz lizzie beth becky becca jill gill gillian jackie tracy tracey stacey claire louise
lesley leslie wendy tina tanya sonia sonya vicky vicki nikki nicola zara lydia maisie rosie tilly
matilda phoebe esme elsie edith mabel ethel gladys mavis doreen maureen pauline sheila valerie yvonne
lorraine elaine dianne joanne leanne jodie kayleigh courtney bethany abbie abby molly katy naomi miriam
esther leah rebekah tamsin candace candice whitney latoya shanice keisha tamika marsha loretta bernice
darlene lucille geraldine josephine priyanka shreya ananya divya swati nisha rekha meena usha geeta
seema asha preeti ritu sonal kajal jyoti harleen simran manjit parminder rupinder shamima nasreen
rukhsana shabana farzana nazia sadia ayesha hira sana saima uzma khadija maryam hafsa sumaya safiya
halima hawa asma rania leila dina salma nour lina huda amal chioma nneka ifeoma chinwe funmi funmilayo
bukola yetunde folasade titilayo temitope tolu bisi kemi abimbola omolara adeola akua abena efua
adwoa esi hodan chipo lungile yui aoi mio haruka ayaka yuko keiko naoko tomoko yoko akiko misaki
miyu jing xin linh huong trang thao phuong ngoc oksana olena yulia kateryna iryna nadia natasha daria
ksenia alina polina milena jelena ana ivana marija gabriela ioana andreea mirela dorota krystyna kasia
basia gosia ania marta monika beata jolanta grażyna claudia susanne stefanie lena leonie hanna karin
kerstin britta liv elin ebba linnea nora sofie mette saskia annika birgit gisela sanne anouk femke lotte
amandine élodie céline sandrine nathalie valérie sylvie isabelle brigitte martine monique juliette
margaux océane adriana alejandra cristina guadalupe marisol pilar rocío silvia ximena luana larissa
fernanda juliana renata leticia federica elisa roberta alessandra valeria serena ilaria giovanna rosaria
lucia carla nia sian siân rhiannon angharad catrin eleri mared lowri sinead sinéad orla grainne róisín
roisin caoimhe clodagh eimear deirdre maeve bronagh morven ishbel mhairi shona ailsa
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine
christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia
victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria
teresa ann sara madison frances kathryn janice jean abigail alice judy sophia julia denise amber doris
marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori
amelia isla ava mia ivy lily freya florence ella evie poppy sophie chloe grace ellie millie harriet
lucy imogen jessica holly eleanor zoe zoë niamh siobhan aoife ciara saoirse catriona morag eilidh
fiona kirsty gwen bethan cerys seren ffion carys aisha fatima zainab amina mariam noor layla yasmin
priya anjali sunita deepika kavya neha pooja lakshmi mei xiu ying fang hui yuki sakura hana aiko
ji-woo seo-yeon su-bin lucía sofía martina valentina camila isabel carmen elena paula daniela inês
beatriz mariana giulia francesca chiara alessia sofia aurélie camille léa chloé manon inès amélie
hélène anja katrin sabine ursula petra heike greta ingrid astrid sigrid freja ida maja agnieszka
katarzyna małgorzata magdalena joanna ewa zofia natalia olga tatiana svetlana anastasia irina ayşe
zeynep elif fatma chiamaka ngozi amara adaeze folake zanele nomvula
`;

/**
 * Given names that are also everyday words. Alone they are a name only with context
 * (a title, "my name is", or a following surname).
 */
const AMBIGUOUS_FIRST = `
will bill may grace rose hope faith june april summer joy amber ruby jack frank mark art dean drew pat
sue rob ray chase hunter bob penny holly ivy max lily iris violet dawn robin autumn sunny sky hazel
victoria florence jordan austin norman august rich guy gene
jun
jan daisy destiny precious dale glen lance miles ebony brandy crystal jade candy sandy kerry clare
shannon rosemary nick
`;

const LAST = `
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright
walker white edwards hughes green hall lewis harris clarke clark patel jackson wood turner martin cooper
hill ward morris moore king watson harrison morgan baker young allen mitchell anderson lee bell parker
davis miller garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores
rivera gomez diaz reyes cruz morales ortiz gutierrez chavez ramos ruiz alvarez mendoza castillo jimenez
moreno romero herrera medina aguilar vargas nguyen tran pham kim park choi wang li zhang liu chen yang
huang zhao wu zhou xu sun ma zhu hu guo lin he gao luo singh kumar sharma gupta shah khan ahmed ali
hussain begum rahman islam chowdhury mahmood iqbal akhtar murphy kelly o'brien o'sullivan walsh byrne
ryan o'connor mccarthy doyle kennedy lynch murray quinn macdonald campbell stewart robertson reid ross
fraser mackenzie scott anderson henderson paterson hamilton graham johnston mclean wallace sutherland
jenkins price lloyd owen rees morgan griffiths phillips powell james llewellyn vaughan howell bowen
müller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf
schröder neumann schwarz zimmermann braun krüger hofmann hartmann lange werner krause lehmann dubois
durand lefebvre leroy moreau laurent simon michel lefèvre garnier rousseau fontaine rossi russo ferrari
esposito bianchi romano colombo ricci marino greco bruno gallo conti costa giordano mancini silva santos
oliveira souza pereira ferreira alves rodrigues gonçalves nowak kowalski wiśniewski wójcik kowalczyk
kamiński lewandowski zieliński szymański woźniak dąbrowski kozłowski jensen nielsen hansen pedersen
andersen christensen larsen sørensen rasmussen johansson karlsson nilsson eriksson larsson olsen berg
haugen ivanov smirnov kuznetsov popov petrov sokolov novák svoboda dvořák yılmaz kaya demir şahin çelik
okafor okonkwo adeyemi mensah osei nkosi dlamini tanaka suzuki takahashi watanabe yamamoto nakamura
kobayashi sato ito kato lee choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo
cohen levy friedman goldberg shapiro katz rosen fitzgerald o'neill gallagher mcdonald hughes barnes
fisher harper mason ellis knight palmer holmes webb hunt shaw rose fox gray stone hart ford bishop
carr nolan finch simmons donnelly desai brooks mehta joshi reddy rao nair menon pillai iyer chopra
kapoor malhotra bhatt trivedi pandey mishra verma yadav bose banerjee chatterjee mukherjee ghosh dutta
siddiqui qureshi malik raza haider mirza sheikh ansari farooq aziz hussein hassan mohamed abdi osman
nasser haddad khoury mansour saleh ibrahim yusuf okoro nwosu eze okeke chukwu okoye adebayo ogunleye
oladipo bello balogun afolabi asante boateng owusu appiah acheampong darko addo mwangi otieno kamau
ndlovu moyo banda phiri fernandez navarro dominguez vazquez castro ortega delgado rubio molina suarez
marquez serrano nunes lopes carvalho ribeiro almeida martins sousa fernandes moretti barbieri lombardi
caruso ferrara rizzo santoro marini galli leone longo gentile martinelli vitale dupont girard bonnet
lambert fournier mercier guerin bauer wolff peters janssen bakker visser smit meijer mulder dekker
jansen hendriks mazur krawczyk kaczmarek grabowski pawlowski michalski jankowski
kwiatkowski horvath nagy toth szabo kovacs popescu ionescu popa dumitru georgiou papadopoulos petrovic
jovanovic nikolic markovic kovacevic horvat kovac hansson lindberg lindqvist dahl nyberg virtanen
korhonen nieminen barker bennett carter chapman coleman collins cox crawford dixon fletcher gibson
gordon griffin hayes hopkins howard hudson kerr lawrence matthews newman norris owens payne pearce
pearson perry richards richardson riley rogers russell saunders simpson spencer stevens sullivan
thornton tucker warren watts webster wheeler whitehead wilkinson williamson barrett burton cartwright
dawson doherty farrell flynn gilbert hammond harvey hewitt hobbs hodgson lowe nash parsons pratt rowe
slater todd walton watkins weston whittaker wong chan cheung leung lau yip kwok chow yeung yamada
yoshida yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki ikeda hashimoto ishikawa ogawa okada
hasegawa murakami kondo saito sakamoto endo aoki fujii nishimura fukuda miura fujita okamoto matsuda
nakagawa nakano harada takeuchi washington jefferson freeman hawkins bryant dunn gardner kelley lawson
myers nichols olson perkins reynolds snyder stephens willis donovan mcbride mcgrath mclaughlin mcmahon
mcguire brennan kavanagh keane maguire
`;

function words(list: string): Set<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** The hand lists alone: what scripts/name-gazetteer/build.ts widens (and never repeats). */
export const HAND_AMBIGUOUS_FIRST: ReadonlySet<string> = words(AMBIGUOUS_FIRST);
export const HAND_FIRST: ReadonlySet<string> = words(FIRST);
export const HAND_LAST: ReadonlySet<string> = words(LAST);

// The hand lists, widened by the generated one (names-wide.ts): given names and surnames of the
// locales a UK bank's customers come from, so a name of Polish, Yoruba or Tamil origin is known too.
// Split once: the sets below share the words' strings.
const wideFirst = words(WIDE_FIRST);
const wideAmbiguous = words(WIDE_AMBIGUOUS_FIRST);
const wideLast = words(WIDE_LAST);

export const AMBIGUOUS_FIRST_NAMES: ReadonlySet<string> = new Set([
  ...HAND_AMBIGUOUS_FIRST,
  ...wideAmbiguous,
]);
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  [...HAND_FIRST, ...wideFirst].filter((w) => !AMBIGUOUS_FIRST_NAMES.has(w)),
);
export const LAST_NAMES: ReadonlySet<string> = new Set([...HAND_LAST, ...wideLast]);
/** Words known as names from the generated list alone. */
export const WIDE_ONLY: ReadonlySet<string> = new Set(
  [...wideFirst, ...wideAmbiguous, ...wideLast].filter(
    (w) => !HAND_FIRST.has(w) && !HAND_AMBIGUOUS_FIRST.has(w) && !HAND_LAST.has(w),
  ),
);

/** The commonest Chinese surnames, for names written in Han characters (李伟, 王芳). */
export const HAN_SURNAMES =
  '李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍韦申尤毕聂丛焦向柳邢路岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵解强柴华车冉房边';

/**
 * Capitalised words that often follow a given name or sit in name position but are not names:
 * sentence starters, service vocabulary, places. Keeps "Will you", "Bill Payments", "May I" out.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = words(`
i i'm im it's it’s its name's names she's he's that's there's here's what's who's they're we're you're i've i'd i'll you your yours we our us he she it they them their my me mine the a an and or but
if so then this that these those there here what which who whom whose when where why how is are was
were be been am do does did have has had can could would should shall may might must will not no yes
please thanks thank hello hi hey dear ok okay sorry sure just also still yet now today tomorrow
yesterday morning afternoon evening monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december bank banking account
accounts card cards credit debit direct payment payments transfer transfers team department service
services support customer customers client clients street road avenue lane drive close way court place
online mobile app branch office hospital clinic surgery practice ward doctor nurse pharmacy nhs gp
medical health centre center care appointment appointments prescription reception visa mastercard amex
london manchester birmingham leeds glasgow edinburgh cardiff belfast bristol liverpool york new
chicago boston texas california florida america england scotland wales ireland britain uk us usa
hmrc dvla fraud security savings mortgage loan loans isa insurance overdraft statement statements
limit balance fee fees charge charges interest rate rates business personal private premier gold
platinum classic standard plus first second last next other another every each some any all many much
more most less few good great fine best better well very really quite okay tell ask call email text
phone number address post code date birth name speaking calling writing help need want like know
think see look get got give make made take let go going come coming hold wait check update change
order ref reference transaction invoice receipt id code pin password test result results scan blood
patient patients ward bed kin north south east west lake port fort mount saint upper lower great little
isa iban ssn dob mrn nino postcode
pay wallet prime edge flex teams apple google samsung amazon microsoft monzo revolut starling santander
barclays lloyds halifax natwest nationwide hsbc paypal venmo zelle faster open christmas easter boxing
whitsun hanukkah diwali eid good new eve holiday holidays year year's mother's father's valentine
valentine's patrick's remembrance halloween thanksgiving memorial labor labour independence ramadan licence license driver driver's driving passport
mum mom dad wife husband son daughter partner carer colleague colleagues director directors officer
teller cashier payee payer cardholder holder organiser organizer applicant claimant beneficiary tenant
caller member referrer witness nan gran grandma grandad uncle aunt auntie desk till counter
feb mar apr jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
british scottish irish polish indian pakistani bangladeshi chinese african caribbean asian european
american arab romanian nigerian ghanaian somali turkish italian spanish portuguese german
sirs madam anonymous unknown withheld neighbour neighbor neighbours consultant chief executive original
message consumer
none pending declined tbc tba saver bonus square circus cheers regards sincerely faithfully warmly
someone somebody anyone anybody everyone everybody nobody family relatives widow widower insurer insurers
lender lenders landlord landlady executor executrix solicitor solicitors employer
owner owners policyholder borrower borrowers guarantor occupant deceased trustee trustees
parent parents guardian guardians outpatients inpatients positive negative paralegal
`);
