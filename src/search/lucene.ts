import { fold } from '../common/text.js';

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse: the text is folded to plain words
 * (so no Lucene operator survives), and each word may match exactly (boosted) or with a small typo.
 * Returns null when nothing searchable is left.
 */
export function toLuceneQuery(text: string): string | null {
  const words = fold(text).split(' ').filter(Boolean).slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => (w.length > 3 ? `(${w}^2 OR ${w}~1)` : w)).join(' ');
}
