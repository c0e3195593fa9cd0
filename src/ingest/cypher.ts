import type { EntityLabel } from './plan.js';

/**
 * The write queries of ingestion, run in this order inside one transaction per batch of articles. Each UNWINDs
 * the rows of the whole batch, so a batch costs a fixed number of round trips however many articles it holds.
 * A MERGE that creates marks the node `fresh` and the same query reads and removes the mark: that is how
 * results tell created from matched, and nothing of it stays in the graph.
 */

/** ingest.entities.<Label>: create or enrich entities; the first name stays, other names become aliases. */
export const mergeEntities = (label: EntityLabel) => `
UNWIND $rows AS e
MERGE (n:${label} {id: e.id})
ON CREATE SET n:Entity, n.name = e.name, n.nameKey = e.nameKey, n.aliases = [], n.nameKeys = '|', n.fresh = true
SET n.aliases = reduce(acc = n.aliases, a IN [e.name] + e.aliases | CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END),
    n.nameKeys = reduce(acc = n.nameKeys, k IN e.keys | CASE WHEN acc CONTAINS k THEN acc ELSE acc + substring(k, 1) END),
    n.description = coalesce(n.description, e.description),
    n.kind = coalesce(n.kind, e.kind),
    n.wikidataId = coalesce(n.wikidataId, e.wikidataId)
WITH n, n.fresh IS NOT NULL AS created
REMOVE n.fresh
RETURN n.id AS id, created`;

/** ingest.articles: create or update articles in place, dropping links and statements the new version lacks. */
export const MERGE_ARTICLES = `
UNWIND $articles AS p
MERGE (a:Article {id: p.id})
ON CREATE SET a.fresh = true
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
WITH a, a.fresh IS NOT NULL AS created
REMOVE a.fresh
RETURN a.id AS id, created`;

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
ON CREATE SET st.fresh = true
SET st.text = s.text, st.kind = s.kind, st.quote = s.quote, st.saidOn = date(s.saidOn),
    st.at = CASE WHEN s.saidOn IS NOT NULL THEN datetime(s.saidOn)
                 WHEN st.at IS NULL OR a.publishedAt < st.at THEN a.publishedAt ELSE st.at END
MERGE (speaker)-[:SAID]->(st)
MERGE (st)-[:REPORTED_IN]->(a)
WITH st, s
CALL (st, s) { UNWIND s.about AS id MATCH (x:Entity {id: id}) MERGE (st)-[:ABOUT]->(x) }
WITH st, st.fresh IS NOT NULL AS created
REMOVE st.fresh
RETURN st.id AS id, created`;

/** ingest.responses: after all statements of the batch exist, so an answer may come before what it answers. */
export const MERGE_RESPONSES = `
UNWIND $rows AS s
MATCH (st:Statement {id: s.id}), (r:Statement {id: s.respondsTo})
MERGE (st)-[:RESPONDS_TO]->(r)`;
