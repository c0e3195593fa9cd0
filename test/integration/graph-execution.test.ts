import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema.js';
import { createApolloServer, createContext, readResponseKey } from '../../src/server.js';
import { seed, uniqueTag } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Query operations are answered by src/graph/execute.ts rather than by graphql-js walking the answer. What a client
// receives must not change: each operation's response is compared, key order included, with graphql-js executing
// the same operation over the same schema and data; and the operation must really have taken the short way.

let h: Harness;
let server: ReturnType<typeof createApolloServer>;
/** Operations graphql-js executed (Apollo's executionDidStart), as against those answered by the short way. */
let executedByGraphqlJs = 0;
const schema = buildSchema();

beforeAll(async () => {
  h = await startHarness();
  await seed();
  server = createApolloServer(h.deps);
  server.addPlugin({
    async requestDidStart() {
      return {
        async executionDidStart() {
          executedByGraphqlJs++;
        },
      };
    },
  });
  await server.start();
});
afterAll(async () => {
  await server.stop();
  await h.close();
});

/** The response through the server, and whether graphql-js executed it. */
async function viaServer(query: string, variables: Record<string, unknown> = {}) {
  const before = executedByGraphqlJs;
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(h.deps) });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  const { data, errors } = response.body.singleResult;
  return { json: printed(data, errors), byGraphqlJs: executedByGraphqlJs > before };
}

/** The response graphql-js gives for the same operation, over the same schema, data and default resolver. */
async function viaGraphqlJs(query: string, variables: Record<string, unknown> = {}) {
  const { data, errors } = await execute({ schema, document: parse(query), variableValues: variables, contextValue: createContext(h.deps), fieldResolver: readResponseKey });
  return printed(data, errors);
}

/** A response as JSON, its errors by path: graphql-js lists them as the fields fail, which is the database's timing. */
function printed(data: unknown, errors: readonly { message: string; path?: readonly (string | number)[] }[] | undefined): string {
  const sorted = errors?.map(({ message, path }) => ({ message, path })).sort((a, b) => String(a.path).localeCompare(String(b.path)));
  return JSON.stringify({ data, errors: sorted });
}

const OPERATIONS: [string, string, Record<string, unknown>?][] = [
  [
    'nested connections, lists, interfaces and __typename at every level',
    `{ person(id: "person:imran-khan") { __typename id name aliases affiliations { role since until organisation { name } }
        statements(first: 5) { totalCount edges { cursor node { __typename id text kind saidOn date
          about { __typename id name ... on Person { affiliations { role } } ... on Topic { statementsAbout(first: 2) { totalCount } } }
          reportedIn { title publishedAt source { name } } respondsTo { text } } } pageInfo { hasNextPage endCursor } } } }`,
  ],
  [
    'aliases of one field with other arguments, named fragments and skip/include by variables',
    `query ($yes: Boolean!, $no: Boolean!) {
       a: statements(first: 2) { edges { node { ...S } } }
       b: statements(first: 3, orderBy: OLDEST_FIRST) { edges { node { ...S text @skip(if: $yes) kind @include(if: $no) } } }
       c: person(id: "person:imran-khan") @include(if: $yes) { n: name name }
       d: person(id: "person:imran-khan") @skip(if: $yes) { name } }
     fragment S on Statement { id speaker { __typename name ... on Organisation { published(first: 1) { edges { node { title } } } } } }`,
    { yes: true, no: false },
  ],
  ['node by id (an interface at the root)', `{ node(id: "person:imran-khan") { __typename id ... on Person { name } } }`],
  ['search with highlights, made in JavaScript from what Cypher sent', `{ search(query: "cypher") { score highlights node { __typename id } } }`],
  ['enums and dates in a timeline', `{ timeline(entity: "person:imran-khan", first: 5) { edges { role date node { kind saidOn } } } }`],
  ['top speakers and paths', `{ topSpeakers(about: "topic:the-diplomatic-cypher") { count speaker { name } } paths(from: "person:imran-khan", to: "person:shehbaz-sharif") { length } }`],
  ['an empty page', `{ statements(filter: { speaker: "person:nobody-at-all" }, first: 5) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`],
];

describe('queries answered without graphql-js walking the answer', () => {
  for (const [name, query, variables] of OPERATIONS) {
    it(`${name}: the same response as graphql-js gives`, async () => {
      const served = await viaServer(query, variables);
      expect(served.json).not.toContain('"errors":[');
      expect(served.json).toBe(await viaGraphqlJs(query, variables));
      expect(served.byGraphqlJs).toBe(false);
    });
  }

  it('an alias named __proto__ stays a key of the answer', async () => {
    const query = `{ __proto__: person(id: "person:imran-khan") { __proto__: name
      statements(first: 1) { __proto__: edges { __proto__: node { __proto__: speaker { __proto__: name } } } } } }`;
    const served = await viaServer(query);
    expect(served.json).toBe(await viaGraphqlJs(query));
    const edge = { ['__proto__']: { ['__proto__']: { ['__proto__']: 'Imran Khan' } } };
    expect(JSON.parse(served.json)).toEqual({ data: { ['__proto__']: { ['__proto__']: 'Imran Khan', statements: { ['__proto__']: [edge] } } } });
  });

  it('leaves mutations, introspection and JavaScript-only fields to graphql-js', async () => {
    expect((await viaServer('{ __typename }')).byGraphqlJs).toBe(true);
    expect((await viaServer('{ __schema { queryType { name } } }')).byGraphqlJs).toBe(true);
    expect((await viaServer('mutation { __typename }')).byGraphqlJs).toBe(true);
  });
});

describe('when the short way declines, graphql-js answers from the same database reads', () => {
  it('a root field refused: the usual error beside the other fields, each read once', async () => {
    const query = `{ person(id: "person:imran-khan") { name } article(id: "article:x", url: "https://example.invalid/x") { title } }`;
    h.resetQueries();
    const served = await viaServer(query);
    expect(served.byGraphqlJs).toBe(true);
    expect(h.queries.map((q) => q.name)).toEqual(['Query.person']);
    expect(served.json).toBe(await viaGraphqlJs(query));
    expect(JSON.parse(served.json)).toMatchObject({ data: { person: { name: 'Imran Khan' }, article: null }, errors: [{ path: ['article'] }] });
  });

  it('ids not found: the usual errors, each field read once', async () => {
    const query = `{ node(id: "person:nobody-at-all") { id } article(url: "https://example.invalid/none") { title } person(id: "person:imran-khan") { name } }`;
    h.resetQueries();
    const served = await viaServer(query);
    expect(served.byGraphqlJs).toBe(true);
    expect(h.queries.map((q) => q.name).sort()).toEqual(['Query.article', 'Query.node', 'Query.person']);
    expect(served.json).toBe(await viaGraphqlJs(query));
    expect(JSON.parse(served.json)).toMatchObject({ data: { node: null, article: null, person: { name: 'Imran Khan' } }, errors: [{ path: ['article'] }, { path: ['node'] }] });
  });

  it('a null where the schema says non-null: graphql-js reports it, and the query ran once', async () => {
    const id = `person:nameless-${uniqueTag()}`;
    await h.db.write('test.nameless', (run) => run('CREATE (:Person {id: $id})', { id }));
    const query = `{ ok: person(id: "person:imran-khan") { name } nameless: person(id: "${id}") { id name } }`;
    h.resetQueries();
    const served = await viaServer(query);
    expect(served.byGraphqlJs).toBe(true);
    expect(h.queries).toHaveLength(2);
    // The server masks it (a gap in the data is not the client's to see); graphql-js names the field.
    const expected = JSON.parse(await viaGraphqlJs(query));
    expect(expected.errors).toEqual([{ message: 'Cannot return null for non-nullable field Person.name.', path: ['nameless', 'name'] }]);
    expect(JSON.parse(served.json)).toEqual({ data: expected.data, errors: [{ message: 'Internal server error', path: ['nameless', 'name'] }] });
    await h.db.write('test.nameless.cleanup', (run) => run('MATCH (p:Person {id: $id}) DETACH DELETE p', { id }));
  });
});
