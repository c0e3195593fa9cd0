import { BadInputError, NotFoundError } from '../common/errors.js';
import { ENTITY_LABELS, type Label, labelOf } from '../common/ids.js';
import type { Database } from '../db/database.js';
import { entityDateAssignments } from '../graph/entity-dates.js';
import { pairOf, RECOUNT_CONNECTIONS, sortedPairs } from './connections.js';
import { ARTICLE_DAYS, DayChanges, type DayLink, isArticleLink, RECOUNT_DAY_COUNTS, TAKE_DAY_COUNTS } from '../graph/day-counts.js';
import { RANK_ENTITIES } from './ranks.js';

type EntityLabel = (typeof ENTITY_LABELS)[number];

/**
 * entity.merge.<Label>: moves every relationship of each `from` entity to `into` (MERGE, so nothing doubles),
 * folds names and aliases into `into`'s aliases, deletes `from` and leaves a Redirect so its id still resolves.
 * The relationship types are spelled out: these are all the ones an entity can have. SAID, ABOUT, MENTIONS and
 * PUBLISHED_BY carry the entity's id (graph/entity-dates.ts), so the moved ones take `into`'s. `from`'s
 * connections go with it; the neighbours it had are returned, for their pairs with `into` to be counted again, and
 * the statements it said or was the subject of, for those now about their own speaker to be marked (MARK_SELF).
 */
const mergeQuery = (label: EntityLabel) => `
MATCH (into:${label} {id: $into})
UNWIND $from AS fromId
MATCH (f:${label} {id: fromId})
// The statements it said or is the subject of, before they move: those that end up about their speaker are marked.
WITH into, f, COLLECT { MATCH (f)-[:SAID|ABOUT]-(s:Statement) RETURN s.id } AS statements
CALL (f, into) { MATCH (f)-[r:SAID]->(x) MERGE (into)-[n:SAID]->(x) SET ${entityDateAssignments('SAID', 'n', 'into', 'x')} DELETE r }
CALL (f, into) { MATCH (x)-[r:ABOUT]->(f) MERGE (x)-[n:ABOUT]->(into) SET ${entityDateAssignments('ABOUT', 'n', 'x', 'into')} DELETE r }
// An article connects the merged entity if it connected either (entity/connections.ts CO_MENTIONED_MAX).
CALL (f, into) {
  MATCH (x)-[r:MENTIONS]->(f)
  MERGE (x)-[n:MENTIONS]->(into)
  ON CREATE SET n.connects = r.connects
  ON MATCH SET n.connects = CASE WHEN n.connects IS NULL OR r.connects IS NULL THEN null ELSE false END
  SET ${entityDateAssignments('MENTIONS', 'n', 'x', 'into')}
  DELETE r
}
CALL (f, into) { MATCH (x)-[r:PUBLISHED_BY]->(f) MERGE (x)-[n:PUBLISHED_BY]->(into) SET ${entityDateAssignments('PUBLISHED_BY', 'n', 'x', 'into')} DELETE r }
CALL (f, into) { MATCH (f)-[r:WROTE]->(x) MERGE (into)-[:WROTE]->(x) DELETE r }
CALL (f, into) {
  MATCH (f)-[r:AFFILIATED_WITH]->(o)
  MERGE (into)-[n:AFFILIATED_WITH {roleKey: r.roleKey}]->(o)
  SET n.role = coalesce(n.role, r.role), n.since = coalesce(n.since, r.since), n.until = coalesce(n.until, r.until)
  DELETE r
}
CALL (f, into) {
  MATCH (p)-[r:AFFILIATED_WITH]->(f)
  MERGE (p)-[n:AFFILIATED_WITH {roleKey: r.roleKey}]->(into)
  SET n.role = coalesce(n.role, r.role), n.since = coalesce(n.since, r.since), n.until = coalesce(n.until, r.until)
  DELETE r
}
CALL (f, into) { MATCH (d:Redirect)-[r:MERGED_INTO]->(f) MERGE (d)-[:MERGED_INTO]->(into) DELETE r }
// Its names' keys (ingest/resolve.ts) now name the survivor, as its nameKeys below do.
CALL (f, into) { MATCH (k:NameKey)-[r:NAMES]->(f) MERGE (k)-[:NAMES]->(into) DELETE r }
SET into.aliases = reduce(acc = into.aliases, a IN [f.name] + f.aliases | CASE WHEN a IN acc OR a = into.name THEN acc ELSE acc + a END),
    into.nameKeys = reduce(acc = into.nameKeys, k IN split(f.nameKeys, '|') | CASE WHEN k = '' OR acc CONTAINS '|' + k + '|' THEN acc ELSE acc + k + '|' END),
    into.description = coalesce(into.description, f.description),
    into.kind = coalesce(into.kind, f.kind)
WITH into, f, statements, f.id AS mergedId, f.wikidataId AS wikidataId, COLLECT { MATCH (f)-[:CONNECTED]-(o:Entity) WHERE o <> into RETURN o.id } AS neighbours
DETACH DELETE f
MERGE (d:Redirect {id: mergedId})
MERGE (d)-[:MERGED_INTO]->(into)
SET into.wikidataId = coalesce(into.wikidataId, wikidataId)
RETURN mergedId, neighbours, statements`;

/**
 * entity.merge.self: of the statements a merged entity said or was the subject of, those now said by `into` about
 * `into` get its id as `selfOf` (the index topSpeakers reads; see ingest/cypher.ts MERGE_STATEMENTS).
 */
const MARK_SELF = `MATCH (into:Entity {id: $into})
UNWIND $statements AS id
MATCH (s:Statement {id: id}) WHERE EXISTS { (into)-[:SAID]->(s) } AND EXISTS { (s)-[:ABOUT]->(into) }
SET s.selfOf = into.id`;

/** Merges duplicates an analyst found into one entity; all of one label, all existing, or nothing happens. */
export async function mergeEntities(db: Database, into: string, from: readonly string[]): Promise<string[]> {
  const label = labelOf(into, 'into', ENTITY_LABELS) as EntityLabel;
  const ids = [...new Set(from)];
  if (ids.length === 0 || ids.length > 100) throw new BadInputError('from: give between 1 and 100 ids to merge.', 'from');
  ids.forEach((id, i) => labelOf(id, `from[${i}]`, [label as Label]));
  if (ids.includes(into)) throw new BadInputError(`from: "${into}" cannot be merged into itself.`, 'from');
  return db.write(`entity.merge.${label}`, async (run) => {
    const found = new Set((await run<{ id: string }>(`MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS id`, { ids: [into, ...ids] })).map((r) => r.id));
    const missing = [into, ...ids].filter((id) => !found.has(id));
    if (missing.length) throw new NotFoundError(`No ${label.toLowerCase()} with id ${missing.map((id) => `"${id}"`).join(', ')}.`);
    const merged = await run<{ mergedId: string; neighbours: string[]; statements: string[] }>(mergeQuery(label), { into, from: ids });
    const statements = [...new Set(merged.flatMap((m) => m.statements))];
    if (statements.length) await run(MARK_SELF, { into, statements });
    // What `from` shared with others is now `into`'s: those pairs are counted again (connections.ts).
    const pairs = sortedPairs(merged.flatMap((m) => m.neighbours.map((o) => pairOf(into, o))));
    if (pairs.length) await run(RECOUNT_CONNECTIONS, { pairs });
    // `into` may now have enough connections to be ranked (ranks.ts).
    await run(RANK_ENTITIES, { ids: [into] });
    // The days `from` had statements on are now `into`'s, counted again (a statement both said is one now, and one
    // by either about the other is now about its own speaker).
    const days = new DayChanges();
    for (const { link, day } of await run<{ link: DayLink; day: string }>(TAKE_DAY_COUNTS, { from: ids })) {
      if (isArticleLink(link)) continue;
      days.recount(link, [into], [day]);
      if (link === 'SAID' || link === 'ABOUT') days.recount('SELF', [into], [day]);
    }
    const recounts = days.recounts();
    if (recounts) await run(RECOUNT_DAY_COUNTS, recounts);
    // Its articles are counted by day from scratch when it has many: `from`'s may not have been counted at all.
    await run(ARTICLE_DAYS, { ids: [into], again: true });
    return merged.map((r) => r.mergedId);
  });
}
