import { type Cue, cueTable, type Kind, type LanguageTable } from './types.js';

/** German cue verbs are listed by their forms (present, past, participle); separable ones by their stem ("teilte … mit"). */
const forms = (kind: Kind, list: string, extra: Omit<Cue, 'kind'> = {}): [string[], Cue][] =>
  list.split(';').map((group) => [group.split(',').map((f) => f.trim()).filter(Boolean), { kind, ...extra }]);

const cues = cueTable([
  ...forms('CLAIM', 'sagte,sagt,sagten,sagen,gesagt;erklärte,erklärt,erklärten,erklären;teilte,teilt,teilten,mitgeteilt;' +
    'betonte,betont,betonten;meinte,meint,meinten;berichtete,berichtet,berichteten,berichten;schrieb,schreibt,schrieben;' +
    'äußerte,äußert,äußerten;ergänzte,ergänzt;fügte,fügt;sprach,spricht;verkündete,verkündet;bekanntgab,bekanntgegeben;' +
    'stellte,stellt;kündigte,kündigt,kündigten,angekündigt;bekräftigte,bekräftigt;unterstrich,unterstreicht;' +
    'versicherte,versichert;verwies,verweist;wies,weist;hieß,heißt;meldete,meldet,meldeten;zitierte,zitiert;' +
    'informierte,informiert;antwortete,antwortet;entgegnete,entgegnet;argumentierte,argumentiert;begründete,begründet;' +
    'räumte,räumt;führte,führt;nannte,nennt;bezeichnete,bezeichnet;warnte,warnt,warnten;prognostizierte;schätzte,schätzt;' +
    'vermutete,vermutet;sprach,sprachen;bestätigte,bestätigt,bestätigten;sagte zu'),
  ...forms('ALLEGATION', 'behauptete,behauptet,behaupteten;warf,wirft,vorgeworfen;beschuldigte,beschuldigt;unterstellte,unterstellt'),
  ...forms('DENIAL', 'dementierte,dementiert;bestritt,bestreitet;wies zurück;leugnete,leugnet;verneinte,verneint'),
  ...forms('CONFIRMATION', 'bestätigte,bestätigt,bestätigten;räumte ein,gestand'),
  ...forms('DEMAND', 'forderte,fordert,forderten,fordern;verlangte,verlangt;appellierte,appelliert;rief auf;drängte,drängt;mahnte,mahnt'),
  ...forms('OPINION', 'glaubt,glaubte,glauben;hofft,hoffte,hoffen;befürchtet,befürchtete,befürchten;fürchtet,fürchtete;' +
    'kritisierte,kritisiert,kritisierten;lobte,lobt;bezweifelte,bezweifelt;findet,fand;hält,hielt;geht davon aus,ging davon aus;' +
    'sieht,sah;zeigte sich,zeigt sich;bedauerte,bedauert;begrüßte,begrüßt;verurteilte,verurteilt'),
]);

cues.set('so', { kind: 'CLAIM', trailingOnly: true });
for (const f of ['mitteilte', 'mitteilten', 'bekanntgab', 'angab', 'hinzufügte', 'erklärte', 'betonte', 'sagte', 'berichtete'])
  if (!cues.has(f)) cues.set(f, { kind: 'CLAIM' });

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
      'können soll sollen muss müssen laut demnach zufolge angaben nach',
  ),
  pronouns: new Map([['er', 'male'], ['sie', 'female'], ['es', 'neutral'], ['wir', 'plural']]),
  cues,
  maxCueWords: 3,
  sourceBefore: ['nach angaben von', 'nach angaben des', 'nach angaben der', 'nach angaben', 'laut', 'gemäß', 'nach auffassung', 'nach ansicht'],
  sourceAfter: ['zufolge'],
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
  dates: {
    weekdays: new Map([['montag', 0], ['dienstag', 1], ['mittwoch', 2], ['donnerstag', 3], ['freitag', 4], ['samstag', 5], ['sonnabend', 5], ['sonntag', 6]]),
    months: new Map(
      ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember']
        .map((m, i) => [m, i + 1] as [string, number]).concat([['jänner', 1]]),
    ),
    relativeDays: new Map([['heute', 0], ['gestern', -1], ['vorgestern', -2], ['heute morgen', 0], ['gestern abend', -1]]),
    dayPrepositions: words('am'),
    previous: words('vergangenen letzten'),
  },
};
