import { ENTITY_DATE_LINKS, type EntityDateLink, entityDateAssignments } from '../graph/entity-dates.js';
import { BUILD_CONNECTIONS } from '../entity/connections.js';
import { RANK_EXISTING, RANK_PROPERTIES, REKEY_EXISTING } from '../entity/ranks.js';
import { SWEEP_EXISTING } from '../entity/sweep.js';
import { NAME_KEY_MIGRATION, NAME_KEY_SCHEMA } from '../ingest/resolve.js';
import { SEARCH_INDEX } from '../search/graph.js';
import { BUILD_ARTICLE_DAYS, buildAllDayCounts, buildDayCounts, DAY_COUNT_SCHEMA, INTEGER_DAY_COUNTS } from '../graph/day-counts.js';
import { SEARCH_DAY, searchDayOf } from '../statement/text-days.js';
import type { Database } from './database.js';

/**
 * The graph schema, applied on every start: each statement is idempotent (IF NOT EXISTS). Uniqueness
 * constraints make concurrent writers unable to duplicate a node; the other indexes serve the lookups, orders
 * and filters of src/<domain>/graph.ts.
 */
export const SCHEMA_STATEMENTS = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE',
  'CREATE CONSTRAINT article_url IF NOT EXISTS FOR (n:Article) REQUIRE n.url IS UNIQUE',
  'CREATE CONSTRAINT person_wikidata IF NOT EXISTS FOR (n:Person) REQUIRE n.wikidataId IS UNIQUE',
  'CREATE CONSTRAINT organisation_wikidata IF NOT EXISTS FOR (n:Organisation) REQUIRE n.wikidataId IS UNIQUE',
  'CREATE CONSTRAINT topic_wikidata IF NOT EXISTS FOR (n:Topic) REQUIRE n.wikidataId IS UNIQUE',
  'CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (n:Redirect) REQUIRE n.id IS UNIQUE',
  // One NameKey node per folded name of a label (ingest/resolve.ts): resolution's exact lookups, never doubled.
  ...NAME_KEY_SCHEMA,
  // One CONNECTED relationship per pair of entities (entity/connections.ts), whoever writes it first.
  'CREATE CONSTRAINT connected_key IF NOT EXISTS FOR ()-[r:CONNECTED]-() REQUIRE r.key IS UNIQUE',
  // An entity's connections in network and topSpeakers order, a page at a time (entity/ranks.ts).
  ...RANK_PROPERTIES.map((p) => `CREATE INDEX connected_${p.toLowerCase()} IF NOT EXISTS FOR ()-[r:CONNECTED]-() ON (r.${p})`),
  // One count per entity (or the graph), kind of item and day (graph/day-counts.ts): totalCount over dates.
  DAY_COUNT_SCHEMA,
  // Keyset orders (statements by date, articles by publication, entities by folded name) and exact name lookups.
  'CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.at)',
  'CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.publishedAt)',
  // The articles stored from a raw input, by its hash (ingest/cypher.ts STORED_INPUTS): `ingest --extract` again.
  'CREATE INDEX article_input IF NOT EXISTS FOR (n:Article) ON (n.inputHash)',
  // A statement about its own speaker, by that speaker's id (ingest/cypher.ts MERGE_STATEMENTS): topSpeakers.
  'CREATE INDEX statement_self IF NOT EXISTS FOR (n:Statement) ON (n.selfOf)',
  'CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)',
  'CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.nameKey)',
  'CREATE INDEX topic_name_key IF NOT EXISTS FOR (n:Topic) ON (n.nameKey)',
  // One entity's statements and articles in date order, a page at a time (graph/entity-dates.ts).
  ...Object.keys(ENTITY_DATE_LINKS).map((type) => `CREATE INDEX ${type.toLowerCase()}_entity_date IF NOT EXISTS FOR ()-[r:${type}]-() ON (r.entity, r.at)`),
  // Name filters and entity resolution: CONTAINS over every folded name and alias, stored as `|name|alias|…|`.
  'CREATE TEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON (n.nameKeys)',
  'CREATE TEXT INDEX organisation_names IF NOT EXISTS FOR (n:Organisation) ON (n.nameKeys)',
  'CREATE TEXT INDEX topic_names IF NOT EXISTS FOR (n:Topic) ON (n.nameKeys)',
  // Full-text search over names, aliases, statements and articles; ASCII folding makes accents optional. A
  // statement's day is a term too, so a text filter reads its hits a window of days at a time (text-days.ts).
  `CREATE FULLTEXT INDEX ${SEARCH_INDEX} IF NOT EXISTS
   FOR (n:Person|Organisation|Topic|Statement|Article) ON EACH [n.name, n.aliases, n.text, n.title, n.body, n.${SEARCH_DAY}]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
];

/**
 * Data written before the graph took its present shape, brought up to it once per database: each migration runs
 * in batches of its own transactions (idempotent, so a crash midway is finished by the next start) and leaves a
 * `:Migration` node so later starts skip it without scanning.
 */
export const MIGRATIONS: readonly { id: string; cypher: string }[] = [
  ...(Object.keys(ENTITY_DATE_LINKS) as EntityDateLink[]).map((type) => ({
    id: `migration:${type.toLowerCase()}-entity-date`,
    cypher: `MATCH (x)-[r:${type}]->(y) WHERE r.entity IS NULL OR r.at IS NULL
      CALL (x, r, y) { SET ${entityDateAssignments(type, 'r', 'x', 'y')} } IN TRANSACTIONS OF 10000 ROWS`,
  })),
  { id: 'migration:connected', cypher: BUILD_CONNECTIONS },
  // Connections built before they kept each direction's statement dates (topSpeakers) are counted again.
  { id: 'migration:connected-said-dates', cypher: BUILD_CONNECTIONS },
  NAME_KEY_MIGRATION,
  {
    id: 'migration:statement-search-day',
    cypher: `MATCH (s:Statement) WHERE s.${SEARCH_DAY} IS NULL AND s.at IS NOT NULL
      CALL (s) { SET s.${SEARCH_DAY} = ${searchDayOf('s.at')} } IN TRANSACTIONS OF 10000 ROWS`,
  },
  // The full-text index before it held statements' days, under its former name; its successor is built above.
  { id: 'migration:search-index-replaced', cypher: 'DROP INDEX search IF EXISTS' },
  {
    id: 'migration:statement-self',
    cypher: `MATCH (e:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(e) WHERE s.selfOf IS NULL
      CALL (e, s) { SET s.selfOf = e.id } IN TRANSACTIONS OF 10000 ROWS`,
  },
  // Entities with many connections, ranked for network and topSpeakers (entity/ranks.ts).
  {
    id: 'migration:connected-ranks',
    cypher: RANK_EXISTING,
  },
  // Ranks keyed by their exact counts, before keys held the count's bucket (entity/ranks.ts), keyed again.
  { id: 'migration:connected-rank-buckets', cypher: REKEY_EXISTING },
  // Each entity's statements counted by day, for totalCount over dates (graph/day-counts.ts).
  { id: 'migration:day-counts', cypher: buildDayCounts(['SAID', 'ABOUT']) },
  // Statements about their own speaker by day, for a timeline of both sides (counted after the two above).
  { id: 'migration:day-counts-self', cypher: buildDayCounts(['SELF']) },
  // The graph's statements and articles by day.
  { id: 'migration:day-counts-all', cypher: buildAllDayCounts(['STATEMENT', 'ARTICLE']) },
  // The articles of entities with many, by day.
  { id: 'migration:day-counts-articles', cypher: BUILD_ARTICLE_DAYS },
  // Counts added up as floats, stored as integers.
  { id: 'migration:day-counts-integers', cypher: INTEGER_DAY_COUNTS },
  // Entities that articles' former versions left behind, before ingestion swept them (entity/sweep.ts).
  { id: 'migration:entities-left-behind', cypher: SWEEP_EXISTING },
  // A statement whose date moved, or that gained a speaker or target, had only the links of the report being loaded
  // counted again, not those it had (a report naming only the speaker left the target's pair at the old date).
  { id: 'migration:connected-statement-links', cypher: BUILD_CONNECTIONS },
];

export async function applySchema(db: Database): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await db.schema('schema.apply', statement);
  const done = new Set((await db.read('schema.migrations', 'MATCH (m:Migration) RETURN m.id AS id')).map((r) => r.id as string));
  for (const migration of MIGRATIONS.filter((m) => !done.has(m.id))) {
    await db.schema(`schema.migrate.${migration.id}`, migration.cypher);
    await db.write('schema.migrated', (run) => run('MERGE (:Migration {id: $id})', { id: migration.id }));
  }
  await db.schema('schema.await', 'CALL db.awaitIndexes(300)');
}
