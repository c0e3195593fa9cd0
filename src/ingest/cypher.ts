import type { ArticlePlan } from './plan.js';

/**
 * The write queries of ingestion, run in this order inside one transaction per batch of articles. Each UNWINDs
 * rows of the whole batch, so a batch costs a fixed number of round trips however many articles it holds.
 * `$batch` is a token unique to the transaction: what a query created carries it, which is how results tell
 * created from matched.
 */

// Entity labels are a closed set; one query per label keeps every MERGE on a uniqueness constraint.
export const ENTITY_LABELS = ['Person', 'Organisation', 'Topic'] as const;

/** ingest.entities.<Label>: create or enrich entities; names stay, new aliases are added. */
export const mergeEntities = (label: (typeof ENTITY_LABELS)[number]) => `
UNWIND $rows AS e
MERGE (n:${label} {id: e.id})
ON CREATE SET n:Entity, n.name = e.name, n.nameKey = e.nameKey, n.aliases = [], n.nameKeys = e.nameKey, n.createdIn = $batch
SET n.aliases = reduce(acc = n.aliases, a IN e.aliases | CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END),
    n.nameKeys = reduce(acc = n.nameKeys, k IN split(e.nameKeys, '|') | CASE WHEN k IN split(acc, '|') THEN acc ELSE acc + '|' + k END),
    n.description = coalesce(n.description, e.description),
    n.kind = coalesce(n.kind, e.kind),
    n.wikidataId = coalesce(n.wikidataId, e.wikidataId)
RETURN n.id AS id, n.createdIn = $batch AS created`;

/** ingest.articles: create or update articles in place, dropping links that the new version no longer has. */
export const MERGE_ARTICLES = `
UNWIND $articles AS p
MERGE (a:Article {id: p.id})
ON CREATE SET a.createdIn = $batch
SET a.url = p.url, a.title = p.title, a.publishedAt = datetime(p.publishedAt), a.language = p.language, a.body = p.body
WITH a, p
CALL (a) { MATCH (a)-[r:MENTIONS|PUBLISHED_BY]->() DELETE r }
CALL (a) { MATCH (a)<-[r:WROTE]-() DELETE r }
CALL (a, p) {
  MATCH (a)<-[r:REPORTED_IN]-(s:Statement) WHERE NOT s.id IN [x IN p.statements | x.id]
  DELETE r
  WITH s WHERE NOT EXISTS { (s)-[:REPORTED_IN]->() }
  DETACH DELETE s
}
CALL (a, p) { MATCH (o:Organisation {id: p.source}) MERGE (a)-[:PUBLISHED_BY]->(o) }
CALL (a, p) { UNWIND p.authors AS id MATCH (x:Person {id: id}) MERGE (x)-[:WROTE]->(a) }
CALL (a, p) { UNWIND p.mentions AS id MATCH (x:Entity {id: id}) MERGE (a)-[:MENTIONS]->(x) }
RETURN a.id AS id, a.createdIn = $batch AS created`;

/** ingest.affiliations: one relationship per person, organisation and role; known dates fill in unknown ones. */
export const MERGE_AFFILIATIONS = `
UNWIND $rows AS f
MATCH (p:Person {id: f.person}), (o:Organisation {id: f.organisation})
MERGE (p)-[r:AFFILIATED_WITH {roleKey: f.roleKey}]->(o)
SET r.role = coalesce(f.role, r.role), r.since = coalesce(date(f.since), r.since), r.until = coalesce(date(f.until), r.until)`;

/**
 * ingest.statements: a statement's sort date `at` is the day it was said or, when unknown, the earliest date
 * of the articles reporting it.
 */
export const MERGE_STATEMENTS = `
UNWIND $rows AS s
MATCH (a:Article {id: s.article}), (speaker:Entity {id: s.speaker})
MERGE (st:Statement {id: s.id})
ON CREATE SET st.createdIn = $batch
SET st.text = s.text, st.kind = s.kind, st.quote = s.quote, st.saidOn = date(s.saidOn),
    st.at = CASE WHEN s.saidOn IS NOT NULL THEN datetime(s.saidOn)
                 WHEN st.at IS NULL OR a.publishedAt < st.at THEN a.publishedAt ELSE st.at END
MERGE (speaker)-[:SAID]->(st)
MERGE (st)-[:REPORTED_IN]->(a)
WITH st, s
CALL (st, s) { UNWIND s.about AS id MATCH (x:Entity {id: id}) MERGE (st)-[:ABOUT]->(x) }
RETURN st.id AS id, st.createdIn = $batch AS created`;

/** ingest.responses: after all statements of the batch exist, so an answer may come before what it answers. */
export const MERGE_RESPONSES = `
UNWIND $rows AS s
MATCH (st:Statement {id: s.id}), (r:Statement {id: s.respondsTo})
MERGE (st)-[:RESPONDS_TO]->(r)`;

/** The statement rows of a batch, each knowing its article. */
export function statementRows(plans: readonly ArticlePlan[]) {
  return plans.flatMap((p) => p.statements.map((s) => ({ ...s, article: p.id })));
}
