import { createLogger } from '../common/logger.js';
import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { applySchema } from '../db/schema.js';
import { localOptionsFromEnv } from '../../neo4j/launcher.js';
import { loadSeed } from './seed.js';

/** `npm run seed`: loads seed/ into the configured database (NEO4J_URI, or the local one, which must be running). */
async function main() {
  const config = loadConfig();
  createLogger(config.LOG_LEVEL);
  const uri = config.NEO4J_URI ?? `bolt://127.0.0.1:${localOptionsFromEnv().port}`;
  const db = new Database({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE, queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  try {
    await applySchema(db);
    const result = await loadSeed(db);
    const count = (rows: { created: boolean }[]) => `${rows.filter((r) => r.created).length} new, ${rows.filter((r) => !r.created).length} matched`;
    console.log(`Seeded: articles ${count(result.articles)}; statements ${count(result.statements)}; entities ${count(result.entities)}.`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
