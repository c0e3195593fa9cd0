import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The network of `id` counted from scratch: what `network` meant before it was kept at write time. */
const FROM_SCRATCH = `
MATCH (e:Entity {id: $id})
CALL (e) {
  MATCH (e)<-[:MENTIONS]-(x:Article)-[:MENTIONS]->(o:Entity) WHERE o <> e RETURN o, 0 AS kind, x.publishedAt AS at
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
});
