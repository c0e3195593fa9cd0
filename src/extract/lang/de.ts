import { type Cue, cueTable, type Kind, type LanguageTable } from './types.js';

/** German cue verbs are listed by their forms (present, past, participle); separable ones below, with their particles. */
const forms = (kind: Kind, list: string, extra: Omit<Cue, 'kind'> = {}): [string[], Cue][] =>
  list.split(';').map((group) => [group.split(',').map((f) => f.trim()).filter(Boolean), { kind, ...extra }]);

const cues = cueTable([
  ...forms('CLAIM', 'sagte,sagt,sagten,sagen,gesagt;erklärte,erklärt,erklärten,erklären;mitgeteilt;' +
    'betonte,betont,betonten;meinte,meint,meinten;berichtete,berichtet,berichteten,berichten;schrieb,schreibt,schrieben;' +
    'ergänzte,ergänzt;verkündete,verkündet;bekanntgab,bekanntgegeben;angekündigt;bekräftigte,bekräftigt;' +
    'unterstrich,unterstreicht;versicherte,versichert;verwies,verweist;hieß,heißt;meldete,meldet,meldeten;zitierte,zitiert;' +
    'informierte,informiert;antwortete,antwortet;entgegnete,entgegnet;argumentierte,argumentiert;begründete,begründet;' +
    'nannte,nennt;bezeichnete,bezeichnet;warnte,warnt,warnten;prognostizierte;schätzte,schätzt;vermutete,vermutet;' +
    'sagte zu;erläuterte,erläutert;erzählte,erzählt,erzählten;spekulierte,spekuliert;beklagte,beklagt,beklagten;' +
    'bemängelte,bemängelt;' +
    // Participles of separable verbs ("hat … mitgeteilt"); their finite forms need the particle (below).
    'hingewiesen;angegeben;festgestellt;klargestellt;dargestellt;dargelegt;ausgeführt;hinzugefügt'),
  ...forms('ALLEGATION', 'behauptete,behauptet,behaupteten;vorgeworfen;beschuldigte,beschuldigt;unterstellte,unterstellt'),
  ...forms('DENIAL', 'dementierte,dementiert;bestritt,bestreitet;leugnete,leugnet;verneinte,verneint;zurückgewiesen'),
  ...forms('CONFIRMATION', 'bestätigte,bestätigt,bestätigten;gestand,eingeräumt,zugegeben'),
  ...forms('DEMAND', 'forderte,fordert,forderten,fordern,gefordert;verlangte,verlangt;appellierte,appelliert;drängte,drängt;' +
    'mahnte,mahnt;aufgerufen;vorgeschlagen;empfahl,empfiehlt,empfohlen'),
  ...forms('OPINION', 'glaubt,glaubte,glauben;hofft,hoffte,hoffen;befürchtet,befürchtete,befürchten;fürchtet,fürchtete;' +
    'kritisierte,kritisiert,kritisierten;lobte,lobt;bezweifelte,bezweifelt;bedauerte,bedauert;' +
    'ist der ansicht,ist der meinung,ist der auffassung,sind der ansicht,sind der meinung,sind der auffassung,' +
    'vertritt die ansicht,vertritt die auffassung,vertrat die ansicht,vertrat die auffassung'),
]);

/** Separable and phrasal verbs: forms; particle → kind ("+" marks a word that may stand anywhere in the clause). */
const separable = new Map<string, Map<string, Cue>>();
for (const [list, particles] of [
  ['teilte,teilt,teilten', 'mit:CLAIM'],
  ['gab,gibt,gaben,geben', 'bekannt:CLAIM,an:CLAIM,zu:CONFIRMATION,+bekannt:CLAIM'],
  ['wies,weist,wiesen', 'hin:CLAIM,zurück:DENIAL,+darauf:CLAIM'],
  ['kündigte,kündigt,kündigten', 'an:CLAIM'],
  ['stellte,stellt,stellten', 'fest:CLAIM,klar:CLAIM,dar:CLAIM,heraus:CLAIM'],
  ['führte,führt,führten', 'aus:CLAIM'],
  ['fügte,fügt,fügten', 'hinzu:CLAIM'],
  ['räumte,räumt,räumten', 'ein:CONFIRMATION'],
  ['rief,ruft,riefen', 'auf:DEMAND'],
  ['hielt,hält,hielten', '+für:OPINION,fest:CLAIM,+dass:OPINION'],
  ['sah,sieht,sahen', '+darin:OPINION,+dass:OPINION,+als:OPINION'],
  ['fand,findet,fanden', '+dass:OPINION'],
  ['äußerte,äußert,äußerten', '+sich:CLAIM,+dass:CLAIM'],
  ['sprach,spricht,sprachen', '+von:CLAIM,aus:OPINION'],
  ['warf,wirft,warfen', 'vor:ALLEGATION'],
  ['schlug,schlägt,schlugen', 'vor:DEMAND'],
  ['ging,geht,gingen,gehen', '+davon:OPINION'],
  ['legte,legt,legten', 'dar:CLAIM'],
  ['lehnte,lehnt,lehnten', 'ab:DENIAL'],
] as const) {
  const cue = new Map<string, Cue>(particles.split(',').map((p) => p.split(':')).map(([w, k]) => [w, { kind: k as Kind }]));
  for (const f of list.split(',')) separable.set(f, cue);
}

cues.set('so', { kind: 'CLAIM', trailingOnly: true });
// Separable verbs last in a subordinate clause are written as one word: "wie die Polizei mitteilte".
for (const [list, kind] of [
  ['mitteilte,mitteilten,bekanntgab,angab,hinzufügte,ankündigte,ankündigten,hinwies,feststellte,klarstellte,darlegte,ausführte', 'CLAIM'],
  ['zurückwies,zurückwiesen', 'DENIAL'],
  ['einräumte', 'CONFIRMATION'],
  ['vorwarf,vorwarfen', 'ALLEGATION'],
  ['vorschlug,aufrief,aufforderte', 'DEMAND'],
] as const)
  for (const f of list.split(',')) cues.set(f, { kind });

const words = (s: string) => new Set(s.split(/[,\s]+/).filter(Boolean));

export const german: LanguageTable = {
  code: 'de',
  capitalisedNouns: true,
  abbreviations: words('dr prof bzw z.b u.a ca nr st hr fr vgl usw etc jh mio mrd abs art dt engl bzw. inkl d.h u.s'),
  functionWords: words(
    'der die das den dem des ein eine einer eines einem einen er sie es wir ihr ich du man sich sein seine seiner ' +
      'seinem seinen ihre ihrer ihrem ihren und oder aber doch denn sondern dass ob wenn weil als wie so auch noch ' +
      'schon nur nicht kein keine in im am an auf aus bei mit nach seit von vom vor zu zum zur über unter um durch ' +
      'für gegen ohne bis dieser diese dieses jener welche welcher welches was wer wo wann warum dort hier dann da ' +
      'deshalb daher jedoch allerdings außerdem zudem inzwischen bereits heute gestern morgen nun jetzt damals ' +
      'montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli august ' +
      'september oktober november dezember ist sind war waren wird werden wurde wurden hat haben hatte hatten kann ' +
      'können soll sollen muss müssen laut demnach zufolge nach',
  ),
  pronouns: new Map([['er', 'male'], ['sie', 'female'], ['es', 'neutral'], ['wir', 'plural']]),
  cues,
  separable,
  maxCueWords: 3,
  sourceBefore: ['nach angaben von', 'nach angaben des', 'nach angaben der', 'nach angaben', 'laut', 'gemäß', 'nach auffassung', 'nach ansicht'],
  sourceAfter: ['zufolge'],
  sourceInClause: true,
  sourceNouns: {
    markers: words('nach'),
    // Compounds end with the noun: "Polizeiangaben", "Medienberichten", "Expertenmeinung".
    noun: /(angaben|ansicht|meinung|auffassung|aussagen?|informationen?|berichte?n?|erkenntniss?e?n?|schätzungen?|studien?|umfragen?|darstellung|worten|stellungnahme|analysen?|vernehmen|mitteilung(en)?|meldungen?|untersuchungen?|ermittlungen|prognosen?|berechnungen|statistiken?|einschätzung(en)?|überzeugung|auskunft|recherchen|erkenntnisstand)$/,
  },
  complementisers: words('dass'),
  auxiliaries: words('auch noch bereits zudem außerdem jedoch allerdings dabei dazu damals zuvor später erneut hat hatte haben hatten ' +
    'wiederholt ausdrücklich zuletzt inzwischen mittlerweile nun jetzt gestern heute am'),
  clauseWords: words('dass ob wenn weil als wie und oder aber denn sondern während nachdem bevor obwohl da der die das welche welcher'),
  relatives: words('welche welcher'),
  titles: new Map(
    ['präsident', 'präsidentin', 'bundeskanzler', 'bundeskanzlerin', 'kanzler', 'kanzlerin', 'minister', 'ministerin',
      'bundesminister', 'bundesministerin', 'außenminister', 'außenministerin', 'innenminister', 'innenministerin',
      'finanzminister', 'verteidigungsminister', 'ministerpräsident', 'ministerpräsidentin', 'bürgermeister',
      'bürgermeisterin', 'sprecher', 'sprecherin', 'regierungssprecher', 'vorsitzende', 'vorsitzender', 'chef', 'chefin',
      'direktor', 'direktorin', 'generalsekretär', 'generalsekretärin', 'papst', 'könig', 'königin', 'premierminister',
      'premierministerin', 'staatspräsident', 'bundespräsident', 'senator', 'gouverneur', 'richter', 'richterin',
      'professor', 'professorin', 'prof', 'dr', 'abgeordnete', 'abgeordneter', 'botschafter', 'general', 'leiter',
      'leiterin', 'trainer', 'anwalt', 'anwältin', 'polizeisprecher', 'parteichef', 'parteichefin', 'fraktionschef'].map((t) => [t, t.charAt(0).toUpperCase() + t.slice(1)]),
  ),
  honorifics: new Map([['herr', 'male'], ['frau', 'female']]),
  organisationHeads: words(
    'partei union regierung ministerium bundesregierung polizei gericht bundesgerichtshof verband gewerkschaft bank ' +
      'ag gmbh universität institut zeitung agentur rat kommission parlament bundestag bundesrat senat stiftung ' +
      'verein konzern unternehmen armee behörde amt bundesamt staatsanwaltschaft nachrichtenagentur dpa reuters afp ' +
      'spd cdu csu fdp grünen linke afd un nato eu',
  ),
  personNouns: words(
    'sprecher sprecherin polizei regierung experten experte ermittler behörden behörde minister ministerium kritiker ' +
      'beobachter zeugen zeuge anwohner einwohner bürger politiker vertreter angaben medien zeitung bericht berichten ' +
      'agentur forscher wissenschaftler studie umfrage gericht richter staatsanwaltschaft opposition partei',
  ),
  nameConnectors: words('von van der de la al bin'),
  negations: words('nicht kein keine keinen keiner nie niemals nichts'),
  contrasts: words('aber jedoch allerdings dagegen hingegen doch'),
  sceneBreaks: words('interview video aufnahme buch brief'),
  pastPerfect: words('hatte hatten'),
  demandWords: words('müsse müssten solle sollten sollen müssen'),
  verbSecond: {
    auxiliaries: words('hat hatte haben hatten habe hätte ist war sind waren wurde wurden wird werden'),
    subordinators: words('wie dass ob als nachdem weil während da wenn obwohl zumal sodass bevor seit seitdem falls sofern'),
    adverbials: words(
      'am im in an auf aus bei mit nach seit von vom vor zu zum zur über unter um durch für gegen ohne bis anlässlich ' +
        'angesichts während wegen laut gegenüber dabei damit dazu zudem außerdem auch jedoch zuvor später heute gestern ' +
        'dann so bereits nun jetzt inzwischen deshalb daher dennoch ebenfalls weiter weiterhin zunächst schließlich ' +
        'zuletzt darin darauf daraufhin hierzu dort hier gleichzeitig zugleich allerdings trotzdem außerdem erst ' +
        'damals unterdessen indes vorher nachher morgen vergangene vergangenen letzte letzten diese dieser diesem ' +
        'zusätzlich demnach ferner als bislang bisher abschließend ausdrücklich kürzlich dagegen hingegen indessen ebenso ' +
        'ähnlich gleichfalls anschließend daneben darüber hierbei deswegen folglich somit wörtlich sinngemäß offenbar dies zwar',
    ),
  },
  reportedMood: words('sei seien habe werde könne müsse solle dürfe wolle gebe gehe stehe bestehe liege handele handle komme ' +
    'lasse wisse sehe bleibe trage fehle zeige brauche hätte hätten wäre wären würde würden könnten müssten soll sollen'),
  dates: {
    weekdays: new Map([['montag', 0], ['dienstag', 1], ['mittwoch', 2], ['donnerstag', 3], ['freitag', 4], ['samstag', 5], ['sonnabend', 5], ['sonntag', 6]]),
    months: new Map(
      ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember']
        .map((m, i) => [m, i + 1] as [string, number]).concat([['jänner', 1]]),
    ),
    relativeDays: new Map([['heute', 0], ['gestern', -1], ['vorgestern', -2], ['heute morgen', 0], ['gestern abend', -1]]),
    dayPrepositions: words('am'),
    previous: words('vergangenen letzten'),
    ordinalDots: true,
  },
};
