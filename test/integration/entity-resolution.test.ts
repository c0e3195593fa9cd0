import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Entity = Partial<ArticleDocument['entities'][number]> & { name: string };

function valid(value: unknown): ArticleDocument {
  const checked = validateDocument(value);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return checked.document;
}

/** Loads one article in which each given entity says something, and returns the id each speaker resolved to. */
async function load(entities: Entity[], tag = randomUUID().slice(0, 8)): Promise<string[]> {
  const doc = valid({
    title: `Story ${tag}`,
    publishedAt: '2023-05-01',
    entities: entities.map((e, i) => ({ ref: `e${i}`, type: 'PERSON', ...e })),
    statements: entities.map((_, i) => ({ speaker: `e${i}`, text: `Remark ${i} in ${tag}` })),
  });
  await ingestDocuments(h.db, [doc]);
  const rows = await h.db.read('test.speakers', 'UNWIND $texts AS t OPTIONAL MATCH (p:Person)-[:SAID]->(:Statement {text: t}) RETURN p.id AS id', {
    texts: doc.statements.map((s) => s.text),
  });
  // One person per remark, each found: a comparison of ids below then compares people, never nothing with something.
  const ids = rows.map((r) => r.id as string);
  expect(ids).toEqual(entities.map(() => expect.stringMatching(/^person:/)));
  return ids;
}

const person = async (id: string) => (await h.execute(`{ node(id: "${id}") { ... on Entity { name aliases } } }`)).data!.node;

describe('entity resolution', () => {
  it('matches a name regardless of case, diacritics, punctuation and spacing', async () => {
    const u = randomUUID().slice(0, 6);
    const [first] = await load([{ name: `José Ñúñez-${u}` }]);
    const [second] = await load([{ name: `  jose  NUNEZ ${u}` }]);
    expect(second).toBe(first);
    expect(await person(first!)).toEqual({ name: `José Ñúñez-${u}`, aliases: [`jose NUNEZ ${u}`] });
  });

  it('matches by an alias on either side, and adds the new names as aliases', async () => {
    const u = randomUUID().slice(0, 6);
    const [full] = await load([{ name: `Imran Test${u}`, aliases: [`Kaptaan ${u}`] }]);
    const [byTheirAlias] = await load([{ name: `Kaptaan ${u}` }]);
    const [byOurAlias] = await load([{ name: `Mr Imran ${u}`, aliases: [`Imran Test${u}`] }]);
    expect(byTheirAlias).toBe(full);
    expect(byOurAlias).toBe(full);
    expect((await person(full!)).aliases).toEqual(expect.arrayContaining([`Kaptaan ${u}`, `Mr Imran ${u}`]));
  });

  it('trusts a Wikidata id over names, and never matches a name held by an entity with another Wikidata id', async () => {
    const u = randomUUID().slice(0, 6);
    const wd = `Q${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const [a] = await load([{ name: `Ali Raza ${u}`, wikidataId: wd }]);
    const [renamed] = await load([{ name: `A. Raza ${u}`, wikidataId: wd }]);
    expect(renamed).toBe(a);
    const [namesake] = await load([{ name: `Ali Raza ${u}`, wikidataId: `${wd}7` }]);
    expect(namesake).not.toBe(a);
  });

  it('keeps apart two people who only share an alias', async () => {
    const u = randomUUID().slice(0, 6);
    const [mohammed] = await load([{ name: `Mohammed Saleh ${u}`, aliases: [`Saleh ${u}`] }]);
    const [jamal] = await load([{ name: `Jamal Saleh ${u}`, aliases: [`Saleh ${u}`] }]);
    expect(jamal).not.toBe(mohammed);
  });

  it('creates a new entity when a name fits more than one', async () => {
    const u = randomUUID().slice(0, 6);
    const [one, two] = await load([{ name: `Sana Malik ${u}`, aliases: [`Malik ${u}`] }, { name: `Faisal Malik ${u}`, aliases: [`Malik ${u}`] }]);
    expect(one).not.toBe(two);
    const [ambiguous] = await load([{ name: `Malik ${u}` }]);
    expect([one, two]).not.toContain(ambiguous);
    // Named again, it is the entity whose own name it is, not yet another.
    const [again] = await load([{ name: `Malik ${u}` }]);
    expect(again).toBe(ambiguous);
  });

  it('gives a name several entities hold to the one whose own name it is', async () => {
    const u = randomUUID().slice(0, 6);
    // One article names both: each is new, and the second holds the first's name as an alias from then on.
    const [hillary, rodham] = await load([{ name: `Hillary Vance ${u}` }, { name: `Hillary Rodham Vance ${u}`, aliases: [`Hillary Vance ${u}`] }]);
    expect(rodham).not.toBe(hillary);
    const [later] = await load([{ name: `Hillary Vance ${u}` }]);
    expect(later).toBe(hillary);
    const [byAlias] = await load([{ name: `Rodham Vance ${u}`, aliases: [`Hillary Rodham Vance ${u}`] }]);
    expect(byAlias).toBe(rodham);
  });

  it('keeps types apart: a topic never matches a person of the same name', async () => {
    const u = randomUUID().slice(0, 6);
    const [p] = await load([{ name: `Justice ${u}` }]);
    const doc = { title: `Topic ${u}`, publishedAt: '2023-05-02', entities: [{ ref: 't', type: 'TOPIC', name: `Justice ${u}` }], mentions: ['t'] };
    const result = await ingestDocuments(h.db, [valid(doc)]);
    expect(result.entities.map((e) => e.id)).toEqual([expect.stringMatching(/^topic:/)]);
    expect(p).toMatch(/^person:/);
  });
});

describe('20 concurrent ingests of different articles naming the same new people', () => {
  it('create exactly one node per person', async () => {
    const u = randomUUID().slice(0, 6);
    const names = [`Hina Qureshi ${u}`, `Bilal Ahmed ${u}`, `Zara Sheikh ${u}`];
    const docs = Array.from({ length: 20 }, (_, i) => ({
      title: `Concurrent story ${i} ${u}`,
      publishedAt: `2023-06-${String(i + 1).padStart(2, '0')}`,
      source: `Wire ${u}`,
      entities: names.map((name, j) => ({ ref: `p${j}`, type: 'PERSON', name: i % 2 ? name.toUpperCase() : name })),
      statements: [{ speaker: `p${i % 3}`, text: `Statement ${i} ${u}`, about: ['p0'] }],
      mentions: ['p0', 'p1', 'p2'],
    }));
    const results = await Promise.all(docs.map((input) => h.write('mutation ($input: ArticleInput!) { ingestArticle(input: $input) { outcome } }', { input })));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const rows = await h.db.read('test.people', 'UNWIND $names AS n MATCH (p:Person) WHERE p.nameKeys CONTAINS $tag AND toLower(p.name) = toLower(n) RETURN n, count(p) AS nodes', {
      names,
      tag: u,
    });
    expect(rows).toEqual(names.map((n) => ({ n, nodes: 1 })));
    const [source] = await h.db.read('test.source', 'MATCH (o:Organisation {name: $name}) RETURN count(o) AS nodes, COUNT { (o)<-[:PUBLISHED_BY]-() } AS articles', { name: `Wire ${u}` });
    expect(source).toEqual({ nodes: 1, articles: 20 });
  });
});
