import { Neo4jError } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { mulberry32 } from '../../bench/corpus.js';
import { Database } from '../../src/db/database.js';
import { applySchema } from '../../src/db/schema.js';
import { type ArticleDocument, validateDocument } from '../../src/ingest/document.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { uniqueTag } from './fixtures.js';

/**
 * Concurrent ingests naming the same people, each in its own order, must wait for one another rather than
 * deadlock. The writers here get one attempt each (`writeAttempts: 1`): a deadlock, which Neo4j ends by failing
 * one of the transactions, would surface as WRITE_CONFLICT instead of being retried away.
 */
describe('concurrent ingestion', () => {
  let db: Database;
  beforeAll(async () => {
    db = new Database({ uri: inject('neo4jUri'), user: 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '', queryTimeoutMs: 120_000, writeAttempts: 1 });
    await applySchema(db);
  });
  afterAll(() => db.close());

  const WRITERS = 20;
  /** Articles that mention each entity before the writers start: past 50 relationships a node is dense. */
  const DENSE = 60;

  it('writes every article when writers link the same entities in different orders, without a lock conflict', async () => {
    const t = uniqueTag();
    const people = ['Amna', 'Bilal', 'Chaudhry', 'Dua', 'Ehsan', 'Farah'].map((n) => ({ ref: n.toLowerCase(), type: 'PERSON', name: `${n} ${t}` }));
    const organisations = ['Assembly', 'Court'].map((n) => ({ ref: n.toLowerCase(), type: 'ORGANISATION', name: `${n} ${t}` }));
    const topics = ['Water', 'Budget', 'Floods', 'Trade'].map((n) => ({ ref: n.toLowerCase(), type: 'TOPIC', name: `${n} ${t}` }));
    const entities = [...people, ...organisations, ...topics];
    const document = (n: number, named: typeof entities, statements: { speaker: string; about: string[] }[] = []): ArticleDocument => {
      const checked = validateDocument({
        url: `https://daily.example/${t}/${n}`, title: `Article ${n} ${t}`, source: `Daily ${t}`, publishedAt: new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10),
        authors: [`Reporter ${t}`], entities: named, mentions: named.map((e) => e.ref), statements: statements.map((s, j) => ({ ...s, text: `Said ${n}.${j} ${t}` })),
      });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.document;
    };
    // Every entity known and dense before the writers start, each mentioned alone: no two are connected yet.
    const earlier = entities.flatMap((e, k) => Array.from({ length: DENSE }, (_, i) => document(1000 + k * DENSE + i, [e])));
    await ingestDocuments(db, earlier);

    // Each writer names half of them in its own order, with statements among them: pairs that several writers
    // connect for the first time at once, in different orders.
    const random = mulberry32(7);
    const shuffled = <T>(list: readonly T[]) => list.map((x) => [random(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
    const writers = Array.from({ length: WRITERS }, (_, i) => {
      const named = shuffled(entities).slice(0, entities.length / 2);
      const persons = named.filter((e) => e.type === 'PERSON');
      const statements = persons.map((p) => ({ speaker: p.ref, about: shuffled(named.filter((e) => e !== p)).slice(0, 3).map((e) => e.ref) }));
      return document(i + 1, named, statements);
    });
    const outcomes = await Promise.allSettled(writers.map((w) => ingestDocuments(db, [w])));
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);

    const [counts] = await db.read(
      'test.concurrent',
      `MATCH (a:Article) WHERE a.title ENDS WITH $t
       RETURN count(a) AS articles, sum(COUNT { (a)-[:MENTIONS]->() }) AS mentions, sum(COUNT { (a)<-[:REPORTED_IN]-() }) AS reported,
         COUNT { MATCH (e:Entity) WHERE e.name ENDS WITH $t } AS entities`,
      { t: ` ${t}` },
    );
    const all = [...earlier, ...writers];
    expect(counts).toEqual({
      articles: all.length,
      mentions: all.reduce((n, d) => n + d.mentions.length, 0),
      reported: all.reduce((n, d) => n + d.statements.length, 0),
      // The reporter and the source are entities too, each written once.
      entities: entities.length + 2,
    });
    const pairs = await db.read(
      'test.concurrent.pairs',
      `MATCH (x:Entity)-[c:CONNECTED]-(y:Entity) WHERE x.name ENDS WITH $t AND y.name ENDS WITH $t AND elementId(x) < elementId(y)
       WITH x, y, count(c) AS n WHERE n > 1 RETURN x.name AS x, y.name AS y, n`,
      { t: ` ${t}` },
    );
    expect(pairs).toEqual([]);
  });
});

/**
 * A read that met an article being rewritten under it fails with Neo4j's Transaction.Outdated ("retry the
 * transaction"): the read is tried again, and reported as SERVICE_UNAVAILABLE, not an internal error, when the
 * retry fails too. Neo4j raises it only when a deletion races a read, so it is injected at the transaction.
 */
describe('reads that meet concurrent writes', () => {
  let db: Database;
  beforeAll(() => {
    db = new Database({ uri: inject('neo4jUri'), user: 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '', queryTimeoutMs: 20_000 });
  });
  afterAll(() => db.close());

  /** Makes the next `times` transactions of `db` fail as Neo4j fails an outdated read; returns the attempts made. */
  function outdatedTimes(times: number): { attempts: number } {
    const seen = { attempts: 0 };
    const target = db as unknown as { attempt: (...args: unknown[]) => Promise<unknown> };
    const real = target.attempt.bind(db);
    target.attempt = (...args) => {
      seen.attempts++;
      if (seen.attempts > times) return real(...args);
      return Promise.reject(new Neo4jError('The transaction read outdated data and cannot be recovered due to concurrent data modification. Retry the transaction.', 'Neo.TransientError.Transaction.Outdated', '50N27', 'error: general processing exception - outdated read'));
    };
    return seen;
  }

  afterEach(() => delete (db as unknown as Record<string, unknown>).attempt);

  it('never sweeps an entity that another writer names at the same time as a correction drops it', async () => {
    const t = uniqueTag();
    const article = (url: string, name: string): ArticleDocument => {
      const checked = validateDocument({
        url: `https://sweep.example/${t}/${url}`, title: `Sweep ${url} ${t}`, source: `Courier ${t}`, publishedAt: '2020-02-01',
        entities: [{ ref: 'p', type: 'PERSON', name }], mentions: ['p'],
      });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.document;
    };
    const rounds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const r of rounds) await ingestDocuments(db, [article(`a${r}`, `Passing ${r} ${t}`)]);
    // Each round at once: the only article naming the person is corrected to name someone else, and a new one names them.
    await Promise.all(rounds.flatMap((r) => [
      ingestDocuments(db, [article(`a${r}`, `Staying ${r} ${t}`)]),
      ingestDocuments(db, [article(`b${r}`, `Passing ${r} ${t}`)]),
    ]));
    const named = await db.read('test.sweep', 'MATCH (a:Article)-[:MENTIONS]->(p:Person) WHERE p.name STARTS WITH $passing RETURN a.url AS url ORDER BY url', { passing: 'Passing ' });
    expect(named.map((n) => String(n.url)).filter((u) => u.includes(t))).toEqual(rounds.map((r) => `https://sweep.example/${t}/b${r}`));
  });

  it('retries an outdated read once and answers', async () => {
    const seen = outdatedTimes(1);
    await expect(db.read('test.outdated', 'RETURN 1 AS one')).resolves.toEqual([{ one: 1 }]);
    expect(seen.attempts).toBe(2);
  });

  it('reports SERVICE_UNAVAILABLE when the retry is outdated too', async () => {
    const seen = outdatedTimes(2);
    const error = await db.read('test.outdated', 'RETURN 1 AS one').catch((e: unknown) => e);
    expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(seen.attempts).toBe(2);
  });
});
