import { KEEP_PLAN } from '../db/keep-plan.js';

/**
 * Takes the lock of each entity of `$ids`, in id order (as ingestion takes its entities: ingest/cypher.ts
 * mergeEntities). A writer adding a link to one holds its lock until it commits, so what the locking transaction
 * reads next sees the link: the sweep (sweep.ts), before it looks at what still names the entities a rewrite may
 * have left behind; ingestion, before it reads the counts of pairs of entities not its own (connections.ts).
 */
export const LOCK_ENTITIES = `${KEEP_PLAN}
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.locking = true
REMOVE e.locking`;
