import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import type { DocumentNode } from 'graphql';
import { createLogger } from '../../src/common/logger.js';
import { loadConfig } from '../../src/config.js';
import { Database, type QueryEvent } from '../../src/db/database.js';
import { applySchema } from '../../src/db/schema.js';
import { createApp } from '../../src/http.js';
import { createApolloServer, createContext, type ServerDeps, type ServerSettings } from '../../src/server.js';

/** The bearer token the test server accepts for writes. */
export const WRITE_TOKEN = 'test-token-0123456789abcdef';

export interface Harness {
  db: Database;
  deps: ServerDeps;
  /** Runs an operation through the real server; returns its data and errors as a client would see them. */
  execute<T = Record<string, any>>(
    query: string | DocumentNode,
    variables?: Record<string, unknown>,
    authorization?: string,
  ): Promise<{ data?: T | null; errors?: readonly any[] }>;
  /** `execute` with the write token. */
  write<T = Record<string, any>>(query: string | DocumentNode, variables?: Record<string, unknown>): Promise<{ data?: T | null; errors?: readonly any[] }>;
  /** The Cypher queries sent since the last call to `resetQueries`. */
  queries: QueryEvent[];
  resetQueries(): void;
  /**
   * The real HTTP app over the harness's database, with its settings (and any deps) changed as given; its base URL.
   * Each such server has its own Apollo instance and metrics, and is closed by `close`.
   */
  serve(settings?: Partial<ServerSettings>, deps?: Partial<ServerDeps>): Promise<string>;
  close(): Promise<void>;
}

/** A server wired to the test database (or the one at `uri`), with the schema applied. */
export async function startHarness(uri: string = inject('neo4jUri')): Promise<Harness> {
  // Writes (loading each file's data into a cold database on a busy machine) may take longer than reads.
  const db = new Database({ uri, user: 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '', queryTimeoutMs: 20_000, writeTimeoutMs: 120_000 });
  await applySchema(db);
  // The documented defaults: limits, introspection and suggestions as an empty environment sets them.
  const deps: ServerDeps = { db, logger: createLogger('silent'), maxPageSize: 100, apiTokens: [WRITE_TOKEN], settings: loadConfig({}) };
  const apollo = createApolloServer(deps);
  const queries: QueryEvent[] = [];
  db.onQuery((event) => queries.push(event));
  if (process.env.DEBUG_QUERIES) db.onQuery((e) => console.log(e.name, Math.round(e.ms)));
  const execute: Harness['execute'] = async (query, variables, authorization) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(deps, { authorization }) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as never;
  };
  const servers: { close: () => Promise<void> }[] = [];
  return {
    db,
    deps,
    queries,
    resetQueries: () => void queries.splice(0),
    execute,
    write: (query, variables) => execute(query, variables, `Bearer ${WRITE_TOKEN}`),
    serve: async (settings = {}, more = {}) => {
      const server = await serveHttp({ ...deps, ...more, settings: { ...deps.settings!, ...settings } });
      servers.push(server);
      return server.base;
    },
    close: async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
      await db.close();
    },
  };
}

/** The real HTTP app (src/http.ts) over `deps`, listening on an ephemeral loopback port. */
export async function serveHttp(deps: ServerDeps): Promise<{ base: string; close: () => Promise<void> }> {
  const apollo = createApolloServer(deps);
  await apollo.start();
  const server = createApp(apollo, deps).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await apollo.stop();
    },
  };
}
