import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { fold } from '../../src/common/text.js';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';
import { startOwnNeo4j } from './own-neo4j.js';
import { STORIES, storyDocument } from './search-articles.js';

// Ranking measured on a graph of its own (no other file's data can take first place, and the corpus' people do not
// merge with the seed's): 300 generated articles, whose templated statements share their common words by the
// hundred, and ten written stories of five statements each, whose bodies quote those statements. The phrases come
// from the written statements: a templated one has no six words of its own.
const corpus = generateCorpus({ articles: 300, seed: 9 });
const CELEBI_PROFILE = {
  url: 'https://search-test.example/profile-celebi',
  title: 'Gülşen Çelebi, the finance minister who wants clean water in every village',
  publishedAt: '2024-03-20',
  body: [
    'Gülşen Çelebi has been finance minister for two years. Before that, Gülşen Çelebi ran the water board.',
    'Colleagues say Çelebi reads every report twice. Gulsen Celebi, as her name is often spelled abroad, was born in a river town.',
  ].join('\n\n'),
  entities: [{ ref: 'c', type: 'PERSON', name: 'Gülşen Çelebi', aliases: ['Çelebi'] }],
  mentions: ['c'],
};

// The same three words in a row in a long statement, and apart in a short one.
const TOGETHER = 'Engineers finished the storm damage report late on Friday night after a long and difficult week';
const APART = 'The storm did little damage, says the report';
const STORM = {
  url: 'https://search-test.example/storm',
  title: 'Storm passes over the coast',
  publishedAt: '2024-08-01',
  entities: [{ ref: 'e', type: 'PERSON', name: 'Ewa Lindqvist' }, { ref: 'm', type: 'PERSON', name: 'Marcus Oyelaran' }],
  statements: [{ speaker: 'e', text: TOGETHER }, { speaker: 'm', text: APART }],
  mentions: ['e', 'm'],
};

let h: Harness;
let stop: () => Promise<void>;
beforeAll(async () => {
  const own = await startOwnNeo4j('search', 6);
  stop = own.stop;
  h = await startHarness(own.uri);
  const documents = [...corpus, ...STORIES.map(storyDocument), CELEBI_PROFILE, STORM].map((d) => {
    const checked = validateDocument(d);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.document;
  });
  await withLoader(async (db) => {
    for (let i = 0; i < documents.length; i += 100) await ingestDocuments(db, documents.slice(i, i + 100));
  }, own.uri);
}, 300_000);
afterAll(async () => {
  await h?.close();
  await stop?.();
});

interface Hit {
  score: number;
  highlights: string[];
  node: { __typename: string; id: string; name?: string; text?: string; title?: string };
}

const SEARCH = `query ($q: String!, $types: [SearchType!], $first: Int) { search(query: $q, types: $types, first: $first) {
  score highlights node { __typename id ... on Entity { name } ... on Statement { text } ... on Article { title } } } }`;

async function search(q: string, first = 5, types?: string[]): Promise<Hit[]> {
  const { data, errors } = await h.execute(SEARCH, { q, first, types });
  expect(errors).toBeUndefined();
  return data!.search;
}

/** Six words from the middle of a text, as a reader remembers them (punctuation and all). */
function middleSix(text: string): string {
  const words = text.split(/\s+/);
  const start = Math.floor((words.length - 6) / 2);
  return words.slice(start, start + 6).join(' ');
}

describe('search ranking', () => {
  it('finds each of 50 statements first from six words taken from its middle', async () => {
    const statements = STORIES.flatMap((s) => s.statements.map(([, text]) => text));
    expect(statements).toHaveLength(50);
    const missed: string[] = [];
    for (const text of statements) {
      const [top] = await search(middleSix(text), 1);
      if (top?.node.text !== text) missed.push(`"${middleSix(text)}" → ${top?.node.__typename} ${top?.node.text ?? top?.node.title ?? top?.node.name}`);
    }
    expect(missed).toEqual([]);
  });

  it('ranks an entity whose name is the query above everything that mentions it', async () => {
    // Every person, organisation and topic of the corpus whose folded name no other entity shares.
    const names = new Map<string, Set<string>>();
    for (const e of corpus.flatMap((d) => d.entities)) names.set(fold(e.name), (names.get(fold(e.name)) ?? new Set()).add(e.type));
    const entities = [...new Map(corpus.flatMap((d) => d.entities).map((e) => [fold(e.name), e])).values()]
      .filter((e) => names.get(fold(e.name))!.size === 1)
      .filter((_, i) => i % 7 === 0)
      .slice(0, 40);
    expect(entities.length).toBeGreaterThanOrEqual(30);
    const missed: string[] = [];
    for (const e of entities) {
      const [top] = await search(e.name, 1);
      if (fold(top?.node.name ?? '') !== fold(e.name)) missed.push(`${e.name} → ${top?.node.__typename} ${top?.node.name ?? top?.node.title ?? top?.node.text}`);
    }
    expect(missed).toEqual([]);
  });

  it('puts the person named "Gulsen Celebi" above the article about her, accents aside', async () => {
    const hits = await search('Gulsen Celebi', 3);
    expect(hits[0]!.node).toMatchObject({ __typename: 'Person', name: 'Gülşen Çelebi' });
    expect(hits.map((hit) => hit.node.title)).toContain(CELEBI_PROFILE.title);
    // Raised to the top, the person's score still heads a list whose scores fall.
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('matches a quoted phrase only as a phrase', async () => {
    const phrase = await search('"of the lack of enthusiasm for"', 10, ['STATEMENT']);
    expect(phrase.map((hit) => hit.node.text)).toEqual([STORIES[0]!.statements[4]![1]]);
    // The same words, unquoted, find more than the phrase.
    const words = await search('lack enthusiasm', 10, ['STATEMENT']);
    expect(words.length).toBeGreaterThanOrEqual(1);
  });

  it('filters statements by a quoted phrase too', async () => {
    const { data, errors } = await h.execute('query ($q: String) { statements(filter: { text: $q }) { edges { node { text } } } }', { q: '"lack of enthusiasm"' });
    expect(errors).toBeUndefined();
    expect(data!.statements.edges.map((e: any) => e.node.text)).toEqual([STORIES[0]!.statements[4]![1]]);
  });

  it('ranks hits whose words stand together above hits that merely share them', async () => {
    const hits = await search('storm damage report', 2, ['STATEMENT']);
    expect(hits.map((hit) => hit.node.text)).toEqual([TOGETHER, APART]);
  });

  it('still forgives accents and a typo', async () => {
    const [top] = await search('Gulsen Celebbi', 1, ['PERSON']);
    expect(top!.node.name).toBe('Gülşen Çelebi');
  });
});

describe('search highlights', () => {
  it('mark the quoted phrase in the statement found, in the same one round trip', async () => {
    h.resetQueries();
    const [hit] = await search('"of the lack of enthusiasm for"', 1, ['STATEMENT']);
    expect(h.queries.map((q) => q.name)).toEqual(['Query.search']);
    expect(hit!.highlights).toEqual(['I am surprised by the «lack of enthusiasm» for a reform that will bring clean water to every village.']);
  });

  it('mark a name and an alias found without their accents', async () => {
    const [hit] = await search('Gulsen Celebi', 1);
    expect(hit!.highlights).toEqual(['«Gülşen Çelebi»', '«Çelebi»']);
  });

  it('show where a long article matched, cut around the words, its title too', async () => {
    const hits = await search('arrears', 5, ['ARTICLE']);
    const article = hits.find((hit) => hit.node.title === STORIES[1]!.title)!;
    expect(article.highlights).toHaveLength(1);
    expect(article.highlights[0]).toMatch(/^….*agreed to pay the «arrears»\..*…$/);
    expect(article.highlights[0]!.length).toBeLessThan(200);
    const [title] = (await search('dredging contract', 1, ['ARTICLE']))[0]!.highlights;
    expect(title).toBe('Harbour «dredging contract» under scrutiny');
  });

  it('find a word deep in a long article written with accents the search leaves out', async () => {
    const hits = await search('celebi', 10, ['ARTICLE']);
    const article = hits.find((hit) => hit.node.title === STORIES[0]!.title)!;
    expect(article.highlights[0]).toMatch(/Gülşen «Çelebi» said: "The government will not raise the water tariff/);
  });
});
