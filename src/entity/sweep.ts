import type { Database } from '../db/database.js';
import { KEEP_PLAN } from '../db/keep-plan.js';
import { entityDayCounts } from '../graph/day-counts.js';
import { LOCK_ENTITIES } from './lock.js';

/** What names an entity: an article mentions, publishes or was written by it, a statement is by or about it, a merged entity redirects to it. */
const NAMED = ':MENTIONS|PUBLISHED_BY|WROTE|SAID|ABOUT|MERGED_INTO';

/**
 * Entity `e` is named by nothing: none of the above, and it is no organisation a named person holds a role in (an
 * organisation a document gives only as someone's employer is not mentioned). A person's own roles keep nobody.
 */
const leftBehind = (e: string) => `NOT EXISTS { (${e})-[${NAMED}]-() }
  AND NOT EXISTS { MATCH (p)-[:AFFILIATED_WITH]->(${e}) WHERE EXISTS { (p)-[${NAMED}]-() } }`;

/**
 * Deletes `e`, which was locked and found named by nothing, with what is left of it: its roles, the name keys
 * (ingest/resolve.ts) that named only it, and any day counts (none, when the writes that dropped its links kept
 * them at zero, as they do). Its connections are gone already, for the same reason.
 */
const DELETE_ENTITY = (e: string) => `CALL (${e}) { MATCH (k:NameKey)-[:NAMES]->(${e}) WHERE COUNT { (k)-[:NAMES]->() } = 1 DETACH DELETE k }
CALL (${e}) { MATCH (d:DayCount) WHERE ${entityDayCounts('d', `= ${e}.id`)} DELETE d }
DETACH DELETE ${e}`;

/** entity.sweep: deletes those of the entities that nothing names any more (after LOCK_ENTITIES). */
export const SWEEP_ENTITIES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE ${leftBehind('e')}
${DELETE_ENTITY('e')}
RETURN id`;

/**
 * The start-up migration sweeping a graph written before entities were swept: those an article's former version
 * left behind are still there. Each is locked before it is looked at again, as above, a thousand to a transaction.
 */
export const SWEEP_EXISTING = `MATCH (e:Entity) WHERE ${leftBehind('e')}
CALL (e) {
  SET e.locking = true
  REMOVE e.locking
  WITH e WHERE ${leftBehind('e')}
  ${DELETE_ENTITY('e')}
} IN TRANSACTIONS OF 1000 ROWS`;

/**
 * Deletes the entities among `ids` that nothing names any more, in a transaction of its own, and returns their ids.
 * Ingestion calls it with the entities an article's former version named, once the new version is committed: a
 * name extraction no longer finds ("Despite Hillary Clinton", now "Hillary Clinton") would otherwise stay in the
 * graph as an entity of its own, which search finds with nothing behind it.
 */
export async function sweepEntities(db: Database, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const sorted = [...new Set(ids)].sort();
  return db.write('entity.sweep', async (run) => {
    await run(LOCK_ENTITIES, { ids: sorted });
    return (await run<{ id: string }>(SWEEP_ENTITIES, { ids: sorted })).map((r) => r.id);
  });
}
