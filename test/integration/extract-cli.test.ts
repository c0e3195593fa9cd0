import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { validateDocument } from '../../src/ingest/document.js';
import { type CliRun, runIngest } from './cli.js';
import { type Harness, startHarness } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = path.join(ROOT, 'test/fixtures/raw');

/** `npm run -s extract -- …` as an operator types it in the folder `cwd` (npm finds the project by --prefix). */
function runExtract(args: string[], cwd: string): Promise<CliRun> {
  const child = spawn('npm', ['--prefix', ROOT, 'run', '-s', 'extract', '--', ...args], { cwd, env: { ...process.env, INIT_CWD: undefined } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A short raw article of this project's own making; `u` keeps each test's articles and names apart. */
const story = (u: string, i: number) => ({
  id: `own-${i}`,
  title: `Harbour wall story ${i} ${u}`,
  publishedAt: `2023-03-${String(10 + i).padStart(2, '0')}`,
  url: `https://wire.example/${u}/${i}`,
  language: 'en',
  body:
    `Mayor Ina Ferro said on Tuesday that the harbour wall would be finished by May ${2030 + i}.\n\n` +
    `"We will not let the sea take street number ${i}," Ferro told reporters.`,
  attributions: [{ content: 'the harbour wall would be finished', speaker: 'Ina Ferro' }],
});

/** A long article: with two threads, the short ones after it are extracted before it is. */
const longStory = (u: string) => ({
  title: `Budget hearing runs late ${u}`,
  publishedAt: '2023-03-09',
  body: Array.from({ length: 300 }, (_, k) => `Councillor Bram Oster said on Monday that budget line ${k + 1} had been wrongly costed by the treasurer.`).join('\n\n'),
});

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const lines = (stdout: string) => stdout.split('\n').filter(Boolean);

let dir: string;
let h: Harness;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'extract-cli-'));
  h = await startHarness();
});
afterAll(() => h.close());

describe('npm run extract', () => {
  it('prints one valid article document per input article, in input order with its title, and only that on standard output', async () => {
    const u = randomUUID().slice(0, 6);
    const folder = path.join(dir, `in-${u}`);
    await mkdir(folder);
    const records = [longStory(u), story(u, 1), story(u, 2), story(u, 3)];
    await writeFile(path.join(folder, '1-wire.ndjson'), ndjson(records));
    await copyFile(path.join(FIXTURES, 'valley-road.txt'), path.join(folder, '2-valley.txt'));
    await copyFile(path.join(FIXTURES, 'scripts-everywhere.html'), path.join(folder, '3-bridge.html'));
    const run = await runExtract([`in-${u}`, '--published', '2023-02-14', '--source', `Wire ${u}`, '--threads', '2'], dir);
    expect(run.stderr).toMatch(/Extracted 6 of 6 articles/);
    expect(run.code).toBe(0);
    const documents = lines(run.stdout).map((line) => validateDocument(JSON.parse(line)));
    expect(documents.map((d) => (d.ok ? d.document.title : d.problems))).toEqual([
      ...records.map((r) => r.title),
      'Floods close the valley road for a week',
      'Stadtrat stimmt für neue Brücke',
    ]);
    const [long, first] = documents.map((d) => (d.ok ? d.document : undefined));
    expect(long?.statements.length).toBeGreaterThan(0);
    expect(first).toMatchObject({ source: `Wire ${u}`, publishedAt: '2023-03-11', url: `https://wire.example/${u}/1` });
  });

  it('refuses each bad record with one message naming it, extracts the rest, and exits 2', async () => {
    const u = randomUUID().slice(0, 6);
    const input = [JSON.stringify(story(u, 1)), JSON.stringify({ ...story(u, 2), publishedAt: 'last Friday' }), '{"title": "cut', JSON.stringify({ ...story(u, 4), body: '' }), JSON.stringify(story(u, 5))];
    await writeFile(path.join(dir, `bad-${u}.ndjson`), input.join('\n'));
    const run = await runExtract([`bad-${u}.ndjson`], dir);
    expect(run.code).toBe(2);
    expect(lines(run.stdout).map((l) => JSON.parse(l).title)).toEqual([story(u, 1).title, story(u, 5).title]);
    const rejected = run.stderr.split('\n').filter((l) => l.startsWith('Rejected'));
    expect(rejected).toEqual([
      expect.stringMatching(new RegExp(`bad-${u}\\.ndjson:2: publishedAt: must be an ISO 8601 date .* — "Harbour wall story 2 ${u}"$`)),
      expect.stringMatching(new RegExp(`bad-${u}\\.ndjson:3: \\(record\\): not valid JSON`)),
      expect.stringMatching(new RegExp(`bad-${u}\\.ndjson:4: body: is empty — "Harbour wall story 4 ${u}"$`)),
    ]);
    expect(run.stderr).toMatch(/Extracted 2 of 5 articles.*3 rejected/);
  });

  it('fails with exit 1 on an input that does not exist, and explains its usage when asked', async () => {
    const missing = await runExtract(['no-such-folder'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No such file or folder: .*no-such-folder/);
    const help = await runExtract(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stderr).toMatch(/Usage:\n {2}npm run extract -- <file\.txt \| page\.html/);
    expect(help.stdout).toBe('');
    const wrong = await runExtract(['in.ndjson', '--threads', 'zero'], dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Usage:/);
  });
});

describe('from raw articles to the graph', () => {
  const articles = async (u: string) =>
    (await h.db.read('test.extractCli', 'MATCH (a:Article) WHERE a.url STARTS WITH $prefix RETURN count(a) AS n', { prefix: `https://wire.example/${u}/` }))[0]!.n;
  const statements = async (u: string) =>
    (
      await h.db.read('test.extractCli', 'MATCH (s:Statement)-[:REPORTED_IN]->(a:Article) WHERE a.url STARTS WITH $prefix RETURN count(DISTINCT s) AS n', {
        prefix: `https://wire.example/${u}/`,
      })
    )[0]!.n;

  it('what npm run extract prints loads with npm run ingest', async () => {
    const u = randomUUID().slice(0, 6);
    await writeFile(path.join(dir, `raw-${u}.ndjson`), ndjson([story(u, 1), story(u, 2)]));
    const extracted = await runExtract([`raw-${u}.ndjson`], dir);
    expect(extracted.code).toBe(0);
    await writeFile(path.join(dir, `docs-${u}.ndjson`), extracted.stdout);
    const run = await runIngest([`docs-${u}.ndjson`], { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(run.stdout).toMatch(/articles: +2 new, 0 updated/);
    expect(run.code).toBe(0);
    expect(await articles(u)).toBe(2);
    expect(await statements(u)).toBeGreaterThan(0);

    // Loaded from documents, they hold no input hash: the raw input, planning the same, is extracted once to learn it.
    const fromRaw = ['--extract', `raw-${u}.ndjson`];
    expect((await runIngest(fromRaw, { NEO4J_URI: inject('neo4jUri'), cwd: dir })).stdout).toMatch(/articles: +0 new, 0 updated, 2 unchanged \(0 stored from the same input/);
    expect((await runIngest(fromRaw, { NEO4J_URI: inject('neo4jUri'), cwd: dir })).stdout).toMatch(/articles: +0 new, 0 updated, 2 unchanged \(2 stored from the same input/);
  });

  it('npm run ingest -- --extract extracts and loads raw articles, passes documents through, rejects bad records, and loads nothing new a second time', async () => {
    const u = randomUUID().slice(0, 6);
    const handMade = {
      url: `https://wire.example/${u}/hand`,
      title: `Hand-made ${u}`,
      publishedAt: '2023-03-20',
      entities: [{ ref: 'p', type: 'PERSON', name: `Tove Lind ${u}` }],
      statements: [{ speaker: 'p', text: `The ferry will run all winter ${u}.`, kind: 'CLAIM' }],
    };
    const input = [JSON.stringify(story(u, 1)), JSON.stringify(handMade), JSON.stringify({ ...story(u, 3), body: '   ' }), JSON.stringify(story(u, 4))];
    await writeFile(path.join(dir, `mixed-${u}.ndjson`), input.join('\n'));
    const args = ['--extract', `mixed-${u}.ndjson`, '--rejects', `rejects-${u}.ndjson`, '--threads', '2'];

    const first = await runIngest(args, { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(first.stdout).toMatch(/articles: +3 new, 0 updated/);
    expect(first.stdout).toMatch(/rejected: +1 of 4 records \(written to .*rejects-/);
    expect(first.stderr).toMatch(new RegExp(`mixed-${u}\\.ndjson:3: body: is empty — "Harbour wall story 3 ${u}"`));
    expect(first.code).toBe(2);
    const rejects = (await readFile(path.join(dir, `rejects-${u}.ndjson`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rejects).toMatchObject([{ line: 3, problems: [{ path: 'body', message: 'is empty' }], record: { title: `Harbour wall story 3 ${u}` } }]);
    expect(await articles(u)).toBe(3);
    const handStatement = await h.db.read('test.extractCli', 'MATCH (:Person {name: $name})-[:SAID]->(s:Statement) RETURN s.text AS text', { name: `Tove Lind ${u}` });
    expect(handStatement).toEqual([{ text: `The ferry will run all winter ${u}.` }]);
    const extractedStatements = await statements(u);
    expect(extractedStatements).toBeGreaterThan(1);

    const again = await runIngest(args, { NEO4J_URI: inject('neo4jUri'), cwd: dir });
    expect(again.stdout).toMatch(/articles: +0 new, 0 updated, 3 unchanged/);
    expect(again.stdout).toMatch(/statements: +0 new/);
    expect(again.stdout).toMatch(/entities: +0 created/);
    expect(again.code).toBe(2);
    expect(await articles(u)).toBe(3);
    expect(await statements(u)).toBe(extractedStatements);
  });

  it('a raw article stored from the same input is neither extracted nor written again; one written over since, or by an earlier record of the run, is', async () => {
    const u = randomUUID().slice(0, 6);
    const env = { NEO4J_URI: inject('neo4jUri'), cwd: dir };
    const stored = async (i: number) =>
      (
        await h.db.read('test.extractCli', 'MATCH (a:Article {url: $url}) RETURN a.inputHash AS inputHash, a.body AS body, COUNT { (a)<-[:REPORTED_IN]-() } AS statements', {
          url: `https://wire.example/${u}/${i}`,
        })
      )[0]!;
    await writeFile(path.join(dir, `twice-${u}.ndjson`), ndjson([story(u, 1), story(u, 2)]));
    const args = ['--extract', `twice-${u}.ndjson`, '--threads', '1'];

    const first = await runIngest(args, env);
    expect(first.stdout).toMatch(/articles: +2 new, 0 updated, 0 unchanged \(0 stored from the same input, not extracted again\)/);
    const [one, two] = [await stored(1), await stored(2)];
    expect(one.inputHash).toEqual(expect.any(String));
    expect(two.inputHash).toEqual(expect.any(String));
    expect(one.inputHash).not.toBe(two.inputHash);

    const again = await runIngest(args, env);
    expect(again.stdout).toMatch(/articles: +0 new, 0 updated, 2 unchanged \(2 stored from the same input, not extracted again\)/);
    expect(again.code).toBe(0);

    // The second article is written over by a document of its own: it no longer holds the input, which loads again.
    const replacement = {
      url: `https://wire.example/${u}/2`,
      title: `Harbour wall story 2 ${u}`,
      publishedAt: '2023-03-12',
      entities: [{ ref: 'p', type: 'PERSON', name: `Ina Ferro` }],
      statements: [{ speaker: 'p', text: `The wall is cancelled ${u}.`, kind: 'CLAIM' }],
    };
    await writeFile(path.join(dir, `replacement-${u}.ndjson`), ndjson([replacement]));
    expect((await runIngest([`replacement-${u}.ndjson`], env)).stdout).toMatch(/articles: +0 new, 1 updated/);
    expect(await stored(2)).toMatchObject({ inputHash: null, statements: 1 });
    const third = await runIngest(args, env);
    expect(third.stdout).toMatch(/articles: +0 new, 1 updated, 1 unchanged \(1 stored from the same input, not extracted again\)/);
    expect(await stored(2)).toEqual(two);

    // Another version of the first article ahead of it in one input: both are extracted, and the later one wins.
    await writeFile(path.join(dir, `versions-${u}.ndjson`), ndjson([{ ...story(u, 1), body: `Mayor Ina Ferro said the wall was late ${u}.` }, story(u, 1)]));
    const versions = await runIngest(['--extract', `versions-${u}.ndjson`], env);
    // One batch holds both, and writes the last: what is stored.
    expect(versions.stdout).toMatch(/articles: +0 new, 0 updated, 1 unchanged \(0 stored from the same input, not extracted again\), 1 superseded by a later version in the same batch\n/);
    expect(versions.stdout).toMatch(/^Loaded 2 articles/);
    expect(await stored(1)).toEqual(one);

    const rewrite = await runIngest([...args, '--rewrite'], env);
    expect(rewrite.stdout).toMatch(/articles: +0 new, 2 updated, 0 unchanged\n/);
    expect(await stored(1)).toEqual(one);
  });
});

