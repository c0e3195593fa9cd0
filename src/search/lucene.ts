import { fold } from '../common/text.js';

/** Longer words must match exactly: Lucene's typo-tolerant matching of a long term is slow (seconds at 500 letters). */
const MAX_FUZZY_LENGTH = 30;

/** At most this many words of a search are used: nobody remembers a longer phrase, and each costs a fuzzy term. */
const MAX_WORDS = 16;

/**
 * The stop words of the index's analyser ('standard-folding', see db/schema.ts): it indexes none of them, so a
 * fuzzy term for one could only match other words ("with~1" finds "wish" and "width"). Within a phrase they still
 * count as positions, as in the index.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

/** A run of words without the stop words at its ends: in the index they only hold a place. */
export function trimStopWords(words: readonly string[]): string[] {
  const first = words.findIndex((w) => !STOP_WORDS.has(w));
  const end = words.length - [...words].reverse().findIndex((w) => !STOP_WORDS.has(w));
  return first < 0 ? [] : words.slice(first, end);
}

/** How far apart (in words) the words of an unquoted search may stand to count as standing together. */
const PROXIMITY_SLOP = 4;
/** How much words standing together weigh, against each word's own match. */
const PROXIMITY_BOOST = 4;
/**
 * And more in a statement's text: there they are the quote itself, which should rank above the article reporting
 * it (whose title often shares the words too). Measured on the search tests' stories: every one of 685 six-word
 * runs of their statements finds its statement first with it, 679 without.
 */
const QUOTE_BOOST = 2;
/** The statements' text in the search index (db/schema.ts). */
const QUOTE_FIELD = 'text';

/** What a user typed, folded: the words it holds (in order) and the phrases they put in double quotes. */
export interface SearchText {
  /** Words outside quotes. */
  words: string[];
  /** Each quoted phrase's words; a quoted single word is a word that must match exactly. */
  phrases: string[][];
}

/** Splits search text into quoted phrases ("…" or “…”) and loose words, all folded; an unpaired quote is ignored. */
export function parseSearchText(text: string): SearchText {
  const words: string[] = [];
  const phrases: string[][] = [];
  let budget = MAX_WORDS;
  const take = (part: string) => {
    const folded = fold(part).split(' ').filter(Boolean).slice(0, budget);
    budget -= folded.length;
    return folded;
  };
  const parts = text.split(/["“”„]/);
  // Odd parts sit between a pair of quotes; with an odd number of quotes the last part is not closed.
  parts.forEach((part, i) => {
    const quoted = i % 2 === 1 && i < parts.length - 1;
    const folded = take(part);
    if (quoted && folded.length > 0) phrases.push(folded);
    else words.push(...folded);
  });
  return { words, phrases };
}

const isStop = (word: string) => STOP_WORDS.has(word);
/** Words of 4 to 30 letters also match with one typo. */
export const forgivesTypo = (word: string) => word.length > 3 && word.length <= MAX_FUZZY_LENGTH;
/** A loose word: exact (boosted), or with one typo. */
const term = (w: string) => (forgivesTypo(w) ? `(${w}^2 OR ${w}~1)` : w);
/** Words only ever hold letters and digits (folded), so quoting them cannot break out of the phrase. */
const phrase = (words: readonly string[]) => `"${words.join(' ')}"`;

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse: the text is folded to plain words (so no
 * Lucene operator of the user's survives), each loose word may match exactly (boosted) or with one typo, and:
 * - `any` ranks by the words that match, plus a bonus when they stand close together (a sloppy phrase of them all);
 * - `all` requires every loose word;
 * - in both, a quoted phrase must match as a phrase (accents and case aside, no typo).
 * Returns null when nothing is left to search for.
 */
export function toLuceneQuery(text: string, mode: 'any' | 'all' = 'any'): string | null {
  const { words, phrases } = parseSearchText(text);
  if (words.length === 0 && phrases.length === 0) return null;
  const content = words.filter((w) => !isStop(w));
  const clauses: string[] = [];
  // Only stop words: kept as they are, so the search is valid and simply finds nothing, as the index holds none.
  const loose = content.length > 0 || phrases.length > 0 ? content.map(term) : words;
  clauses.push(...(mode === 'all' ? loose.map((t) => `+${t}`) : loose));
  if (mode === 'any' && content.length > 1) {
    clauses.push(`${phrase(words)}~${PROXIMITY_SLOP}^${PROXIMITY_BOOST}`, `${QUOTE_FIELD}:${phrase(words)}~${PROXIMITY_SLOP}^${QUOTE_BOOST}`);
  }
  for (const p of phrases) {
    // A phrase of stop words alone would analyse to nothing; it is left out rather than required.
    if (p.every(isStop)) continue;
    clauses.push(p.length === 1 ? `+${p[0]}` : `+${phrase(p)}`);
  }
  return clauses.length ? clauses.join(' ') : [...words, ...phrases.flat()].join(' ');
}
