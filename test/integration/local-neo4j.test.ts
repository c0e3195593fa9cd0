import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { neo4jStatus } from '../../neo4j/launcher.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Beside the shared test database, like the files that start their own (own-neo4j.ts).
const PORT = Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7697) + 8;
const DIR = path.join(ROOT, '.neo4j', `test-memory-${PORT}`);
const LOCAL = { LOCAL_NEO4J_BOLT_PORT: String(PORT), LOCAL_NEO4J_DIR: DIR };

/** `npm run db:<command>` as an operator runs it, with `env` added to the environment. */
function db(command: 'start' | 'stop', env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'neo4j/cli.ts', command], { cwd: ROOT, env: { ...process.env, ...LOCAL, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(async () => {
  await db('stop', {});
  await rm(DIR, { recursive: true, force: true });
}, 120_000);

describe("the local Neo4j's memory", () => {
  it('is what LOCAL_NEO4J_HEAP and LOCAL_NEO4J_PAGE_CACHE say, and all transactions together may hold 5/8 of the heap', async () => {
    const started = await db('start', { LOCAL_NEO4J_HEAP: '1536m', LOCAL_NEO4J_PAGE_CACHE: '96m' });
    expect(started.stderr).toBe('');
    expect(started.code).toBe(0);

    const driver = neo4j.driver(`bolt://127.0.0.1:${PORT}`);
    try {
      const settings = await driver.executeQuery(
        `CALL dbms.listConfig() YIELD name, value
         WHERE name IN ['server.memory.heap.max_size', 'server.memory.pagecache.size', 'dbms.memory.transaction.total.max', 'db.memory.transaction.max']
         RETURN name, value`,
      );
      const value = Object.fromEntries(settings.records.map((r) => [r.get('name'), r.get('value')]));
      // As Neo4j prints sizes.
      expect(value).toEqual({
        'server.memory.heap.max_size': '1.50GiB',
        'server.memory.pagecache.size': '96.00MiB',
        'dbms.memory.transaction.total.max': '960.00MiB',
        'db.memory.transaction.max': '256.00MiB',
      });
      // The JVM's own heap, not only the setting Neo4j was given.
      const jmx = await driver.executeQuery(`CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties.max AS max`);
      expect(Number(jmx.records[0]!.get('max'))).toBe(1536 * 2 ** 20);
    } finally {
      await driver.close();
    }
  }, 180_000);

  it('says so when it is already running with other sizes than those asked for', async () => {
    // The same sizes, written otherwise.
    const same = await db('start', { LOCAL_NEO4J_HEAP: '1572864K', LOCAL_NEO4J_PAGE_CACHE: '96m' });
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^Neo4j already running at /);
    expect(same.stderr).toBe('');

    const other = await db('start', { LOCAL_NEO4J_HEAP: '2g' });
    expect(other.code).toBe(0);
    expect(other.stderr.trim()).toBe(
      'Note: it runs with the memory it was started with: heap 1536m (not 2g), page cache 96m (not 256m); stop it first (npm run db:stop) to change it.',
    );
  }, 120_000);

  it('refuses a size it cannot use before anything starts, naming the variable', async () => {
    await db('stop', {});
    for (const [env, message] of [
      [{ LOCAL_NEO4J_HEAP: 'lots' }, "LOCAL_NEO4J_HEAP must be a size such as 512m or 4g, got 'lots'"],
      [{ LOCAL_NEO4J_PAGE_CACHE: '8m' }, "LOCAL_NEO4J_PAGE_CACHE must be at least 64m, got '8m'"],
    ] as const) {
      const run = await db('start', env);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(`Error: ${message}`);
      expect((await neo4jStatus({ port: PORT, dir: DIR })).pid).toBeUndefined();
    }
  }, 120_000);
});
