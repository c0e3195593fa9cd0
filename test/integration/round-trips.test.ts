import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seed();
});
afterAll(() => h.close());

describe('each root field is one Cypher round trip', () => {
  it('answers a selection nested six levels deep, across lists, interfaces and connections, with one query', async () => {
    h.resetQueries();
    const { data, errors } = await h.execute(`{
      person(id: "person:imran-khan") {
        name
        statements(first: 10) {
          totalCount
          edges { cursor node {
            text
            about { __typename name ... on Person { affiliations { role organisation { name members { person { name mentionedIn { totalCount } } } } } } }
            reportedIn { title source { name published(first: 1) { edges { node { title } } } } authors { name } }
            respondsTo { text } responses { speaker { name } }
          } }
          pageInfo { hasNextPage endCursor }
        }
        mentionedIn { edges { node { mentions { name } } } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.person.statements.edges.length).toBeGreaterThan(5);
    // The nested data really came back, not empty shells.
    const aboutPeople = data!.person.statements.edges.flatMap((e: any) => e.node.about).filter((a: any) => a.__typename === 'Person');
    expect(aboutPeople.some((p: any) => p.affiliations.length > 0)).toBe(true);
    expect(h.queries).toHaveLength(1);
    expect(h.queries[0]!.name).toBe('Query.person');
  });

  it('sends one query per root field, named after it', async () => {
    h.resetQueries();
    const { errors } = await h.execute(`{
      a: person(id: "person:azam-khan") { name statementsAbout { totalCount } }
      b: statements(first: 3) { edges { node { speaker { name } about { name } } } }
      c: search(query: "cypher") { node { id } }
    }`);
    expect(errors).toBeUndefined();
    expect(h.queries.map((q) => q.name).sort()).toEqual(['Query.person', 'Query.search', 'Query.statements']);
  });

  it('only counts when totalCount is selected', async () => {
    h.resetQueries();
    await h.execute('{ statements(first: 2) { edges { node { id } } } }');
    expect(h.queries[0]!.cypher).not.toMatch(/COUNT \{/);
    h.resetQueries();
    await h.execute('{ statements(first: 2) { totalCount } }');
    expect(h.queries[0]!.cypher).toMatch(/COUNT \{/);
    expect(h.queries[0]!.cypher).not.toMatch(/COLLECT \{/);
  });
});
