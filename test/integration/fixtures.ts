import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { expect, inject } from 'vitest';
import { Database } from '../../src/db/database.js';
import { ingestDocuments } from '../../src/ingest/ingest.js';
import { validateDocument } from '../../src/ingest/document.js';
import { loadSeed } from '../../src/ingest/seed.js';
import type { Harness } from './harness.js';

/**
 * Data of a test's own. Every name, title and url a test writes carries its tag, so no other test (nor an earlier
 * run on the same database) can match it, and the test passes alone and in any order.
 */
export const uniqueTag = () => randomUUID().slice(0, 8);

/**
 * Runs `load` with a database connection of a bulk loader's patience (two minutes a transaction), not the query
 * timeout the harness gives the server: on a busy machine a cold Neo4j takes longer than that over the seed.
 */
export async function withLoader<T>(load: (db: Database) => Promise<T>, uri: string = inject('neo4jUri')): Promise<T> {
  const db = new Database({ uri, user: 'neo4j', password: process.env.NEO4J_TEST_PASSWORD ?? '', queryTimeoutMs: 120_000 });
  try {
    return await load(db);
  } finally {
    await db.close();
  }
}

/** Loads the seed article into the test database (idempotent: files that need it each load it). */
export const seed = () => withLoader(loadSeed);

/** Runs a read through the server, expecting no error, and returns its data. */
/**
 * Brings the planner's statistics up to date with what a test just wrote: resamples the indexes, then drops the
 * cached plans. A plan made from statistics that lag a bulk write may read a whole index range and sort it where
 * it would read a page in order, and when the background resampling catches up varies from run to run.
 */
export async function settlePlanner(h: Harness): Promise<void> {
  await h.db.schema('test.replan', 'CALL db.prepareForReplanning(120)');
}

/** Db hits Neo4j reports (PROFILE) for the one Cypher query the server sent to answer `query`. */
export async function dbHits(h: Harness, query: string): Promise<number> {
  h.resetQueries();
  await ok(h, query);
  expect(h.queries).toHaveLength(1);
  const driver = neo4j.driver(inject('neo4jUri'), neo4j.auth.basic('neo4j', process.env.NEO4J_TEST_PASSWORD ?? ''));
  try {
    const { summary } = await driver.executeQuery(`PROFILE ${h.queries[0]!.cypher}`, h.queries[0]!.params, { routing: 'READ' });
    const sum = (plan: any): number => plan.dbHits + (plan.children ?? []).reduce((n: number, c: any) => n + sum(c), 0);
    return sum(summary.profile);
  } finally {
    await driver.close();
  }
}

export async function ok(h: Harness, query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const { data, errors } = await h.execute(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

export interface Ingested {
  article: string;
  /** The id the entity of this name resolved to. */
  entity(name: string): string;
  /** The id of the statement with this text. */
  statement(text: string): string;
}

/**
 * Loads an article document (the README's format) through the same ingestion path as the API and the bulk
 * loader, and returns the ids it was given. Tests of `ingestArticle` itself call the mutation.
 */
export async function ingest(input: Record<string, unknown>): Promise<Ingested> {
  const checked = validateDocument(input);
  if (!checked.ok) throw new Error(`not a valid document: ${JSON.stringify(checked.problems)}`);
  const document = checked.document;
  const { written, rows } = await withLoader(async (db) => {
    const written = await ingestDocuments(db, [document]);
    const ids = [...written.entities, ...written.statements].map((w) => w.id);
    const rows = await db.read(
      'test.written',
      'UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) OPTIONAL MATCH (s:Statement {id: id}) RETURN id, coalesce(e.name, s.text) AS label',
      { ids },
    );
    return { written, rows };
  });
  const idOf = (label: string) => {
    const row = rows.find((r) => r.label === label);
    if (!row) throw new Error(`the ingested article has nothing called "${label}"`);
    return row.id as string;
  };
  return { article: written.articles[0]!.id, entity: idOf, statement: idOf };
}
