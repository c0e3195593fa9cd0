import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/corpus.js';
import { extractArticle } from '../../src/extract/extract.js';
import { tableFor } from '../../src/extract/lang/index.js';
import { validateDocument } from '../../src/ingest/document.js';

/**
 * Extraction takes any text a user sends. Word salads drawn from a language's own tables (titles, descriptors,
 * openers, connectors, cue words) with names and punctuation hit the rules' edges, such as a title and its office
 * with nothing after them at the very end: none may throw, and every document must load.
 */
describe('extraction on arbitrary text', () => {
  for (const language of ['en', 'de']) {
    it(`never throws and always gives a valid document (${language})`, () => {
      const lang = tableFor(language)!;
      const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
      const vocabulary = [
        ...[...lang.titles.keys()].slice(0, 40).map(capital),
        ...[...(lang.descriptors ?? [])].slice(0, 10).map(capital),
        ...[...(lang.openers ?? [])].slice(0, 10).map(capital),
        ...[...(lang.thingHeads ?? [])].slice(0, 10).map(capital),
        ...[...lang.nameConnectors],
        ...[...lang.cues.keys()].slice(0, 20),
        'Ada', 'Brook', 'Tom', 'Hale', 'New', 'Hampshire', 'Florida', 'Committee', 'R.', 'Mr.', 'Monday', 'the', 'The',
        '“', '”', '„', '"', ',', '.', ':', ';', '(', ')', '—', '\n\n', 'ACME',
      ];
      const random = mulberry32(language === 'en' ? 7 : 11);
      const failures: string[] = [];
      for (let n = 0; n < 4000; n++) {
        const words = Array.from({ length: 1 + Math.floor(random() * 16) }, () => vocabulary[Math.floor(random() * vocabulary.length)]);
        const body = words.join(' ');
        try {
          const { document } = extractArticle({ title: 'A test article', publishedAt: '2016-03-02', authors: [], language, body });
          if (!validateDocument(document).ok) failures.push(`invalid document: ${body}`);
        } catch (error) {
          failures.push(`${(error as Error).message}: ${body}`);
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
    });
  }
});
