import { describe, expect, it } from 'vitest';
import { specs } from '../../src/graph/registry.js';
import { buildSchema, fieldsWithoutMapping } from '../../src/schema.js';
import { compile } from './compile-helper.js';

describe('the selection compiler', () => {
  it('passes every value as a parameter, never inside the Cypher text', () => {
    const evil = "x'}) DETACH DELETE n //";
    const { cypher, params } = compile(`query ($id: ID!) { person(id: $id) { name statements(after: null) { totalCount } } }`, { id: `person:${evil}` });
    expect(cypher).not.toContain(evil);
    expect(Object.values(params)).toContain(`person:${evil}`);
  });

  it('has Neo4j print dates and date-times (the driver decodes temporal values slowly), and nothing else', () => {
    const { cypher } = compile(
      '{ person(id: "person:a") { name affiliations { since } statements(first: 2) { edges { cursor node { saidOn date text reportedIn { publishedAt } } } } } }',
    );
    expect(cypher).toMatch(/toString\(\w+\.since\)/);
    expect(cypher).toMatch(/toString\(v\d+\.saidOn\)/);
    expect(cypher).toMatch(/toString\(date\(v\d+\.at\)\)/);
    expect(cypher).toMatch(/toString\(v\d+\.publishedAt\)/);
    // The cursor's sort key too (a row's first value, before the id): a date-time, printed.
    expect(cypher).toMatch(/\[toString\(\w+\.at\), \w+\.id, /);
    expect(cypher).not.toMatch(/toString\(v\d+\.(name|text)\)/);
  });

  it('keys projections by response key so aliases of one field can differ', () => {
    const { cypher, params, decode } = compile('{ person(id: "person:a") { early: affiliations(at: "2019-01-01") { role } late: affiliations(at: "2023-01-01") { role } } }');
    expect(Object.values(params)).toEqual(expect.arrayContaining(['2019-01-01', '2023-01-01']));
    expect(cypher.match(/COLLECT \{/g)).toHaveLength(2);
    // Objects come back as lists of their values, in selection order, keyed again by the decoder.
    expect(decode([[['adviser']], [['minister'], ['leader']]])).toEqual({ early: [{ role: 'adviser' }], late: [{ role: 'minister' }, { role: 'leader' }] });
  });

  it('follows fragments and honours @skip and @include', () => {
    const { cypher } = compile(
      `query ($yes: Boolean!, $no: Boolean!) { person(id: "person:a") { ...F aliases @skip(if: $yes) description @include(if: $no) } }
       fragment F on Person { name }`,
      { yes: true, no: false },
    );
    expect(cypher).toContain('.name');
    expect(cypher).not.toContain('.aliases');
    expect(cypher).not.toContain('.description');
  });

  it('compiles fields selected on an interface once, and tells its members apart by label', () => {
    const { cypher, decode } = compile('{ statement(id: "statement:a") { speaker { name ... on Organisation { kind } } } }');
    expect(cypher.match(/\.name\b/g)).toHaveLength(1);
    expect(cypher).toMatch(
      /\[v\d+\.name, CASE WHEN v\d+:Organisation THEN v\d+\.kind END, CASE WHEN v\d+:Organisation THEN 'Organisation' WHEN v\d+:Person THEN 'Person' WHEN v\d+:Topic THEN 'Topic' END\]/,
    );
    expect(decode([['Acme', 'NGO', 'Organisation']])).toEqual({ speaker: { name: 'Acme', kind: 'NGO', __typename: 'Organisation' } });
  });

  it('asks no label of an interface object whose selection is the same for every type', () => {
    const { cypher, decode } = compile('{ statement(id: "statement:a") { speaker { name } } }');
    expect(cypher).not.toContain('__typename');
    expect(cypher).not.toContain('CASE');
    // graphql-js needs a concrete type to complete it; any one gives the same answer.
    const decoded = decode([['A']]) as any;
    expect(decoded.speaker.name).toBe('A');
    expect(['Organisation', 'Person', 'Topic']).toContain(decoded.speaker.__typename);
  });

  it('gives a concrete fragment its own branch, merging what the interface selects under the same key', () => {
    const { cypher, decode } = compile(
      '{ statement(id: "statement:a") { about { statementsAbout(first: 1) { totalCount } ... on Person { statementsAbout(first: 1) { edges { cursor } } } } } }',
    );
    // Person's branch holds both sub-selections; the others share one compiled field.
    expect(cypher).toMatch(/CASE WHEN v\d+:Organisation OR v\d+:Topic THEN \{total: [^{]*COLLECT \{[^}]*\}[^}]*\} WHEN v\d+:Person THEN \{rows: .*, total: /);
    // The statement: [about]; each entity of it: [statementsAbout, __typename].
    const about = (typename: string, statementsAbout: object) => [[[statementsAbout, typename]]];
    const person = decode(about('Person', { rows: [['2022-09-28T00:00:00Z', 'statement:s']], total: 3 })) as any;
    expect(person.about[0].statementsAbout.edges).toHaveLength(1);
    expect(person.about[0].statementsAbout.totalCount).toBe(3);
    const topic = decode(about('Topic', { total: 2 })) as any;
    expect(topic.about[0].statementsAbout).toEqual({ totalCount: 2 });
  });

  it('compiles an Entity fragment inside a Node selection once for every entity type', () => {
    const { cypher } = compile('{ node(id: "person:a") { id ... on Entity { name } ... on Statement { text } } }');
    expect(cypher).toMatch(/\[v\d+\.id, CASE WHEN v\d+:Organisation OR v\d+:Person OR v\d+:Topic THEN v\d+\.name END, CASE WHEN v\d+:Statement THEN v\d+\.text END/);
  });

  it('shapes a connection page from one extra row: cursors, hasNextPage, endCursor', () => {
    const { decode } = compile('{ statements(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } }');
    const rows = ['a', 'b', 'c'].map((id) => ['2022-09-28T00:00:00Z', `statement:${id}`, [`statement:${id}`]]);
    const page = decode({ rows, total: 7 }) as any;
    expect(page.edges.map((e: any) => e.node.id)).toEqual(['statement:a', 'statement:b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1].cursor });
    expect(page.totalCount).toBe(7);
  });

  it('returns the rows of a connection as a list, one flat list of values per row, when nothing else is asked', () => {
    const { cypher, decode } = compile('{ statements(first: 2) { edges { node { id } } mine: edges { role: node { text } } } }');
    expect(cypher).toMatch(/RETURN COLLECT \{ .* RETURN \[\[v\d+\.id\], \[v\d+\.text\]\] \} AS result$/);
    const rows = ['a', 'b'].map((id) => [[`statement:${id}`], [id]]);
    expect(decode(rows)).toEqual({ edges: [{ node: { id: 'statement:a' } }, { node: { id: 'statement:b' } }], mine: [{ role: { text: 'a' } }, { role: { text: 'b' } }] });
  });

  it('returns a row holding only the node as the node itself', () => {
    const { cypher, decode } = compile('{ statements(first: 2) { edges { __typename node { id } } other: edges { __typename } } }');
    expect(cypher).toMatch(/RETURN COLLECT \{ .* RETURN \[v\d+\.id\] \} AS result$/);
    const rows = ['a', 'b'].map((id) => [`statement:${id}`]);
    expect(decode(rows)).toEqual({
      edges: ['a', 'b'].map((id) => ({ __typename: 'StatementEdge', node: { id: `statement:${id}` } })),
      other: [{ __typename: 'StatementEdge' }, { __typename: 'StatementEdge' }],
    });
  });


  it('evaluates an aggregating field before the object that holds it, since Neo4j refuses aggregation inside expressions', () => {
    const { cypher } = compile('{ article(id: "article:a") { title related { score article { title } } } }');
    expect(cypher).toMatch(/WITH \*, COLLECT \{ CALL \(v\d+\) \{.*reduce\(.*\} AS (v\d+) RETURN \[v\d+\.title, \1\]/);
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

  it('names a type that could not be told apart where an interface is expected', () => {
    const { label: _, ...unlabelled } = specs.Topic!;
    expect(fieldsWithoutMapping(buildSchema(), { ...specs, Topic: unlabelled })).toEqual(['Topic.__typename']);
  });
});
