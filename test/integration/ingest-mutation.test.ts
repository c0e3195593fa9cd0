import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeId } from '../../src/common/ids.js';
import { slug } from '../../src/common/text.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const INGEST = `mutation ($input: ArticleInput!) { ingestArticle(input: $input) {
  outcome
  article { id title url source { name } authors { name } statements { totalCount edges { node { text speaker { id name } about { id } respondsTo { text } } } } mentions { id } }
  entities { outcome entity { __typename id name aliases } }
  statements { outcome statement { id text } } } }`;

/** A small article about people no other test uses (the tag keeps names apart across tests and runs). */
function article(tag = randomUUID().slice(0, 8)) {
  return {
    url: `https://news.example/${tag}`,
    title: `Minister ${tag} answers critics`,
    publishedAt: '2024-03-05T09:30:00+05:00',
    source: `Daily ${tag}`,
    authors: [`Reporter ${tag}`],
    entities: [
      { ref: 'min', type: 'PERSON', name: `Nadia ${tag}`, aliases: [`Minister ${tag}`] },
      { ref: 'crit', type: 'PERSON', name: `Omar ${tag}` },
      { ref: 'budget', type: 'TOPIC', name: `Budget ${tag}` },
    ],
    statements: [
      { ref: 's1', speaker: 'crit', text: `The ${tag} budget is a disaster.`, kind: 'OPINION', quote: true, saidOn: '2024-03-04', about: ['budget', 'min'] },
      { ref: 's2', speaker: 'min', text: `Nothing in the ${tag} budget is hidden.`, kind: 'DENIAL', about: ['budget'], respondsTo: 's1' },
    ],
    mentions: ['min', 'crit', 'budget'],
  };
}

describe('ingestArticle', () => {
  it('needs a bearer token, and writes nothing without one', async () => {
    const input = article();
    const result = await h.execute(INGEST, { input });
    expect(result.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const denied = await h.execute(INGEST, { input }, 'Bearer wrong-token-0123456789');
    expect(denied.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    const found = await h.execute('query ($url: String) { article(url: $url) { id } }', { url: input.url });
    expect(found.errors![0].extensions.code).toBe('NOT_FOUND');
  });

  it('creates the article with its entities, statements and links, and reports what it created', async () => {
    const input = article();
    const { data, errors } = await h.write(INGEST, { input });
    expect(errors).toBeUndefined();
    const payload = data!.ingestArticle;
    expect(payload.outcome).toBe('CREATED');
    expect(payload.article).toMatchObject({ title: input.title, url: input.url, source: { name: input.source }, authors: [{ name: input.authors[0] }] });
    expect(payload.article.mentions).toHaveLength(3);
    expect(payload.entities.map((e: any) => e.outcome)).toEqual(Array(5).fill('CREATED'));
    expect(payload.entities.map((e: any) => e.entity.name).sort()).toEqual([input.source, input.authors[0], input.entities[0]!.name, input.entities[1]!.name, input.entities[2]!.name].sort());
    expect(payload.statements.map((s: any) => s.outcome)).toEqual(['CREATED', 'CREATED']);
    const denial = payload.article.statements.edges.map((e: any) => e.node).find((s: any) => s.respondsTo);
    expect(denial.respondsTo.text).toBe(input.statements[0]!.text);
    expect(payload.article.statements.totalCount).toBe(2);
  });

  it('is idempotent: loading the same article again matches everything and changes nothing', async () => {
    const input = article();
    const first = await h.write(INGEST, { input });
    const second = await h.write(INGEST, { input });
    expect(second.errors).toBeUndefined();
    const again = second.data!.ingestArticle;
    expect(again.outcome).toBe('MATCHED');
    expect(again.article.id).toBe(first.data!.ingestArticle.article.id);
    // Three entities, the source and the author; two statements.
    expect(again.entities.map((e: any) => e.outcome)).toEqual(Array(5).fill('MATCHED'));
    expect(again.statements.map((s: any) => s.outcome)).toEqual(['MATCHED', 'MATCHED']);
    expect(again.article).toEqual(first.data!.ingestArticle.article);
    const [count] = await h.db.read('test.count', 'MATCH (a:Article {url: $url})<-[:REPORTED_IN]-(s) RETURN count(s) AS n', { url: input.url });
    expect(count!.n).toBe(2);
  });

  /** Everything one article's load wrote, by element id: the article, its links, its statements and theirs. */
  const written = async (url: string) => {
    const [row] = await h.db.read(
      'test.written',
      `MATCH (a:Article {url: $url})
       RETURN elementId(a) AS article, a.planHash AS hash,
         COLLECT { MATCH (a)-[r]-() RETURN elementId(r) AS r ORDER BY r } AS links,
         COLLECT { MATCH (a)<-[:REPORTED_IN]-(s:Statement)-[r]-() RETURN elementId(r) AS r ORDER BY r } AS statementLinks`,
      { url },
    );
    return row as { article: string; hash: string | null; links: string[]; statementLinks: string[] };
  };

  it('writes nothing for an article sent again as it is: its links stay the very relationships they were', async () => {
    const input = article();
    await h.write(INGEST, { input });
    const before = await written(input.url);
    expect(before.hash).toEqual(expect.any(String));
    expect(before.links.length).toBeGreaterThanOrEqual(7);
    expect((await h.write(INGEST, { input })).data!.ingestArticle.outcome).toBe('MATCHED');
    expect(await written(input.url)).toEqual(before);
    // Anything changed and it is written again: a new title rewrites the article's own links.
    await h.write(INGEST, { input: { ...input, title: `${input.title} (corrected)` } });
    const after = await written(input.url);
    expect(after.hash).not.toBe(before.hash);
    expect(after.links).not.toEqual(before.links);
  });

  it('writes again an article stored without a fingerprint (loaded before they existed), then skips it', async () => {
    const input = article();
    await h.write(INGEST, { input });
    await h.db.write('test.unprint', (run) => run('MATCH (a:Article {url: $url}) REMOVE a.planHash', { url: input.url }));
    const bare = await written(input.url);
    expect((await h.write(INGEST, { input })).data!.ingestArticle.outcome).toBe('MATCHED');
    const rewritten = await written(input.url);
    expect(rewritten.links).not.toEqual(bare.links);
    expect(rewritten.hash).toEqual(expect.any(String));
    await h.write(INGEST, { input });
    expect(await written(input.url)).toEqual(rewritten);
  });

  it('keeps a shared statement in the wording of its last new report when an older article comes again unchanged', async () => {
    const first = article();
    const text = first.statements[0]!.text;
    // The same words from the same speaker, punctuated otherwise: one statement, which takes the newer wording.
    const second = { ...first, url: `${first.url}-follow-up`, title: `${first.title}, again`, statements: [{ ...first.statements[0]!, text: text.replace(/\.$/, '!') }], entities: first.entities, mentions: ['crit'] };
    await h.write(INGEST, { input: first });
    await h.write(INGEST, { input: second });
    await h.write(INGEST, { input: first });
    const [row] = await h.db.read('test.wording', 'MATCH (s:Statement)-[:REPORTED_IN]->(:Article {url: $url}) WHERE s.text STARTS WITH $start RETURN s.text AS text', {
      url: first.url,
      start: text.slice(0, -1),
    });
    expect(row!.text).toBe(second.statements[0]!.text);
  });

  it('updates an article in place: statements no longer in it go, and the entities it no longer names unless named elsewhere', async () => {
    const input = article();
    const first = (await h.write(INGEST, { input })).data!.ingestArticle;
    // Another article names the minister too.
    const other = { ...article(), entities: [input.entities[0]!], statements: [], mentions: ['min'] };
    expect((await h.write(INGEST, { input: other })).errors).toBeUndefined();
    // The revision names only the critic, in a statement of its own: the minister and the budget topic are gone
    // from it, with both statements.
    const revised = {
      ...input,
      title: `${input.title} (updated)`,
      entities: [input.entities[1]!],
      statements: [{ speaker: 'crit', text: 'We will publish every line.', kind: 'CLAIM' }],
      mentions: ['crit'],
    };
    const { data, errors } = await h.write(INGEST, { input: revised });
    expect(errors).toBeUndefined();
    const second = data!.ingestArticle;
    expect(second.outcome).toBe('MATCHED');
    expect(second.article.id).toBe(first.article.id);
    expect(second.article.title).toBe(revised.title);
    expect(second.article.statements.edges.map((e: any) => e.node.text)).toEqual(['We will publish every line.']);
    for (const { statement } of first.statements) expect((await h.execute(`{ statement(id: "${statement.id}") { id } }`)).errors![0].extensions.code).toBe('NOT_FOUND');
    const idOf = (name: string) => first.entities.find((e: any) => e.entity.name === name).entity.id;
    const [minister, budget, critic] = [0, 2, 1].map((i) => idOf(input.entities[i]!.name));
    expect(second.article.mentions).toEqual([{ id: critic }]);
    const left = await h.execute('query ($m: ID!, $b: ID!) { minister: person(id: $m) { name } budget: topic(id: $b) { name } }', { m: minister, b: budget });
    expect(left.data).toEqual({ minister: { name: input.entities[0]!.name }, budget: null });
    expect(left.errors!.map((e) => [e.path, e.extensions.code])).toEqual([[['budget'], 'NOT_FOUND']]);
  });

  it('updates an article whose new version moved to another day: same id, and its undated statements move with it', async () => {
    // The critic's statement has a day of its own; the minister's has none, so it takes the article's.
    const input = article();
    const first = (await h.write(INGEST, { input })).data!.ingestArticle;
    const moved = { ...input, publishedAt: '2024-03-09T08:00:00+05:00' };
    const { data, errors } = await h.write(INGEST, { input: moved });
    expect(errors).toBeUndefined();
    expect(data!.ingestArticle).toMatchObject({ outcome: 'MATCHED', article: { id: first.article.id } });
    const read = await h.execute('query ($url: String) { article(url: $url) { id publishedAt statements { edges { node { text date } } } } }', { url: input.url });
    expect(read.errors).toBeUndefined();
    expect(read.data!.article.publishedAt).toBe('2024-03-09T08:00:00+05:00');
    const dates = Object.fromEntries(read.data!.article.statements.edges.map((e: any) => [e.node.text, e.node.date]));
    expect(dates).toEqual({ [input.statements[0]!.text]: '2024-03-04', [input.statements[1]!.text]: '2024-03-09' });
    const [count] = await h.db.read('test.one', 'MATCH (a:Article {url: $url}) RETURN count(a) AS n', { url: input.url });
    expect(count).toEqual({ n: 1 });
  });

  it('rejects an invalid article with BAD_USER_INPUT naming every field path, and writes nothing', async () => {
    const input = article();
    input.statements[1] = { ...input.statements[1]!, speaker: 'ghost' };
    (input.entities[2] as any).type = 'TOPIC';
    input.statements[0]!.about = ['budget', 'nobody'];
    const { errors } = await h.write(INGEST, { input });
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0].extensions.problems).toEqual([
      { path: 'input.statements[0].about[1]', message: 'unknown entity ref "nobody"' },
      { path: 'input.statements[1].speaker', message: 'unknown entity ref "ghost"' },
    ]);
    expect(errors![0].message).toMatch(/input.statements\[1\].speaker: unknown entity ref "ghost"/);
    const [row] = await h.db.read('test.nothing', 'RETURN EXISTS { MATCH (:Article {url: $url}) } AS article, EXISTS { MATCH (:Person {name: $name}) } AS person', { url: input.url, name: input.entities[0]!.name });
    expect(row).toEqual({ article: false, person: false });
  });

  it('rejects bad dates and kinds before anything is written', async () => {
    const input = { ...article(), publishedAt: 'last tuesday' };
    const { errors } = await h.write(INGEST, { input });
    expect(errors![0].extensions.problems).toEqual([{ path: 'input.publishedAt', message: expect.stringMatching(/ISO 8601/) }]);
    const badKind = await h.write(INGEST, { input: { ...article(), statements: [{ speaker: 'min', text: 'x', kind: 'RUMOUR' }] } });
    expect(badKind.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(badKind.errors![0].message).toMatch(/RUMOUR/);
  });

  it('writes all of an article or none of it when the database refuses part of it', async () => {
    const second = article();
    // A stray node holding the id the article's topic would get: the Entity id constraint refuses the topic, after
    // the article, its people and its source are written. The node is this test's own, so no other data is involved.
    const decoy = makeId('Topic', slug(second.entities[2]!.name));
    await h.db.write('test.decoy', (run) => run('CREATE (:Entity {id: $id})', { id: decoy }));
    const attempts: unknown[] = [];
    const stop = h.db.onQuery((e) => /MERGE \(a:Article/.test(e.cypher) && e.params.rows && attempts.push(e));
    try {
      const { errors } = await h.write(INGEST, { input: second });
      // Refused twice by the same node, it is not tried again: no lost race would collide with it once more.
      expect(attempts).toHaveLength(2);
      // The client gets one error naming the mutation, with nothing of the database's own wording.
      expect(errors).toEqual([expect.objectContaining({ path: ['ingestArticle'], extensions: expect.objectContaining({ code: 'INTERNAL_SERVER_ERROR' }) })]);
      expect(JSON.stringify(errors)).not.toMatch(/Entity|Statement|constraint|MERGE|Neo4j/i);
      const [row] = await h.db.read(
        'test.nothing',
        'RETURN EXISTS { MATCH (:Article {url: $url}) } AS article, EXISTS { MATCH (:Person {name: $name}) } AS person, EXISTS { MATCH (:Organisation {name: $source}) } AS source',
        { url: second.url, name: second.entities[0]!.name, source: second.source },
      );
      expect(row).toEqual({ article: false, person: false, source: false });
    } finally {
      stop();
      await h.db.write('test.decoy', (run) => run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: decoy }));
    }
  });
});
