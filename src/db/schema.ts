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
  // Keyset orders (statements by date, articles by publication, entities by folded name) and exact name lookups.
  'CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.at)',
  'CREATE INDEX article_date IF NOT EXISTS FOR (n:Article) ON (n.publishedAt)',
  'CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)',
  'CREATE INDEX organisation_name_key IF NOT EXISTS FOR (n:Organisation) ON (n.nameKey)',
  'CREATE INDEX topic_name_key IF NOT EXISTS FOR (n:Topic) ON (n.nameKey)',
  // Name filters and entity resolution: CONTAINS over every folded name and alias, stored as `|name|alias|…|`.
  'CREATE TEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON (n.nameKeys)',
  'CREATE TEXT INDEX organisation_names IF NOT EXISTS FOR (n:Organisation) ON (n.nameKeys)',
  'CREATE TEXT INDEX topic_names IF NOT EXISTS FOR (n:Topic) ON (n.nameKeys)',
  // Full-text search over names, aliases, statements and articles; ASCII folding makes accents optional.
  `CREATE FULLTEXT INDEX search IF NOT EXISTS
   FOR (n:Person|Organisation|Topic|Statement|Article) ON EACH [n.name, n.aliases, n.text, n.title, n.body]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
];

export async function applySchema(db: Database): Promise<void> {
  for (const statement of SCHEMA_STATEMENTS) await db.schema('schema.apply', statement);
  await db.schema('schema.await', 'CALL db.awaitIndexes(300)');
}
