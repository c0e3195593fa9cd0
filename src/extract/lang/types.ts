import type { STATEMENT_KINDS } from '../../ingest/document.js';

export type Kind = (typeof STATEMENT_KINDS)[number];

/** What a cue word tells about the statement it introduces. */
export interface Cue {
  kind: Kind;
  /** The cue takes an addressee before its content ("told reporters that", "urged Congress to"). */
  object?: boolean;
  /** Its content is an object noun phrase rather than a clause ("confirmed the authenticity of …"). */
  nominal?: boolean;
  /** A reply: the statement responds to the one before it. */
  reply?: boolean;
  /** Only after what was said: ", so der Sprecher." */
  trailingOnly?: boolean;
  /** A form as often a noun: a cue only with its complement right after it ("plans to", "hopes that"). */
  complementOnly?: boolean;
}

/**
 * Everything extraction knows about one language: a table, not code, so a language is added by writing one file.
 * All words are lower-case; multi-word entries are space-separated.
 */
export interface LanguageTable {
  code: string;
  /** Nouns are written with a capital (German): a capitalised word alone is no evidence of a name. */
  capitalisedNouns?: boolean;
  /** Words that end with "." without ending a sentence ("mr", "u.s", "dr"). */
  abbreviations: ReadonlySet<string>;
  /** Words that are never a name on their own, even capitalised (articles, pronouns, prepositions, weekdays …). */
  functionWords: ReadonlySet<string>;
  /** Pronouns that can stand for a speaker, with what they can stand for. */
  pronouns: ReadonlyMap<string, 'male' | 'female' | 'plural' | 'neutral'>;
  /** Reporting words by surface form (every inflection listed): "said", "alleged", "told reporters". */
  cues: ReadonlyMap<string, Cue>;
  /**
   * Verb forms that report only with a particle (German "teilte … mit", "wies … zurück"): particle → cue; a particle
   * written "+word" may stand anywhere in the clause ("hält … für", "fand, dass").
   */
  separable?: ReadonlyMap<string, ReadonlyMap<string, Cue>>;
  /** Longest cue in words, to bound the look-up. */
  maxCueWords: number;
  /** Source markers before the source: "according to", "laut". */
  sourceBefore: readonly string[];
  /** A source marker inside a sentence attributes all of it ("Der Plan sei laut X gescheitert"), as German annotations do. */
  sourceInClause?: boolean;
  /** Prepositions that mark a source next to a noun for what was said or found ("nach Angaben der Polizei", "seiner Meinung nach"). */
  sourceNouns?: { markers: ReadonlySet<string>; noun: RegExp };
  /** Source markers after the source: "zufolge". */
  sourceAfter: readonly string[];
  /** Words introducing a reported clause, taken into the content as the annotations do ("that", "dass"). */
  complementisers: ReadonlySet<string>;
  /** Words allowed between a subject and its cue ("also", "further", "has", "had"). */
  auxiliaries: ReadonlySet<string>;
  /** Words that end a speaker phrase looking backwards (conjunctions, relative words). */
  clauseWords: ReadonlySet<string>;
  /** Relative pronouns whose antecedent is the noun phrase before the comma ("the opposition, which …"). */
  relatives: ReadonlySet<string>;
  /** Titles and roles written before a name, with their display form: "prime minister" → "Prime Minister". */
  titles: ReadonlyMap<string, string>;
  /** Honorifics dropped from names, with the gender they imply. */
  honorifics: ReadonlyMap<string, 'male' | 'female' | 'neutral'>;
  /** Last words of organisation names ("party", "university", "times"). */
  organisationHeads: ReadonlySet<string>;
  /** Nouns for people or groups of people: a speaker phrase with one of them is a nominal speaker. */
  personNouns: ReadonlySet<string>;
  /** Words that, opening a sentence, are no part of a name after them ("Despite Trump", "Like Clinton", "Follow Pam Key"). */
  openers?: ReadonlySet<string>;
  /**
   * Words before a name or a title that describe a person without being a role ("Democrat Hillary Clinton",
   * "Billionaire Donald Trump", "Democratic Sen. Barbara Boxer"): dropped from the name, as honorifics are.
   */
  descriptors?: ReadonlySet<string>;
  /** Last words of names of laws, events, places and groups of people ("Voting Rights Act", "Election Day"): no person's name. */
  thingHeads?: ReadonlySet<string>;
  /**
   * Words that, capitalised after the full stop of an abbreviation, start a sentence rather than go on with the name
   * ("… enter the U.S. The proposal", "Ariz. It").
   */
  notInNames?: ReadonlySet<string>;
  /** Lower-case words inside names ("of", "de", "von"). */
  nameConnectors: ReadonlySet<string>;
  /** Words that mean "not": a negated assertion after a contrast is a denial. */
  negations: ReadonlySet<string>;
  /** Sentence openers that set a statement against the one before ("however", "but"). */
  contrasts: ReadonlySet<string>;
  /** Words placing a statement in another scene than the reported event (a recording, an old interview). */
  sceneBreaks: ReadonlySet<string>;
  /** Auxiliaries of the past perfect ("had said"): a statement made before the reported scene. */
  pastPerfect: ReadonlySet<string>;
  /** Content words that make a claim a demand ("should", "must"). */
  demandWords: ReadonlySet<string>;
  /**
   * Verb forms only reported speech uses (German Konjunktiv I: "sei", "habe", "werde"): a sentence with one and no cue
   * of its own goes on with the statement before it.
   */
  reportedMood?: ReadonlySet<string>;
  /** The finite verb comes second in a main clause and last in a subordinate one (German): where its subject stands. */
  verbSecond?: VerbSecond;
  /** The ending of a present participle ("calling", "saying"): after a clause, it takes that clause's subject. */
  participleEnding?: string;
  /** Words that, after a comma or a dash, open the writer's own clause and end reported speech (", even though"). */
  contentBreaks?: readonly string[];
  /** Headlines name a speaker with a colon: "Graham: Trump's rhetoric is destroying the party". */
  speakerColon?: boolean;
  /** Fewest words of a quotation inside reported speech that makes a statement of its own ("play to it"). */
  minQuotedFragmentWords?: number;
  /**
   * Copulas and modals after which a short quotation is the speaker's own predicate ("it is “a good thing”", "would
   * “lose the state”"). When set, a quoted fragment under half of its statement is a statement of its own only after
   * one of these; elsewhere short quoted words are mostly labels or scare quotes.
   */
  quotedPredicateAfter?: ReadonlySet<string>;
  /** Determiners and possessives: a cue form right after one is a noun or an adjective ("his backing"). */
  determiners?: ReadonlySet<string>;
  /** Words after which an object is over and a circumstance begins ("in November", "during the debate"). */
  objectEnds?: ReadonlySet<string>;
  /**
   * Prepositions that, right after a cue, open a circumstance rather than what was said ("backed by donors", "called
   * up"): the cue reports nothing in its sentence.
   */
  adjunctOpeners?: ReadonlySet<string>;
  /**
   * Polls, studies, records: named in an opening "In …," phrase they are the source of the clause after it, and a cue
   * after one reports with no "that" ("new filings show it has …").
   */
  findingNouns?: ReadonlySet<string>;
  /** Quantifiers that stand for people as a subject ("most said", "another says"). */
  quantifiers?: ReadonlySet<string>;
  /** Conjunctions joining a second verb to a clause's subject ("and", "but"). */
  coordinators?: ReadonlySet<string>;
  /** Phrases of time that may stand between a subject and its verb ("last week", "earlier this month"). */
  timeAdverbials?: readonly string[];
  dates: DateWords;
}

export interface VerbSecond {
  /** Finite auxiliaries of compound tenses ("hat … gesagt"). */
  auxiliaries: ReadonlySet<string>;
  /** Words opening a verb-final clause ("wie der Sprecher mitteilte"). */
  subordinators: ReadonlySet<string>;
  /** Words opening an adverbial in first place, after which the subject follows the verb ("Am Montag sagte er"). */
  adverbials: ReadonlySet<string>;
}

export interface DateWords {
  /** Weekday names, Monday first, with abbreviations: index 0..6. */
  weekdays: ReadonlyMap<string, number>;
  /** Month names and abbreviations: index 1..12. */
  months: ReadonlyMap<string, number>;
  /** Words for a day relative to publication: "yesterday" → -1. */
  relativeDays: ReadonlyMap<string, number>;
  /** Prepositions before a weekday or date that make it the day of the statement ("on", "am"). */
  dayPrepositions: ReadonlySet<string>;
  /** Words that make a weekday a week earlier ("last"). */
  previous: ReadonlySet<string>;
  /** Day numbers are written with a dot ("am 25. November"), which ends no sentence. */
  ordinalDots?: boolean;
}

/** Every inflected form, from a list of base forms with their irregular forms. */
export function cueTable(entries: readonly [forms: readonly string[], cue: Cue][]): Map<string, Cue> {
  const out = new Map<string, Cue>();
  for (const [forms, cue] of entries) for (const f of forms) if (!out.has(f)) out.set(f, cue);
  return out;
}
