import { describe, expect, it } from 'vitest';
import { type FragmentDefinitionNode, type GraphQLObjectType, type OperationDefinitionNode, parse } from 'graphql';
import { SelectionCompiler } from '../../src/graph/compile.js';
import { specs } from '../../src/graph/registry.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();

/** Compiles the first root field of `query` as the server would, without a database. */
function compile(query: string, variableValues: Record<string, unknown> = {}) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  const fragments = Object.fromEntries(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((f) => [f.name.value, f]),
  );
  const compiler = new SelectionCompiler({ schema, fragments, variableValues }, specs, 100);
  const field = op.selectionSet.selections[0] as never;
  const compiled = compiler.field(schema.getQueryType() as GraphQLObjectType, [field], {}, 'q');
  return { ...compiled, params: compiler.params };
}

describe('the selection compiler', () => {
  it('passes every value as a parameter, never inside the Cypher text', () => {
    const evil = "x'}) DETACH DELETE n //";
    const { cypher, params } = compile(`query ($id: ID!) { person(id: $id) { name statements(after: null) { totalCount } } }`, { id: `person:${evil}` });
    expect(cypher).not.toContain(evil);
    expect(Object.values(params)).toContain(`person:${evil}`);
  });

  it('keys projections by response key so aliases of one field can differ', () => {
    const { cypher } = compile('{ person(id: "person:a") { early: affiliations(at: "2019-01-01") { role } late: affiliations(at: "2023-01-01") { role } } }');
    expect(cypher).toContain('`early`:');
    expect(cypher).toContain('`late`:');
  });

  it('follows fragments and honours @skip and @include', () => {
    const { cypher } = compile(
      `query ($yes: Boolean!, $no: Boolean!) { person(id: "person:a") { ...F aliases @skip(if: $yes) description @include(if: $no) } }
       fragment F on Person { name }`,
      { yes: true, no: false },
    );
    expect(cypher).toContain('`name`:');
    expect(cypher).not.toContain('`aliases`:');
    expect(cypher).not.toContain('`description`:');
  });

  it('tells interface members apart by label', () => {
    const { cypher } = compile('{ statement(id: "statement:a") { speaker { name ... on Organisation { kind } } } }');
    expect(cypher).toMatch(/CASE WHEN v\d+:\w+ THEN .* WHEN v\d+:\w+ THEN .* END/);
    expect(cypher).toMatch(/WHEN v\d+:Person THEN \{`name`: v\d+\.name, `__typename`: 'Person'\}/);
    expect(cypher).toMatch(/WHEN v\d+:Organisation THEN \{`name`: v\d+\.name, `kind`: v\d+\.kind, `__typename`: 'Organisation'\}/);
  });

  it('shapes a connection page from one extra row: cursors, hasNextPage, endCursor', () => {
    const { decode } = compile('{ statements(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } }');
    const rows = ['a', 'b', 'c'].map((id) => ({ k: '2022-09-28T00:00:00Z', i: `statement:${id}`, e: { edges: { node: { id: `statement:${id}` } } } }));
    const page = decode({ rows, total: 7 }) as any;
    expect(page.edges.map((e: any) => e.node.id)).toEqual(['statement:a', 'statement:b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1].cursor });
    expect(page.totalCount).toBe(7);
  });


  it('evaluates an aggregating field before the map that holds it, since Neo4j refuses aggregation inside maps', () => {
    const { cypher, before } = compile('{ person(id: "person:a") { name network { weight entity { name } } } }');
    expect(before ?? []).toEqual([]);
    expect(cypher).toMatch(/WITH \*, COLLECT \{ CALL \(v\d+\) \{.*sum\(.*\} AS (v\d+) RETURN \{`name`: v\d+\.name, `network`: \1\}/);
  });

  it('reads pages after a cursor with one range condition the date index can serve in order', () => {
    const after = Buffer.from(JSON.stringify(['2022-09-28T00:00:00Z', 'statement:x'])).toString('base64url');
    const { cypher } = compile(`{ statements(after: "${after}") { edges { cursor } } }`);
    expect(cypher).toMatch(/v0\.at <= datetime\(\$p\d+\) AND \(v0\.at < datetime\(\$p\d+\) OR v0\.id < \$p\d+\)/);
  });
});

describe('the schema', () => {
  it('has a Cypher mapping for every field of every object type', () => {
    expect(() => buildSchema()).not.toThrow();
  });
});
