import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { CO_MENTIONED_MAX } from '../../src/entity/connections.js';
import { RANKED_DEGREE } from '../../src/entity/ranks.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { dbHits, ok, settlePlanner, uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// `network` and `topSpeakers` read an entity's strongest connections off rank indexes once it has many
// (src/entity/ranks.ts): every page must be exactly the head of the full order, ranked or not, and cost its size,
// not the entity's number of connections.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

interface Entity {
  ref: string;
  type: 'PERSON' | 'ORGANISATION' | 'TOPIC';
  name: string;
}

function article(t: string, n: number, entities: Entity[], mentions: string[], statements: { speaker: string; about: string[] }[]): ArticleDocument {
  const checked = validateDocument({
    url: `https://quay.example/${t}/${n}`,
    title: `Quay report ${n} ${t}`,
    source: `Quay Herald ${t}`,
    publishedAt: `2023-04-${String(1 + (n % 28)).padStart(2, '0')}`,
    entities,
    mentions,
    statements: statements.map((s, i) => ({ ...s, text: `Remark ${i} of report ${n} ${t}` })),
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.document;
}

/** The network and the speakers about `id`, every one, counted from the graph in the API's order (listed mentions connect nothing). */
const NETWORK_FROM_SCRATCH = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-(x:Article)-[l:MENTIONS]->(o:Entity) WHERE o <> e AND m.connects IS NULL AND l.connects IS NULL RETURN o, 1 AS n
  UNION ALL
  MATCH (e)-[:SAID]->(:Statement)-[:ABOUT]->(o:Entity) WHERE o <> e RETURN o, 1 AS n
  UNION ALL
  MATCH (o:Entity)-[:SAID]->(:Statement)-[:ABOUT]->(e) WHERE o <> e RETURN o, 1 AS n
}
WITH o, sum(n) AS weight
RETURN o.id AS id, weight ORDER BY weight DESC, o.name, o.id`;

const SPEAKERS_FROM_SCRATCH = `
MATCH (speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(:Entity {id: $id})
WITH speaker, count(s) AS count
RETURN speaker.id AS id, count ORDER BY count DESC, speaker.name, speaker.id`;

async function expectEveryPageExact(id: string, minWeights = [2, 3, 4]): Promise<void> {
  const network = await h.db.read('test.network', NETWORK_FROM_SCRATCH, { id });
  const speakers = await h.db.read('test.speakers', SPEAKERS_FROM_SCRATCH, { id });
  expect(network.length).toBeGreaterThan(3);
  expect(speakers.length).toBeGreaterThan(3);
  for (let first = 1; first <= Math.min(network.length + 1, 100); first++) {
    const { node } = await ok(h, `{ node(id: "${id}") { ... on Entity { network(first: ${first}) { weight entity { id } } } } }`);
    expect({ first, network: node.network.map((l: any) => ({ id: l.entity.id, weight: l.weight })) }).toEqual({ first, network: network.slice(0, first) });
  }
  for (const minWeight of minWeights) {
    const { node } = await ok(h, `{ node(id: "${id}") { ... on Entity { network(first: 100, minWeight: ${minWeight}) { weight entity { id } } } } }`);
    expect({ minWeight, network: node.network.map((l: any) => ({ id: l.entity.id, weight: l.weight })) })
      .toEqual({ minWeight, network: network.filter((l) => (l.weight as number) >= minWeight).slice(0, 100) });
  }
  for (let first = 1; first <= speakers.length + 1; first++) {
    const { topSpeakers } = await ok(h, `{ topSpeakers(about: "${id}", first: ${first}) { count speaker { id } } }`);
    expect({ first, speakers: topSpeakers.map((s: any) => ({ id: s.speaker.id, count: s.count })) }).toEqual({ first, speakers: speakers.slice(0, first) });
  }
}

describe('ranked connections', () => {
  it('give every page of a network and of topSpeakers exactly the head of the full order, through new articles and new versions', async () => {
    const t = uniqueTag();
    // Ids below and above the hub's (organisations and topics sort around people) put it at either end of CONNECTED;
    // "Ali", "Ali Bhatti" and "Ali Khan" tie on weight, and their order is the order of their names.
    const entities: Entity[] = [
      { ref: 'h', type: 'PERSON', name: `Mahnoor ${t}` },
      { ref: 'a', type: 'PERSON', name: `Ali ${t}` },
      { ref: 'k', type: 'PERSON', name: `Ali ${t} Khan` },
      { ref: 'd', type: 'PERSON', name: `Ali ${t} Bhatti` },
      { ref: 'z', type: 'PERSON', name: `Zoe ${t}` },
      { ref: 'o', type: 'ORGANISATION', name: `Port Trust ${t}` },
      { ref: 'p', type: 'TOPIC', name: `Dredging ${t}` },
    ];
    const docs = [
      article(t, 1, entities, ['h', 'a', 'k', 'd', 'z', 'o', 'p'], [
        { speaker: 'a', about: ['h'] }, { speaker: 'k', about: ['h'] }, { speaker: 'd', about: ['h'] }, { speaker: 'z', about: ['h'] },
        { speaker: 'h', about: ['h'] }, { speaker: 'o', about: ['h', 'p'] },
      ]),
      article(t, 2, entities, ['h', 'z', 'p'], [{ speaker: 'z', about: ['h'] }, { speaker: 'z', about: ['h', 'a'] }, { speaker: 'h', about: ['p'] }]),
      article(t, 3, entities, ['h', 'o'], [{ speaker: 'h', about: ['o'] }]),
    ];
    await withLoader((db) => ingestDocuments(db, docs));
    const hub = (await h.db.read('test.hub', 'MATCH (e:Person {name: $name}) RETURN e.id AS id', { name: `Mahnoor ${t}` }))[0]!.id as string;
    // With 6 connections the hub's are read whole, and ranked in the query.
    expect(await isRanked(hub)).toBe(false);
    await expectEveryPageExact(hub);

    // A report naming it with a hundred others takes it past the ranked degree: its pages are now index seeks.
    await withLoader((db) => ingestDocuments(db, crowd(t, 4, entities[0]!, RANKED_DEGREE)));
    expect(await isRanked(hub)).toBe(true);
    await expectEveryPageExact(hub);
    // The three Alis tie on weight (a report with the hub, a remark about it), and so do five of its speakers.
    const { node } = await ok(h, `{ node(id: "${hub}") { ... on Entity { network { weight entity { name } } } } }`);
    expect(node.network.filter((l: any) => l.weight === 2).map((l: any) => l.entity.name)).toEqual([`Ali ${t}`, `Ali ${t} Bhatti`, `Ali ${t} Khan`]);

    // A new version of the second report: Zoe's remarks and the hub's go, Ali Khan speaks twice; its pairs are
    // counted again, and new ties form.
    const second = article(t, 2, entities, ['h', 'a', 'p'], [{ speaker: 'k', about: ['h'] }, { speaker: 'k', about: ['h', 'p'] }]);
    await withLoader((db) => ingestDocuments(db, [second]));
    await expectEveryPageExact(hub);
  });

  it('order the connections within a bucket of several counts by the exact count, as writes move them between buckets and after the migration to buckets', async () => {
    const t = uniqueTag();
    // Keys hold a count's bucket (exact under 16, then 16–31, 32–63, …) and then the name. The rungs' names rise with
    // their counts, so within a bucket the keys' order is the reverse of the list's, and a page that ends inside a
    // bucket is right only if the whole bucket is read and sorted. Rung k is in reports 1…k and says something
    // about both hubs in each: k statements about each, 2k weight. Two rungs tie on 17.
    const rungs = [13, 15, 16, 17, 17, 19, 22, 24, 31, 33].map((k, i) => ({ k, entity: { ref: `r${i}`, type: 'PERSON', name: `Rung ${t} ${k}${'ab'[i - 3] ?? ''}` } as Entity }));
    const early: Entity = { ref: 'h', type: 'PERSON', name: `Ranked early ${t}` };
    const late: Entity = { ref: 'g', type: 'ORGANISATION', name: `Ranked late ${t}` };
    const report = (n: number, without: number[] = []) => {
      const named = rungs.filter((r, i) => r.k >= n && !without.includes(i)).map((r) => r.entity);
      return article(t, 100 + n, [early, late, ...named], ['h', 'g', ...named.map((e) => e.ref)], named.map((e) => ({ speaker: e.ref, about: ['h', 'g'] })));
    };
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    // `early` is ranked before the reports, so each write of a pair moves its keys; `late` after, all at once.
    await withLoader((db) => ingestDocuments(db, crowd(t, 1, early, RANKED_DEGREE)));
    // In four loads, so that pairs already written cross from exact counts into buckets, and between buckets, or stay.
    for (const [from, to] of [[1, 5], [6, 14], [15, 20], [21, 33]] as const) {
      await withLoader((db) => ingestDocuments(db, Array.from({ length: to - from + 1 }, (_, i) => report(from + i))));
    }
    await withLoader((db) => ingestDocuments(db, crowd(t, 2, late, RANKED_DEGREE)));
    const hubs = [await idOf(early.name), await idOf(late.name)];
    const minWeights = [2, 3, 4, 17, 27, 33, 35, 63];
    for (const hub of hubs) {
      expect(await isRanked(hub)).toBe(true);
      await expectEveryPageExact(hub, minWeights);
    }
    // A new version of report 3 without two rungs: their pairs are counted again, and fall a bucket or stay.
    await withLoader((db) => ingestDocuments(db, [report(3, [1, 7])]));
    for (const hub of hubs) await expectEveryPageExact(hub, minWeights);
    const { node } = await ok(h, `{ node(id: "${hubs[0]}") { ... on Entity { network(first: 4) { weight entity { name } } } } }`);
    expect(node.network.map((l: any) => l.weight)).toEqual([66, 62, 46, 44]);

    // As a graph written when keys held exact counts: the start-up migration keys it by bucket again.
    const KEYS = 'MATCH (e:Entity)-[c:CONNECTED]-() WHERE e.id IN $ids RETURN DISTINCT elementId(c) AS c, [c.loRank, c.hiRank, c.loHeard, c.hiHeard] AS keys ORDER BY c';
    const keys = await h.db.read('test.keys', KEYS, { ids: hubs });
    const exact = (e: string, n: string, o: string) => `${e}.id + '\\u0001' + toString(999999999999 - ${n}) + '\\u0001' + ${o}.name + '\\u0001' + ${o}.id`;
    await h.db.write('test.exact-keys', (run) =>
      run(`MATCH (x:Entity)-[c:CONNECTED]->(y:Entity) WHERE x.id IN $ids OR y.id IN $ids
        SET c.loRank = CASE WHEN x.ranked THEN ${exact('x', 'c.weight', 'y')} END, c.hiRank = CASE WHEN y.ranked THEN ${exact('y', 'c.weight', 'x')} END,
          c.loHeard = CASE WHEN x.ranked AND c.ba > 0 THEN ${exact('x', 'c.ba', 'y')} END, c.hiHeard = CASE WHEN y.ranked AND c.ab > 0 THEN ${exact('y', 'c.ab', 'x')} END`, { ids: hubs }));
    expect(await h.db.read('test.keys', KEYS, { ids: hubs })).not.toEqual(keys);
    await h.db.write('test.forget', (run) => run("MATCH (m:Migration {id: 'migration:connected-rank-buckets'}) DETACH DELETE m"));
    await applySchema(h.db);
    expect(await h.db.read('test.keys', KEYS, { ids: hubs })).toEqual(keys);
    for (const hub of hubs) await expectEveryPageExact(hub, minWeights);
  });

  it("cost a page's size, not the entity's number of connections", async () => {
    const t = uniqueTag();
    // The hub: 150 people, each in a report with it and speaking about it (ranked); the other: 3 such people.
    const reports = (name: string, people: number, from: number) =>
      Array.from({ length: people }, (_, i) => {
        const entities: Entity[] = [{ ref: 'h', type: 'TOPIC', name }, { ref: 's', type: 'PERSON', name: `Speaker ${from + i} ${t}` }];
        return article(t, from + i, entities, ['h', 's'], Array.from({ length: 1 + (i % 3) }, () => ({ speaker: 's', about: ['h'] })));
      });
    await withLoader((db) => ingestDocuments(db, [...reports(`Harbour dues ${t}`, 150, 0), ...reports(`Ferry fares ${t}`, 3, 1000)]));
    await settlePlanner(h);
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Topic {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const [busy, quiet] = [await idOf(`Harbour dues ${t}`), await idOf(`Ferry fares ${t}`)];
    for (const page of [
      (id: string) => `{ node(id: "${id}") { ... on Entity { network(first: 3) { weight entity { name } } } } }`,
      (id: string) => `{ topSpeakers(about: "${id}", first: 3) { count speaker { name } } }`,
    ]) {
      const [many, few] = [await dbHits(h, page(busy)), await dbHits(h, page(quiet))];
      // Reading every connection costs at least a db hit apiece: 147 more for the hub.
      expect(many, `${page(busy)}: ${many} db hits with 150 connections, ${few} with 3`).toBeLessThan(few + 30);
    }
    const { topSpeakers } = await ok(h, `{ topSpeakers(about: "${busy}", first: 3) { count } }`);
    expect(topSpeakers.map((s: any) => s.count)).toEqual([3, 3, 3]);
  });

  it('rank connections written before ranks existed, once the start-up migration has run', async () => {
    const t = uniqueTag();
    const hubEntity: Entity = { ref: 'h', type: 'PERSON', name: `Nasreen ${t}` };
    await withLoader((db) => ingestDocuments(db, crowd(t, 1, hubEntity, RANKED_DEGREE + 5)));
    const hub = (await h.db.read('test.hub', 'MATCH (e:Person {name: $name}) RETURN e.id AS id', { name: `Nasreen ${t}` }))[0]!.id as string;
    const page = `{ node(id: "${hub}") { ... on Entity { network(first: 7) { weight entity { name } } } } }`;
    const before = await ok(h, page);
    expect(before.node.network).toHaveLength(7);
    const keys = async () =>
      (await h.db.read('test.keys', 'MATCH (e:Entity {id: $id})-[c:CONNECTED]-() RETURN count(coalesce(c.loRank, c.hiRank)) AS n', { id: hub }))[0]!.n;
    expect(await keys()).toBe(RANKED_DEGREE + 5);

    // As a graph written before ranks: the hub unmarked, its connections without keys; its pages read them whole.
    await h.db.write('test.strip', (run) =>
      run('MATCH (e:Entity {id: $id})-[c:CONNECTED]-() REMOVE e.ranked, c.loRank, c.hiRank, c.loHeard, c.hiHeard', { id: hub }));
    expect(await ok(h, page)).toEqual(before);

    await h.db.write('test.forget', (run) => run("MATCH (m:Migration {id: 'migration:connected-ranks'}) DETACH DELETE m"));
    await applySchema(h.db);
    expect(await isRanked(hub)).toBe(true);
    expect(await keys()).toBe(RANKED_DEGREE + 5);
    expect(await ok(h, page)).toEqual(before);
  });
});

/** A report naming `entity` with `others` more (topics, each named once, so its connections to them tie). */
/**
 * Reports naming `entity` with `others` more, of the same day: as many as it takes, since an article connects at
 * most CO_MENTIONED_MAX of the entities it names.
 */
function crowd(t: string, n: number, entity: Entity, others: number): ArticleDocument[] {
  const names: Entity[] = Array.from({ length: others }, (_, i) => ({ ref: `c${i}`, type: 'TOPIC', name: `Cargo ${i} ${t}` }));
  const size = CO_MENTIONED_MAX - 1;
  return Array.from({ length: Math.ceil(others / size) }, (_, k) => {
    const part = names.slice(k * size, (k + 1) * size);
    const doc = article(t, n, [entity, ...part], [entity.ref, ...part.map((c) => c.ref)], []);
    return { ...doc, url: `${doc.url}/${k}` };
  });
}

async function isRanked(id: string): Promise<boolean> {
  const [row] = await h.db.read('test.ranked', 'MATCH (e:Entity {id: $id}) RETURN e.ranked = true AS ranked', { id });
  return row!.ranked === true;
}
