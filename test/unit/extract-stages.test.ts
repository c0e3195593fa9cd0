import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/extract/dates.js';
import { extractArticle } from '../../src/extract/extract.js';
import { english } from '../../src/extract/lang/en.js';
import { german } from '../../src/extract/lang/de.js';
import { normalise } from '../../src/extract/normalise.js';
import type { RawArticle } from '../../src/extract/raw.js';
import { segment, tokenize } from '../../src/extract/segment.js';
import { validateDocument } from '../../src/ingest/document.js';

const article = (body: string, extra: Partial<RawArticle> = {}): RawArticle => ({ title: 'A test article', publishedAt: '2022-09-28', authors: [], language: 'en', body, ...extra });
const extract = (body: string, extra: Partial<RawArticle> = {}) => {
  const x = extractArticle(article(body, extra));
  expect(validateDocument(x.document).ok).toBe(true);
  const name = (ref: string) => x.document.entities.find((e) => e.ref === ref)?.name;
  return { ...x, said: x.document.statements.map((s) => ({ ...s, by: name(s.speaker) })) };
};

describe('normalisation', () => {
  it('maps quotation marks of every style one to one, so offsets do not move', () => {
    for (const body of ['He said „gut“ and «bien» and “good” and "fine" and ‘ok’.', 'Sie sagte »gut«.']) {
      const n = normalise(body);
      expect(n.text).toHaveLength(body.length);
      expect(n.quotes.length).toBeGreaterThan(0);
      for (const q of n.quotes) expect([n.text[q.open], n.text[q.end - 1]]).toEqual(q.innerEnd - q.innerStart && n.text[q.open] === '“' ? ['“', '”'] : ['‘', '’']);
    }
  });

  it('leaves apostrophes alone: Don’t, America’s', () => {
    const n = normalise('“Don’t take America’s name,” he said.');
    expect(n.quotes).toHaveLength(1);
    expect(n.text.slice(n.quotes[0].innerStart, n.quotes[0].innerEnd)).toBe("Don't take America's name,");
  });
});

describe('segmentation', () => {
  it('does not end sentences at abbreviations, initials or inside a quotation', () => {
    const body = 'Sen. John F. Kennedy spoke in the U.S. Senate. “We will go. We will win,” he said. Then he left.';
    const n = normalise(body);
    const sentences = segment(n.text, n.quotes, english).map((s) => body.slice(s.start, s.end));
    expect(sentences).toEqual(['Sen. John F. Kennedy spoke in the U.S. Senate.', '“We will go. We will win,” he said.', 'Then he left.']);
  });
});

describe('dates', () => {
  const day = (words: string, lang = english) => dayOf(tokenize(words, 0, words.length), '2022-09-28', lang);
  it('reads days relative to the publication date', () => {
    expect(day('on Wednesday')).toBe('2022-09-28');
    expect(day('on Monday')).toBe('2022-09-26');
    expect(day('last Wednesday')).toBe('2022-09-21');
    expect(day('yesterday')).toBe('2022-09-27');
    expect(day('on Sept. 12')).toBe('2022-09-12');
    expect(day('on December 3')).toBe('2021-12-03');
    expect(day('am Montag', german)).toBe('2022-09-26');
    expect(day('am 3. Dezember 2004', german)).toBe('2004-12-03');
  });
  it('gives no day for a year or a vague time', () => {
    expect(day('last year')).toBeNull();
    expect(day('recently')).toBeNull();
  });
});

describe('attribution', () => {
  it('splits a quotation around its attribution and joins the pieces', () => {
    const { said } = extract('Maria Lopez runs the port. “We are ready,” Lopez said, “and the ships are coming.”');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ by: 'Maria Lopez', quote: true, text: 'We are ready … and the ships are coming' });
    expect(said[0].evidence?.method).toBe('DIRECT_QUOTE');
  });

  it('takes reported speech after the cue, with "that", and "according to" sources', () => {
    const { said } = extract('Mayor Tom Berg told reporters on Monday that the bridge would reopen. The repairs cost $2 million, according to the city council.');
    expect(said[0]).toMatchObject({ by: 'Tom Berg', text: 'that the bridge would reopen', saidOn: '2022-09-26', quote: false });
    expect(said[1]).toMatchObject({ by: 'The city council', text: 'The repairs cost $2 million' });
  });

  it('resolves pronouns to the last compatible speaker and keeps nominal speakers as groups', () => {
    const { said, document } = extract('Anna Weber said the plan was fair. She added that it would pass. Local farmers said they disagreed.');
    expect(said.map((s) => s.by)).toEqual(['Anna Weber', 'Anna Weber', 'Local farmers']);
    expect(document.entities.find((e) => e.name === 'Local farmers')).toMatchObject({ type: 'ORGANISATION', kind: 'GROUP' });
  });

  it('does not give a statement with an unresolvable speaker to the nearest name', () => {
    const x = extract('The river rose near Oldtown. He said that the dam was safe.');
    expect(x.document.statements).toEqual([]);
    expect(x.unattributed).toHaveLength(1);
    expect(x.unattributed[0]).toMatchObject({ speakerText: 'He', text: 'that the dam was safe' });
    expect(x.unattributed[0].confidence).toBeLessThan(0.5);
  });

  it('reads kinds from the cue and the content', () => {
    const { said } = extract(
      'Omar Said alleged that the vote was rigged. The board denied the report. Omar Said called for a recount. ' +
        'Critics believe the count was fair. However, officials insisted that there was no fraud.',
    );
    expect(said.map((s) => s.kind)).toEqual(['ALLEGATION', 'DENIAL', 'DEMAND', 'OPINION', 'DENIAL']);
  });

  it('reads German quotations, cues and sources', () => {
    const { said } = extract(
      'Bundeskanzlerin Angela Merkel sagte am Montag, die Lage sei ernst. „Wir schaffen das“, sagte Merkel. Laut Polizei gab es keine Verletzten.',
      { language: 'de' },
    );
    expect(said.map((s) => [s.by, s.text, s.saidOn])).toEqual([
      ['Angela Merkel', 'die Lage sei ernst', '2022-09-26'],
      ['Angela Merkel', 'Wir schaffen das', '2022-09-26'],
      ['Polizei', 'gab es keine Verletzten', null],
    ]);
  });

  it('loads an article in a language without a cue lexicon with no statements and says why', () => {
    const x = extract('Il a dit que tout allait bien.', { language: 'fr' });
    expect(x.document.statements).toEqual([]);
    expect(x.warnings).toEqual(['language fr has no cue lexicon; the article loads with no statements']);
  });
});
