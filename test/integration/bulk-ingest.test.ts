import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applySchema } from '../../src/db/schema.js';
import { bulkIngest } from '../../src/ingest/bulk.js';
import { validateDocument } from '../../src/ingest/document.js';
import { type IngestResult, onIngest } from '../../src/ingest/ingest.js';
import { MAX_BATCH_WEIGHT, planArticle, planWeight } from '../../src/ingest/plan.js';
import { runIngest } from './cli.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let dir: string;
beforeAll(async () => {
  h = await startHarness();
  dir = await mkdtemp(path.join(tmpdir(), 'bulk-'));
});
afterAll(() => h.close());

// Each test has its own tag `u`: its urls, names and count are its own, whatever ran before it.
const good = (u: string, i: number) => ({
  url: `https://bulk.example/${u}/${i}`,
  title: `Bulk story ${i}`,
  publishedAt: `2021-01-${String(i + 1).padStart(2, '0')}`,
  source: `Bulk Times ${u}`,
  entities: [{ ref: 'a', type: 'PERSON', name: `Speaker ${i % 2} ${u}` }, { ref: 't', type: 'TOPIC', name: `Floods ${u}` }],
  statements: [{ speaker: 'a', text: `Bulk remark ${i} ${u}`, about: ['t'] }],
  mentions: ['a', 't'],
});

const count = async (u: string) =>
  (await h.db.read('test.bulk', 'MATCH (a:Article) WHERE a.url STARTS WITH $prefix RETURN count(a) AS n', { prefix: `https://bulk.example/${u}/` }))[0]!.n;

describe('npm run ingest', () => {
  it('loads the good records of an NDJSON file and rejects the bad ones with their line and field path', async () => {
    const u = randomUUID().slice(0, 6);
    const lines = [JSON.stringify(good(u, 0)), '{"title": broken', JSON.stringify(good(u, 1)), '', JSON.stringify({ ...good(u, 2), statements: [{ speaker: 'zz', text: 'x' }] }), JSON.stringify(good(u, 3))];
    await writeFile(path.join(dir, 'feed.ndjson'), lines.join('\n'));
    const run = await runIngest(['feed.ndjson', '--batch', '2', '--rejects', 'bad.ndjson'], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/articles: +3 new, 0 updated/);
    expect(run.stdout).toMatch(/statements: +3 new, 0 matched/);
    expect(run.stdout).toMatch(/rejected: +2 of 5 records \(written to .*bad\.ndjson\)/);
    expect(run.stderr).toMatch(/feed\.ndjson:2: \(document\): not valid JSON/);
    expect(run.stderr).toMatch(/feed\.ndjson:5: statements\[0\]\.speaker: unknown entity ref "zz"/);
    const rejects = (await readFile(path.join(dir, 'bad.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((r) => [r.line, r.problems[0].path])).toEqual([[2, '(document)'], [5, 'statements[0].speaker']]);
    expect(rejects[1].record.title).toBe('Bulk story 2');
    expect(await count(u)).toBe(3);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const u = randomUUID().slice(0, 6);
    await writeFile(path.join(dir, 'again.ndjson'), [0, 1, 3].map((i) => JSON.stringify(good(u, i))).join('\n'));
    const first = await runIngest(['again.ndjson'], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(first.stdout).toMatch(/articles: +3 new, 0 updated/);
    const run = await runIngest(['again.ndjson'], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles: +0 new, 0 updated, 3 unchanged/);
    expect(run.stdout).toMatch(/statements: +0 new, 3 matched/);
    expect(run.stdout).toMatch(/entities: +0 created/);
    expect(await count(u)).toBe(3);
  });

  it('skips the articles of a batch stored as they are and writes the others', async () => {
    const u = randomUUID().slice(0, 6);
    await writeFile(path.join(dir, `before-${u}.ndjson`), [0, 1, 3].map((i) => JSON.stringify(good(u, i))).join('\n'));
    await runIngest([`before-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    // One batch: two articles as they were, one corrected, one new.
    const lines = [good(u, 0), { ...good(u, 1), title: 'Bulk story 1, corrected' }, good(u, 3), good(u, 4)];
    await writeFile(path.join(dir, `mixed-${u}.ndjson`), lines.map((l) => JSON.stringify(l)).join('\n'));
    const run = await runIngest([`mixed-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles: +1 new, 1 updated, 2 unchanged/);
    expect(run.stdout).toMatch(/statements: +1 new, 3 matched/);
    expect(run.stdout).toMatch(/entities: +0 created, 4 matched/);
    const titles = await h.db.read('test.bulk', 'MATCH (a:Article) WHERE a.url STARTS WITH $prefix RETURN a.title AS title ORDER BY a.url', { prefix: `https://bulk.example/${u}/` });
    expect(titles.map((t) => t.title)).toEqual(['Bulk story 0', 'Bulk story 1, corrected', 'Bulk story 3', 'Bulk story 4']);
  });

  it('removes the entities that only the former version of a corrected article named, and says how many', async () => {
    const u = randomUUID().slice(0, 6);
    // Named as the speaker of a statement only, not among the mentions.
    const wrong = { ...good(u, 0), entities: [{ ref: 'a', type: 'PERSON', name: `Despite Speaker ${u}` }, good(u, 0).entities[1]], mentions: ['t'] };
    await writeFile(path.join(dir, `first-${u}.ndjson`), [wrong, good(u, 2)].map((l) => JSON.stringify(l)).join('\n'));
    await runIngest([`first-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    const named = async (name: string) =>
      (await h.db.read('test.bulk', 'MATCH (e:Entity {name: $name}) RETURN count(e) AS n, COUNT { (:NameKey)-[:NAMES]->(e) } AS keys', { name }))[0] ?? { n: 0 };
    expect(await named(`Despite Speaker ${u}`)).toEqual({ n: 1, keys: 1 });
    // The corrected article names the speaker right; the topic and the source are still named, by both articles.
    await writeFile(path.join(dir, `fixed-${u}.ndjson`), JSON.stringify(good(u, 0)));
    const run = await runIngest([`fixed-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles: +0 new, 1 updated/);
    expect(run.stdout).toMatch(/entities: +0 created, 3 matched, 1 removed \(no article names them any more\)/);
    expect(await named(`Despite Speaker ${u}`)).toEqual({ n: 0 });
    const keys = await h.db.read('test.bulk', "MATCH (k:NameKey) WHERE k.id ENDS WITH $key RETURN count(k) AS n", { key: `|despite speaker ${u}` });
    expect(keys[0]!.n).toBe(0);
    expect(await named(`Speaker 0 ${u}`)).toEqual({ n: 1, keys: 1 });
    expect(await named(`Floods ${u}`)).toEqual({ n: 1, keys: 1 });
    expect(await named(`Bulk Times ${u}`)).toEqual({ n: 1, keys: 1 });
  });

  it('sweeps at start-up the entities a graph kept from former versions, but not a role\'s organisation or a merge\'s survivor', async () => {
    const u = randomUUID().slice(0, 6);
    // An organisation the document names only as a person's employer: no article mentions it.
    const doc = {
      ...good(u, 0),
      entities: [...good(u, 0).entities, { ref: 'o', type: 'ORGANISATION', name: `Water Board ${u}` }],
      affiliations: [{ person: 'a', organisation: 'o', role: 'Director' }],
    };
    await writeFile(path.join(dir, `roles-${u}.ndjson`), JSON.stringify(doc));
    await runIngest([`roles-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    // What an earlier version left: a person nothing names, with its name key, and one a merge points to.
    await h.db.write('test.leftover', (run) =>
      run(`CREATE (:Person:Entity {id: $left, name: $left})<-[:NAMES]-(:NameKey {id: $key})
        CREATE (:Person:Entity {id: $kept, name: $kept})<-[:MERGED_INTO]-(:Redirect {id: $merged})`,
      { left: `person:left-${u}`, key: `namekey:person|left ${u}`, kept: `person:kept-${u}`, merged: `person:merged-${u}` }));
    await h.db.write('test.forget', (run) => run("MATCH (m:Migration {id: 'migration:entities-left-behind'}) DELETE m"));
    await applySchema(h.db);
    const left = await h.db.read('test.left', 'MATCH (e) WHERE e.id IN $ids RETURN e.id AS id ORDER BY id', {
      ids: [`person:left-${u}`, `namekey:person|left ${u}`, `person:kept-${u}`, `person:merged-${u}`],
    });
    expect(left.map((r) => r.id)).toEqual([`person:kept-${u}`, `person:merged-${u}`]);
    const board = await h.db.read('test.board', 'MATCH (:Person)-[:AFFILIATED_WITH]->(o:Organisation {name: $name}) RETURN count(o) AS n', { name: `Water Board ${u}` });
    expect(board[0]!.n).toBe(1);
  });

  it('writes again, with --rewrite, the articles it would skip: a repair of links removed by other means', async () => {
    const u = randomUUID().slice(0, 6);
    await writeFile(path.join(dir, `repair-${u}.ndjson`), [0, 1].map((i) => JSON.stringify(good(u, i))).join('\n'));
    await runIngest([`repair-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    const mentions = async () =>
      (await h.db.read('test.bulk', 'MATCH (a:Article)-[m:MENTIONS]->() WHERE a.url STARTS WITH $prefix RETURN count(m) AS n', { prefix: `https://bulk.example/${u}/` }))[0]!.n;
    expect(await mentions()).toBe(4);
    await h.db.write('test.bulk', (run) => run('MATCH (a:Article {url: $url})-[m:MENTIONS]->() DELETE m', { url: `https://bulk.example/${u}/0` }));
    const skipped = await runIngest([`repair-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(skipped.stdout).toMatch(/articles: +0 new, 0 updated, 2 unchanged/);
    expect(await mentions()).toBe(2);
    const rewritten = await runIngest([`repair-${u}.ndjson`, '--rewrite'], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(rewritten.code).toBe(0);
    expect(rewritten.stdout).toMatch(/articles: +0 new, 2 updated, 0 unchanged/);
    expect(await mentions()).toBe(4);
  });

  it('reads a folder of .json (one document or an array) and .ndjson files', async () => {
    const u = randomUUID().slice(0, 6);
    const folder = path.join(dir, `in-${u}`);
    await mkdir(folder);
    await writeFile(path.join(folder, 'one.json'), JSON.stringify(good(u, 4)));
    await writeFile(path.join(folder, 'many.json'), JSON.stringify([good(u, 5), good(u, 6)]));
    await writeFile(path.join(folder, 'more.ndjson'), JSON.stringify(good(u, 7)));
    await writeFile(path.join(folder, 'notes.txt'), 'not an input');
    const run = await runIngest([folder], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles: +4 new/);
    expect(await count(u)).toBe(4);
  });

  it('explains its usage when called wrongly', async () => {
    const run = await runIngest(['--batch', '0'], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Usage:/);
  });

  it('ends a batch before it weighs more than a transaction is given, however many articles it may hold', async () => {
    const u = randomUUID().slice(0, 6);
    // Each lists fifty of seventy people: 1,225 pairs, about a hundred times a usual article's weight.
    const listing = (i: number) => {
      const people = Array.from({ length: 50 }, (_, k) => ({ ref: `p${k}`, type: 'PERSON', name: `Signer ${(i + k) % 70} ${u}` }));
      return { url: `https://bulk.example/${u}/${i}`, title: `Letter ${i}`, publishedAt: '2021-02-01', entities: people, mentions: people.map((p) => p.ref) };
    };
    const documents = Array.from({ length: 40 }, (_, i) => listing(i));
    const weights = documents.map((d) => {
      const checked = validateDocument(d);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return planWeight(planArticle(checked.document));
    });
    const total = weights.reduce((a, b) => a + b);
    expect(total).toBeGreaterThan(MAX_BATCH_WEIGHT);

    const batches: number[] = [];
    const stop = onIngest(h.db, (r: IngestResult) => batches.push(r.articles.length));
    try {
      async function* records() {
        for (const [i, value] of documents.entries()) yield { file: 'letters.ndjson', line: i + 1, value };
      }
      const summary = await bulkIngest(h.db, records(), { batchSize: 250 });
      expect(summary).toMatchObject({ articlesNew: 40, articlesUpdated: 0, articlesUnchanged: 0, rejected: 0 });
    } finally {
      stop();
    }
    // In input order, each batch as many articles as fit, and no more.
    expect(batches.reduce((a, b) => a + b)).toBe(40);
    let start = 0;
    for (const size of batches) {
      const weight = weights.slice(start, start + size).reduce((a, b) => a + b);
      expect(weight).toBeLessThanOrEqual(MAX_BATCH_WEIGHT);
      if (start + size < weights.length) expect(weight + weights[start + size]!).toBeGreaterThan(MAX_BATCH_WEIGHT);
      start += size;
    }
    expect(await count(u)).toBe(40);
  });
});
