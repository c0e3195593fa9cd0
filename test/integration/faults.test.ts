import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalNeo4jOptions, startNeo4j, stopNeo4j } from '../../neo4j/launcher.js';
import { startOwnNeo4j } from './own-neo4j.js';
import { type ServerProcess, startServer } from './server-process.js';

const QUERY = '{ person(id: "person:imran-khan") { name } }';
// Generous against a busy machine, yet far below the 30–60 s the driver's own retries used to take.
const FAST_MS = 5_000;
// A just-restarted Neo4j plans its first queries cold; on a busy machine that can pass the 10 s default.
const SERVER_ENV = { QUERY_TIMEOUT_MS: '60000' };

let uri: string;
let options: LocalNeo4jOptions;
let stop: () => Promise<void>;
let server: ServerProcess | undefined;
beforeAll(async () => {
  // These tests stop and start their database, so it is one of their own.
  ({ uri, options, stop } = await startOwnNeo4j('faults', 1));
}, 180_000);
afterEach(() => server?.kill());
afterAll(() => stop?.());

async function expectUnavailable(s: ServerProcess) {
  const { body, ms } = await s.graphql(QUERY);
  expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(ms).toBeLessThan(FAST_MS);
  const ready = await s.get('/ready');
  expect(ready.status).toBe(503);
}

async function expectServing(s: ServerProcess) {
  const { body } = await s.graphql(QUERY);
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({ person: { name: 'Imran Khan' } });
  expect((await s.get('/ready')).status).toBe(200);
}

describe('the database going away and coming back', () => {
  it('answers SERVICE_UNAVAILABLE at once while it is down, and serves again once it is back, without a restart', async () => {
    server = await startServer({ ...SERVER_ENV, NEO4J_URI: uri });
    await server.waitFor('GraphQL ready', 120_000);
    await expectServing(server);

    await stopNeo4j(options);
    await expectUnavailable(server);
    expect((await server.get('/health')).status).toBe(200);

    await startNeo4j(options);
    await expectServing(server);
  }, 180_000);

  it('a server started before its database waits for it, answering /health meanwhile, then serves', async () => {
    await stopNeo4j(options);
    server = await startServer({ ...SERVER_ENV, NEO4J_URI: uri });
    await server.waitFor('waiting for the database', 60_000);
    expect((await server.get('/health')).status).toBe(200);
    await expectUnavailable(server);

    await startNeo4j(options);
    await server.waitFor('GraphQL ready', 120_000);
    await expectServing(server);
  }, 240_000);

  it('answers SERVICE_UNAVAILABLE when the database stops answering without going away, and serves once it answers again', async () => {
    await startNeo4j(options);
    server = await startServer({ NEO4J_URI: uri, QUERY_TIMEOUT_MS: '4000' });
    await server.waitFor('GraphQL ready', 120_000);
    // The first answers of a cold database may pass the short timeout; the test freezes a warm one.
    const warmUntil = Date.now() + 60_000;
    while ((await server.graphql(QUERY)).body.errors && Date.now() < warmUntil);
    await expectServing(server);

    // A frozen process keeps its port and its open connections, but answers nothing.
    const neo4jPid = Number(await readFile(path.join(options.dir, 'neo4j.pid'), 'utf8'));
    process.kill(neo4jPid, 'SIGSTOP');
    try {
      const { body, ms } = await server.graphql(QUERY);
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // The read timeout (4 s) and its margin, not forever.
      expect(ms).toBeLessThan(15_000);
      expect((await server.get('/health')).status).toBe(200);
    } finally {
      process.kill(neo4jPid, 'SIGCONT');
    }
    await expectServing(server);
  }, 240_000);
});
