import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { uniqueTag, withLoader } from './fixtures.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const INGEST = `mutation ($input: ArticleInput!) { ingestArticle(input: $input) {
  article { id }
  statements { statement { id text evidence { article { id title } start end snippet method confidence } } } } }`;

const EVIDENCE = `query ($id: ID!) { statement(id: $id) { text evidence { article { title } start end snippet method confidence } } }`;

/**
 * An article whose minister answers a critic, with the words of each statement located in the body. `report`
 * names the reporting paper: two papers with the same words from the same people report the same statements.
 */
function article(tag: string, report = 'Herald') {
  const denial = `Nothing in the ${tag} budget is hidden.`;
  const opinion = `the ${tag} budget is a disaster`;
  const body = `${report} — The critic Omar ${tag} said on Monday that ${opinion}. Minister Nadia ${tag} answered: “${denial}”`;
  return {
    url: `https://${report.toLowerCase()}.example/${tag}`,
    title: `${report}: minister ${tag} answers critics`,
    publishedAt: '2024-03-05',
    source: `${report} ${tag}`,
    body,
    entities: [
      { ref: 'min', type: 'PERSON', name: `Nadia ${tag}` },
      { ref: 'crit', type: 'PERSON', name: `Omar ${tag}` },
    ],
    statements: [
      { ref: 's1', speaker: 'crit', text: opinion, kind: 'OPINION', evidence: locate(body, opinion, 'REPORTED_SPEECH', 0.8) },
      { ref: 's2', speaker: 'min', text: denial, kind: 'DENIAL', quote: true, respondsTo: 's1', evidence: { start: body.indexOf(denial), end: body.indexOf(denial) + denial.length } },
    ],
  };
}

function locate(body: string, words: string, method?: string, confidence?: number) {
  const start = body.indexOf(words);
  expect(start).toBeGreaterThanOrEqual(0);
  return { start, end: start + words.length, ...(method ? { method } : {}), ...(confidence !== undefined ? { confidence } : {}) };
}

async function evidenceOf(id: string) {
  const { data, errors } = await h.execute(EVIDENCE, { id });
  expect(errors).toBeUndefined();
  return data!.statement.evidence as any[];
}

describe('evidence: where in the article a statement was taken from', () => {
  it('is stored with the statement and read back with the words of the body as its snippet', async () => {
    const input = article(uniqueTag());
    const { data, errors } = await h.write(INGEST, { input });
    expect(errors).toBeUndefined();
    const [opinion, denial] = data!.ingestArticle.statements.map((s: any) => s.statement);
    expect(opinion.evidence).toEqual([
      { article: { id: data!.ingestArticle.article.id, title: input.title }, ...input.statements[0]!.evidence, snippet: input.statements[0]!.text, method: 'REPORTED_SPEECH', confidence: 0.8 },
    ]);
    // Without method and confidence, evidence is a person's: MANUAL, certain.
    expect(denial.evidence).toMatchObject([{ snippet: input.statements[1]!.text, method: 'MANUAL', confidence: 1 }]);
    const { start, end } = denial.evidence[0];
    expect(input.body.slice(start, end)).toBe(denial.evidence[0].snippet);
  });

  it('is empty for a statement whose article does not say where it came from', async () => {
    const input = article(uniqueTag());
    input.statements = input.statements.map(({ evidence: _, ...s }) => s) as typeof input.statements;
    const { data } = await h.write(INGEST, { input });
    expect(data!.ingestArticle.statements.map((s: any) => s.statement.evidence)).toEqual([[], []]);
  });

  it('cuts the snippet at the same words when characters outside the Basic Multilingual Plane come first', async () => {
    const tag = uniqueTag();
    const input = article(tag);
    // Each emoji is two UTF-16 code units but one character for Neo4j: offsets stay JavaScript string indices.
    input.body = `📰🗞️ ${input.body} 👍`;
    input.statements = input.statements.map((s) => ({ ...s, evidence: locate(input.body, s.text) })) as typeof input.statements;
    const { data, errors } = await h.write(INGEST, { input });
    expect(errors).toBeUndefined();
    for (const [i, s] of data!.ingestArticle.statements.entries()) {
      expect(s.statement.evidence[0].snippet).toBe(input.statements[i]!.text);
      expect(s.statement.evidence[0].start).toBe(input.statements[i]!.evidence.start);
    }
  });

  it('keeps one evidence per reporting article: the same statement in two papers has two', async () => {
    const tag = uniqueTag();
    const [herald, courier] = [article(tag, 'Herald'), article(tag, 'Courier')];
    await h.write(INGEST, { input: herald });
    const { data } = await h.write(INGEST, { input: courier });
    const id = data!.ingestArticle.statements[0].statement.id;
    const evidence = await evidenceOf(id);
    expect(evidence.map((e) => e.article.title).sort()).toEqual([courier.title, herald.title].sort());
    // Each points into its own article's body: the papers' names shift the offsets.
    for (const doc of [herald, courier]) {
      const e = evidence.find((x) => x.article.title === doc.title)!;
      expect([e.start, e.end, e.snippet]).toEqual([doc.statements[0]!.evidence.start, doc.statements[0]!.evidence.end, doc.statements[0]!.text]);
    }
  });

  it('is replaced when the article is loaded again, and removed when the new version has none', async () => {
    const input = article(uniqueTag());
    const first = (await h.write(INGEST, { input })).data!.ingestArticle;
    const id = first.statements[0].statement.id;
    const revised = { ...input, body: `Updated. ${input.body}` };
    revised.statements = revised.statements.map((s) => ({ ...s, evidence: { ...locate(revised.body, s.text), method: 'MIXED_QUOTE', confidence: 0.5 } })) as typeof input.statements;
    await h.write(INGEST, { input: revised });
    expect(await evidenceOf(id)).toEqual([
      expect.objectContaining({ start: input.statements[0]!.evidence.start + 9, snippet: input.statements[0]!.text, method: 'MIXED_QUOTE', confidence: 0.5 }),
    ]);
    const bare = { ...revised, statements: revised.statements.map(({ evidence: _, ...s }) => s) };
    await h.write(INGEST, { input: bare });
    expect(await evidenceOf(id)).toEqual([]);
    const [row] = await h.db.read('test.evidence', 'MATCH (:Statement {id: $id})-[r:REPORTED_IN]->() RETURN count(r) AS links, size(keys(r)) AS props', { id });
    expect(row).toEqual({ links: 1, props: 0 });
  });

  it('changes nothing when the same article is loaded twice', async () => {
    const input = article(uniqueTag());
    const first = (await h.write(INGEST, { input })).data!.ingestArticle;
    const second = (await h.write(INGEST, { input })).data!.ingestArticle;
    expect(second).toEqual(first);
    const [row] = await h.db.read('test.evidence', 'MATCH (:Article {id: $id})<-[r:REPORTED_IN]-() RETURN count(r) AS links', { id: first.article.id });
    expect(row!.links).toBe(2);
  });

  it('is written by bulk loading too, one per article when a batch reports a statement twice', async () => {
    const tag = uniqueTag();
    const documents = [article(tag, 'Herald'), article(tag, 'Courier')].map((d) => {
      const checked = validateDocument(d);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.document;
    });
    const written = await withLoader((db) => ingestDocuments(db, documents));
    expect(written.statements).toHaveLength(2);
    for (const s of written.statements) {
      const { statement } = (await h.execute(EVIDENCE, { id: s.id })).data!;
      expect(statement.evidence.map((e: any) => [e.article.title, e.snippet]).sort()).toEqual(documents.map((d) => [d.title, statement.text]).sort());
    }
  });

  it('refuses evidence past the end of the body, naming the field, and writes nothing', async () => {
    const input = article(uniqueTag());
    input.statements[0]!.evidence = { start: 3, end: input.body.length + 1 } as typeof input.statements[0]['evidence'];
    const { errors } = await h.write(INGEST, { input });
    expect(errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(errors![0].extensions.problems).toEqual([{ path: 'input.statements[0].evidence.end', message: expect.stringMatching(/past the end of the body/) }]);
    const [row] = await h.db.read('test.nothing', 'RETURN EXISTS { MATCH (:Article {url: $url}) } AS article', { url: input.url });
    expect(row!.article).toBe(false);
  });

  it('is read in the same single Cypher query as the rest of the selection, however deep', async () => {
    const input = article(uniqueTag());
    const id = (await h.write(INGEST, { input })).data!.ingestArticle.statements[1].statement.id;
    h.resetQueries();
    const { data, errors } = await h.execute(
      `query ($id: ID!) { statement(id: $id) {
        evidence { snippet article { title statements { edges { node { text evidence { snippet article { source { name } } } } } } } }
        respondsTo { evidence { start end snippet } }
      } }`,
      { id },
    );
    expect(errors).toBeUndefined();
    expect(data!.statement.respondsTo.evidence[0].snippet).toBe(input.statements[0]!.text);
    const nested = data!.statement.evidence[0].article.statements.edges.map((e: any) => e.node.evidence[0].snippet).sort();
    expect(nested).toEqual(input.statements.map((s) => s.text).sort());
    expect(h.queries.map((q) => q.name)).toEqual(['Query.statement']);
  });
});
