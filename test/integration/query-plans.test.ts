import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBTRACT_CONNECTIONS } from '../../src/entity/connections.js';
import { SWEEP_ENTITIES } from '../../src/entity/sweep.js';
import { TAKE_DAY_COUNTS } from '../../src/graph/day-counts.js';
import { STORED_INPUTS } from '../../src/ingest/cypher.js';
import { ingest, seed, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let articleId: string;
let otherId: string;
beforeAll(async () => {
  h = await startHarness();
  articleId = (await seed()).articles[0]!.id;
  // A second article of this file's own (its person too), so the seed's people are left as other files expect them.
  const t = uniqueTag();
  otherId = (await ingest({ title: `Plans: a follow-up ${t}`, publishedAt: '2022-09-29', entities: [{ ref: 'i', type: 'PERSON', name: `Planner ${t}` }], mentions: ['i'] })).article;
});
afterAll(() => h.close());

// Every capability that starts from something the client names (an id, a text) must reach it through an index:
// a label scan here would grow with the whole graph.
const SCANS = ['AllNodesScan', 'NodeByLabelScan', 'UnionNodeByLabelsScan', 'IntersectionNodeByLabelsScan'];

const lookups = () => ({
  person: '{ person(id: "person:imran-khan") { name affiliations(at: "2022-09-28") { role } statements { totalCount edges { node { text about { name } } } } } }',
  node: '{ node(id: "organisation:prime-ministers-office") { id ... on Organisation { members { person { name } } statementsAbout { totalCount } } } }',
  statement: '{ statement(id: "statement:x") { id } }',
  newestStatements: '{ statements(first: 1) { edges { node { id } } } }',
  newestArticles: '{ articles(first: 1) { edges { node { id } } } }',
  people: '{ people(first: 1) { edges { node { id } } } }',
  articleByUrl: '{ article(url: "https://nowhere.example/x") { id } }',
  article: `{ article(id: "${articleId}") { title source { name } related { score } mentions { name } statements { edges { node { speakerRoles { role } } } } } }`,
  bySpeaker: '{ statements(filter: { speaker: "person:imran-khan", about: "topic:the-diplomatic-cypher", from: "2022-01-01" }) { totalCount edges { node { id } } } }',
  // One entity and dates alone: counted from its day counts (graph/day-counts.ts).
  byDays: '{ statements(filter: { speaker: "person:imran-khan", from: "2022-01-01", to: "2022-12-31" }) { totalCount edges { node { id } } } }',
  timelineBy: '{ timeline(entity: "person:imran-khan", role: BY, from: "2022-09-01") { totalCount } }',
  articlesByDays: '{ articles(filter: { mentioning: "person:imran-khan", from: "2022-01-01", to: "2022-12-31" }) { totalCount edges { node { id } } } }',
  // The graph's statements and articles: by day within dates, else the database's count of the label.
  statementsByDays: '{ statements(filter: { from: "2022-01-01", to: "2022-12-31" }) { totalCount } }',
  articlesFromDay: '{ articles(filter: { from: "2022-01-01" }) { totalCount } }',
  articlesCounted: '{ articles { totalCount } }',
  mentionedIn: '{ person(id: "person:imran-khan") { mentionedIn { totalCount edges { node { id } } } } }',
  text: '{ statements(filter: { text: "cypher", speaker: "person:imran-khan" }) { totalCount edges { node { id } } } }',
  // A page of a text filter starts its windows of days at the newest (oldest) statement: off the date index.
  textOldest: '{ statements(filter: { text: "cypher" }, orderBy: OLDEST_FIRST, first: 3) { edges { node { id } } } }',
  timeline: '{ timeline(entity: "person:imran-khan", from: "2022-09-01") { totalCount edges { role article { title } } } }',
  topSpeakers: '{ topSpeakers(about: "topic:the-diplomatic-cypher") { count firstDate speaker { name } } }',
  network: '{ person(id: "person:imran-khan") { network { weight firstSeen entity { name } } } }',
  paths: '{ paths(from: "person:imran-khan", to: "person:shehbaz-sharif") { steps { node { id } } } }',
  search: '{ search(query: "dark web", types: [PERSON, STATEMENT]) { node { id } } }',
  stories: `{ storiesConnecting(a: "${articleId}", b: "${otherId}") { sharedEntities { name } paths { length } } }`,
});

describe('query plans', () => {
  for (const name of Object.keys(lookups())) {
    it(`${name}: reaches its starting point through an index, never a label scan`, async () => {
      h.resetQueries();
      await h.execute(lookups()[name as keyof ReturnType<typeof lookups>]);
      expect(h.queries).toHaveLength(1);
      const operators = await h.db.explain(h.queries[0]!.cypher, h.queries[0]!.params);
      expect(operators.filter((op) => SCANS.includes(op))).toEqual([]);
      expect(operators.length).toBeGreaterThan(1);
    });
  }
});

describe('ingestion look-ups', () => {
  it('stored inputs (ingest --extract run again): one index seek per input hash, never a label scan', async () => {
    const operators = await h.db.explain(STORED_INPUTS, { hashes: ['a', 'b'] });
    expect(operators.filter((op) => SCANS.includes(op))).toEqual([]);
    expect(operators.some((op) => op.startsWith('NodeIndexSeek'))).toBe(true);
  });

  // The day counts of a few entities are a handful of entries among every entity's: a scan of them all would cost
  // an entity merge, or an article's correction, as much as the graph has days and entities.
  for (const [name, query, params, seeks] of [
    ['entities left behind by a correction (entity/sweep.ts): each entity and its day counts', SWEEP_ENTITIES, { ids: ['person:a', 'person:b'] }, 2],
    ['the day counts an entity merge takes over', TAKE_DAY_COUNTS, { from: ['person:a', 'person:b'] }, 1],
    // A pair is reached through its two ends, however many connections a hub has.
    ['the pairs a correction takes away from (entity/connections.ts): both ends of each', SUBTRACT_CONNECTIONS, { ids: ['person:a', 'person:b'], dates: ['2022-01-01'], rows: [[0, 1, 1, 0, 0, 0, 0, null, null, null, null]] }, 2],
  ] as const)
    it(`${name}: index seeks, never a label scan`, async () => {
      const operators = await h.db.explain(query, params);
      expect(operators.filter((op) => SCANS.includes(op))).toEqual([]);
      expect(operators.filter((op) => op.startsWith('NodeUniqueIndexSeek'))).toHaveLength(seeks);
    });
});

