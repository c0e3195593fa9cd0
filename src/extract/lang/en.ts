import { type Cue, cueTable, type Kind, type LanguageTable } from './types.js';

const IRREGULAR: Record<string, [string, string]> = {
  say: ['said', 'saying'], tell: ['told', 'telling'], write: ['wrote', 'writing'], think: ['thought', 'thinking'],
  feel: ['felt', 'feeling'], find: ['found', 'finding'], show: ['showed', 'showing'], know: ['knew', 'knowing'],
  see: ['saw', 'seeing'], hold: ['held', 'holding'], speak: ['spoke', 'speaking'], swear: ['swore', 'swearing'],
  foresee: ['foresaw', 'foreseeing'], forecast: ['forecast', 'forecasting'], put: ['put', 'putting'],
  admit: ['admitted', 'admitting'], commit: ['committed', 'committing'], plan: ['planned', 'planning'],
  prefer: ['preferred', 'preferring'], read: ['read', 'reading'], mean: ['meant', 'meaning'],
  teach: ['taught', 'teaching'], keep: ['kept', 'keeping'], give: ['gave', 'giving'], make: ['made', 'making'],
  go: ['went', 'going'], rule: ['ruled', 'ruling'], tweet: ['tweeted', 'tweeting'], opine: ['opined', 'opining'],
  quip: ['quipped', 'quipping'], spin: ['spun', 'spinning'], bet: ['bet', 'betting'],
  seek: ['sought', 'seeking'], refer: ['referred', 'referring'],
};

/** base, third person, past, -ing: "allege" → alleges, alleged, alleging. Only the first word inflects. */
function inflect(phrase: string): string[] {
  const [base, ...rest] = phrase.split(' ');
  const tail = rest.length ? ' ' + rest.join(' ') : '';
  const third = /(s|sh|ch|x|z|o)$/.test(base) ? base + 'es' : /[^aeiou]y$/.test(base) ? base.slice(0, -1) + 'ies' : base + 's';
  const [past, ing] =
    IRREGULAR[base] ??
    (base.endsWith('e')
      ? [base + 'd', base.slice(0, -1) + 'ing']
      : /[^aeiou]y$/.test(base)
        ? [base.slice(0, -1) + 'ied', base + 'ing']
        : [base + 'ed', base + 'ing']);
  return [base, third, past, ing].map((f) => f + tail);
}

const verbs = (kind: Kind, list: string, extra: Omit<Cue, 'kind'> = {}): [string[], Cue][] =>
  list.split(',').map((v) => [inflect(v.trim()), { kind, ...extra }]);

/** Cue verbs by the kind of statement they introduce. Phrasal and addressee-taking verbs are marked. */
const cues = cueTable([
  ...verbs('CLAIM', 'say,add,state,note,explain,declare,announce,report,write,tweet,post,claim,contend,assert,argue,' +
    'maintain,stress,emphasize,emphasise,point out,recall,reveal,disclose,observe,remark,comment,testify,predict,' +
    'estimate,indicate,mention,repeat,reiterate,describe,boast,joke,quip,muse,conclude,find,show,suggest,' +
    'hint,signal,caution,concede,clarify,insist,answer,continue,acknowledge,say in a statement,speak of,' +
    'project,forecast,calculate,figure,retort,snap,shout,yell,chant,scream,exclaim,whisper,cry,tout,proclaim,' +
    'highlight,underline,underscore,elaborate,detail,specify,outline,describe,characterize,characterise,label,' +
    'brag,lament,bemoan,complain,grumble,mourn,admit,confess,publish,cite,quote,list,read,ask,wonder,question,' +
    'inquire,promise,vow,pledge,swear,guarantee,assure,threaten,predict,foresee,suspect,expect,anticipate'),
  ...verbs('CLAIM', 'tell,inform,remind,notify,brief,assure,warn,write to', { object: true }),
  // Naming what the words before were about: "…,” he said, referring to the convention.
  ...verbs('CLAIM', 'refer to,talk about'),
  ...verbs('OPINION', 'know', { complementOnly: true }),
  ...verbs('CLAIM', 'reply,respond,counter,rebut,retort,fire back,hit back,shoot back', { reply: true }),
  ...verbs('ALLEGATION', 'allege,accuse,charge,blame,claim,implicate,contend', {}),
  ...verbs('CLAIM', 'decline,refuse', { complementOnly: true }),
  ...verbs('DENIAL', 'deny,reject,dismiss,refute,rebuff,disavow,disown,dispute,repudiate,contradict,rule out,downplay'),
  ...verbs('CONFIRMATION', 'confirm,acknowledge,verify,corroborate,affirm,concede,admit', {}),
  ...verbs('DEMAND', 'demand,urge,call for,call on,press,appeal,implore,beg,plead,insist on,ask for,request,' +
    'recommend,propose,push for,push,advocate,order,instruct,direct,exhort,encourage,invite,challenge'),
  ...verbs('DEMAND', 'urge,call on,press,implore,beg,order,instruct,direct,exhort,encourage,invite,challenge,ask,advise',
    { object: true }),
  ...verbs('OPINION', 'praise,criticize,criticise,condemn,slam,blast,attack,applaud,welcome,hail,endorse,support,oppose,back,defend,' +
    'mock,ridicule,decry,deplore,denounce,lambaste,chide,scold,rebuke,berate', { nominal: true }),
  ...verbs('DENIAL', 'deny,reject,dismiss,refute,rebuff,disavow,disown,dispute,repudiate,contradict,rule out,downplay', { nominal: true }),
  ...verbs('OPINION', 'opine,believe,think,feel,hope,fear,worry,doubt,consider,regard,deem,reckon,suppose,guess,' +
    'assume,presume,want,wish,prefer,plan,intend,seek,aim,agree,disagree,praise,criticize,criticise,condemn,' +
    'slam,blast,attack,applaud,welcome,hail,endorse,support,oppose,back,defend,mock,ridicule,decry,deplore,' +
    'denounce,lambaste,chide,scold,rebuke,berate,call,dub,brand,term,view,see,judge,argue,express,voice,' +
    'express concern,express concerns,raise concerns,warn,worry about,hope for'),
]);

// Frequent phrases the annotations count as attributions, beside single verbs.
for (const [k, cue] of [
  ['according to', { kind: 'CLAIM' }],
  ['said in a statement', { kind: 'CLAIM' }],
] as [string, Cue][])
  cues.set(k, cue);
// Forms that are more often nouns or other senses than reporting verbs ("the report", "a post", "calls").
for (const noise of ('call post report cry direct charge charges press continue attack attacks support question questions ' +
  'plan aim view views quote quotes cite judge term terms show find guess signal signals detail details label push ' +
  'back backs brief snap publish read list lists counter request requests estimate estimates forecast forecasts ' +
  'comment comments answer answers tweet tweets invite invites reply replies wish hope fear doubt figure figures ' +
  'project projects order orders post posts see voice voices express want wants concern state states continues ' +
  'continuing challenge challenges appeal appeals judges regarding brand brands remarks ' +
  // Adjectives and gerunds more than reports ("an encouraging sign", "the thinking behind"), and "invited to speak".
  'thinking seeing encouraging challenging directed invited briefing detailed').split(' '))
  cues.delete(noise);

// Forms as often nouns: cues only with their complement ("plans to", "his promise to", "hopes that").
// "maintain a lead" keeps, "maintained that" claims.
for (const form of 'want wants plan plans hope hopes wish wishes aim aims fear fears promise promises pledge pledges pledged vow vows show considered pushed maintain maintains maintained maintaining'.split(' '))
  cues.set(form, { ...(cues.get(form) ?? { kind: 'OPINION' }), complementOnly: true });
// Nouns of saying and thinking, with their complement: "his claim that …", "her decision to …".
for (const [noun, kind] of [['belief', 'OPINION'], ['decision', 'OPINION'], ['assertion', 'CLAIM'],
  ['suggestion', 'CLAIM'], ['argument', 'CLAIM'], ['insistence', 'CLAIM'], ['proposal', 'DEMAND'],
  ['announcement', 'CLAIM'], ['allegation', 'ALLEGATION'], ['accusation', 'ALLEGATION'],
  ['commitment', 'CLAIM'], ['feeling', 'OPINION'], ['view', 'OPINION'], ['conviction', 'OPINION']] as const)
  for (const form of [noun, noun + 's']) if (!cues.has(form)) cues.set(form, { kind, complementOnly: true });

const words = (s: string) => new Set(s.split(/[,\s]+/).filter(Boolean));

export const english: LanguageTable = {
  code: 'en',
  abbreviations: words('mr mrs ms dr prof sen rep gov gen lt col maj capt sgt st jr sr u.s u.k u.n e.g i.e vs etc inc co ' +
    'corp ltd no jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m mt ft ave blvd rev hon fig d.c d-n.y r-n.y ' +
    'd-calif r-texas r-fla r-ky r-wis d-mass r-ohio d-vt r-s.c d-ill r-ariz ariz calif fla ill mass mich minn pa tex va wash wis'),
  functionWords: words(
    'a an the this that these those there here it its he him his she her hers they them their theirs we us our i me my ' +
      'you your who whom whose which what when where why how and or but nor so yet for of in on at to from by with as ' +
      'into onto about over under after before since until while because although though if unless whether than then ' +
      'also still even just only not no yes all any some every each both either neither many much more most few ' +
      'several such one two three other another mr mrs ms dr meanwhile however moreover furthermore instead indeed ' +
      'later earlier now today yesterday tomorrow last next first second third new old former ex one' +
      ' monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
      'september october november december do does did is are was were be been being has have had will would can ' +
      'could should shall may might must according',
  ),
  pronouns: new Map([
    ['he', 'male'], ['she', 'female'], ['they', 'plural'], ['it', 'neutral'], ['we', 'plural'],
  ]),
  cues,
  maxCueWords: 3,
  sourceBefore: ['according to', 'as reported by'],
  sourceAfter: [],
  complementisers: words('that'),
  auxiliaries: words(
    'also further later then has have had will would did does do is was were are again repeatedly previously recently ' +
      'earlier once often frequently publicly privately reportedly allegedly openly loudly flatly firmly quickly ' +
      'promptly immediately subsequently separately similarly likewise too already even never not has since long ' +
      'specifically particularly once initially originally first last ultimately finally simply clearly explicitly ' +
      'actually really just could may might must should can been being ' +
      // Degree adverbs before an adjective cue ("was very worried about"): the subject stands before them.
      'very deeply increasingly extremely quite rather seriously genuinely strongly widely gravely ' +
      "didn't doesn't don't isn't wasn't aren't weren't hasn't haven't hadn't won't wouldn't can't couldn't shouldn't",
  ),
  clauseWords: words('that which who whom whose when where while because although though if unless whether as since and or but so than after before until'),
  relatives: words('which who'),
  titles: new Map(
    [
      'president', 'vice president', 'prime minister', 'pm', 'minister', 'foreign minister', 'finance minister',
      'interior minister', 'defence minister', 'defense minister', 'secretary', 'secretary of state', 'senator', 'sen',
      'representative', 'rep', 'governor', 'gov', 'mayor', 'judge', 'justice', 'chief justice', 'general', 'gen',
      'director', 'chairman', 'chairwoman', 'chair', 'chief', 'leader', 'speaker', 'house speaker', 'spokesman',
      'spokeswoman', 'spokesperson', 'ambassador', 'attorney general', 'commissioner', 'chancellor', 'king', 'queen',
      'prince', 'princess', 'pope', 'sheikh', 'emir', 'president-elect', 'candidate', 'nominee', 'professor', 'prof',
      'ceo', 'founder', 'co-founder', 'chief executive', 'executive director', 'adviser', 'advisor', 'aide',
      'campaign manager', 'manager', 'editor', 'reporter', 'columnist', 'analyst', 'pastor', 'rev', 'reverend',
      'bishop', 'cardinal', 'colonel', 'col', 'lieutenant', 'lt', 'captain', 'capt', 'major', 'sergeant', 'sgt',
      'admiral', 'deputy', 'principal secretary', 'press secretary', 'congressman', 'congresswoman', 'lawmaker',
      'premier', 'head', 'vice chair', 'vice chairman', 'vice chairwoman', 'undersecretary', 'under secretary', 'former president', 'former secretary of state', 'state senator', 'councilman',
      'councilwoman', 'sheriff', 'officer', 'detective', 'inspector', 'superintendent', 'strategist', 'pollster',
      'economist', 'lawyer', 'attorney', 'activist', 'dean', 'coach', 'member', 'chief of staff', 'chair',
    ].map((t) => [t, t.replace(/(^|[\s-])(\p{L})/gu, (m) => m.toUpperCase()).replace(/^(Pm|Ceo)$/, (m) => m.toUpperCase())]),
  ),
  honorifics: new Map([
    ['mr', 'male'], ['mrs', 'female'], ['ms', 'female'], ['miss', 'female'], ['dr', 'neutral'], ['sir', 'male'],
    ['dame', 'female'], ['lady', 'female'], ['lord', 'male'],
  ]),
  organisationHeads: words(
    'party league union council committee commission court office ministry department agency bureau authority ' +
      'university college school institute centre center foundation fund bank corporation corp company inc ltd group ' +
      'association federation organization organisation society board army navy police force forces government ' +
      'administration parliament senate congress assembly times post news tribune herald journal telegraph guardian ' +
      'house network channel radio television tv press agency service services campaign coalition movement alliance front ' +
      'club team church hospital review magazine gazette daily weekly insider reuters ap cnn bbc fox msnbc abc nbc cbs ' +
      'pac caucus foundation trust institution laboratory lab project initiative airlines airways motors protection enforcement ' +
      'chamber exchange academy command',
  ),
  personNouns: words(
    'official officials spokesman spokeswoman spokesperson spokesmen aide aides adviser advisers advisor advisors ' +
      'source sources expert experts analyst analysts observer observers critic critics supporter supporters ' +
      'opponent opponents voter voters resident residents people person man woman men women leader leaders member ' +
      'members minister ministers lawmaker lawmakers legislator legislators senator senators representative ' +
      'representatives democrats republicans democrat republican candidate candidates campaign committee officer ' +
      'officers police investigators investigator prosecutors prosecutor lawyer lawyers attorney attorneys judge ' +
      'judges court government administration opposition party president premier chief director secretary reporter ' +
      'reporters journalist journalists author authors writer writers researcher researchers scientist scientists ' +
      'economist economists strategist strategists pollster pollsters poll polls survey surveys study studies report ' +
      'reports statement group groups organizers organisers activist activists protester protesters protesters ' +
      'witness witnesses friend friends family relatives neighbor neighbors neighbour neighbours worker workers ' +
      'employee employees staff staffer staffers team insiders insider diplomat diplomats authorities agency ' +
      'ministry department office white house pentagon kremlin administration doctors doctor nurse teacher students ' +
      'student parents fans delegates delegate donors donor executives executive ceo chairman owner owners ' +
      'americans citizens users commentators commentator pundits pundit conservatives liberals progressives ' +
      'evangelicals leadership mayor governor governors mayors manager managers host hosts anchor editorial ' +
      'editors editor newspaper paper network website site outlet data figures numbers estimates records documents ' +
      'emails letter memo filing filings lawsuit complaint ruling voice',
  ),
  openers: words(
    // Prepositions and conjunctions, sentence adverbs, and the imperatives of bylines and calls to action.
    'despite like unlike among amongst amid amidst during following without within against besides beside between ' +
      'beyond given absent including regarding concerning considering throughout toward towards across behind ' +
      'around near upon via per except notwithstanding certainly maybe perhaps surely clearly obviously apparently ' +
      'fortunately unfortunately thankfully hopefully ironically interestingly notably naturally sadly luckily thus ' +
      'hence therefore nevertheless nonetheless otherwise anyway together unless whereas once ' +
      'follow see look watch read listen meet join sign click subscribe imagine remember thank congratulations dear ' +
      'hail crooked top',
  ),
  descriptors: words(
    'democrat democratic republican democrats republicans gop independent libertarian conservative liberal progressive presumptive ' +
      // Plural titles before several names: "Sens. Ada Brook (D-Ore.), Tom Hale …".
      'senators sens reps representatives governors govs ' +
      'billionaire millionaire businessman businesswoman tycoon actress actor comedian comedienne journalist author ' +
      'novelist singer rapper musician filmmaker producer commentator blogger then-candidate fellow',
  ),
  thingHeads: words(
    // Laws, events, places and things.
    'act acts amendment amendments bill code convention conference summit debate debates caucus caucuses primary ' +
      'primaries election elections day week war series award awards prize cup bowl games olympics championship ' +
      'festival show street avenue road boulevard square plaza county district state states island islands beach ' +
      'valley river mountains city town village airport hotel resort casino stadium arena heights coast border ' +
      'region province poll survey report study plan program programme policy doctrine agreement accord treaty ' +
      'order dream era revolution crisis scandal trial hearing speech rally tour museum memorial garden gardens sea ocean ' +
      // Groups of people and people unnamed: "Muslim Americans", "Florida Republicans", "a New Hampshire Democrat".
      'republican democrat americans democrats republicans conservatives liberals progressives christians catholics evangelicals jews ' +
      'muslims latinos hispanics immigrants voters supporters women men people ' +
      // Other names' last words that a person's never is ("Black Lives Matter", "National Guard", "Newsmax Media").
      'democratic american america international media partners workers capital tower brothers brotherhood circle ' +
      'constitution security technologies communications nation research watch guard rule bridge schools studies ' +
      'consulate embassy classic marathon marathons brunch matter ball',
  ),
  notInNames: words('the an this that these those he she it they we his its their our in on at to as if but'),
  nameConnectors: words('of de del della di da van von der den la le al el bin ibn bint and & for the e'),
  negations: words('no not never nothing none nobody neither nor without cannot can’t won’t didn’t doesn’t don’t isn’t wasn’t aren’t weren’t'),
  contrasts: words('however but yet nevertheless nonetheless still though meanwhile'),
  sceneBreaks: words('audio video recording recordings clip tape tapes footage interview memoir book tweet tweets email emails letter transcript'),
  pastPerfect: words('had'),
  demandWords: words('should must ought demand demanded urge urged'),
  // Two quoted words in English news are mostly a label or scare quotes ("Crooked Hillary"), not a statement.
  minQuotedFragmentWords: 3,
  quotedPredicateAfter: words('is was are were be been being would will could should can might must may'),
  speakerColon: true,
  participleEnding: 'ing',
  // After a comma or dash, the writer's concession or comment on what was said: ", even though …", "— a claim …".
  contentBreaks: ['even though', 'even as', 'though', 'although', 'while', 'without', 'whereas', 'despite', 'in part because',
    'a claim', 'a charge', 'an assertion', 'a comment', 'a remark', 'a reference', 'a move', 'a sign', 'an apparent', 'a nod'],
  coordinators: words('and but or'),
  determiners: words('the a an his her their its our my your this these those'),
  objectEnds: words('in on at during over after before since with by at amid despite'),
  adjunctOpeners: words('by from up'),
  findingNouns: words('poll polls survey surveys study studies analysis records results data figures filings numbers'),
  quantifiers: words('one another others some many most few several both half all'),
  timeAdverbials: ['last', 'this', 'next', 'earlier this', 'later that', 'earlier that', 'late last', 'early last'].flatMap((a) =>
    'week weekend month year summer spring fall autumn winter night morning afternoon evening'.split(' ').map((p) => `${a} ${p}`)),
  dates: {
    weekdays: new Map(
      [['monday', 0], ['tuesday', 1], ['wednesday', 2], ['thursday', 3], ['friday', 4], ['saturday', 5], ['sunday', 6],
        ['mon', 0], ['tue', 1], ['tues', 1], ['wed', 2], ['thu', 3], ['thur', 3], ['thurs', 3], ['fri', 4], ['sat', 5], ['sun', 6]],
    ),
    months: new Map(
      ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
        .flatMap((m, i) => [[m, i + 1], [m.slice(0, 3), i + 1]] as [string, number][])
        .concat([['sept', 9]]),
    ),
    relativeDays: new Map([['today', 0], ['yesterday', -1], ['tonight', 0], ['this morning', 0], ['this afternoon', 0],
      ['this evening', 0], ['earlier today', 0], ['last night', -1], ['yesterday morning', -1]]),
    dayPrepositions: words('on'),
    previous: words('last'),
  },
};
