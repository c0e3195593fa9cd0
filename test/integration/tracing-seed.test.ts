import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, ok as okOn, seed, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Tracing a story on the seed article: the questions of the README's walk-through.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seed();
});
afterAll(() => h.close());

const ok = (query: string, variables?: Record<string, unknown>) => okOn(h, query, variables);

describe('timeline', () => {
  it("lists what Imran Khan said and what was said about him, with each statement's article", async () => {
    const data = await ok(`{ timeline(entity: "person:imran-khan", first: 50) {
      totalCount edges { role date article { title } node { text saidOn speaker { id } about { id } } } } }`);
    const edges = data.timeline.edges;
    expect(edges.length).toBe(data.timeline.totalCount);
    for (const e of edges) {
      expect(e.article.title).toBe('Imran welcomes audio leak, calls for cypher to also be leaked');
      if (e.role === 'BY') expect(e.node.speaker.id).toBe('person:imran-khan');
      else expect(e.node.about.map((a: any) => a.id)).toContain('person:imran-khan');
    }
    // The leaked audio has no date of its own: it is placed on its article's date.
    const audio = edges.find((e: any) => /America/.test(e.node.text));
    expect(audio).toMatchObject({ role: 'BY', date: '2022-09-28', node: { saidOn: null } });
  });

  it('lists what a person said and what was said about them in date order, each with the earliest article reporting it', async () => {
    // The seed's statements all fall on two days, so this person of the test's own speaks across two articles,
    // listed out of date order, the later article loaded first; one statement is reported by both.
    const t = uniqueTag();
    const entities = [
      { ref: 'p', type: 'PERSON', name: `Farah ${t}` },
      { ref: 'q', type: 'PERSON', name: `Jamil ${t}` },
    ];
    const both = { speaker: 'p', text: `Reported twice ${t}`, saidOn: '2020-08-10' };
    const later = {
      title: `Later ${t}`, publishedAt: '2021-05-01', entities, mentions: ['p'],
      statements: [
        { speaker: 'q', text: `Undated about her ${t}`, about: ['p'] },
        { speaker: 'p', text: `Dated by her ${t}`, saidOn: '2020-12-02', about: ['q'] },
        both,
      ],
    };
    const earlier = {
      title: `Earlier ${t}`, publishedAt: '2020-08-15', entities, mentions: ['p'],
      statements: [{ speaker: 'q', text: `Dated about her ${t}`, saidOn: '2021-02-03', about: ['p'] }, { speaker: 'p', text: `Undated by her ${t}` }, both],
    };
    const person = (await ingest(later)).entity(`Farah ${t}`);
    await ingest(earlier);
    const expected = [
      [`Reported twice ${t}`, '2020-08-10', 'BY', `Earlier ${t}`],
      [`Undated by her ${t}`, '2020-08-15', 'BY', `Earlier ${t}`],
      [`Dated by her ${t}`, '2020-12-02', 'BY', `Later ${t}`],
      [`Dated about her ${t}`, '2021-02-03', 'ABOUT', `Earlier ${t}`],
      [`Undated about her ${t}`, '2021-05-01', 'ABOUT', `Later ${t}`],
    ];
    const query = 'query ($id: ID!, $order: TimelineOrder) { timeline(entity: $id, order: $order) { edges { role date article { title } node { text } } } }';
    const rows = (data: any) => data.timeline.edges.map((e: any) => [e.node.text, e.date, e.role, e.article.title]);
    expect(rows(await ok(query, { id: person }))).toEqual(expected);
    expect(rows(await ok(query, { id: person, order: 'NEWEST_FIRST' }))).toEqual([...expected].reverse());
  });

  it('keeps only statements about the entity with role ABOUT, and honours date bounds', async () => {
    const about = await ok('{ timeline(entity: "topic:the-dark-web", role: ABOUT, first: 50) { edges { role date node { speaker { name } } } } }');
    expect(new Set(about.timeline.edges.map((e: any) => e.role))).toEqual(new Set(['ABOUT']));
    expect(about.timeline.edges.map((e: any) => e.node.speaker.name)).toEqual(expect.arrayContaining(['Cyber experts', 'Kokab Zuberi']));
    const monday = await ok('{ timeline(entity: "topic:the-dark-web", from: "2022-09-26", to: "2022-09-26") { edges { date node { speaker { name } } } } }');
    expect(monday.timeline.edges.map((e: any) => [e.date, e.node.speaker.name])).toEqual([['2022-09-26', 'Cyber experts']]);
    const empty = await ok('{ timeline(entity: "topic:the-dark-web", from: "2023-01-01") { totalCount } }');
    expect(empty.timeline.totalCount).toBe(0);
  });

  it('answers NOT_FOUND for an entity that does not exist', async () => {
    const { errors } = await h.execute('{ timeline(entity: "person:nobody") { totalCount } }');
    expect(errors![0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('who said what about whom', () => {
  it('filters statements about an entity by speaker', async () => {
    const data = await ok(`{ person(id: "person:shehbaz-sharif") {
      all: statementsAbout { totalCount } byImran: statementsAbout(by: "person:imran-khan") { edges { node { kind speaker { id } } } } } }`);
    expect(data.person.byImran.edges).toEqual([{ node: { kind: 'ALLEGATION', speaker: { id: 'person:imran-khan' } } }]);
    expect(data.person.all.totalCount).toBeGreaterThan(1);
  });

  it('finds statements by words in their text, with accents and a typo forgiven', async () => {
    const data = await ok('{ statements(filter: { text: "dark wéb sofware" }) { edges { node { speaker { name } text } } } }');
    expect(data.statements.edges.map((e: any) => e.node.speaker.name)).toEqual(['Kokab Zuberi']);
  });

  it('ranks the speakers about the cypher, with counts', async () => {
    const data = await ok('{ topSpeakers(about: "topic:the-diplomatic-cypher") { count firstDate lastDate speaker { name } } }');
    const counts = await h.db.read(
      'test.counts',
      "MATCH (p)-[:SAID]->(s:Statement)-[:ABOUT]->(:Topic {id: 'topic:the-diplomatic-cypher'}) RETURN p.name AS name, count(s) AS n ORDER BY n DESC, name",
    );
    expect(data.topSpeakers.map((t: any) => ({ name: t.speaker.name, n: t.count }))).toEqual(counts);
    expect(data.topSpeakers[0]).toMatchObject({ speaker: { name: 'Imran Khan' }, firstDate: '2022-09-28' });
  });

  it("gives each statement its speaker's roles on the day: Imran Khan spoke as PTI chairman, no longer prime minister", async () => {
    const data = await ok(`{ statements(filter: { speaker: "person:imran-khan", kinds: [ALLEGATION] }) { edges { node { speakerRoles { role organisation { name } } } } } }`);
    expect(data.statements.edges[0].node.speakerRoles).toEqual([{ role: 'Chairman', organisation: { name: 'Pakistan Tehreek-e-Insaf' } }]);
  });
});

describe('paths', () => {
  it('connects Imran Khan and Shehbaz Sharif in two hops, through the allegation among others', async () => {
    const data = await ok(`{ paths(from: "person:imran-khan", to: "person:shehbaz-sharif", first: 10) {
      length steps { relationship direction node { __typename id } } } }`);
    expect(data.paths.length).toBeGreaterThan(0);
    for (const path of data.paths) {
      expect(path.length).toBe(2);
      expect(path.steps).toHaveLength(3);
      expect(path.steps[0]).toEqual({ relationship: null, direction: null, node: { __typename: 'Person', id: 'person:imran-khan' } });
      expect(path.steps[2].node.id).toBe('person:shehbaz-sharif');
    }
    const viaStatement = data.paths.find((p: any) => p.steps[1].node.__typename === 'Statement');
    expect(viaStatement.steps.map((s: any) => [s.relationship, s.direction])).toEqual([[null, null], ['SAID', 'FORWARD'], ['ABOUT', 'FORWARD']]);
  });

  it('explains an affiliation step by the role and its dates: Imran Khan was prime minister before Shehbaz Sharif', async () => {
    const data = await ok(`{ paths(from: "person:imran-khan", to: "person:shehbaz-sharif", first: 10) {
      steps { relationship direction role since until node { id } } } }`);
    const viaGovernment = data.paths.find((p: any) => p.steps[1].node.id === 'organisation:government-of-pakistan');
    expect(viaGovernment.steps.slice(1)).toEqual([
      { relationship: 'AFFILIATED_WITH', direction: 'FORWARD', role: 'Prime Minister', since: '2018-08-18', until: '2022-04-10', node: { id: 'organisation:government-of-pakistan' } },
      { relationship: 'AFFILIATED_WITH', direction: 'BACKWARD', role: 'Prime Minister', since: '2022-04-11', until: null, node: { id: 'person:shehbaz-sharif' } },
    ]);
    // Other relationships have no role.
    const viaStatement = data.paths.find((p: any) => p.steps[1].relationship === 'SAID');
    expect(viaStatement.steps.map((s: any) => s.role)).toEqual([null, null, null]);
  });

  it('caps maxHops at 6 and names the argument', async () => {
    const { errors } = await h.execute('{ paths(from: "person:imran-khan", to: "person:azam-khan", maxHops: 9) { length } }');
    expect(errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'paths.maxHops' });
  });
});

describe('networks and related stories', () => {
  it("weighs Imran Khan's neighbours by co-mentions and statements, heaviest first", async () => {
    const data = await ok('{ person(id: "person:imran-khan") { network(first: 50) { weight coMentions statementsBy statementsAbout firstSeen entity { id } } } }');
    const links = data.person.network;
    expect(links.length).toBeGreaterThan(3);
    expect(links.map((l: any) => l.weight)).toEqual([...links.map((l: any) => l.weight)].sort((a: number, b: number) => b - a));
    for (const l of links) expect(l.weight).toBe(l.coMentions + l.statementsBy + l.statementsAbout);
    const cypher = links.find((l: any) => l.entity.id === 'topic:the-diplomatic-cypher');
    expect(cypher).toMatchObject({ coMentions: 1, statementsBy: 5, statementsAbout: 0, firstSeen: '2022-09-28' });
    // minWeight leaves out the lighter neighbours, and only those: some on each side of the line here.
    const heavy = links.filter((l: any) => l.weight >= 3).map((l: any) => l.entity.id);
    expect(heavy.length).toBeGreaterThan(0);
    expect(heavy.length).toBeLessThan(links.length);
    const minWeight = await ok('{ person(id: "person:imran-khan") { network(first: 50, minWeight: 3) { entity { id } } } }');
    expect(minWeight.person.network.map((l: any) => l.entity.id)).toEqual(heavy);
  });
});
