import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SelectionCompiler } from '../../src/graph/compile.js';
import { loadSeed } from '../../src/ingest/seed.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let articleId: string;
let statementId: string;
beforeAll(async () => {
  h = await startHarness();
  articleId = (await loadSeed(h.db)).articles[0]!.id;
  statementId = (await h.execute('{ statements(filter: { about: "person:shehbaz-sharif" }, first: 1) { edges { node { id } } } }')).data!.statements.edges[0].node.id;
});
afterAll(() => h.close());

describe('statements found by text', () => {
  for (const [name, filter] of [
    ['text alone', '{ text: "audio" }'],
    ['text and a date range', '{ text: "audio", from: "2022-01-01", to: "2022-12-31" }'],
    ['text and a speaker', '{ text: "audio", speaker: "person:imran-khan" }'],
  ]) {
    it(`count exactly the statements listed (${name})`, async () => {
      const { data, errors } = await h.execute(`{ statements(filter: ${filter}, first: 100) { totalCount edges { node { id text } } } }`);
      expect(errors).toBeUndefined();
      const { totalCount, edges } = data!.statements;
      expect(edges.length).toBeGreaterThan(0);
      expect(totalCount).toBe(edges.length);
    });
  }
});

// [1e308, "x"]: well-formed, but no list here sorts on a number.
const FORGED = 'WzFlKzMwOCwieCJd';

/** Every kind of connection, as `{ field path: query taking $after }`. */
const connections = () => ({
  statements: 'query ($after: String) { statements(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  timeline: 'query ($after: String) { timeline(entity: "person:imran-khan", first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  articles: 'query ($after: String) { articles(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  people: 'query ($after: String) { people(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  organisations: 'query ($after: String) { organisations(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  topics: 'query ($after: String) { topics(first: 1, after: $after) { edges { cursor } pageInfo { endCursor } } }',
  'person.statements': 'query ($after: String) { person(id: "person:imran-khan") { statements(first: 1, after: $after) { pageInfo { endCursor } } } }',
  'person.statementsAbout': 'query ($after: String) { person(id: "person:shehbaz-sharif") { statementsAbout(first: 1, after: $after) { pageInfo { endCursor } } } }',
  'person.mentionedIn': 'query ($after: String) { person(id: "person:imran-khan") { mentionedIn(first: 1, after: $after) { pageInfo { endCursor } } } }',
  'organisation.published': 'query ($after: String) { organisation(id: "organisation:the-express-tribune") { published(first: 1, after: $after) { pageInfo { endCursor } } } }',
  'topic.statementsAbout': 'query ($after: String) { topic(id: "topic:the-diplomatic-cypher") { statementsAbout(first: 1, after: $after) { pageInfo { endCursor } } } }',
  'article.statements': `query ($after: String) { article(id: "${articleId}") { statements(first: 1, after: $after) { pageInfo { endCursor } } } }`,
  'statement.about.statementsAbout': `query ($after: String) { statement(id: "${statementId}") { about { statementsAbout(first: 1, after: $after) { pageInfo { endCursor } } } } }`,
});

/** The first endCursor anywhere in a response. */
const endCursorOf = (data: unknown): string | undefined => JSON.stringify(data).match(/"endCursor":"([^"]+)"/)?.[1];

describe('cursors', () => {
  for (const field of Object.keys(connections())) {
    it(`${field}: a forged cursor is bad input naming the argument, and its own cursor pages on`, async () => {
      const query = connections()[field as keyof ReturnType<typeof connections>];
      const forged = await h.execute(query, { after: FORGED });
      expect(forged.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: `${field}.after` })]);
      expect(forged.errors![0].message).toMatch(/not a cursor this API issued/);

      const first = await h.execute(query, { after: null });
      const own = endCursorOf(first.data);
      expect(own).toBeDefined();
      const next = await h.execute(query, { after: own });
      expect(next.errors).toBeUndefined();
    });
  }

  it("refuses a list's cursor on a list sorted on something else", async () => {
    const people = await h.execute(connections().people, { after: null });
    const { errors } = await h.execute(connections().statements, { after: endCursorOf(people.data) });
    expect(errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'statements.after' })]);
  });
});

describe('interface fields', () => {
  it('merge what a concrete fragment adds to a field selected on the interface', async () => {
    const { data, errors } = await h.execute(`{ statement(id: "${statementId}") { about {
      __typename statementsAbout(first: 1) { totalCount } ... on Person { statementsAbout(first: 1) { edges { node { id } } } } } } }`);
    expect(errors).toBeUndefined();
    const about: any[] = data!.statement.about;
    const person = about.find((a) => a.__typename === 'Person');
    expect(person.statementsAbout.totalCount).toBeGreaterThan(0);
    expect(person.statementsAbout.edges).toHaveLength(1);
    const others = about.filter((a) => a.__typename !== 'Person');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other.statementsAbout).toEqual({ totalCount: expect.any(Number) });
  });

  it('answer an Entity fragment inside a Node selection for entities only', async () => {
    const { data, errors } = await h.execute(`{
      entity: node(id: "person:imran-khan") { __typename id ... on Entity { name } }
      statement: node(id: "${statementId}") { __typename id ... on Entity { name } ... on Statement { kind } }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.entity).toEqual({ __typename: 'Person', id: 'person:imran-khan', name: 'Imran Khan' });
    expect(data!.statement).toEqual({ __typename: 'Statement', id: statementId, kind: expect.any(String) });
  });
});

describe('compiled operations, kept', () => {
  it('compile a request sent again once, and again for other variables or another text; the answers do not change', async () => {
    const compiles: string[] = [];
    const query = SelectionCompiler.prototype.query;
    SelectionCompiler.prototype.query = function (this: SelectionCompiler, ...args) {
      compiles.push(args[3]);
      return query.apply(this, args);
    };
    try {
      const QUERY = 'query Kept($id: ID!, $first: Int) { person(id: $id) { name statements(first: $first) { edges { cursor node { text date } } } } }';
      const ask = (id: string, first: number, text = QUERY) => h.execute(text, { id, first });
      const first = await ask('person:imran-khan', 2);
      expect(first.errors).toBeUndefined();
      expect(await ask('person:imran-khan', 2)).toEqual(first);
      expect(compiles).toEqual(['person']);
      // Other variables: compiled for them, and the first variables are still kept.
      const more = await ask('person:imran-khan', 3);
      expect(more.data!.person.statements.edges).toHaveLength(3);
      await ask('person:imran-khan', 2);
      expect(compiles).toEqual(['person', 'person']);
      // The same question in another text is another document.
      expect(await ask('person:imran-khan', 2, `${QUERY} `)).toEqual(first);
      expect(compiles).toHaveLength(3);
      // An unknown id compiles to the same Cypher with another parameter, and is still not found.
      const missing = await ask('person:nobody', 2);
      expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await ask('person:nobody', 2)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(compiles).toHaveLength(4);
    } finally {
      SelectionCompiler.prototype.query = query;
    }
  });
});
