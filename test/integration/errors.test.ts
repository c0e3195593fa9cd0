import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src/ingest/seed.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await loadSeed(h.db);
});
afterAll(() => h.close());

const codeOf = (result: { errors?: readonly any[] }) => result.errors?.map((e) => e.extensions?.code);

describe('bad arguments get clear errors', () => {
  it('rejects a bad date, naming the expected form', async () => {
    const result = await h.execute('query ($d: Date) { statements(filter: { from: $d }) { totalCount } }', { d: '2022-02-30' });
    expect(codeOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/ISO 8601 calendar date such as 2022-09-28.*2022-02-30/);
  });

  it('rejects a bad date written into the query itself', async () => {
    const result = await h.execute('{ person(id: "person:azam-khan") { affiliations(at: "yesterday") { role } } }');
    expect(result.errors![0].message).toMatch(/Date must be an ISO 8601 calendar date/);
  });

  it('answers NOT_FOUND for an unknown id, with the id in the message', async () => {
    for (const field of ['person', 'organisation', 'topic', 'statement', 'node']) {
      const id = field === 'node' ? 'person:nobody' : `${field}:nobody`;
      const result = await h.execute(`{ x: ${field}(id: "${id}") { id } }`);
      expect(codeOf(result)).toEqual(['NOT_FOUND']);
      expect(result.errors![0].message).toContain(`"${id}"`);
      expect(result.data).toEqual({ x: null });
    }
  });

  it('rejects an id of the wrong kind or shape as bad input, not as missing', async () => {
    const wrongKind = await h.execute('{ person(id: "topic:the-dark-web") { id } }');
    expect(codeOf(wrongKind)).toEqual(['BAD_USER_INPUT']);
    expect(wrongKind.errors![0].message).toMatch(/expected one of person:/);
    const noPrefix = await h.execute('{ statements(filter: { speaker: "imran" }) { totalCount } }');
    expect(codeOf(noPrefix)).toEqual(['BAD_USER_INPUT']);
    expect(noPrefix.errors![0].extensions.field).toBe('statements.filter.speaker');
  });

  it('rejects first: -1 and pages larger than the limit, naming the field', async () => {
    const negative = await h.execute('{ person(id: "person:imran-khan") { statements(first: -1) { totalCount } } }');
    expect(codeOf(negative)).toEqual(['BAD_USER_INPUT']);
    expect(negative.errors![0].message).toBe('person.statements.first must be between 0 and 100, got -1.');
    const huge = await h.execute('{ articles(first: 5000) { totalCount } }');
    expect(huge.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'articles.first' });
  });

  it('rejects a cursor it did not issue', async () => {
    const result = await h.execute('{ statements(after: "not-a-cursor") { totalCount } }');
    expect(codeOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/not a cursor this API issued/);
  });

  it('asks for exactly one of id and url when looking up an article', async () => {
    const neither = await h.execute('{ article { id } }');
    expect(codeOf(neither)).toEqual(['BAD_USER_INPUT']);
    const unknownUrl = await h.execute('{ article(url: "https://example.com/missing") { id } }');
    expect(codeOf(unknownUrl)).toEqual(['NOT_FOUND']);
  });

  it('rejects a search with nothing to search for, and never fails on Lucene syntax', async () => {
    const empty = await h.execute('{ search(query: "  ?! ") { score } }');
    expect(codeOf(empty)).toEqual(['BAD_USER_INPUT']);
    const lucene = await h.execute('{ search(query: "cypher AND (OR \\"dark~ web\\"^ [a TO b] title:x* \\\\") { score node { id } } }');
    expect(lucene.errors).toBeUndefined();
    expect(lucene.data!.search.length).toBeGreaterThan(0);
  });
});

describe('operations refused before any work', () => {
  it('refuses an operation over a limit with QUERY_TOO_COMPLEX, naming the limit and the measured value', async () => {
    const max = h.deps.settings!.MAX_ROOT_FIELDS;
    h.resetQueries();
    const result = await h.execute(`{ ${'person(id: "person:imran-khan") { name } '.repeat(max + 1)}}`);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: `Root field count ${max + 1} exceeds the limit of ${max}.`,
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'rootFields', max, actual: max + 1 },
      }),
    ]);
    expect(h.queries).toEqual([]);
  });

  it('stops reading a document past the token limit, and says how long it was', async () => {
    const max = h.deps.settings!.MAX_TOKENS;
    const result = await h.execute(`{ ${'__typename '.repeat(max)}}`);
    expect(result.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max, actual: max + 2 });
  });

  it('answers a subscription as bad input: the API has none', async () => {
    const result = await h.execute('subscription { person(id: "person:imran-khan") { name } }');
    expect(codeOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/Subscriptions are not supported/);
  });
});

describe('search text is capped', () => {
  it('refuses more than 500 characters in search and in the statements text filter, naming the field', async () => {
    const search = await h.execute('query ($q: String!) { search(query: $q) { score } }', { q: 'a'.repeat(501) });
    expect(search.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.query' });
    expect(search.errors![0].message).toBe('search.query is 501 characters long; at most 500 are searched.');
    const filter = await h.execute('query ($q: String) { statements(filter: { text: $q }) { totalCount } }', { q: 'leak '.repeat(101) });
    expect(filter.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'statements.filter.text' });
  });

  it('searches 500 characters', async () => {
    const result = await h.execute('query ($q: String!) { search(query: $q) { score } }', { q: `dark web ${'x'.repeat(491)}` });
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.length).toBeGreaterThan(0);
  });
});

describe('database errors, for the logs', () => {
  it('name the query that failed', async () => {
    const error = await h.db.read('test.broken', 'RETURN 1 / toInteger($zero) AS x', { zero: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'Neo.ClientError.Statement.ArithmeticError', queryName: 'test.broken' });
  });
});
