import { describe, expect, it } from 'vitest';
import { toLuceneQuery } from '../../src/search/lucene.js';

describe('search text to Lucene', () => {
  it('folds accents and case and allows one typo in longer words', () => {
    expect(toLuceneQuery('Zubéri dark')).toBe('(zuberi^2 OR zuberi~1) (dark^2 OR dark~1)');
    expect(toLuceneQuery('PM')).toBe('pm');
  });

  it('leaves no Lucene syntax from the user in the query', () => {
    const query = toLuceneQuery('title:x* AND (y OR "z")^3 [a TO b] \\ ~ ! -w +v')!;
    expect(query).not.toMatch(/[:*"[\]\\!+]|\bAND\b|\bTO\b/);
    expect(query.split(' ')).toContain('(title^2');
  });

  it('returns null when nothing is left to search for', () => {
    expect(toLuceneQuery(' ?! ** ')).toBeNull();
  });
});
