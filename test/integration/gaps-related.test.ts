import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATED_PER_ENTITY_SIDE } from '../../src/article/related.js';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { type Ingested, ingest, ok, uniqueTag, withLoader } from './fixtures.js';
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

describe('Article.related of an article mentioning a hub', () => {
  // A hub topic with 30 more articles than the candidates taken on each side of the middle one (M), a day apart;
  // M and one old article (O, published long before the rest) also share a rare topic.
  const u = uniqueTag();
  const hub = { ref: 'hub', type: 'TOPIC', name: `Flood relief ${u}` };
  const rare = { ref: 'rare', type: 'TOPIC', name: `Dam inquiry ${u}` };
  const perSide = RELATED_PER_ENTITY_SIDE + 30;
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  const article = (n: number, rareToo = false) => ({
    title: `Flood relief, day ${n} ${u}`,
    publishedAt: day(n),
    entities: rareToo ? [hub, rare] : [hub],
    mentions: rareToo ? ['hub', 'rare'] : ['hub'],
  });
  const ids = new Map<number, string>();
  const middle = perSide;
  const old = -1000;

  beforeAll(async () => {
    const days = [old, ...Array.from({ length: 2 * perSide + 1 }, (_, n) => n)];
    const documents = days.map((n) => {
      const checked = validateDocument(article(n, n === middle || n === old));
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.document;
    });
    const written = await withLoader((db) => ingestDocuments(db, documents));
    days.forEach((n, i) => ids.set(n, written.articles[i]!.id));
  });

  it('ranks the article sharing a rare entity first, however old, then the articles of the hub nearest in time', async () => {
    const data = await ok(h, RELATED, { id: ids.get(middle), first: 12 });
    const related = data.article.related as { score: number; article: { id: string } }[];
    expect(related[0]).toMatchObject({ score: 2, article: { id: ids.get(old) } });
    // Of the hub's articles, the ones a day after M up to RELATED_PER_ENTITY_SIDE days are candidates; the 30
    // newest lie beyond them. Newest first among equal scores: the furthest candidates after M come first.
    const after = Array.from({ length: 11 }, (_, i) => ids.get(middle + RELATED_PER_ENTITY_SIDE - i));
    expect(related.slice(1).map((r) => r.article.id)).toEqual(after);
    expect(related.slice(1).every((r) => r.score === 1)).toBe(true);
  });

  it('takes the candidates before an article from the days nearest to it too, and those after the first one', async () => {
    const last = 2 * perSide;
    const before = await ok(h, RELATED, { id: ids.get(last), first: 100 });
    const nearestBefore = Array.from({ length: RELATED_PER_ENTITY_SIDE }, (_, i) => ids.get(last - 1 - i));
    expect((before.article.related as { article: { id: string } }[]).map((r) => r.article.id)).toEqual(nearestBefore);
    const after = await ok(h, RELATED, { id: ids.get(0), first: 100 });
    const nearestAfter = Array.from({ length: RELATED_PER_ENTITY_SIDE }, (_, i) => ids.get(RELATED_PER_ENTITY_SIDE - i));
    expect((after.article.related as { article: { id: string } }[]).map((r) => r.article.id)).toEqual(nearestAfter);
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
