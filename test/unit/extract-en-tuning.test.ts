import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { validateDocument } from '../../src/ingest/document.js';

/** English rules of the second tuning round, each on sentences written for it. */
const extract = (body: string) => {
  const x = extractArticle({ title: 'A test article', publishedAt: '2016-03-02', authors: [], language: 'en', body });
  expect(validateDocument(x.document).ok).toBe(true);
  const name = (ref: string) => x.document.entities.find((e) => e.ref === ref)?.name;
  return x.document.statements.map((s) => ({ by: name(s.speaker), text: s.text, quote: s.quote }));
};
const texts = (body: string) => extract(body).map((s) => s.text);

describe('quoted words inside reported speech', () => {
  it('makes a statement of a quoted predicate, not of a label inside the clause', () => {
    expect(texts('Ada Brook said her rival ran a “sloppy little campaign” in March.')).not.toContain('sloppy little campaign');
    expect(texts('Ada Brook said the plan was “a very bad idea.”')).toContain('a very bad idea');
    expect(texts('Ada Brook said the deal is “good for the town” and will pass.')).toContain('good for the town');
  });

  it('makes no statement of a short quoted ending that is no predicate of its own', () => {
    const said = extract('Ada Brook said she would see the road plan through to “the very last day.”');
    expect(said).toContainEqual({ by: 'Ada Brook', text: 'she would see the road plan through to “the very last day.”', quote: false });
    expect(said.map((s) => s.text)).not.toContain('the very last day');
  });
});

describe('cues', () => {
  it('reads “referring to” and “citing” after a trailing attribution as the same speaker’s', () => {
    const said = extract('“We need more teachers,” Dana Reed said, referring to the school board. “Costs keep rising,” Dana Reed said, citing new figures from the state.');
    expect(said).toContainEqual({ by: 'Dana Reed', text: 'the school board', quote: false });
    expect(said).toContainEqual({ by: 'Dana Reed', text: 'new figures from the state', quote: false });
  });

  it('takes “maintain” and “know” as cues only with their clause', () => {
    expect(extract('Mayor Lee maintained a large lead in the polls.')).toEqual([]);
    expect(texts('Mayor Lee maintained that the polls were wrong.')).toContain('that the polls were wrong');
    expect(texts('Mayor Lee knows that the vote will be close.')).toContain('that the vote will be close');
  });

  it('reads no statement into a cue followed by “by”, “from” or “up”', () => {
    expect(extract('A plan backed by several donors in Ohio failed.')).toEqual([]);
  });

  it('reads no statement into a perfect passive ("has been attacked")', () => {
    expect(extract('Mayor Lee has been attacked over the budget for weeks.')).toEqual([]);
    expect(texts('Mayor Lee has been saying the budget is fine.')).toContain('the budget is fine');
  });
});

describe('polls and records as sources', () => {
  it('makes a poll in an opening “In …,” phrase the source of the clause after it', () => {
    expect(extract('In a Gallup poll released Monday, most voters backed the mayor on taxes.')).toContainEqual(
      { by: 'A Gallup poll released Monday', text: 'most voters backed the mayor on taxes', quote: false });
  });

  it('reads “According to …,” after a colon as opening its clause', () => {
    expect(extract('It has not gone unnoticed: According to recent polls, the mayor holds only 14 percent of the vote.'))
      .toContainEqual({ by: 'Recent polls', text: 'the mayor holds only 14 percent of the vote', quote: false });
  });

  it('reads “show” after records as a report with no “that”', () => {
    expect(extract('New filings show the campaign has little cash left.')).toContainEqual({ by: 'New filings', text: 'the campaign has little cash left', quote: false });
  });
});

describe('speakers', () => {
  it('gives a quotation after “, telling them,” to the clause’s subject', () => {
    expect(extract('Ann Cole emailed supporters on Monday, telling them, “We will win this fight together.”'))
      .toEqual([{ by: 'Ann Cole', text: 'We will win this fight together', quote: true }]);
  });

  it('gives a quotation after a colon to the name opening its sentence', () => {
    expect(extract('Mary Jones spoke first. Senator Anna Lee delivered a blunt message: “It is time to stop the fighting.”'))
      .toContainEqual({ by: 'Anna Lee', text: 'It is time to stop the fighting', quote: true });
  });

  it('gives a cue after inserts to the name opening the sentence, not to a place named in them', () => {
    expect(extract('Sandy Reed, who lost her job in Aurora, Colorado, in July 2012, said that the mill had treated her badly.'))
      .toContainEqual({ by: 'Sandy Reed', text: 'that the mill had treated her badly', quote: false });
  });

  it('resolves a role description named nowhere to the one person in view, and to nobody when two are', () => {
    expect(extract('Ms. Dana Reed said taxes will rise. The candidate said the talks failed.')).toContainEqual({ by: 'Dana Reed', text: 'the talks failed', quote: false });
    expect(extract('Mr. Eli Park spoke first. Ms. Dana Reed said taxes will rise. The candidate said the talks failed.'))
      .toContainEqual({ by: 'The candidate', text: 'the talks failed', quote: false });
  });
});

describe('trailing or forward', () => {
  it('reads a quotation after “said,” as what was said, and still joins a quotation split by its attribution', () => {
    expect(extract('In February, as a protester was led out of the hall, Mr. Trump said, “I would like to see him go.”'))
      .toEqual([{ by: 'Trump', text: 'I would like to see him go', quote: true }]);
    expect(extract('“We will win,” Mr. Trump said, “and we will win big.”')).toEqual([{ by: 'Trump', text: 'We will win … and we will win big', quote: true }]);
  });

  it('reads a pronoun and its verb after the cue as the reported clause, not as a trailing tail', () => {
    expect(texts('Among older voters, however, 61 percent said they have their minds made up.')).toContain('they have their minds made up');
  });
});

describe('speakers', () => {
  it('takes the subject before a degree adverb, never the adverb ("was very worried about")', () => {
    expect(extract('Most voters said they were very worried about prices.')).toEqual([
      { by: 'Most voters', text: 'they were very worried about prices', quote: false },
    ]);
  });
});

describe('content boundaries', () => {
  it('ends reported speech before the writer’s own ", even though …" or "— while …" clause', () => {
    expect(extract('Tom Hale said the road would open in May, even though the council has not approved the money.')).toEqual([
      { by: 'Tom Hale', text: 'the road would open in May', quote: false },
    ]);
    expect(texts('Ada Brook argued that taxes must fall — while her own budget grew.')).toEqual(['that taxes must fall']);
  });

  it('keeps such words inside a quotation', () => {
    expect(texts('Tom Hale said: “The road will open, even though some doubt it.”')).toContain('The road will open, even though some doubt it');
  });
});
