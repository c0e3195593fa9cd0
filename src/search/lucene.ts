import { fold } from '../common/text.js';

/** Longer words must match exactly: Lucene's typo-tolerant matching of a long term is slow (seconds at 500 letters). */
const MAX_FUZZY_LENGTH = 30;

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse: the text is folded to plain words
 * (so no Lucene operator survives), and each word of 4 to 30 letters may match exactly (boosted) or with one typo.
 * `any` ranks by how many words match; `all` requires every word. Returns null when nothing is left.
 */
export function toLuceneQuery(text: string, mode: 'any' | 'all' = 'any'): string | null {
  const words = fold(text).split(' ').filter(Boolean).slice(0, 16);
  if (words.length === 0) return null;
  const terms = words.map((w) => (w.length > 3 && w.length <= MAX_FUZZY_LENGTH ? `(${w}^2 OR ${w}~1)` : w));
  return mode === 'all' ? terms.map((t) => `+${t}`).join(' ') : terms.join(' ');
}
