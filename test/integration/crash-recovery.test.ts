import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { type LocalNeo4jOptions, startNeo4j } from '../../neo4j/launcher.js';
import { Database } from '../../src/db/database.js';
import { applySchema } from '../../src/db/schema.js';
import { runIngest } from './cli.js';
import { startOwnNeo4j } from './own-neo4j.js';
import { graphSnapshot } from './snapshot.js';

const ARTICLES = 1200;

let uri: string;
let options: LocalNeo4jOptions;
let stop: () => Promise<void>;
let db: Database;
let feed: string;
beforeAll(async () => {
  // This test kills its database, so it gets one of its own.
  ({ uri, options, stop } = await startOwnNeo4j('crash', 2));
  db = new Database({ uri, user: 'neo4j', password: '', queryTimeoutMs: 120_000 });
  await applySchema(db);
  feed = path.join(options.dir, 'feed.ndjson');
  await writeFile(feed, generateCorpus({ articles: ARTICLES, seed: 11 }).map((d) => JSON.stringify(d)).join('\n'));
}, 180_000);
afterAll(async () => {
  await db?.close();
  await stop?.();
});

const articleCount = async () => (await db.read('test.count', 'MATCH (a:Article) RETURN count(a) AS n'))[0]!.n as number;

async function killDatabaseOnceLoading(): Promise<number> {
  for (;;) {
    const loaded = await articleCount().catch(() => 0);
    if (loaded > 0) {
      const pid = Number(await readFile(path.join(options.dir, 'neo4j.pid'), 'utf8'));
      process.kill(pid, 'SIGKILL');
      return loaded;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a bulk load interrupted by the database dying', () => {
  it('ends, once run again, with exactly the graph a clean run gives', async () => {
    const interrupted = runIngest([feed, '--batch', '100'], { NEO4J_URI: uri, cwd: options.dir });
    const loadedWhenKilled = await killDatabaseOnceLoading();
    const first = await interrupted;
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/The load stopped: .*\n.*run the same command again/);
    expect(loadedWhenKilled).toBeLessThan(ARTICLES);

    await startNeo4j(options);
    // Whole batches only: what survived the crash is a multiple of the batch size, and holds at least what had
    // been committed when the database died (more than nothing).
    const survived = await articleCount();
    expect(survived).toBeGreaterThanOrEqual(loadedWhenKilled);
    expect(survived).toBeLessThan(ARTICLES);
    expect(survived % 100).toBe(0);
    const resumed = await runIngest([feed, '--batch', '100'], { NEO4J_URI: uri, cwd: options.dir });
    expect(resumed.code).toBe(0);
    const afterCrash = await graphSnapshot(db);
    expect(await articleCount()).toBe(ARTICLES);

    await db.schema('test.wipe', 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
    const clean = await runIngest([feed, '--batch', '100'], { NEO4J_URI: uri, cwd: options.dir });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(new RegExp(`articles: +${ARTICLES} new`));
    expect(afterCrash).toEqual(await graphSnapshot(db));
  }, 300_000);
});
