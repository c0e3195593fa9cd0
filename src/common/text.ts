/**
 * Folds a name for matching: case, diacritics, punctuation and spacing are ignored, so "Shehbāz  Sharif" and
 * "shehbaz sharif" fold alike. Apostrophes vanish rather than split words ("Minister's" → "ministers").
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A readable id key from a name: `Prime Minister's Office` → `prime-ministers-office`. */
export function slug(text: string): string {
  return fold(text).replace(/ /g, '-') || 'unnamed';
}
