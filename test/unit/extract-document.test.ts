import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { validateDocument } from '../../src/ingest/document.js';

// What every extraction must be, whatever the article says: a document that ingestion accepts.
describe('an extracted document', () => {
  it('gives a statement whose source is also the article’s topic to a group of that name, never to the topic', () => {
    const body = [
      'Immigrants in the northern district wait up to a year for their papers. The office that serves immigrants has two clerks.',
      'Immigrants said the office had lost their papers twice.',
      'A spokesman for the district said new clerks would start in March to help immigrants.',
    ].join('\n\n');
    const { document } = extractArticle({ title: 'Immigrants describe a long wait for papers', publishedAt: '2024-02-07', language: 'en', authors: [], body });
    expect(validateDocument(document).ok).toBe(true);
    const said = document.statements.find((s) => /lost their papers/.test(s.text))!;
    const speaker = document.entities.find((e) => e.ref === said.speaker)!;
    expect(speaker).toMatchObject({ type: 'ORGANISATION', kind: 'GROUP', name: 'Immigrants' });
  });

  it('keeps every entity a continued quotation names, so each target is declared', () => {
    const body = [
      '“The bridge will reopen in May,” said Mayor Tom Reyes. “Engineers from Norland Rail have checked every bolt, and the Harbour Trust agrees.”',
    ].join('\n\n');
    const { document } = extractArticle({ title: 'Bridge to reopen in May', publishedAt: '2024-02-07', language: 'en', authors: [], body });
    const checked = validateDocument(document);
    expect(checked.ok ? [] : checked.problems).toEqual([]);
    expect(document.statements.length).toBeGreaterThan(0);
  });
});
