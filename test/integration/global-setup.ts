import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { localOptionsFromEnv, startNeo4j, stopNeo4j } from '../../neo4j/launcher.js';
import { buildServer } from '../../scripts/build-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

/**
 * Starts a throwaway Neo4j on TEST_NEO4J_BOLT_PORT (default 7697) in its own folder, wiped first, and stops it
 * after the run. With NEO4J_TEST_URI set, uses that database instead (it must be disposable: tests write to it).
 */
export default async function setup(project: TestProject) {
  // The tests that start the server as its own process run it compiled, as `npm start` does (server-process.ts).
  buildServer();
  if (process.env.NEO4J_TEST_URI) {
    project.provide('neo4jUri', process.env.NEO4J_TEST_URI);
    return;
  }
  const port = process.env.TEST_NEO4J_BOLT_PORT ?? '7697';
  const base = localOptionsFromEnv({ LOCAL_NEO4J_BOLT_PORT: port });
  const options = { ...base, dir: path.join(path.dirname(base.dir), `test-${port}`) };
  await stopNeo4j(options);
  await rm(options.dir, { recursive: true, force: true });
  const { uri } = await startNeo4j(options);
  project.provide('neo4jUri', uri);
  return async () => {
    await stopNeo4j(options);
  };
}
