import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { ARTICLE_DAYS_FROM } from '../../src/graph/day-counts.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { dbHits, ingest, ok, settlePlanner, uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Each entity's statements, the articles of entities with many, and the graph's statements and articles are
// counted by day at write time (src/graph/day-counts.ts), and totalCount over dates adds up those days. Here the
// counts are checked against the items themselves after every kind of write that adds, removes or moves one, and
// the totals the API gives against what it lists (the articles of an entity with few too, counted by degree or by
// their date index).
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Statements said by and about the entities `ids`, per local day, counted from the graph's structure alone. */
const FROM_SCRATCH = `
CALL () {
  MATCH (e:Entity)-[:SAID]->(s:Statement) WHERE e.id IN $ids RETURN 'SAID' AS link, e.id AS entity, s.at AS at
  UNION ALL
  MATCH (s:Statement)-[:ABOUT]->(e:Entity) WHERE e.id IN $ids RETURN 'ABOUT' AS link, e.id AS entity, s.at AS at
  UNION ALL
  MATCH (e:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(e) WHERE e.id IN $ids RETURN 'SELF' AS link, e.id AS entity, s.at AS at

}
RETURN link, entity, toString(date(at)) AS day, count(*) AS count ORDER BY link, entity, day`;

const KEPT = `MATCH (d:DayCount) WHERE d.entity IN $ids
RETURN d.link AS link, d.entity AS entity, toString(d.day) AS day, d.count AS count ORDER BY link, entity, day`;

/** The graph's statements and articles on the local days of `year`, per day, from scratch; and as kept. */
const ALL_FROM_SCRATCH = `
CALL () {
  MATCH (s:Statement) WHERE date(s.at).year = $year RETURN 'STATEMENT' AS link, s.at AS at
  UNION ALL
  MATCH (a:Article) WHERE date(a.publishedAt).year = $year RETURN 'ARTICLE' AS link, a.publishedAt AS at
}
RETURN link, toString(date(at)) AS day, count(*) AS count ORDER BY link, day`;
const ALL_KEPT = `MATCH (d:DayCount {entity: '*'}) WHERE d.day.year = $year
RETURN d.link AS link, toString(d.day) AS day, d.count AS count ORDER BY link, day`;

/** Counts stored as anything but integers (the driver reads 2.0 and 2 alike), of the entities `ids` and the graph. */
const NOT_INTEGERS = "MATCH (d:DayCount) WHERE (d.entity IN $ids OR d.entity = '*') AND NOT d.count IS :: INTEGER RETURN d.entity AS entity, d.link AS link";

async function expectDaysExact(ids: string[], step: string, year?: number): Promise<void> {
  const [kept, counted] = [await h.db.read('test.kept', KEPT, { ids }), await h.db.read('test.counted', FROM_SCRATCH, { ids })];
  expect(counted.length, step).toBeGreaterThan(0);
  expect(kept, step).toEqual(counted);
  expect(await h.db.read('test.integers', NOT_INTEGERS, { ids }), step).toEqual([]);
  if (year === undefined) return;
  const [all, allCounted] = [await h.db.read('test.kept', ALL_KEPT, { year }), await h.db.read('test.counted', ALL_FROM_SCRATCH, { year })];
  expect(allCounted.length, step).toBeGreaterThan(0);
  expect(all, `${step}: the graph's days`).toEqual(allCounted);
}

/** Every totalCount that reads day counts, against the items listed (all of them: fewer than a page). */
async function expectTotalsListed(id: string, from: string | null, to: string | null): Promise<void> {
  const speaks = !id.startsWith('topic:');
  const publishes = id.startsWith('organisation:');
  const data = await ok(h, `query ($id: ID!, $from: Date, $to: Date) {
    about: statements(filter: { about: $id, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
    of: timeline(entity: $id, role: ABOUT, from: $from, to: $to, first: 100) { totalCount edges { date } }
    any: timeline(entity: $id, from: $from, to: $to, first: 100) { totalCount edges { date } }
    node(id: $id) { ... on Entity { statementsAbout(first: 100) { totalCount edges { node { id } } } mentionedIn(first: 100) { totalCount edges { node { id } } } }
      ${publishes ? '... on Organisation { published(first: 100) { totalCount edges { node { id } } } }' : ''} }
    mentioning: articles(filter: { mentioning: $id, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
    ${publishes ? 'source: articles(filter: { source: $id, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }' : ''}
    ${speaks ? `said: statements(filter: { speaker: $id, from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
    by: timeline(entity: $id, role: BY, from: $from, to: $to, first: 100) { totalCount edges { date } }` : ''}
    ${speaks && !publishes ? 'person(id: $id) { statements(first: 100) { totalCount edges { node { id } } } }' : ''} }`, { id, from, to });
  const window = `${id} from ${from} to ${to}`;
  const lists = [
    data.about, data.of, data.any, data.node.statementsAbout, data.node.mentionedIn, data.mentioning,
    ...(publishes ? [data.node.published, data.source] : []),
    ...(speaks ? [data.said, data.by] : []),
    ...(speaks && !publishes ? [data.person.statements] : []),
  ];
  for (const list of lists) expect(list.totalCount, window).toBe(list.edges.length);
  expect(data.of.totalCount, window).toBe(data.about.totalCount);
  if (speaks) expect(data.by.totalCount, window).toBe(data.said.totalCount);
  expect(lists.some((list) => list.totalCount > 0), window).toBe(true);
}

/** The graph's statements and articles within dates: their totalCount against what is listed. */
async function expectAllListed(from: string, to: string): Promise<void> {
  const data = await ok(h, `query ($from: Date, $to: Date) {
    statements(filter: { from: $from, to: $to }, first: 100) { totalCount edges { node { id } } }
    articles(filter: { from: $from, to: $to }, first: 100) { totalCount edges { node { id } } } }`, { from, to });
  for (const list of [data.statements, data.articles]) expect(list.totalCount, `the graph from ${from} to ${to}`).toBe(list.edges.length);
  expect(data.articles.totalCount, `articles from ${from} to ${to}`).toBeGreaterThan(0);
}

describe('day counts', () => {
  // About thirty writes and a hundred checks: half a minute on a quiet machine, minutes on a busy one.
  it('match the items counted from scratch through new articles, moved statements, new versions, merges and concurrent writers', async () => {
    const t = uniqueTag();
    const entities = ['Amna', 'Bilal', 'Chaudhry', 'Dua'].map((n) => ({ ref: n[0]!.toLowerCase(), type: 'PERSON', name: `${n} ${t}` }));
    entities.push({ ref: 't', type: 'TOPIC', name: `Water ${t}` });
    const url = (n: number) => `https://days.example/${t}/${n}`;
    // The year is this test's own, so the graph's counts of its days are this test's alone.
    const year = 1994;
    const article = (n: number, publishedAt: string, statements: Record<string, unknown>[], { mentions = ['a'], source = 'Ledger' } = {}) =>
      ({ url: url(n), title: `Report ${n} ${t}`, source: `${source} ${t}`, publishedAt, entities, mentions, statements });
    // 00:30 in Karachi on 1 March is still 28 February in UTC: the statement's day is the local one.
    const first = await ingest(article(1, '1994-03-01T00:30:00+05:00', [
      { speaker: 'a', text: `B is wrong ${t}`, about: ['b', 't'] },
      { speaker: 'b', text: `A is wrong ${t}`, about: ['a'] },
      { speaker: 'a', text: `Only here ${t}`, about: ['t'] },
      { speaker: 'a', text: `About myself ${t}`, about: ['a'] },
    ]));
    const [a, b, topic] = [first.entity(`Amna ${t}`), first.entity(`Bilal ${t}`), first.entity(`Water ${t}`)];
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const ledger = await idOf(`Ledger ${t}`);
    const ids = [a, b, topic, ledger];
    await expectDaysExact(ids, 'first article', year);
    expect(await h.db.read('test.day', 'MATCH (d:DayCount {entity: $a, link: "SAID"}) RETURN toString(d.day) AS day, d.count AS n', { a }))
      .toEqual([{ day: '1994-03-01', n: 3 }]);

    // Reported again with the day it was said, and about someone more: its days move, and C gains one.
    await ingest(article(2, '1994-03-10', [{ speaker: 'a', text: `B is wrong ${t}`, about: ['c'], saidOn: '1994-02-20' }], { mentions: ['a', 'c'] }));
    const c = await idOf(`Chaudhry ${t}`);
    ids.push(c);
    await expectDaysExact(ids, 'a statement reported again with its day', year);
    // Reported again by an earlier article, without a day: B's remark now dates from it, and is about the topic too.
    await ingest(article(3, '1994-02-25', [{ speaker: 'b', text: `A is wrong ${t}`, about: ['a', 't'] }]));
    await expectDaysExact(ids, 'a statement reported by an earlier article', year);
    // Reported again on its day by a later article, now about its own speaker too.
    await ingest(article(10, '1994-03-20', [{ speaker: 'b', text: `A is wrong ${t}`, about: ['b'] }]));
    await expectDaysExact(ids, 'a statement now about its own speaker', year);

    // A new version of the first article drops three statements: one reported nowhere else (deleted), and B's,
    // which stays dated by the earlier article; "B is wrong" has its own day. It mentions B now too.
    await ingest(article(1, '1994-03-01T00:30:00+05:00', [{ speaker: 'a', text: `About myself ${t}`, about: ['a'] }], { mentions: ['a', 'b'] }));
    await expectDaysExact(ids, 'a new version dropping statements', year);
    expect(await h.db.read('test.gone', 'MATCH (s:Statement {text: $text}) RETURN s', { text: `Only here ${t}` })).toEqual([]);
    // And a version that moves to another day takes its statements' days along; it is another paper's now, and
    // mentions B alone.
    await ingest(article(1, '1994-03-05', [{ speaker: 'a', text: `About myself ${t}`, about: ['a'] }, { speaker: 'd', text: `Late word ${t}`, about: ['a'] }],
      { mentions: ['b'], source: 'Gazette' }));
    const [d, gazette] = [await idOf(`Dua ${t}`), await idOf(`Gazette ${t}`)];
    ids.push(d, gazette);
    await expectDaysExact(ids, 'a new version on another day', year);

    // Separate transactions at once, adding to the same days of the same people while another drops one of theirs.
    const documents = [4, 5, 6, 7, 8, 9].map((n) => valid(article(n, '1994-04-01', [
      { speaker: 'd', text: `On water ${n} ${t}`, about: ['t', 'a'] },
      { speaker: 'a', text: `Reply ${n} ${t}`, about: ['d'] },
    ], { mentions: ['a', 'd'] })));
    await withLoader((db) => Promise.all([
      ...documents.map((doc) => ingestDocuments(db, [doc])),
      ingestDocuments(db, [valid(article(1, '1994-03-05', [{ speaker: 'd', text: `Late word ${t}`, about: ['a'] }], { source: 'Gazette' }))]),
    ]));
    await expectDaysExact(ids, 'concurrent writers', year);
    expect(await h.db.read('test.day', 'MATCH (d:DayCount {entity: $d, link: "SAID", day: date("1994-04-01")}) RETURN d.count AS n', { d }))
      .toEqual([{ n: 6 }]);
    // Writers sharing no entity, at once on one day: they meet only on the graph's counts of that day.
    const strangers = [11, 12, 13, 14, 15, 16, 17, 18].map((n) => valid({
      url: url(n), title: `Report ${n} ${t}`, publishedAt: '1994-05-01', mentions: ['p'],
      entities: [{ ref: 'p', type: 'PERSON', name: `Stranger ${n} ${t}` }], statements: [{ speaker: 'p', text: `Alone ${n} ${t}` }],
    }));
    await withLoader((db) => Promise.all(strangers.map((doc) => ingestDocuments(db, [doc]))));
    await expectDaysExact(ids, 'writers sharing nothing but a day', year);
    expect(await h.db.read('test.day', "MATCH (d:DayCount {entity: '*', day: date('1994-05-01')}) RETURN d.link AS link, d.count AS n ORDER BY link"))
      .toEqual([{ link: 'ARTICLE', n: 8 }, { link: 'STATEMENT', n: 8 }]);

    const merge = async (into: string, from: string) =>
      expect((await h.write(`mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { mergedIds } }`, { into, from: [from] })).errors).toBeUndefined();
    // D turns out to be C: D's days become C's, and D keeps none.
    await merge(c, d);
    await expectDaysExact(ids, 'a merge', year);
    expect(await h.db.read('test.merged', 'MATCH (x:DayCount {entity: $d}) RETURN x', { d })).toEqual([]);
    // B turns out to be A: B's remark about A is now A's about itself, counted once on each side, and an article
    // that mentioned both mentions one.
    await merge(a, b);
    await expectDaysExact(ids, 'a merge of a speaker into whom they spoke about', year);
    // The two papers are one.
    await merge(ledger, gazette);
    await expectDaysExact(ids, 'a merge of publishers', year);

    for (const id of [a, c, topic, ledger]) {
      for (const [from, to] of [[null, null], ['1994-02-25', '1994-03-01'], ['1994-03-01', null], [null, '1994-02-28'], ['1994-04-01', '1994-04-01']] as const) {
        await expectTotalsListed(id, from, to);
      }
    }
    for (const [from, to] of [['1994-02-25', '1994-03-01'], ['1994-01-01', '1994-12-31'], ['1994-04-01', '1994-04-01'], ['1994-03-05', '1994-03-05']] as const) {
      await expectAllListed(from, to);
    }
    // Over all days, the database's counts of its labels.
    const [all] = await h.db.read('test.all', 'RETURN COUNT { MATCH (:Statement) } AS statements, COUNT { MATCH (:Article) } AS articles');
    const totals = await ok(h, '{ statements { totalCount } articles { totalCount } }');
    expect([totals.statements.totalCount, totals.articles.totalCount]).toEqual([all!.statements, all!.articles]);
  }, 240_000);

  it('are built by the start-up migration for a graph written before them', async () => {
    const t = uniqueTag();
    const year = 1993;
    const loaded = await ingest({
      title: `Old data ${t}`, source: `Archive ${t}`, publishedAt: '1993-01-01T23:30:00-05:00',
      entities: [{ ref: 'p', type: 'PERSON', name: `Old Speaker ${t}` }, { ref: 'q', type: 'TOPIC', name: `Old topic ${t}` }],
      statements: [{ speaker: 'p', text: `Old remark ${t}`, about: ['q'] }, { speaker: 'p', text: `Dated remark ${t}`, about: ['q', 'p'], saidOn: '1992-12-24' }],
      mentions: ['p', 'q'],
    });
    const archive = (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name: `Archive ${t}` }))[0]!.id as string;
    const ids = [loaded.entity(`Old Speaker ${t}`), loaded.entity(`Old topic ${t}`), archive];
    await h.db.write('test.strip', (run) => run("MATCH (d:DayCount) WHERE d.entity IN $ids OR (d.entity = '*' AND d.day.year IN [1992, 1993]) DELETE d", { ids }));
    expect(await h.db.read('test.kept', KEPT, { ids })).toEqual([]);
    await h.db.write('test.forget', (run) => run("MATCH (m:Migration) WHERE m.id STARTS WITH 'migration:day-counts' DELETE m"));
    await applySchema(h.db);
    await expectDaysExact(ids, 'the migration', year);
    await expectDaysExact(ids, 'the migration', year - 1);
    await expectTotalsListed(ids[0]!, '1993-01-01', '1993-01-01');
    await expectTotalsListed(archive, '1993-01-01', null);
    await expectAllListed('1992-12-01', '1993-01-31');
  });

  it('make a count over dates cost one entry a day, however many statements or articles each day holds', async () => {
    const t = uniqueTag();
    const days = ['2019-06-01', '2019-06-02', '2019-06-03', '2019-06-04'];
    const speaker = (name: string, perDay: number) => days.flatMap((day) => Array.from({ length: perDay }, (_, i) => valid({
      title: `${name} ${day} ${i} ${t}`, source: `Wire ${t}`, publishedAt: `${day}T09:00:00+05:00`,
      entities: [{ ref: 'p', type: 'PERSON', name: `${name} ${t}` }],
      statements: [{ speaker: 'p', text: `${name} says ${day} ${i} ${t}` }], mentions: ['p'],
    })));
    await withLoader(async (db) => {
      await ingestDocuments(db, speaker('Quiet', 2));
      await ingestDocuments(db, speaker('Busy', 60));
    });
    await settlePlanner(h);
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const count = (id: string) => `{ statements(filter: { speaker: "${id}", from: "2019-06-02", to: "2019-06-04" }, first: 1) { totalCount } }`;
    const [quiet, busy] = [await idOf(`Quiet ${t}`), await idOf(`Busy ${t}`)];
    expect((await ok(h, count(busy))).statements.totalCount).toBe(180);
    expect((await ok(h, count(quiet))).statements.totalCount).toBe(6);
    const [few, many] = [await dbHits(h, count(quiet)), await dbHits(h, count(busy))];
    // Counting the 180 statements themselves reads at least one index entry each; the day counts read 3 entries.
    expect(many, `${few} db hits for 6 statements, ${many} for 180`).toBeLessThan(few + 20);
    // Their articles over all days are the entity's degree, which Neo4j keeps: no article is read.
    const mentions = (id: string) => `{ articles(filter: { mentioning: "${id}" }, first: 1) { totalCount } }`;
    expect((await ok(h, mentions(busy))).articles.totalCount).toBe(240);
    const [fewArticles, manyArticles] = [await dbHits(h, mentions(quiet)), await dbHits(h, mentions(busy))];
    expect(manyArticles, `${fewArticles} db hits for 8 articles, ${manyArticles} for 240`).toBeLessThan(fewArticles + 20);
  });
});

describe('day counts of articles', () => {
  /** The articles of entities `ids` per local day, from the graph's structure alone, for those marked as counted. */
  const ARTICLES_FROM_SCRATCH = `
  MATCH (e:Entity) WHERE e.id IN $ids AND e.articleDays
  CALL (e) {
    MATCH (a:Article)-[:MENTIONS]->(e) RETURN 'MENTIONS' AS link, a
    UNION ALL
    MATCH (a:Article)-[:PUBLISHED_BY]->(e) RETURN 'PUBLISHED_BY' AS link, a
  }
  RETURN link, e.id AS entity, toString(date(a.publishedAt)) AS day, count(*) AS count ORDER BY link, entity, day`;
  const ARTICLES_KEPT = `MATCH (d:DayCount) WHERE d.entity IN $ids AND d.link IN ['MENTIONS', 'PUBLISHED_BY']
  RETURN d.link AS link, d.entity AS entity, toString(d.day) AS day, d.count AS count ORDER BY link, entity, day`;
  const marked = async (ids: string[]) =>
    (await h.db.read('test.marked', 'MATCH (e:Entity) WHERE e.id IN $ids AND e.articleDays RETURN e.id AS id ORDER BY id', { ids })).map((r) => r.id);

  async function expectArticleDaysExact(ids: string[], step: string): Promise<void> {
    const [kept, counted] = [await h.db.read('test.kept', ARTICLES_KEPT, { ids }), await h.db.read('test.counted', ARTICLES_FROM_SCRATCH, { ids })];
    expect(kept, step).toEqual(counted);
    expect(await h.db.read('test.integers', NOT_INTEGERS, { ids }), step).toEqual([]);
  }

  /** An entity's articles within dates: totalCount against a count from scratch, and against the list when short. */
  async function expectArticleTotals(id: string, from: string, to: string, source = false): Promise<void> {
    const filter = source ? '{ source: $id, from: $from, to: $to }' : '{ mentioning: $id, from: $from, to: $to }';
    const data = await ok(h, `query ($id: ID!, $from: Date, $to: Date) { articles(filter: ${filter}, first: 100) { totalCount edges { node { id } } } }`, { id, from, to });
    const [{ n }] = (await h.db.read('test.articles', `MATCH (a:Article)-[:${source ? 'PUBLISHED_BY' : 'MENTIONS'}]->(:Entity {id: $id})
      WHERE date(a.publishedAt) >= date($from) AND date(a.publishedAt) <= date($to) RETURN count(a) AS n`, { id, from, to })) as [{ n: number }];
    expect(data.articles.totalCount, `${id} from ${from} to ${to}`).toBe(n);
    if (n < 100) expect(data.articles.edges).toHaveLength(n);
  }

  it('are kept for an entity from the batch that gives it ARTICLE_DAYS_FROM articles, through new versions, merges and concurrent writers', async () => {
    const t = uniqueTag();
    // Fifty articles a day over twenty days of a year of this test's own, all from one paper.
    const day = (i: number) => `1991-01-${String(1 + (i % 20)).padStart(2, '0')}`;
    const entities = [
      { ref: 'h', type: 'PERSON', name: `Hub ${t}` },
      { ref: 'o', type: 'PERSON', name: `Other ${t}` },
      { ref: 'z', type: 'PERSON', name: `Zed ${t}` },
    ];
    const article = (n: number, publishedAt: string, mentions: string[], source = 'Paper') => valid({
      url: `https://hub.example/${t}/${n}`, title: `Story ${n} ${t}`, source: `${source} ${t}`, publishedAt, entities, mentions,
    });
    const load = (documents: ArticleDocument[]) => withLoader((db) => ingestDocuments(db, documents));
    await load(Array.from({ length: ARTICLE_DAYS_FROM - 3 }, (_, i) => article(i, `${day(i)}T10:00:00+05:00`, i % 100 === 0 ? ['h', 'z'] : ['h'])));
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const [hub, zed, paper] = [await idOf(`Hub ${t}`), await idOf(`Zed ${t}`), await idOf(`Paper ${t}`)];
    const ids = [hub, zed, paper];
    // Short of the mark: counted off the date index, and nothing kept.
    expect(await marked(ids)).toEqual([]);
    expect(await h.db.read('test.kept', ARTICLES_KEPT, { ids })).toEqual([]);
    await expectArticleTotals(hub, '1991-01-02', '1991-01-03');
    await expectArticleTotals(hub, '1991-01-01', '1991-12-31');

    // One batch of five takes the hub and the paper past it: their days are counted from scratch.
    await load([0, 1, 2, 3, 4].map((i) => article(2000 + i, `${day(i)}T23:30:00+05:00`, ['h'])));
    expect(await marked(ids)).toEqual([hub, paper].sort());
    await expectArticleDaysExact(ids, 'the batch reaching the mark');
    // From then on each write adds to them: an article late in the evening in Karachi is on its local day, and
    // one in another paper that mentions both.
    await load([article(3000, '1991-01-05T23:45:00+05:00', ['h']), article(3001, '1991-02-01', ['h', 'o'], 'Gazette')]);
    // Those with few articles keep no day counts, whatever their articles' new versions change.
    const [other, gazette] = [await idOf(`Other ${t}`), await idOf(`Gazette ${t}`)];
    ids.push(other, gazette);
    await expectArticleDaysExact(ids, 'new articles');
    // A new version that no longer mentions the hub, then one that moves to another day and mentions it again,
    // then the same again (a re-load).
    await load([article(3001, '1991-02-01', ['o'], 'Gazette')]);
    await expectArticleDaysExact(ids, 'a new version dropping a mention');
    await load([article(5, `${day(5)}T10:00:00+05:00`, ['o'])]);
    await load([article(3000, '1991-03-01', ['h', 'o'])]);
    await expectArticleDaysExact(ids, 'a new version on another day');
    const before = await h.db.read('test.kept', ARTICLES_KEPT, { ids });
    await load([article(3000, '1991-03-01', ['h', 'o'])]);
    expect(await h.db.read('test.kept', ARTICLES_KEPT, { ids }), 'a re-load').toEqual(before);
    // Writers at once, each adding to the hub's and the paper's same day.
    await withLoader((db) => Promise.all([4000, 4001, 4002, 4003, 4004, 4005].map((n) => ingestDocuments(db, [article(n, '1991-04-01', ['h'])]))));
    await expectArticleDaysExact(ids, 'concurrent writers');
    expect(await h.db.read('test.day', "MATCH (d:DayCount {entity: $hub, link: 'MENTIONS', day: date('1991-04-01')}) RETURN d.count AS n", { hub }))
      .toEqual([{ n: 6 }]);

    const merge = async (into: string, from: string) =>
      expect((await h.write(`mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { mergedIds } }`, { into, from: [from] })).errors).toBeUndefined();
    // Other, whose articles were never counted by day, turns out to be the hub: its days become the hub's.
    await merge(hub, other);
    await expectArticleDaysExact(ids, 'a merge into the hub');
    // And the hub turns out to be Zed, who had ten articles: Zed has many now, counted from scratch; the hub keeps none.
    await merge(zed, hub);
    expect(await marked(ids)).toEqual([paper, zed].sort());
    expect(await h.db.read('test.kept', ARTICLES_KEPT, { ids: [other, gazette] })).toEqual([]);
    await expectArticleDaysExact(ids, 'a merge of the hub into an entity with few');
    expect(await h.db.read('test.merged', 'MATCH (d:DayCount {entity: $hub}) RETURN d', { hub })).toEqual([]);

    for (const [from, to] of [['1991-01-02', '1991-01-03'], ['1991-01-05', '1991-01-06'], ['1991-03-01', '1991-04-01'], ['1991-01-01', '1991-12-31'], ['1990-12-31', '1991-01-01']] as const) {
      await expectArticleTotals(zed, from, to);
      await expectArticleTotals(paper, from, to, true);
    }
  }, 240_000);

  it('are built by the start-up migration, and make a count over dates cost one entry a day', async () => {
    const t = uniqueTag();
    // A hub with fifty articles a day and a quiet one with one, over the same twenty days.
    const days = Array.from({ length: 20 }, (_, i) => `1990-06-${String(i + 1).padStart(2, '0')}`);
    const articles = (name: string, perDay: number) => days.flatMap((day) => Array.from({ length: perDay }, (_, i) => valid({
      title: `${name} ${day} ${i} ${t}`, source: `Wire ${name} ${t}`, publishedAt: `${day}T09:00:00+05:00`,
      entities: [{ ref: 'p', type: 'PERSON', name: `${name} ${t}` }], mentions: ['p'],
    })));
    await withLoader(async (db) => {
      await ingestDocuments(db, articles('Quiet', 1));
      await ingestDocuments(db, articles('Loud', Math.ceil(ARTICLE_DAYS_FROM / days.length)));
    });
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const [quiet, loud] = [await idOf(`Quiet ${t}`), await idOf(`Loud ${t}`)];
    await h.db.write('test.strip', (run) => run(`MATCH (d:DayCount) WHERE d.entity IN $ids AND d.link IN ['MENTIONS', 'PUBLISHED_BY'] DELETE d
      WITH count(*) AS deleted MATCH (e:Entity) WHERE e.id IN $ids REMOVE e.articleDays`, { ids: [quiet, loud] }));
    // Counts once stored as floats (the graph's days of this test's own year) are stored as integers again.
    await h.db.write('test.floats', (run) => run("MATCH (d:DayCount {entity: '*'}) WHERE d.day.year = 1990 SET d.count = toFloat(d.count)"));
    await h.db.write('test.forget', (run) => run("MATCH (m:Migration) WHERE m.id IN ['migration:day-counts-articles', 'migration:day-counts-integers'] DELETE m"));
    await applySchema(h.db);
    expect(await marked([quiet, loud])).toEqual([loud]);
    await expectArticleDaysExact([quiet, loud], 'the migration');
    expect(await h.db.read('test.floats', "MATCH (d:DayCount {entity: '*'}) WHERE d.day.year = 1990 RETURN DISTINCT valueType(d.count) AS type")).toEqual([{ type: 'INTEGER NOT NULL' }]);

    await settlePlanner(h);
    const count = (id: string) => `{ articles(filter: { mentioning: "${id}", from: "1990-06-01", to: "1990-06-20" }, first: 1) { totalCount } }`;
    expect((await ok(h, count(loud))).articles.totalCount).toBe(days.length * Math.ceil(ARTICLE_DAYS_FROM / days.length));
    expect((await ok(h, count(quiet))).articles.totalCount).toBe(days.length);
    const [few, many] = [await dbHits(h, count(quiet)), await dbHits(h, count(loud))];
    // Counting the thousand articles themselves reads at least one index entry each; the day counts read 20 entries.
    expect(many, `${few} db hits for 20 articles, ${many} for ${ARTICLE_DAYS_FROM}`).toBeLessThan(few + 100);
  });
});

function valid(input: Record<string, unknown>): ArticleDocument {
  const checked = validateDocument(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.document;
}
