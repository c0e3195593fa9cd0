import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../src/common/errors.js';
import { createLogger } from '../../src/common/logger.js';
import { Database } from '../../src/db/database.js';
import { createApolloServer, createContext, type ServerDeps } from '../../src/server.js';
import { type Harness, startHarness, WRITE_TOKEN } from './harness.js';

const INGEST = `mutation ($input: ArticleInput!) { ingestArticle(input: $input) { outcome article { title } entities { entity { id } } } }`;

function article(tag: string, shared: string) {
  return {
    url: `https://timeouts.example/${tag}`,
    title: `Article ${tag}`,
    publishedAt: '2024-06-01',
    entities: [
      { ref: 'a', type: 'PERSON', name: `Shared Speaker ${shared}` },
      { ref: 'b', type: 'ORGANISATION', name: `Shared Ministry ${shared}` },
      { ref: 't', type: 'TOPIC', name: `Topic ${tag}` },
    ],
    statements: [{ speaker: 'a', text: `Statement ${tag}.`, about: ['b', 't'] }],
    mentions: ['a', 'b', 't'],
  };
}

let h: Harness;
// Writes the setup and the concurrent writers go through: patient, so a cold database on a busy machine does
// not turn them into QUERY_TIMEOUT.
let patient: Awaited<ReturnType<typeof serverWith>>;
beforeAll(async () => {
  h = await startHarness();
  patient = await serverWith({ queryTimeoutMs: 60_000, writeTimeoutMs: 120_000 });
}, 60_000);
afterAll(async () => {
  await patient?.db.close();
  await h.close();
});

/** The transactions Neo4j is still running under a query name. */
async function running(name: string): Promise<number> {
  const rows = await h.db.read('test.showTransactions', 'SHOW TRANSACTIONS YIELD metaData WHERE metaData.query = $name RETURN count(*) AS n', { name });
  return Number(rows[0]!.n);
}

/** A GraphQL server like the real one, over a database client with its own settings. */
async function serverWith(options: { queryTimeoutMs: number; writeTimeoutMs: number }) {
  const db = new Database({ uri: h.db.uri, user: 'neo4j', password: '', ...options });
  // Unexpected errors are logged, so a failure here shows its cause.
  const deps: ServerDeps = { db, logger: createLogger('error'), maxPageSize: 100, apiTokens: [WRITE_TOKEN] };
  const apollo = createApolloServer(deps);
  const write = async (query: string, variables: Record<string, unknown>) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: createContext(deps, { authorization: `Bearer ${WRITE_TOKEN}` }) });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult;
  };
  return { db, write };
}

describe('reads past QUERY_TIMEOUT_MS', () => {
  it('are stopped with QUERY_TIMEOUT and leave no transaction running in Neo4j', async () => {
    const db = new Database({ uri: h.db.uri, user: 'neo4j', password: '', queryTimeoutMs: 500 });
    const name = `test.slow.${randomUUID()}`;
    try {
      const started = Date.now();
      const error = await db.read(name, 'UNWIND range(1, 10000000000) AS x RETURN count(x) AS n').catch((e: unknown) => e);
      expect(error).toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await running(name)).toBe(0);
    } finally {
      await db.close();
    }
  }, 30_000);
});

describe('connections to the database (NEO4J_MAX_CONNECTIONS)', () => {
  /**
   * A client of at most `maxConnections` connections, one of them held by a write transaction left open until
   * `release` is called; reads wait up to a second for a free connection (the larger of QUERY_TIMEOUT_MS and twice
   * NEO4J_CONNECT_TIMEOUT_MS).
   */
  async function holdingOne(maxConnections: number) {
    const db = new Database({ uri: h.db.uri, user: 'neo4j', password: '', queryTimeoutMs: 1_000, writeTimeoutMs: 60_000, connectTimeoutMs: 200, maxConnections });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const writer = db.write('test.hold', async (run) => {
      await run('RETURN 1 AS one');
      holding();
      await released;
    });
    await held;
    return { db, release, writer };
  }

  it('are no more than the setting: a read finding them all busy past its wait is told the server is too busy', async () => {
    const { db, release, writer } = await holdingOne(1);
    try {
      const refused = await db.read('test.second', 'RETURN 1 AS one').then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(ServiceUnavailableError);
      expect((refused as Error).message).toMatch(/too busy/);
    } finally {
      release();
      await writer;
    }
    // Once the connection is back, reads are served again.
    expect(await db.read('test.after', 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
    await db.close();
  });

  it('serve a read beside the held one when there is a second', async () => {
    const { db, release, writer } = await holdingOne(2);
    try {
      expect(await db.read('test.second', 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      release();
      await writer;
      await db.close();
    }
  });
});

describe('writes that collide', () => {
  it('get WRITE_CONFLICT when their lock does not come within bounds, and write nothing', async () => {
    const tag = randomUUID().slice(0, 8);
    const input = article(tag, tag);
    expect((await patient.write(INGEST, { input })).errors).toBeUndefined();
    const server = await serverWith({ queryTimeoutMs: 10_000, writeTimeoutMs: 1_500 });
    const session = h.db.driver.session();
    const holder = session.beginTransaction();
    try {
      await holder.run('MATCH (a:Article {url: $url}) SET a.title = a.title', { url: input.url });
      const started = Date.now();
      const result = await server.write(INGEST, { input: { ...input, title: `Revised ${tag}` } });
      expect(result.errors?.[0]?.extensions?.code).toBe('WRITE_CONFLICT');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await holder.rollback();
      await session.close();
      await server.db.close();
    }
    const { data } = await h.execute('query ($url: String) { article(url: $url) { title } }', { url: input.url });
    expect(data!.article.title).toBe(input.title);
  }, 60_000);

  it('are retried when they deadlock, so both commit', async () => {
    const [x, y] = [randomUUID(), randomUUID()];
    await h.db.write('test.locks', (run) => run('UNWIND $ids AS id CREATE (:LockProbe {id: id, writes: 0})', { ids: [x, y] }));
    let bothHoldOne!: () => void;
    let holding = 0;
    const together = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const touch = 'MATCH (n:LockProbe {id: $id}) SET n.writes = n.writes + 1';
    // Each takes one lock, waits until the other holds its own, then asks for the other's: a deadlock.
    const crossed = (first: string, second: string) =>
      h.db.write('test.deadlock', async (run) => {
        await run(touch, { id: first });
        if (++holding === 2) bothHoldOne();
        await together;
        await run(touch, { id: second });
      });
    await Promise.all([crossed(x, y), crossed(y, x)]);
    const rows = await h.db.read('test.locks', 'MATCH (n:LockProbe) WHERE n.id IN $ids RETURN n.writes AS writes', { ids: [x, y] });
    expect(rows.map((r) => Number(r.writes))).toEqual([2, 2]);
    await h.db.write('test.locks', (run) => run('MATCH (n:LockProbe) WHERE n.id IN $ids DELETE n', { ids: [x, y] }));
  }, 60_000);

  it('of overlapping documents, many at once, all succeed or report WRITE_CONFLICT, never an internal error', async () => {
    const shared = randomUUID().slice(0, 8);
    const inputs = Array.from({ length: 16 }, (_, i) => article(`${shared}-${i}`, shared));
    const results = await Promise.all(inputs.map((input) => patient.write(INGEST, { input })));
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((c) => c !== 'OK' && c !== 'WRITE_CONFLICT')).toEqual([]);
    expect(codes).toContain('OK');
  }, 120_000);
});
