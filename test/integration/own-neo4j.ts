import { rm } from 'node:fs/promises';
import path from 'node:path';
import { localOptionsFromEnv, type LocalNeo4jOptions, startNeo4j, stopNeo4j } from '../../neo4j/launcher.js';
import { Database } from '../../src/db/database.js';
import { applySchema } from '../../src/db/schema.js';

/**
 * A Neo4j of a test file's own, beside the shared test database (its port is that one's plus `offset`), for
 * tests that kill the database, need a graph no other test writes to, or `settings` of their own. Wiped when
 * started and when stopped.
 */
export async function startOwnNeo4j(
  name: string,
  offset: number,
  settings: Pick<LocalNeo4jOptions, 'transactionMemory'> = {},
): Promise<{ uri: string; options: LocalNeo4jOptions; stop: () => Promise<void> }> {
  const port = Number(process.env.TEST_NEO4J_BOLT_PORT ?? 7697) + offset;
  const base = localOptionsFromEnv({ LOCAL_NEO4J_BOLT_PORT: String(port) });
  const options: LocalNeo4jOptions = { ...base, ...settings, dir: path.join(path.dirname(base.dir), `test-${name}-${port}`) };
  await stopNeo4j(options);
  await rm(options.dir, { recursive: true, force: true });
  const { uri } = await startNeo4j(options);
  return {
    uri,
    options,
    stop: async () => {
      await stopNeo4j(options);
      await rm(options.dir, { recursive: true, force: true });
    },
  };
}

/** startOwnNeo4j with the project's schema applied and a Database on it, which `stop` closes first. */
export async function startOwnDatabase(
  name: string,
  offset: number,
  settings: Pick<LocalNeo4jOptions, 'transactionMemory'> = {},
): Promise<{ uri: string; options: LocalNeo4jOptions; db: Database; stop: () => Promise<void> }> {
  const own = await startOwnNeo4j(name, offset, settings);
  const db = new Database({ uri: own.uri, user: 'neo4j', password: '', queryTimeoutMs: 60_000 });
  await applySchema(db);
  return {
    ...own,
    db,
    stop: async () => {
      await db.close();
      await own.stop();
    },
  };
}
