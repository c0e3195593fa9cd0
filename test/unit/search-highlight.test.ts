import { describe, expect, it } from 'vitest';
import { highlight, needles, withinOneEdit } from '../../src/search/highlight.js';
import { parseSearchText } from '../../src/search/lucene.js';

const hl = (query: string, ...texts: string[]) => highlight(parseSearchText(query), texts.map((text, of) => ({ of, start: 0, text, cutEnd: false })));

describe('highlights', () => {
  it('marks the words found, accents, case and a typo aside', () => {
    expect(hl('gulsen celebbi', 'Gülşen Çelebi')).toEqual(['«Gülşen Çelebi»']);
    expect(hl('harbour contract', 'The Harbour board signed the contract.')).toEqual(['The «Harbour» board signed the «contract».']);
  });

  it('marks a phrase as one, stop words inside it included, and no stop word alone', () => {
    expect(hl('"of the lack of enthusiasm for"', 'I am surprised by the lack of enthusiasm for a reform.')).toEqual([
      'I am surprised by the «lack of enthusiasm» for a reform.',
    ]);
    expect(hl('the reform', 'The plan is the reform of the port.')).toEqual(['The plan is the «reform» of the port.']);
    expect(hl('"reform"', 'No reforms, only the reform.')).toEqual(['No reforms, only the «reform».']);
  });

  it('cuts a long text around its matches at word boundaries, and says where it was cut', () => {
    const text = `${'Opening words fill the start of the story. '.repeat(6)}Then the minister spoke about the harbour dredging contract and left. ${'More words follow after that. '.repeat(8)}`;
    const [fragment] = hl('harbour dredging', text);
    expect(fragment).toMatch(/^…[A-Z]?[a-z]/);
    expect(fragment).toContain('the «harbour dredging» contract');
    expect(fragment).toMatch(/[a-z.]…$/);
    expect(fragment!.length).toBeLessThanOrEqual(170);
  });

  it('leaves out words the database window cut in half', () => {
    const [fragment] = highlight(parseSearchText('tariff'), [{ of: 0, start: 20, text: 'ster raised the tariff again on Monday mor', cutEnd: true }]);
    expect(fragment).toBe('…raised the «tariff» again on Monday…');
  });

  it('shows no part of a text twice when the windows the database sent overlap', () => {
    const text = 'The harbour reopened today. The harbour master said the dredging is over.';
    const windows = [{ of: 0, start: 100, text: text.slice(0, 40), cutEnd: true }, { of: 0, start: 104, text: text.slice(4), cutEnd: false }];
    expect(highlight(parseSearchText('harbour dredging'), windows)).toEqual(['…reopened today. The «harbour» master said the «dredging» is over.']);
  });

  it('gives at most three fragments, those matching most words first, and none where nothing matched', () => {
    const texts = ['A word about water.', 'Nothing here.', 'Water and tariff together.', 'Tariff alone.', 'Water again.'];
    expect(hl('water tariff', ...texts)).toEqual(['«Water» and «tariff» together.', 'A word about «water».', '«Tariff» alone.']);
    expect(hl('water', 'Nothing here.')).toEqual([]);
  });
});

describe('what the database looks for in long texts', () => {
  it('is the phrases and the whole search first, then the words longest first, without stop words', () => {
    expect(needles(parseSearchText('the water tariff "new bills"'))).toEqual(['new bills', 'water tariff', 'tariff', 'water', 'bills', 'new']);
  });
});

describe('one typo', () => {
  it('is one letter added, removed, changed, or two letters swapped', () => {
    for (const [a, b] of [['celebi', 'celebbi'], ['celebi', 'celbi'], ['celebi', 'celebu'], ['celebi', 'celbei']]) expect(withinOneEdit(a!, b!)).toBe(true);
    for (const [a, b] of [['celebi', 'clbi'], ['celebi', 'cilebu'], ['celebi', 'ecelbi']]) expect(withinOneEdit(a!, b!)).toBe(false);
  });
});
