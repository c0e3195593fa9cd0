// First: graphql-js must load as its release build before any module below imports it.
import './graphql-release.js';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Express } from 'express';
import { boltUri, ensureNeo4jJars, localOptionsFromEnv, type LocalNeo4jOptions, startNeo4j } from '../neo4j/launcher.js';
import { createLogger, type Logger } from './common/logger.js';
import { type Config, loadConfig } from './config.js';
import { Database } from './db/database.js';
import { applySchema } from './db/schema.js';
import { closeExtractPool } from './extract/pool.js';
import { StartupError, startupStep } from './db/startup.js';
import { createApp } from './http.js';
import { hasArticles, loadSeed } from './ingest/seed.js';
import { createApolloServer } from './server.js';

/**
 * `npm start`: HTTP first (so /health answers and GraphQL says SERVICE_UNAVAILABLE rather than nothing while the
 * database is awaited), then the database (local unless NEO4J_URI is set), its schema, and the seed when empty.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const local = config.NEO4J_URI ? undefined : localOptionsFromEnv();
  // A one-off download on a fresh clone, bounded by Maven rather than by STARTUP_TIMEOUT_MS.
  if (local) await ensureNeo4jJars();
  const uri = config.NEO4J_URI ?? boltUri(local!.port);
  const db = new Database({
    uri,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    writeTimeoutMs: config.WRITE_TIMEOUT_MS,
    connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
    maxConnections: config.NEO4J_MAX_CONNECTIONS,
  });
  if (logger.isLevelEnabled('debug')) db.onQuery(({ name, ms }) => logger.debug({ query: name, ms: Math.round(ms) }, 'cypher'));

  let started = false;
  const inFlight = { count: 0 };
  const deps = { db, logger, maxPageSize: config.MAX_PAGE_SIZE, apiTokens: config.API_TOKENS, settings: config, started: () => started, inFlight };
  const apollo = createApolloServer(deps);
  await apollo.start();
  const http = await listen(createApp(apollo, deps), config, db);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: finishing in-flight requests');
    await drain(http, inFlight, config.SHUTDOWN_GRACE_MS);
    await apollo.stop();
    await closeExtractPool();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal));

  try {
    await prepareDatabase(db, local, config, logger);
  } catch (error) {
    if (stopping) return;
    throw error;
  }
  started = true;
  logger.info({ url: `http://localhost:${config.PORT}/graphql` }, `GraphQL ready at http://localhost:${config.PORT}/graphql`);
}

/** Listens on PORT, or fails naming it: a second server on a taken port must not look as if it served. */
async function listen(app: Express, config: Config, db: Database): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.PORT, config.HOST);
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      void db.close();
      const taken = error.code === 'EADDRINUSE';
      reject(new StartupError(taken ? `Port ${config.PORT} is already in use: stop what listens there or set PORT to a free port.` : `Cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`));
    });
  });
}

/**
 * Stops accepting, lets in-flight requests finish for up to `graceMs` — connections still open, and operations
 * still executing for clients that hung up — then drops whatever is left.
 */
async function drain(http: Server, inFlight: { count: number }, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  // Keep-alive connections would otherwise hold `close` open until the grace ends: drop each as it goes idle.
  const idle = setInterval(() => http.closeIdleConnections(), 100);
  const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
  await Promise.race([closed, grace]);
  clearInterval(idle);
  http.closeAllConnections();
  while (inFlight.count > 0 && Date.now() < deadline) await sleep(50);
}

/** Waits for the database, applies the schema and seeds an empty database, all within STARTUP_TIMEOUT_MS. */
async function prepareDatabase(db: Database, local: LocalNeo4jOptions | undefined, config: Config, logger: Logger): Promise<void> {
  const deadline = Date.now() + config.STARTUP_TIMEOUT_MS;
  const slow = 'If the machine is only busy, raise STARTUP_TIMEOUT_MS.';
  if (local) {
    const started = await startupStep('starting the local Neo4j', deadline, () => startNeo4j(local, deadline - Date.now()),
      `Check Java 17 or 21 and the log in ${local.dir}/logs, or set NEO4J_URI to use another database. ${slow}`);
    logger.info({ uri: db.uri, alreadyRunning: started.alreadyRunning }, 'using the local Neo4j (set NEO4J_URI to use another)');
    if (started.memoryKept) logger.warn(`the local Neo4j was already running: ${started.memoryKept}`);
  }
  logger.info({ uri: db.uri }, 'waiting for the database');
  await startupStep('waiting for the database', deadline, () => db.driver.verifyConnectivity(),
    `Check that Neo4j runs at ${db.uri} and that NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are right. ${slow}`);
  await startupStep('applying the graph schema', deadline, () => applySchema(db),
    `The database user must be allowed to create indexes and constraints. ${slow}`);
  const seeded = await startupStep('loading the seed into the empty database', deadline,
    async () => ((await hasArticles(db)) ? undefined : loadSeed(db)), `Check that the files in seed/ validate. ${slow}`);
  if (seeded) logger.info({ articles: seeded.articles.length, statements: seeded.statements.length }, 'seeded the empty database');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
