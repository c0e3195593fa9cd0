import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalNeo4jOptions } from '../../neo4j/launcher.js';
import type { Database } from '../../src/db/database.js';
import { runIngest } from './cli.js';
import { startOwnDatabase } from './own-neo4j.js';

// A transaction may hold 4 MiB here: about ten of these articles (30,000-character bodies), not twenty.
const TRANSACTION_MEMORY = '4m';
const ARTICLES = 60;
const BATCH = 40;

let uri: string;
let options: LocalNeo4jOptions;
let stop: () => Promise<void>;
let db: Database;
beforeAll(async () => {
  // A memory cap of its own, far below the shared database's.
  ({ uri, options, db, stop } = await startOwnDatabase('bulk-memory', 7, { transactionMemory: TRANSACTION_MEMORY }));
}, 180_000);
afterAll(() => stop?.());

const WORDS = 'the minister said on tuesday that the floods had reached the capital and that relief would follow'.split(' ');
const article = (i: number) => ({
  url: `https://memory.example/story/${i}`,
  title: `Flood story ${i}`,
  publishedAt: `2021-02-${String((i % 28) + 1).padStart(2, '0')}`,
  source: 'Memory Times',
  body: Array.from({ length: 5_000 }, (_, k) => WORDS[(k * 7 + i) % WORDS.length]).join(' '),
  entities: [
    { ref: 'a', type: 'PERSON', name: `Speaker ${i % 3}` },
    { ref: 't', type: 'TOPIC', name: 'Floods' },
  ],
  statements: [{ speaker: 'a', text: `Relief will reach district ${i} this week.`, about: ['t'] }],
  mentions: ['a', 't'],
});

const articles = async () => (await db.read('test.memory.articles', 'MATCH (a:Article) RETURN count(a) AS n'))[0]!.n;

describe('npm run ingest, batches larger than a transaction may hold', () => {
  it('writes a refused batch in smaller parts, and the rest of the load in batches half as heavy', async () => {
    const feed = path.join(options.dir, 'large.ndjson');
    await writeFile(feed, Array.from({ length: ARTICLES }, (_, i) => JSON.stringify(article(i))).join('\n'));

    const run = await runIngest([feed, '--batch', String(BATCH)], { NEO4J_URI: uri, cwd: options.dir });
    expect(run.stderr).not.toMatch(/Rejected/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`articles: +${ARTICLES} new, 0 updated, 0 unchanged`));
    expect(run.stdout).toMatch(new RegExp(`rejected: +0 of ${ARTICLES} records`));
    // Said once per size it came down to, each time a part did not fit.
    const sizes = [...run.stderr.matchAll(/A batch of (\d+) articles needed more memory than one transaction may use .*batches half as large \((\d+) articles like these\)\./g)];
    expect(sizes.length).toBeGreaterThan(0);
    expect(Number(sizes[0]![1])).toBe(BATCH);
    expect(Number(sizes.at(-1)![2])).toBeLessThan(BATCH / 2);
    expect(await articles()).toBe(ARTICLES);

    // Loaded again in the same way: every article found as it is, nothing rejected.
    const again = await runIngest([feed, '--batch', String(BATCH)], { NEO4J_URI: uri, cwd: options.dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`articles: +0 new, 0 updated, ${ARTICLES} unchanged`));
    expect(await articles()).toBe(ARTICLES);
  }, 240_000);

  it('rejects, alone, an article that does not fit in a transaction by itself', async () => {
    const feed = path.join(options.dir, 'huge.ndjson');
    // Close to the largest body a document may have (1,000,000 characters).
    const huge = { ...article(100), url: 'https://memory.example/story/huge', body: article(100).body.repeat(40).slice(0, 990_000) };
    await writeFile(feed, [article(101), huge, article(102)].map((a) => JSON.stringify(a)).join('\n'));

    const run = await runIngest([feed, '--batch', '3', '--rejects', 'memory-rejects.ndjson'], { NEO4J_URI: uri, cwd: options.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/articles: +2 new, 0 updated/);
    expect(run.stderr).toMatch(/huge\.ndjson:2: \(document\): the database refused it: it needs more memory than one transaction may use \(the database's db\.memory\.transaction\.max\)/);
  }, 240_000);
});
