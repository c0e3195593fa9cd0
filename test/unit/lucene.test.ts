import { describe, expect, it } from 'vitest';
import { parseSearchText, toLuceneQuery } from '../../src/search/lucene.js';

describe('search text to Lucene', () => {
  it('folds accents and case, allows one typo in longer words, and rewards the words standing together', () => {
    expect(toLuceneQuery('Zubéri dark')).toBe('(zuberi^2 OR zuberi~1) (dark^2 OR dark~1) "zuberi dark"~4^4 text:"zuberi dark"~4^2');
    expect(toLuceneQuery('PM')).toBe('pm');
  });

  it('gives stop words no typo of their own, but keeps their place in the words standing together', () => {
    expect(toLuceneQuery('lack of money')).toBe('(lack^2 OR lack~1) (money^2 OR money~1) "lack of money"~4^4 text:"lack of money"~4^2');
    expect(toLuceneQuery('the')).toBe('the');
  });

  it('requires a quoted phrase as a phrase, without typos, beside the loose words', () => {
    expect(toLuceneQuery('“of the lack of enthusiasm for” Çelebi')).toBe('(celebi^2 OR celebi~1) +"of the lack of enthusiasm for"');
    expect(toLuceneQuery('"enthusiasm"')).toBe('+enthusiasm');
    expect(toLuceneQuery('"of the" water')).toBe('(water^2 OR water~1)');
  });

  it('requires every word and phrase in `all` mode', () => {
    expect(toLuceneQuery('dark web "audio leak"', 'all')).toBe('+(dark^2 OR dark~1) +web +"audio leak"');
  });

  it('leaves no Lucene syntax from the user in the query', () => {
    const query = toLuceneQuery('title:x* AND (y OR "z")^3 [a TO b] \\ ~ ! -w +v')!;
    expect(query).toBe('(title^2 OR title~1) x y 3 b w v "title x and y or 3 a to b w v"~4^4 text:"title x and y or 3 a to b w v"~4^2 +z');
    // Its own operators aside (a word's exact-or-typo pair, its field for quotes), no operator, field, wildcard or
    // range of the user's is left.
    expect(query.replace(/\^2 OR /g, ' ').replace(/ text:"/, ' "')).not.toMatch(/[A-Z:*[\]\\!-]/);
  });

  it('returns null when nothing is left to search for', () => {
    expect(toLuceneQuery(' ?! ** ')).toBeNull();
    expect(toLuceneQuery('""')).toBeNull();
  });
});

describe('search text', () => {
  it('splits quoted phrases from loose words; an unpaired quote is only punctuation', () => {
    expect(parseSearchText('Imran "audio leak" cypher')).toEqual({ words: ['imran', 'cypher'], phrases: [['audio', 'leak']] });
    expect(parseSearchText('the "audio leak')).toEqual({ words: ['the', 'audio', 'leak'], phrases: [] });
  });

  it('keeps at most 16 words', () => {
    const { words, phrases } = parseSearchText(`"${'a '.repeat(10)}" ${'b '.repeat(10)}`);
    expect(phrases[0]).toHaveLength(10);
    expect(words).toHaveLength(6);
  });
});
