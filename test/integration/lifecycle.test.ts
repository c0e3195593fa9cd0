import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { applySchema } from '../../src/db/schema.js';
import { validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { WRITE_TOKEN } from './harness.js';
import { freePort, type ServerProcess, startServer } from './server-process.js';

const INGEST = `mutation ($input: ArticleInput!) { ingestArticle(input: $input) { outcome article { title } } }`;
const tag = randomUUID().slice(0, 8);
const doc = {
  url: `https://lifecycle.example/${tag}`,
  title: `Drain ${tag}`,
  publishedAt: '2024-05-01',
  entities: [{ ref: 'p', type: 'PERSON', name: `Speaker ${tag}` }],
  statements: [{ speaker: 'p', text: `A statement ${tag}.` }],
};

// Patient timeouts: the first write to a cold database on a busy machine can take tens of seconds.
const db = new Database({ uri: inject('neo4jUri'), user: 'neo4j', password: '', queryTimeoutMs: 60_000, writeTimeoutMs: 120_000 });
let server: ServerProcess | undefined;
beforeAll(async () => {
  await applySchema(db);
  // The article exists before the server starts, so the test can lock it (and the server finds the database
  // non-empty, leaving the shared test database unseeded).
  const checked = validateDocument(doc);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  await ingestDocuments(db, [checked.document]);
}, 180_000);
afterEach(() => server?.kill());
afterAll(() => db.close());

/** Resolves once some transaction named `query` waits for a lock. */
async function blockedOnLock(query: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  const session = db.driver.session();
  try {
    while (Date.now() < deadline) {
      const { records } = await session.run('SHOW TRANSACTIONS YIELD metaData, status WHERE metaData.query = $query RETURN status', { query });
      if (records.some((r) => String(r.get('status')).startsWith('Blocked'))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${query} transaction waited for a lock within 20 s`);
  } finally {
    await session.close();
  }
}

describe('shutting down', () => {
  it('on SIGTERM stops accepting, lets the request in flight finish, and exits 0', async () => {
    server = await startServer({ NEO4J_URI: db.uri, API_TOKENS: WRITE_TOKEN, SHUTDOWN_GRACE_MS: '30000', QUERY_TIMEOUT_MS: '60000' });
    await server.waitFor('GraphQL ready', 120_000);

    // The test holds the article's write lock, so the mutation below is in flight for as long as we like.
    const session = db.driver.session();
    const tx = session.beginTransaction();
    try {
      await tx.run('MATCH (a:Article {url: $url}) SET a.title = a.title', { url: doc.url });
      const inFlight = server.graphql(INGEST, { input: { ...doc, title: `Drain ${tag}, revised` } }, WRITE_TOKEN);
      await blockedOnLock('ingest.batch');

      server.child.kill('SIGTERM');
      await server.waitFor('shutting down', 10_000);
      await expect(server.get('/health')).rejects.toThrow();
      await tx.rollback();

      const { status, body } = await inFlight;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.ingestArticle).toEqual({ outcome: 'MATCHED', article: { title: `Drain ${tag}, revised` } });
    } finally {
      await session.close();
    }
    expect(await server.exited).toBe(0);
  }, 180_000);

  it('finishes a write whose client hung up before exiting, so nothing the server accepted is lost', async () => {
    server = await startServer({ NEO4J_URI: db.uri, API_TOKENS: WRITE_TOKEN, SHUTDOWN_GRACE_MS: '30000', QUERY_TIMEOUT_MS: '60000' });
    await server.waitFor('GraphQL ready', 120_000);
    const title = `Drain ${tag}, its client gone`;

    const session = db.driver.session();
    const tx = session.beginTransaction();
    try {
      await tx.run('MATCH (a:Article {url: $url}) SET a.title = a.title', { url: doc.url });
      const client = new AbortController();
      const request = fetch(`http://127.0.0.1:${server.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
        body: JSON.stringify({ query: INGEST, variables: { input: { ...doc, title } } }),
        signal: client.signal,
      });
      await blockedOnLock('ingest.batch');
      client.abort();
      await expect(request).rejects.toThrow();

      // No connection is open any more, yet the mutation is still executing behind the lock.
      server.child.kill('SIGTERM');
      await server.waitFor('shutting down', 10_000);
      await tx.rollback();
    } finally {
      await session.close();
    }
    expect(await server.exited).toBe(0);
    const [row] = await db.read('test.title', 'MATCH (a:Article {url: $url}) RETURN a.title AS title', { url: doc.url });
    expect(row?.title).toBe(title);
  }, 180_000);
});

describe('starting', () => {
  it('on a taken port exits 1 naming the port, without claiming to be ready', async () => {
    const squatter = net.createServer().listen(0, '127.0.0.1');
    await once(squatter, 'listening');
    const { port } = squatter.address() as net.AddressInfo;
    try {
      server = await startServer({ NEO4J_URI: db.uri, PORT: String(port) });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`Port ${port} is already in use`);
      expect(server.output()).not.toContain('GraphQL ready');
    } finally {
      squatter.close();
    }
  }, 60_000);

  it('gives up after STARTUP_TIMEOUT_MS when the database never comes, naming the step and what to do', async () => {
    const nothingThere = `bolt://127.0.0.1:${await freePort()}`;
    server = await startServer({ NEO4J_URI: nothingThere, STARTUP_TIMEOUT_MS: '3000' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Startup failed while waiting for the database');
    expect(server.output()).toContain(`Check that Neo4j runs at ${nothingThere}`);
    expect(server.output()).not.toContain('GraphQL ready');
  }, 60_000);
});
