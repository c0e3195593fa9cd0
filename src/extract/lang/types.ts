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
  /** Longest cue in words, to bound the look-up. */
  maxCueWords: number;
  /** Source markers before the source: "according to", "laut". */
  sourceBefore: readonly string[];
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
  dates: DateWords;
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
}

/** Every inflected form, from a list of base forms with their irregular forms. */
export function cueTable(entries: readonly [forms: readonly string[], cue: Cue][]): Map<string, Cue> {
  const out = new Map<string, Cue>();
  for (const [forms, cue] of entries) for (const f of forms) if (!out.has(f)) out.set(f, cue);
  return out;
}
