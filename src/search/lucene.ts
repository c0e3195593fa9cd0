import { fold } from '../common/text.js';

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse: the text is folded to plain words
 * (so no Lucene operator survives), and each longer word may match exactly (boosted) or with one typo.
 * `any` ranks by how many words match; `all` requires every word. Returns null when nothing is left.
 */
export function toLuceneQuery(text: string, mode: 'any' | 'all' = 'any'): string | null {
  const words = fold(text).split(' ').filter(Boolean).slice(0, 16);
  if (words.length === 0) return null;
  const terms = words.map((w) => (w.length > 3 ? `(${w}^2 OR ${w}~1)` : w));
  return mode === 'all' ? terms.map((t) => `+${t}`).join(' ') : terms.join(' ');
}
