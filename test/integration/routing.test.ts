import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { seed } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

// Several stateless servers behind a load balancer share a Neo4j cluster (or Aura) through a neo4j:// URI: the
// driver then routes read transactions to followers and write transactions to the leader. A single local instance
// answers the routing protocol too, so the same driver path is exercised here.
const routingUri = inject('neo4jUri').replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');

let h: Harness;
beforeAll(async () => {
  await seed();
  h = await startHarness(routingUri);
});
afterAll(() => h.close());

describe('through a neo4j:// (routing) URI', () => {
  it('is served a routing table naming where to read, write and route (what the driver asks a cluster for)', async () => {
    expect(routingUri).toMatch(/^neo4j/);
    const [table] = await h.db.read('test.routingTable', 'CALL dbms.routing.getRoutingTable({}, $database) YIELD servers RETURN servers', { database: 'neo4j' });
    const roles = (table!.servers as { role: string }[]).map((s) => s.role).sort();
    expect(roles).toEqual(['READ', 'ROUTE', 'WRITE']);
  });

  it('answers GraphQL reads, each Cypher statement in a read transaction (what a cluster sends to its followers)', async () => {
    h.resetQueries();
    const { data, errors } = await h.execute(`{
      person(id: "person:shehbaz-sharif") { name statementsAbout(first: 5) { totalCount edges { node { speaker { name } } } } }
      search(query: "audio leak", first: 3) { node { id } }
      paths(from: "person:imran-khan", to: "person:shehbaz-sharif") { length } }`);
    expect(errors).toBeUndefined();
    expect(data!.person.name).toBe('Shehbaz Sharif');
    expect(data!.person.statementsAbout.totalCount).toBeGreaterThan(0);
    expect(data!.paths.length).toBeGreaterThan(0);
    expect(h.queries.length).toBe(3);
    expect(h.queries.map((q) => q.mode)).toEqual(['READ', 'READ', 'READ']);
  });

  it('writes in write transactions, and a read right after the write sees it (bookmarks)', async () => {
    const tag = randomUUID().slice(0, 8);
    h.resetQueries();
    const input = {
      title: `Routing ${tag} works`,
      publishedAt: '2024-05-01',
      source: `Routing Daily ${tag}`,
      entities: [{ ref: 'a', type: 'PERSON', name: `Rana ${tag}` }],
      statements: [{ ref: 's', speaker: 'a', text: `Routing ${tag} is fine.`, kind: 'CLAIM' }],
      mentions: ['a'],
    };
    const written = await h.write('mutation ($input: ArticleInput!) { ingestArticle(input: $input) { outcome article { id } } }', { input });
    expect(written.errors).toBeUndefined();
    expect(written.data!.ingestArticle.outcome).toBe('CREATED');
    expect(h.queries.some((q) => q.mode === 'WRITE')).toBe(true);
    const read = await h.execute('query ($id: ID!) { article(id: $id) { title statements { totalCount } } }', { id: written.data!.ingestArticle.article.id });
    expect(read.data!.article).toEqual({ title: input.title, statements: { totalCount: 1 } });
  });

  it('cannot write through the read path: Neo4j refuses a write in a read transaction', async () => {
    const probe = `routing-probe-${randomUUID()}`;
    await expect(h.db.read('test.writeInRead', 'CREATE (:RoutingProbe {id: $probe}) RETURN 1 AS one', { probe })).rejects.toThrow();
    const [found] = await h.db.read('test.probe', 'MATCH (p:RoutingProbe {id: $probe}) RETURN count(p) AS n', { probe });
    expect(found!.n).toBe(0);
  });
});
