import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract.js';
import { english } from '../../src/extract/lang/en.js';
import { normalise } from '../../src/extract/normalise.js';
import { segment } from '../../src/extract/segment.js';
import { validateDocument } from '../../src/ingest/document.js';

/** English attribution rules, each on sentences written for it. */
const extract = (body: string) => {
  const x = extractArticle({ title: 'A test article', publishedAt: '2016-03-02', authors: [], language: 'en', body });
  expect(validateDocument(x.document).ok).toBe(true);
  const name = (ref: string) => x.document.entities.find((e) => e.ref === ref)?.name;
  return x.document.statements.map((s) => ({ by: name(s.speaker), text: s.text, quote: s.quote }));
};
const by = (body: string, text: string) => extract(body).find((s) => s.text === text)?.by;
/** The entities of an article, as "TYPE name", in order. */
const entities = (body: string) =>
  extractArticle({ title: 'A test article', publishedAt: '2016-03-02', authors: [], language: 'en', body }).document.entities.map((e) => `${e.type} ${e.name}`).sort();

describe('quotation marks and sentences', () => {
  it('reads two apostrophes as a double quotation mark, keeping offsets', () => {
    const body = "''We will win this state,'' Mr. Harlow said. ''Then we go on.''";
    const n = normalise(body);
    expect(n.text).toHaveLength(body.length);
    expect(n.quotes.map((q) => body.slice(q.innerStart, q.innerEnd))).toEqual(['We will win this state,', 'Then we go on.']);
    expect(extract(body)).toContainEqual({ by: 'Harlow', text: 'We will win this state … Then we go on', quote: true });
  });

  it('keeps a short attribution after a quoted question in the quotation’s sentence', () => {
    const body = '“Who pays for the bridge?” Nora Patel asked. The council met later.';
    const n = normalise(body);
    expect(segment(n.text, n.quotes, english).map((s) => body.slice(s.start, s.end))).toEqual(['“Who pays for the bridge?” Nora Patel asked.', 'The council met later.']);
    expect(by(body, 'Who pays for the bridge?')).toBe('Nora Patel');
  });

  it('makes no statement of two quoted words inside reported speech, but does of three', () => {
    const said = extract('Ada Brook said her rival ran a “sloppy campaign” and would “lose the state” in March.');
    expect(said.map((s) => s.text)).toContain('lose the state');
    expect(said.map((s) => s.text)).not.toContain('sloppy campaign');
  });
});

describe('cue words', () => {
  it('does not read nouns as cues: the state, remarks, a challenge', () => {
    expect(extract('The state has a long coastline and many islands. His remarks drew a large crowd of farmers.')).toEqual([]);
  });

  it('reads "plans", "wants", "hopes" as cues only with their complement', () => {
    expect(extract('The mayor plans to widen the road next spring.')).toContainEqual({ by: 'The mayor', text: 'to widen the road next spring', quote: false });
    expect(extract('The plans for the road were drawn in the spring by three engineers.')).toEqual([]);
  });

  it('reads "declined to comment" as a statement', () => {
    expect(by('Lena Ortiz declined to comment on the report.', 'to comment on the report')).toBe('Lena Ortiz');
  });

  it('reads a cue word after a determiner only as a noun with its complement: "his promise to"', () => {
    expect(extract('The mill closed for good despite his backing of the workers in the valley.')).toEqual([]);
    expect(extract('Tom Hale won the county with his promise to build a new bridge.')).toContainEqual({ by: 'Tom Hale', text: 'to build a new bridge', quote: false });
    expect(by('Ada Brook repeated her belief that the tax was unfair.', 'that the tax was unfair')).toBe('Ada Brook');
  });

  it('takes the speaker past a negated auxiliary: "didn’t say"', () => {
    expect(by("Omar Reyes didn't say whether he would run again.", 'whether he would run again')).toBe('Omar Reyes');
  });

  it('takes only the object of a cue that praises, backs or rejects something', () => {
    expect(extract('Mia Lund spoke at noon. Ever since she endorsed Ada Brook this month, Mia Lund has been a busy surrogate.')).toContainEqual({ by: 'Mia Lund', text: 'Ada Brook this month', quote: false });
    expect(extract('Tom Hale endorsed Ada Brook in November.')).toContainEqual({ by: 'Tom Hale', text: 'Ada Brook', quote: false });
  });
});

describe('the speaker before the cue', () => {
  it('takes "Mr. Harlow said" after a quotation', () => {
    expect(by('“We have the votes,” Mr. Harlow said.', 'We have the votes')).toBe('Harlow');
  });

  it('skips a phrase of time or a parenthesis between the subject and the cue', () => {
    expect(by('Ada Brook last week said the plan was dead.', 'the plan was dead')).toBe('Ada Brook');
    expect(by('Tom Hale (who has 25 delegates) said the race was open.', 'the race was open')).toBe('Tom Hale');
  });

  it('takes the name before an apposition however it opens', () => {
    expect(by('Ian Moss, associate professor of history at a state university, said voters were tired.', 'voters were tired')).toBe('Ian Moss');
    expect(by('Ian Moss, then 38, said voters were tired.', 'voters were tired')).toBe('Ian Moss');
  });

  it('takes the name in apposition to a role: "Another pollster, Ian Moss, said"', () => {
    expect(by('Another pollster, Ian Moss of Hill College, said the race was close.', 'the race was close')).toBe('Ian Moss');
  });

  it('gives a participle or a coordinated verb the subject of its clause', () => {
    expect(by('Speaking at a school in Salem, Oregon, Ada Brook went after Tom Hale, calling him “a total failure on roads.”', 'him “a total failure on roads.”')).toBe('Ada Brook');
    expect(by('Tom Hale stood beside the governor and described the deal as “a good start for the valley.”', 'the deal as “a good start for the valley.”')).toBe('Tom Hale');
  });

  it('gives a cue with no subject of its own the subject of the sentence', () => {
    expect(by('As the hearing dragged on, Ada Brook held her ground, refusing to admit that the plan had failed.', 'to admit that the plan had failed')).toBe('Ada Brook');
  });

  it('takes two names or groups joined by "and" as one speaker', () => {
    expect(by('Support is strong in the valley, teachers and union officials told the Herald.', 'Support is strong in the valley')).toBe('Teachers and union officials');
  });

  it('names two people joined by "and" apart, but keeps "and" inside an organisation\'s name', () => {
    expect(entities('Vice President Joe Biden and Senator Tom Hale of Texas praised the bill. Ada Brook and Tom Hale said the bill was dead.')).toEqual([
      'PERSON Ada Brook',
      'PERSON Joe Biden',
      'PERSON Tom Hale',
    ]);
    expect(by('Ada Brook and Tom Hale said the bill was dead.', 'the bill was dead')).toBe('Tom Hale');
    expect(entities('The Department of Health and Human Services said the rule would stay.')).toEqual(['ORGANISATION The Department of Health and Human Services']);
    expect(entities('The Bill and Melinda Gates Foundation said it would pay.')).toEqual(['ORGANISATION The Bill and Melinda Gates Foundation']);
    expect(entities('Officials at Customs and Border Protection said the wall was late.')).toEqual(['ORGANISATION Customs and Border Protection']);
  });

  it('takes a place for no person: one only mentioned is no entity, one that speaks an organisation', () => {
    expect(entities('Ada Brook flew from South Carolina to Las Vegas on Monday. North Korea said the test was a success. Tom West said it failed.')).toEqual([
      'ORGANISATION North Korea',
      'PERSON Ada Brook',
      'PERSON Tom West',
    ]);
  });

  it('keeps a sentence’s opening word out of the name after it: "Despite Ada Brook", "Following Tom Hale", "Follow Nora Patel"', () => {
    expect(entities('Despite Ada Brook, the council voted. Following Tom Hale on Monday, the mayor spoke. Follow Nora Patel on Twitter.')).toEqual([
      'PERSON Ada Brook',
      'PERSON Nora Patel',
      'PERSON Tom Hale',
    ]);
  });

  it('drops a party, an occupation or a home state before a name, but not an organisation’s first word', () => {
    const body = 'Democrat Ada Brook said the bill was dead. Oregon Sen. Tom Hale said it was alive. Actress Nora Patel met them. ' +
      'The Republican National Committee said the vote was fair.';
    expect(entities(body)).toEqual(['ORGANISATION The Republican National Committee', 'PERSON Ada Brook', 'PERSON Nora Patel', 'PERSON Tom Hale']);
    expect(by(body, 'it was alive')).toBe('Tom Hale');
  });

  it('takes a title after an organisation, and an office after "of", out of the name', () => {
    const doc = extractArticle({
      title: 'A test article', publishedAt: '2016-03-02', authors: [], language: 'en',
      body: 'Valley Trust Chairman and CEO Nora Patel said the bank was sound. Secretary of Defense Ada Brook said the war was over.',
    }).document;
    const ref = (name: string) => doc.entities.find((e) => e.name === name)?.ref;
    expect(doc.affiliations).toEqual([{ person: ref('Nora Patel'), organisation: ref('Valley Trust'), role: 'Chairman and CEO' }]);
    expect(doc.entities.find((e) => e.name === 'Ada Brook')?.description).toBe('Secretary of Defense');
    // A title and its office with no name after them, at the very end of the text.
    expect(entities('Ada Brook met the Governor of Arkansas')).toEqual(['PERSON Ada Brook']);
  });

  it('ends a name at a weekday, keeps "New" in a place and cuts a place off a name after it', () => {
    expect(entities('Ada Brook spoke in New Hampshire Monday. In New Hampshire Tom Hale won.')).toEqual(['PERSON Ada Brook', 'PERSON Tom Hale']);
  });

  it('takes no person from the name of a law, an event or a group', () => {
    expect(entities('Ada Brook said the Clean Water Act was a success. Election Day is near. Texas Republicans cheered.')).toEqual([
      'ORGANISATION Clean Water Act',
      'PERSON Ada Brook',
    ]);
  });

  it('takes no person from the last words of other names, a run across a hidden sentence end, or words a scrape ran together', () => {
    const body = 'Ada Brook said the Coastal Guard and Harbor Media were late. Tom Hale wants a ban on travel to the U.S. ' +
      'The plan failed, Ian Moss said. Nora PatelFlagShareLikeReplyTed Lowe wrote that the plan failed.';
    const found = entities(body);
    // What the statements are about stays, as organisations.
    expect(found.filter((e) => e.startsWith('PERSON'))).toEqual(['PERSON Ada Brook', 'PERSON Ian Moss', 'PERSON Tom Hale']);
    expect(found).toContain('ORGANISATION Coastal Guard');
    expect(found.filter((e) => /The|Flag/.test(e))).toEqual([]);
  });

  it('finds names in a title-case headline only as the prose writes them, and in a list of names as written', () => {
    const body = 'Tom Hale: Valley Plan ‘Stunning Failure’ For River Farmers.\n\nAda Brook said on Monday the river plan would fail. ' +
      'Tom Hale said the plan was a failure for farmers.' +
      '\n\nPictured: Ian Moss, Nora Patel and Ted Lowe.';
    expect(entities(body)).toEqual(['PERSON Ada Brook', 'PERSON Ian Moss', 'PERSON Nora Patel', 'PERSON Ted Lowe', 'PERSON Tom Hale']);
    // Words the article writes nowhere else, but "A" and "To" capitalised inside: a headline all the same.
    expect(entities("Ada Brook Just Dropped A Powerful Response To Tom Hale's Stunning Tirade.\n\nAda Brook said on Monday that Tom Hale was wrong.")).toEqual([
      'PERSON Ada Brook',
      'PERSON Tom Hale',
    ]);
  });

  it('takes a quantifier standing for people as the speaker', () => {
    expect(extract('Most said they were worried about prices.')).toContainEqual({ by: 'Most', text: 'they were worried about prices', quote: false });
  });

  it('takes the subject a sentence opens with, before an inserted phrase', () => {
    expect(by('Ada Brook, as the hearing dragged on in the cold hall, held her ground and refused to admit that the plan had failed.', 'to admit that the plan had failed')).toBe('Ada Brook');
  });

  it('finds "it" in an organisation that was a subject before, and "she" in a person only mentioned', () => {
    expect(by('The Valley Trust released its report on Monday. It said the river was clean.', 'the river was clean')).toBe('The Valley Trust');
    expect(by('Voters in the valley cheered for Ada Brook on Monday. “We are not done yet,” she said.', 'We are not done yet')).toBe('Ada Brook');
  });

  it('names a person from a place without the place: "Ted Hale of Texas"', () => {
    expect(by('Senator Tom Hale of Texas said the bill was dead.', 'the bill was dead')).toBe('Tom Hale');
  });

  it('gives a quotation with no cue to the person the sentence before is about', () => {
    const said = extract('Ada Brook distanced herself from the group by the river.\n\n“I will support the plan, but not every part of it.”');
    expect(said).toContainEqual({ by: 'Ada Brook', text: 'I will support the plan, but not every part of it', quote: true });
  });
});

describe('trailing and inserted attributions', () => {
  it('takes a quotation closed on a comma as the content, however long the attribution after it', () => {
    expect(by('“We are not done,” Tom Hale told the Valley Herald in an interview on Thursday at the county fair.', 'We are not done')).toBe('Tom Hale');
  });

  it('does not take a short opening phrase for what was said: "In an email, Mr. Hale said …"', () => {
    expect(extract('In an email, Mr. Hale said his ties to the firm were strictly business.')).toEqual([
      { by: 'Hale', text: 'his ties to the firm were strictly business', quote: false },
    ]);
  });

  it('ends the content before a role in apposition to the speaker', () => {
    expect(by('The mill will reopen in May, a spokeswoman, Ada Brook, said.', 'The mill will reopen in May')).toBe('Ada Brook');
  });

  it('continues a partly quoted trailing statement with the quotation after it', () => {
    expect(extract('Golf clubs are “just scratching out a profit,” Mr. Hale said. “It is a thin business.”')).toContainEqual({
      by: 'Hale', text: 'Golf clubs are “just scratching out a profit,” … It is a thin business', quote: false,
    });
  });

  it('takes the name before an apposition after a quotation', () => {
    expect(by('“The plan is a start,” Ada Brook, an assistant secretary of transport, said on the same call.', 'The plan is a start')).toBe('Ada Brook');
  });

  it('reads an opening "Name, apposition, says" forward', () => {
    expect(by('Ian Moss, the party pollster, says his candidate has the money and the time.', 'his candidate has the money and the time')).toBe('Ian Moss');
  });

  it('does not take a clause with a quotation after the cue for a trailing speaker', () => {
    expect(by('Ian Moss, a historian of the region, said places such as Salem “have more of a history.”', 'places such as Salem “have more of a history.”')).toBe('Ian Moss');
  });

  it('joins the two halves of a sentence around an inserted attribution', () => {
    expect(extract('The editorial, sources said, nailed the mood of the campaign.')).toContainEqual({ by: 'Sources', text: 'The editorial … nailed the mood of the campaign', quote: false });
  });

  it('joins the two halves of a clause around "according to"', () => {
    expect(by('Fundraising, according to the campaign, has surged since May.', 'Fundraising … has surged since May')).toBe('The campaign');
  });

  it('reads a headline’s "Name: what they said"', () => {
    expect(by('Hale: The Bridge Plan Is Dead.\n\nTom Hale spoke to the council on Monday.', 'The Bridge Plan Is Dead')).toBe('Tom Hale');
  });
});

describe('where the content ends', () => {
  it('starts the content at "that" or the cue, not at a quotation inside the clause', () => {
    expect(by('Mia Lund said her group is going into “overdrive” against the plan.', 'her group is going into “overdrive” against the plan')).toBe('Mia Lund');
  });

  it('ends a cue in an opening clause at the main clause, whose subject speaks', () => {
    expect(extract('After announcing that he would not seek the seat, Tom Hale has been a loyal deputy.')).toContainEqual({ by: 'Tom Hale', text: 'that he would not seek the seat', quote: false });
  });

  it('ends the content at a semicolon or at ", but" with a subject of its own', () => {
    expect(by('Ada Brook said the road would be built; the council has not voted.', 'the road would be built')).toBe('Ada Brook');
    expect(by('Ada Brook said the road would be built, but the council has not voted.', 'the road would be built')).toBe('Ada Brook');
  });

  it('ends the content before another cue with a subject of its own', () => {
    const said = extract('Six in 10 voters said Ada Brook is honest, and three-quarters said the same of Tom Hale.');
    expect(said.map((s) => s.text)).toEqual(['Ada Brook is honest', 'the same of Tom Hale']);
  });
});
