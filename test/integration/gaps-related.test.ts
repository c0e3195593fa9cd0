import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ingested, ingest, ok, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Six articles of this file's own around a harbour story. A mentions a topic, an organisation and a person, and
// reports the spokesman's promise; the others share some of that with A, and G shares nothing with anyone.
const t = uniqueTag();
const NAMES = { harbour: `Harbour ${t}`, port: `Port authority ${t}`, captain: `Captain Idris ${t}`, spokesman: `Spokesman Adeel ${t}` };
const PROMISE = `The harbour will reopen in spring ${t}`;
const entities = [
  { ref: 'harbour', type: 'TOPIC', name: NAMES.harbour },
  { ref: 'port', type: 'ORGANISATION', name: NAMES.port },
  { ref: 'captain', type: 'PERSON', name: NAMES.captain },
  { ref: 'spokesman', type: 'PERSON', name: NAMES.spokesman },
];
const story = (title: string, publishedAt: string, mentions: string[], statements: object[] = []) => ({
  title: `${title} ${t}`, publishedAt, entities, mentions, statements,
});
const promise = { speaker: 'spokesman', text: PROMISE, about: ['harbour'] };

let h: Harness;
const id: Record<string, string> = {};
let first: Ingested;
beforeAll(async () => {
  h = await startHarness();
  const articles = {
    A: story('Harbour closed', '2023-01-10', ['harbour', 'port', 'captain'], [promise]),
    B: story('Port authority under fire', '2023-01-12', ['harbour', 'port']),
    C: story('Spokesman repeats promise', '2023-01-11', ['harbour'], [promise]),
    D: story('Captain speaks out', '2023-01-13', ['captain']),
    F: story('Port authority budget', '2023-01-09', ['port']),
    G: { title: `Unrelated ${t}`, publishedAt: '2023-01-14', entities: [{ ref: 'x', type: 'TOPIC', name: `Orchards ${t}` }], mentions: ['x'] },
  };
  for (const [key, input] of Object.entries(articles)) {
    const loaded = await ingest(input);
    id[key] = loaded.article;
    if (key === 'A') first = loaded;
  }
});
afterAll(() => h.close());

const RELATED = `query ($id: ID!, $first: Int) { article(id: $id) { related(first: $first) {
  score article { id } sharedEntities { name } sharedStatements { text } } } }`;

describe('Article.related', () => {
  it('ranks other articles by shared entities plus three times shared statements, newer first on a tie', async () => {
    const data = await ok(h, RELATED, { id: id.A });
    expect(data.article.related).toEqual([
      { score: 4, article: { id: id.C }, sharedEntities: [{ name: NAMES.harbour }], sharedStatements: [{ text: PROMISE }] },
      { score: 2, article: { id: id.B }, sharedEntities: [{ name: NAMES.harbour }, { name: NAMES.port }], sharedStatements: [] },
      { score: 1, article: { id: id.D }, sharedEntities: [{ name: NAMES.captain }], sharedStatements: [] },
      { score: 1, article: { id: id.F }, sharedEntities: [{ name: NAMES.port }], sharedStatements: [] },
    ]);
  });

  it('keeps only the first few, and nothing for an article that shares nothing', async () => {
    const top = await ok(h, RELATED, { id: id.A, first: 2 });
    expect(top.article.related.map((r: any) => r.article.id)).toEqual([id.C, id.B]);
    const alone = await ok(h, RELATED, { id: id.G });
    expect(alone.article.related).toEqual([]);
  });
});

const STORIES = `query ($a: ID!, $b: ID!) { storiesConnecting(a: $a, b: $b) {
  sharedEntities { name } sharedStatements { text } paths { length steps { relationship direction node { id } } } } }`;

describe('storiesConnecting', () => {
  it('names what two articles share, and the shortest paths through it', async () => {
    const { storiesConnecting: c } = await ok(h, STORIES, { a: id.A, b: id.C });
    expect(c.sharedEntities).toEqual([{ name: NAMES.harbour }]);
    expect(c.sharedStatements).toEqual([{ text: PROMISE }]);
    const via = (node: string, rel: string) => [
      { relationship: null, direction: null, node: { id: id.A } },
      { relationship: rel, direction: rel === 'MENTIONS' ? 'FORWARD' : 'BACKWARD', node: { id: node } },
      { relationship: rel, direction: rel === 'MENTIONS' ? 'BACKWARD' : 'FORWARD', node: { id: id.C } },
    ];
    expect(c.paths).toHaveLength(2);
    expect(c.paths).toEqual(
      expect.arrayContaining([
        { length: 2, steps: via(first.entity(NAMES.harbour), 'MENTIONS') },
        { length: 2, steps: via(first.statement(PROMISE), 'REPORTED_IN') },
      ]),
    );
  });

  it('finds articles linked only through a third one, four hops apart, with nothing shared', async () => {
    const { storiesConnecting: c } = await ok(h, STORIES, { a: id.B, b: id.D });
    expect(c.sharedEntities).toEqual([]);
    expect(c.sharedStatements).toEqual([]);
    expect(c.paths.map((p: any) => p.length)).toEqual([4, 4]);
    for (const p of c.paths) expect(p.steps[2].node.id).toBe(id.A);
  });

  it('gives empty answers for unconnected articles, and refuses the same article twice or an unknown one', async () => {
    const { storiesConnecting: c } = await ok(h, STORIES, { a: id.A, b: id.G });
    expect(c).toEqual({ sharedEntities: [], sharedStatements: [], paths: [] });
    const same = await h.execute(STORIES, { a: id.A, b: id.A });
    expect(same.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    const missing = await h.execute(STORIES, { a: id.A, b: `article:nothing-${t}` });
    expect(missing.errors![0].extensions.code).toBe('NOT_FOUND');
  });
});
