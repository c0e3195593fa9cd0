import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CO_MENTIONED_MAX } from '../../src/entity/connections.js';
import { ingest, ok, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// An entity's network is read from CONNECTED relationships kept at write time (src/entity/connections.ts). Here
// they are checked against the network counted from the articles and statements themselves, after every kind of
// write that changes what entities share.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/**
 * The network of `id` counted from scratch: what `network` meant before it was kept at write time. An article
 * connects only the entities it does not merely list (MENTIONS without `connects: false`, CO_MENTIONED_MAX).
 */
const FROM_SCRATCH = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[m:MENTIONS]-(x:Article)-[n:MENTIONS]->(o:Entity) WHERE o <> e AND m.connects IS NULL AND n.connects IS NULL
  RETURN o, 0 AS kind, x.publishedAt AS at
  UNION ALL
  MATCH (e)-[:SAID]->(x:Statement)-[:ABOUT]->(o:Entity) WHERE o <> e RETURN o, 1 AS kind, x.at AS at
  UNION ALL
  MATCH (o:Entity)-[:SAID]->(x:Statement)-[:ABOUT]->(e) WHERE o <> e RETURN o, 2 AS kind, x.at AS at
}
WITH o, sum(CASE kind WHEN 0 THEN 1 ELSE 0 END) AS co, sum(CASE kind WHEN 1 THEN 1 ELSE 0 END) AS by,
  sum(CASE kind WHEN 2 THEN 1 ELSE 0 END) AS about, min(at) AS first, max(at) AS last
RETURN o.id AS id, co + by + about AS weight, co, by, about, toString(date(first)) AS firstSeen, toString(date(last)) AS lastSeen
ORDER BY weight DESC, o.name, o.id`;

const NETWORK = `query ($id: ID!) { node(id: $id) { ... on Entity { network(first: 100) {
  weight coMentions statementsBy statementsAbout firstSeen lastSeen entity { id } } } } }`;

/** Who spoke about `id` and how often, counted from scratch: what `topSpeakers` meant before it read CONNECTED. */
const SPEAKERS_FROM_SCRATCH = `
MATCH (speaker)-[:SAID]->(s:Statement)-[:ABOUT]->(:Entity {id: $id})
WITH speaker, count(s) AS count, min(s.at) AS first, max(s.at) AS last
RETURN speaker.id AS id, count, toString(date(first)) AS firstDate, toString(date(last)) AS lastDate
ORDER BY count DESC, speaker.name, speaker.id`;

const TOP_SPEAKERS = `query ($id: ID!, $from: Date) { topSpeakers(about: $id, first: 100, from: $from) { count firstDate lastDate speaker { id } } }`;

async function expectNetworksExact(ids: string[]): Promise<void> {
  for (const id of ids) {
    const { node } = await ok(h, NETWORK, { id });
    const kept = node.network.map((l: any) => ({
      id: l.entity.id, weight: l.weight, co: l.coMentions, by: l.statementsBy, about: l.statementsAbout, firstSeen: l.firstSeen, lastSeen: l.lastSeen,
    }));
    expect({ id, network: kept }).toEqual({ id, network: await h.db.read('test.network', FROM_SCRATCH, { id }) });
    // topSpeakers reads the same connections without dates, and the statements themselves within dates.
    const speakers = await h.db.read('test.speakers', SPEAKERS_FROM_SCRATCH, { id });
    for (const from of [null, '2000-01-01']) {
      const { topSpeakers } = await ok(h, TOP_SPEAKERS, { id, from });
      const counted = topSpeakers.map((s: any) => ({ id: s.speaker.id, count: s.count, firstDate: s.firstDate, lastDate: s.lastDate }));
      expect({ id, from, speakers: counted }).toEqual({ id, from, speakers });
    }
  }
}

const pairsOf = (ids: string[]) =>
  h.db.read('test.pairs', 'MATCH (x)-[c:CONNECTED]->(y) WHERE x.id IN $ids OR y.id IN $ids RETURN x.id AS x, y.id AS y, count(c) AS n', { ids });

describe('CONNECTED', () => {
  it('matches the network and top speakers counted from scratch through new articles, new versions, moved statements, merges and concurrent writers', async () => {
    const t = uniqueTag();
    const people = ['Amna', 'Bilal', 'Chaudhry', 'Dua'].map((n) => ({ ref: n[0]!.toLowerCase(), type: 'PERSON', name: `${n} ${t}` }));
    const topic = { ref: 't', type: 'TOPIC', name: `Water ${t}` };
    const entities = [...people, topic];
    const url = (n: number) => `https://daily.example/${t}/${n}`;
    // Mentioned together before anyone spoke: the pair's first date is not its statements' first date.
    await ingest({ url: url(0), title: `Zero ${t}`, source: `Daily ${t}`, publishedAt: '2021-12-01', entities, mentions: ['a', 't'], statements: [] });
    const first = await ingest({
      url: url(1), title: `One ${t}`, source: `Daily ${t}`, publishedAt: '2022-01-10', entities, mentions: ['a', 'b', 't'],
      statements: [{ speaker: 'a', text: `B is wrong ${t}`, about: ['b', 't'] }, { speaker: 'b', text: `A is wrong ${t}`, about: ['a'], saidOn: '2022-01-08' }],
    });
    // Reported again later with the day it was said: the statement's date moves, and with it the pair's dates.
    await ingest({
      url: url(2), title: `Two ${t}`, source: `Daily ${t}`, publishedAt: '2022-02-01', entities, mentions: ['a', 'c'],
      statements: [
        { speaker: 'a', text: `B is wrong ${t}`, about: ['b', 't', 'c'], saidOn: '2022-01-05' },
        // About its own speaker: no connection holds it, and topSpeakers about A must still count it.
        { speaker: 'a', text: `I was right ${t}`, about: ['a'] },
      ],
    });
    const idOf = async (name: string) => (await h.db.read('test.id', 'MATCH (e:Entity {name: $name}) RETURN e.id AS id', { name }))[0]!.id as string;
    const [a, b, c, topicId] = [first.entity(`Amna ${t}`), first.entity(`Bilal ${t}`), await idOf(`Chaudhry ${t}`), first.entity(`Water ${t}`)];
    await expectNetworksExact([a, b, c, topicId]);

    // A new version of the first article: B no longer mentioned, the statement by B dropped (deleted: only here).
    await ingest({
      url: url(1), title: `One ${t}`, source: `Daily ${t}`, publishedAt: '2022-01-10', entities, mentions: ['a', 't'],
      statements: [{ speaker: 'a', text: `B is wrong ${t}`, about: ['b', 't'] }],
    });
    await expectNetworksExact([a, b, c, topicId]);

    // Four writers at once, each an article mentioning A, D and the topic: counts add up, one relationship a pair.
    await Promise.all([3, 4, 5, 6].map((n) =>
      ingest({ url: url(n), title: `Many ${n} ${t}`, source: `Daily ${t}`, publishedAt: `2022-03-0${n}`, entities, mentions: ['a', 'd', 't'],
        statements: [{ speaker: 'd', text: `On water ${n} ${t}`, about: ['t', 'a'] }] })));
    const d = await idOf(`Dua ${t}`);
    await expectNetworksExact([a, b, c, d, topicId]);
    const { node } = await ok(h, NETWORK, { id: d });
    expect(node.network.find((l: any) => l.entity.id === a)).toMatchObject({ coMentions: 4, statementsBy: 4, weight: 8 });

    // C turns out to be D: D's connections become C's.
    const merged = await h.write(`mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { mergedIds } }`, { into: c, from: [d] });
    expect(merged.errors).toBeUndefined();
    await expectNetworksExact([a, b, c, topicId]);

    const pairs = await pairsOf([a, b, c, d, topicId]);
    expect(pairs).toHaveLength(4);
    expect(pairs.filter((p) => p.n !== 1 || !((p.x as string) < (p.y as string)))).toEqual([]);

    // B turns out to be A: A's statement about B is now about its own speaker, which topSpeakers about A counts.
    const again = await h.write(`mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { mergedIds } }`, { into: a, from: [b] });
    expect(again.errors).toBeUndefined();
    await expectNetworksExact([a, c, topicId]);
    const { topSpeakers } = await ok(h, TOP_SPEAKERS, { id: a, from: null });
    expect(topSpeakers.find((s: any) => s.speaker.id === a)).toMatchObject({ count: 2 });
  });

  it('stays exact when a statement is reported again by an earlier article naming only its speaker, and through same-day versions that take pairs away', async () => {
    const t = uniqueTag();
    const entities = ['Ayesha', 'Babar', 'Danish'].map((n) => ({ ref: n[0]!.toLowerCase(), type: 'PERSON', name: `${n} ${t}` }));
    entities.push({ ref: 't', type: 'TOPIC', name: `Budget ${t}` });
    const url = (n: number) => `https://daily.example/${t}/${n}`;
    const said = { speaker: 'a', text: `Babar misled the house ${t}`, about: ['b'] };
    const first = await ingest({ url: url(1), title: `One ${t}`, publishedAt: '2022-05-10', entities, mentions: ['a', 'b', 't'], statements: [said] });
    const [a, b, d, topic] = ['Ayesha', 'Babar', 'Danish', 'Budget'].map((n) => first.entity(`${n} ${t}`)) as [string, string, string, string];
    // An earlier article reports it again, naming no target: its date moves to the 1st, and so do the dates of the
    // pair its target, named only by the first article, makes with the speaker.
    await ingest({ url: url(2), title: `Two ${t}`, publishedAt: '2022-05-01', entities, mentions: ['a'], statements: [{ ...said, about: [] }] });
    await expectNetworksExact([a, b]);
    // Three articles on later days, then new versions of them on the same days that stop naming B: the pairs of B
    // lose an article at their last date, inside their dates, and (the only one) all they had.
    for (const [n, day] of [[3, '2022-05-20'], [4, '2022-05-15'], [5, '2022-05-25']] as const) {
      await ingest({ url: url(n), title: `Day ${n} ${t}`, publishedAt: day, entities, mentions: n === 5 ? ['b', 'd'] : ['a', 'b', 't'], statements: [] });
    }
    await expectNetworksExact([a, b, d, topic]);
    for (const [n, day] of [[3, '2022-05-20'], [4, '2022-05-15'], [5, '2022-05-25']] as const) {
      await ingest({ url: url(n), title: `Day ${n} ${t}`, publishedAt: day, entities, mentions: n === 5 ? ['d'] : ['a', 't'], statements: [] });
      await expectNetworksExact([a, b, d, topic]);
    }
    expect(await pairsOf([d])).toEqual([]);
    // The first article drops the statement, still reported by the second; then the second drops it: deleted, and
    // taken away from the pair it alone connected by statement.
    await ingest({ url: url(1), title: `One ${t}`, publishedAt: '2022-05-10', entities, mentions: ['a', 'b', 't', 'd'], statements: [] });
    await expectNetworksExact([a, b, d, topic]);
    await ingest({ url: url(2), title: `Two ${t}`, publishedAt: '2022-05-01', entities, mentions: ['a', 'd'], statements: [] });
    await expectNetworksExact([a, b, d, topic]);
    const { node } = await ok(h, NETWORK, { id: a });
    expect(node.network.find((l: any) => l.entity.id === b)).toMatchObject({ coMentions: 1, statementsBy: 0, firstSeen: '2022-05-10', lastSeen: '2022-05-10' });
  });

  it('connects at most CO_MENTIONED_MAX of an article\'s entities, those it quotes first, and keeps them exact through new versions and merges', async () => {
    expect(CO_MENTIONED_MAX).toBe(50);
    const t = uniqueTag();
    const people = Array.from({ length: 60 }, (_, i) => ({ ref: `e${i}`, type: 'PERSON', name: `Signer ${i} ${t}` }));
    const url = `https://daily.example/${t}/letter`;
    // The speaker and the target are named last: they connect all the same, ahead of the others.
    const letter = (mentions: string[]) => ({
      url, title: `Open letter ${t}`, publishedAt: '2023-05-01', entities: people, mentions,
      statements: [{ speaker: 'e59', text: `We demand action ${t}`, about: ['e58'] }],
    });
    const all = people.map((p) => p.ref);
    const first = await ingest(letter(all));
    const id = (i: number) => first.entity(`Signer ${i} ${t}`);
    const ids = people.map((_, i) => id(i));
    const links = async () =>
      (await h.db.read('test.listed', 'MATCH (:Article {url: $url})-[m:MENTIONS]->(e) RETURN e.name AS name, m.connects AS connects ORDER BY e.name', { url }))
        .filter((l) => l.connects === false)
        .map((l) => l.name as string);
    const pairCount = async () => (await pairsOf(ids)).length;

    // Quoted first (e58, e59), then the list in order: e0 … e47 connect, e48 … e57 are only listed.
    expect(await links()).toEqual(Array.from({ length: 10 }, (_, k) => `Signer ${48 + k} ${t}`).sort());
    expect(await pairCount()).toBe((50 * 49) / 2);
    await expectNetworksExact([id(0), id(47), id(48), id(58), id(59)]);
    const { node } = await ok(h, NETWORK, { id: id(59) });
    expect(node.network).toHaveLength(49);
    expect(node.network[0]).toMatchObject({ entity: { id: id(58) }, coMentions: 1, statementsBy: 1 });
    // A listed entity is still mentioned: the article is among its articles.
    const mentioned = await ok(h, `query ($id: ID!) { node(id: $id) { ... on Entity { mentionedIn(first: 5) { edges { node { url } } } } } }`, { id: id(50) });
    expect(mentioned.node.mentionedIn.edges).toEqual([{ node: { url } }]);

    // A new version naming forty: all of them connect, and the pairs of the others go.
    await ingest(letter(all.slice(20)));
    expect(await links()).toEqual([]);
    expect(await pairCount()).toBe((40 * 39) / 2);
    await expectNetworksExact([id(0), id(20), id(50), id(59)]);

    // All sixty again, then a listed entity merged into a connected one (it connects) and into a listed one (it does not).
    await ingest(letter(all));
    await expectNetworksExact([id(20), id(50)]);
    const merge = async (into: number, from: number) => {
      const merged = await h.write(`mutation ($into: ID!, $from: [ID!]!) { mergeEntities(into: $into, from: $from) { mergedIds } }`, { into: id(into), from: [id(from)] });
      expect(merged.errors).toBeUndefined();
    };
    await merge(0, 55);
    await merge(57, 56);
    expect(await links()).toEqual([48, 49, 50, 51, 52, 53, 54, 57].map((k) => `Signer ${k} ${t}`).sort());
    await expectNetworksExact([id(0), id(50), id(57), id(59)]);
    expect(await pairCount()).toBe((50 * 49) / 2);
  });

  it('loads an article of a thousand mentioned entities, the most a document may name, in one transaction', async () => {
    const t = uniqueTag();
    const people = Array.from({ length: 1000 }, (_, i) => ({ ref: `e${i}`, type: 'PERSON', name: `Delegate ${i} ${t}` }));
    // Before the cap, its 499,500 pairs needed more than the 256 MiB a transaction may hold on the local Neo4j.
    const loaded = await ingest({ title: `Delegates ${t}`, publishedAt: '2023-06-01', entities: people, mentions: people.map((p) => p.ref), statements: [] });
    const ids = people.map((_, i) => loaded.entity(`Delegate ${i} ${t}`));
    expect(await pairsOf(ids)).toHaveLength((50 * 49) / 2);
    await expectNetworksExact([ids[0]!, ids[999]!]);
  });
});
