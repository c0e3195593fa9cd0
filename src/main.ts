import { localOptionsFromEnv, startNeo4j } from '../neo4j/launcher.js';
import { createLogger } from './common/logger.js';
import { loadConfig } from './config.js';
import { Database } from './db/database.js';
import { applySchema } from './db/schema.js';
import { createApp } from './http.js';
import { hasArticles, loadSeed } from './ingest/seed.js';
import { createApolloServer } from './server.js';

/** `npm start`: the database (local unless NEO4J_URI is set), its schema, the seed when empty, then HTTP. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  let uri = config.NEO4J_URI;
  if (!uri) {
    const local = await startNeo4j(localOptionsFromEnv());
    uri = local.uri;
    logger.info({ uri, alreadyRunning: local.alreadyRunning }, 'using the local Neo4j (set NEO4J_URI to use another)');
  }
  const db = new Database({ uri, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE, queryTimeoutMs: config.QUERY_TIMEOUT_MS });
  await db.driver.verifyConnectivity();
  await applySchema(db);
  if (!(await hasArticles(db))) {
    const seeded = await loadSeed(db);
    logger.info({ articles: seeded.articles.length, statements: seeded.statements.length }, 'seeded the empty database');
  }

  const deps = { db, logger, maxPageSize: config.MAX_PAGE_SIZE, apiTokens: config.API_TOKENS };
  const apollo = createApolloServer(deps);
  await apollo.start();
  const http = createApp(apollo, deps).listen(config.PORT, config.HOST, () => {
    console.log(`GraphQL ready at http://localhost:${config.PORT}/graphql`);
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    http.close();
    await apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
