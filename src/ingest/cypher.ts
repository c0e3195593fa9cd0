import { KEEP_PLAN } from '../db/keep-plan.js';
import { articlesOf } from '../graph/day-counts.js';
import { type EntityDateLink, entityDateAssignments } from '../graph/entity-dates.js';
import { SEARCH_DAY, searchDayOf } from '../statement/text-days.js';
import type { EntityLabel } from './plan.js';

/**
 * The write queries of ingestion, all in one transaction per batch of articles, after entity resolution
 * (resolve.ts); ingest.ts says which wait for which. Each UNWINDs the rows of the whole batch, so a batch costs a
 * fixed number of queries however many articles it holds.
 * A MERGE that creates marks the node `fresh` and the same query reads and removes the mark: that is how
 * results tell created from matched, and nothing of it stays in the graph.
 *
 * Nodes are written first and return their `elementId`; relationships then find their ends by element id (a
 * direct lookup) rather than by `id` (an index seek each). Relationships that cannot exist yet — those of a node
 * created or emptied in this transaction — are CREATEd; only the others need MERGE's check for an existing one.
 */

/**
 * ingest.entities.<Label>: create or enrich entities; the first name stays, other names become aliases.
 *
 * Every entity of the batch is locked here (`locking`), the new and the known alike, before the batch writes any
 * link: rows come sorted by id and the labels in one order, so concurrent writers take their shared entities in one
 * global order. Later phases lock them too (links, connections between them) but only once this transaction holds
 * them all, so two ingests naming the same people wait for each other here instead of deadlocking there (a
 * deadlock costs the whole transaction, and under load one ingest in ten used to give up after a dozen of them).
 * An entity is enriched from its values as they are under the lock, so no concurrent addition is lost.
 *
 * Whether its articles are counted by day, and how many it has, tell the day counts whether this batch adds to
 * them or may make it need them (graph/day-counts.ts); the lock keeps both as they are until the batch commits.
 */
export const mergeEntities = (label: EntityLabel) => `${KEEP_PLAN}
UNWIND $rows AS e
MERGE (n:${label} {id: e.id})
ON CREATE SET n:Entity, n.name = e.name, n.nameKey = e.nameKey, n.aliases = [], n.nameKeys = '|', n.fresh = true
SET n.locking = true
REMOVE n.locking
WITH n, e, n.fresh IS NOT NULL AS created
CALL (n, e) {
  WITH n, e WHERE any(a IN [e.name] + e.aliases WHERE NOT (a IN n.aliases OR a = n.name))
    OR any(k IN e.keys WHERE NOT n.nameKeys CONTAINS k)
    OR (n.description IS NULL AND e.description IS NOT NULL) OR (n.kind IS NULL AND e.kind IS NOT NULL)
    OR (n.wikidataId IS NULL AND e.wikidataId IS NOT NULL)
  SET n.aliases = reduce(acc = n.aliases, a IN [e.name] + e.aliases | CASE WHEN a IN acc OR a = n.name THEN acc ELSE acc + a END),
      n.nameKeys = reduce(acc = n.nameKeys, k IN e.keys | CASE WHEN acc CONTAINS k THEN acc ELSE acc + substring(k, 1) END),
      n.description = coalesce(n.description, e.description),
      n.kind = coalesce(n.kind, e.kind),
      n.wikidataId = coalesce(n.wikidataId, e.wikidataId)
}
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | REMOVE n.fresh)
RETURN n.id AS id, elementId(n) AS node, created, n.articleDays IS NOT NULL AS articleDays, ${articlesOf('n')} AS articles`;

/**
 * ingest.articles: create articles or update their properties (which also locks them for what follows); whether
 * an existing one kept its date tells connections (entity/connections.ts) whether its pairs need counting again.
 * An article with a url is found by it first: a new version published on another day keeps the id it has (the
 * day is part of a planned id), rather than colliding with itself on the url's constraint. `planned` is the id
 * the row came with. Its local day, before and now, tells the day counts (graph/day-counts.ts) what moved.
 */
export const MERGE_ARTICLES = `${KEEP_PLAN}
UNWIND $rows AS p
WITH p, head(COLLECT { MATCH (known:Article {url: p.url}) RETURN known.id }) AS known
MERGE (a:Article {id: coalesce(known, p.id)})
ON CREATE SET a.fresh = true
WITH a, p, a.publishedAt AS before
SET a.url = p.url, a.title = p.title, a.publishedAt = datetime(p.publishedAt), a.language = p.language, a.body = p.body, a.planHash = p.hash,
  a.inputHash = p.inputHash
WITH a, p, before, a.fresh IS NOT NULL AS created
REMOVE a.fresh
RETURN p.id AS planned, a.id AS id, elementId(a) AS node, created, coalesce(before = a.publishedAt, false) AS sameDate,
  toString(date(a.publishedAt)) AS day, toString(date(before)) AS dayBefore`;

/**
 * ingest.unchanged: the articles of a batch stored as the batch would write them, found as MERGE_ARTICLES finds
 * them (by url, else by id) with the same plan fingerprint (plan.ts `hash`, stored as `planHash`). The batch skips
 * them, so loading an archive again writes nothing, and an article sent twice keeps its links and its entities as
 * they are (a name that became ambiguous since is not resolved again). For each: the entities it and its statements
 * link, in id order, which the batch reports as matched with its statements.
 */
export const UNCHANGED_ARTICLES = `${KEEP_PLAN}
UNWIND $rows AS p
OPTIONAL MATCH (byUrl:Article {url: p.url})
OPTIONAL MATCH (byId:Article {id: p.id})
WITH p, coalesce(byUrl, byId) AS a
WHERE a.planHash = p.hash
RETURN p.id AS planned, a.id AS id, a.inputHash AS inputHash,
  COLLECT {
    CALL (a) {
      MATCH (a)-[:MENTIONS|PUBLISHED_BY]->(e:Entity) RETURN e.id AS e
      UNION MATCH (a)<-[:WROTE]-(e:Entity) RETURN e.id AS e
      UNION MATCH (a)<-[:REPORTED_IN]-(:Statement)-[:ABOUT]->(e:Entity) RETURN e.id AS e
      UNION MATCH (a)<-[:REPORTED_IN]-(:Statement)<-[:SAID]-(e:Entity) RETURN e.id AS e
    }
    RETURN e ORDER BY e
  } AS entities`;

/**
 * ingest.inputs.mark: articles skipped as unchanged, stored from a document their raw input plans the same as, take
 * that input's hash: the next `ingest --extract` of it need not extract it (see STORED_INPUTS).
 */
export const MARK_INPUTS = `${KEEP_PLAN}
UNWIND $rows AS r
MATCH (a:Article {id: r.id})
SET a.inputHash = r.inputHash`;

/**
 * ingest.inputs.stored: the articles stored from these raw inputs (extract/input/input-hash.ts), by the hash of
 * each; an article written since from anything else no longer carries it (MERGE_ARTICLES).
 */
export const STORED_INPUTS = `${KEEP_PLAN}
UNWIND $hashes AS hash
MATCH (a:Article {inputHash: hash})
RETURN hash, a.id AS id, a.url AS url`;

/**
 * ingest.clear: for articles that already existed, drop the links of the old version and the statements the
 * new one lacks (deleting them when no other article reports them, else moving an undated one to the date of its
 * earliest remaining article). New links are created afterwards. Returns what the old version mentioned, and, for
 * the connections (entity/connections.ts), the entities it connected by co-mention (not only listed) and each
 * dropped statement that was deleted or whose date moved, as [speakers, targets, `at` before, `at` now or null];
 * for the day counts (graph/day-counts.ts), its publisher and the same statements by day, those deleted or moved to
 * another day. What it mentioned, its publisher and its authors are the entities it may leave behind
 * (entity/sweep.ts).
 */
export const CLEAR_ARTICLES = `${KEEP_PLAN}
UNWIND $rows AS p
MATCH (a:Article) WHERE elementId(a) = p.node
WITH a, p, COLLECT { MATCH (a)-[m:MENTIONS]->(e:Entity) RETURN [e.id, m.connects IS NULL] } AS mentions, head(COLLECT { MATCH (a)-[:PUBLISHED_BY]->(o:Entity) RETURN o.id }) AS source,
  COLLECT { MATCH (a)<-[:WROTE]-(w:Entity) RETURN w.id } AS authors
CALL (a) { MATCH (a)-[r:MENTIONS|PUBLISHED_BY]->() DELETE r }
CALL (a) { MATCH (a)<-[r:WROTE]-() DELETE r }
CALL (a, p) {
  MATCH (a)<-[r:REPORTED_IN]-(s:Statement) WHERE NOT s.id IN p.statements
  WITH s, r, s.at AS atBefore, COLLECT { MATCH (e:Entity)-[:SAID]->(s) RETURN e.id } AS by, COLLECT { MATCH (s)-[:ABOUT]->(e:Entity) RETURN e.id } AS about
  DELETE r
  WITH s, atBefore, by, about, head(COLLECT { MATCH (s)-[:REPORTED_IN]->(o:Article) RETURN o.publishedAt AS d ORDER BY d }) AS earliest
  // Still reported elsewhere: an undated statement's sort date follows its earliest remaining article.
  SET s.at = CASE WHEN s.saidOn IS NULL AND earliest IS NOT NULL THEN earliest ELSE s.at END
  SET s.${SEARCH_DAY} = ${searchDayOf('s.at')}
  WITH s, atBefore, by, about, earliest, CASE WHEN earliest IS NOT NULL THEN s.at END AS atNow
  // Its SAID and ABOUT links carry its date (see setEntityDate) and follow it.
  CALL (s) { MATCH (s)-[r:SAID|ABOUT]-() WHERE r.at <> s.at SET r.at = s.at }
  CALL (s, earliest) { WITH s WHERE earliest IS NULL DETACH DELETE s }
  // What it leaves or moves between, with who said it and whom it was about: instants for the connections, days
  // for the day counts (graph/day-counts.ts).
  WITH by, about, atBefore, atNow, date(atBefore) AS was, date(atNow) AS now
  RETURN collect(CASE WHEN atNow IS NULL OR atNow <> atBefore THEN [by, about, toString(atBefore), toString(atNow)] END) AS dropped,
    collect(CASE WHEN now IS NULL OR now <> was THEN [by, about, toString(was), toString(now)] END) AS days
}
RETURN [x IN mentions | x[0]] AS mentioned, [x IN mentions WHERE x[1] | x[0]] AS connected, source, authors, dropped, days`;

/**
 * ingest.statements: one row per statement of the batch, with its reports ([article's publishedAt, saidOn]) in
 * load order. Its wording is the last report's. The day it was said is the last one a report gave: a report
 * without a day keeps the one known (an article quoting a remark again rarely repeats when it was made). Its sort
 * date `at` is that day or, when none is known, the earliest date of the articles reporting it: those that report
 * it already, as they are now (one of them may be a new version of this batch that moved to another day:
 * MERGE_ARTICLES ran first), and this batch's.
 *
 * Its day, as a full-text term (`searchDay`), follows `at`: text filters page by it (statement/text-days.ts).
 *
 * `selfOf` is the id of its speaker when it is also about them (`speakers` and `about` are entity ids, the
 * batch's; what it was about before counts too), indexed: topSpeakers about a prolific speaker finds what they
 * said about themselves there rather than among everything they said (statement/timeline.ts). A statement gets
 * more targets over time but never loses one, so once set it stays.
 *
 * Who said it and what it was about before, and its local day before and after, tell the day counts what moved
 * (graph/day-counts.ts).
 */
export const MERGE_STATEMENTS = `${KEEP_PLAN}
UNWIND $rows AS s
MERGE (st:Statement {id: s.id})
ON CREATE SET st.fresh = true
WITH st, s, st.at AS before, COLLECT { MATCH (st)-[:ABOUT]->(e:Entity) RETURN e.id } AS aboutBefore,
  COLLECT { MATCH (e:Entity)-[:SAID]->(st) RETURN e.id } AS saidBefore,
  CASE WHEN st.saidOn IS NULL THEN head(COLLECT { MATCH (st)-[:REPORTED_IN]->(o:Article) RETURN o.publishedAt AS d ORDER BY d }) END AS known
WITH st, s, before, aboutBefore, saidBefore, known, coalesce(date(s.saidOn), st.saidOn) AS saidOn
SET st.text = s.text, st.kind = s.kind, st.quote = s.quote, st.saidOn = saidOn,
    st.selfOf = coalesce(st.selfOf, head([x IN s.speakers WHERE x IN s.about OR x IN aboutBefore])),
    st.at = CASE WHEN saidOn IS NOT NULL THEN datetime(toString(saidOn))
      ELSE reduce(at = known, r IN s.reports | CASE WHEN at IS NULL OR datetime(r[0]) < at THEN datetime(r[0]) ELSE at END) END
SET st.${SEARCH_DAY} = ${searchDayOf('st.at')}
WITH st, before, aboutBefore, saidBefore, st.fresh IS NOT NULL AS created
// Links this batch does not write again (an earlier target, say) follow a date that moved, as those it writes do.
CALL (st, before) { WITH st WHERE before <> st.at MATCH (st)-[r:SAID|ABOUT]-() WHERE r.at <> st.at SET r.at = st.at }
REMOVE st.fresh
RETURN st.id AS id, elementId(st) AS node, created, st.at AS at, coalesce(before = st.at, false) AS sameDate, aboutBefore, saidBefore,
  toString(date(st.at)) AS day, toString(date(before)) AS dayBefore`;

/**
 * The links of a batch by element id: `$nodes` lists each node once, and each link list holds [from, to] pairs
 * of positions in it (short integers rather than long element ids twice over). CREATE is for links known not to
 * exist yet, MERGE for the others; affiliations, which carry properties and outlive articles, always MERGE.
 * `set` assigns a link's properties from a third item of its row (`row[2]`, a map or null).
 */
const link = (verb: 'CREATE' | 'MERGE', param: string, from: string, type: string, to: string, set = '') => `
CALL () {
  UNWIND $${param} AS row
  MATCH (x:${from}) WHERE elementId(x) = $nodes[row[0]]
  MATCH (y:${to}) WHERE elementId(y) = $nodes[row[1]]
  ${verb} (x)-[${set ? 'l' : ''}:${type}]->(y)${set}
}`;

/**
 * A statement's evidence in one article, on its REPORTED_IN: provenance is per article, so the same statement
 * reported twice keeps one evidence per report. A report without evidence (null) sets them all to null, which
 * removes those of an earlier version of the article.
 */
const EVIDENCE = ['start', 'end', 'startCodePoint', 'endCodePoint', 'method', 'confidence'] as const;
const setEvidence = ` SET ${EVIDENCE.map((p) => `l.${p} = row[2].${p}`).join(', ')}`;

/**
 * Links between an entity and a dated item carry the entity's id and the item's date, for the per-entity date
 * indexes (graph/entity-dates.ts). Set on every write of the link: a statement's date may have just changed.
 */
const setEntityDate = (type: EntityDateLink) => ` SET ${entityDateAssignments(type, 'l', 'x', 'y')}`;

const links = (verb: 'CREATE' | 'MERGE') =>
  [
    KEEP_PLAN,
    link(verb, 'publishedBy', 'Article', 'PUBLISHED_BY', 'Organisation', setEntityDate('PUBLISHED_BY')),
    link(verb, 'wrote', 'Person', 'WROTE', 'Article'),
    link(verb, 'mentions', 'Article', 'MENTIONS', 'Entity', setEntityDate('MENTIONS')),
    link(verb, 'listed', 'Article', 'MENTIONS', 'Entity', `${setEntityDate('MENTIONS')}, l.connects = false`),
    link(verb, 'said', 'Entity', 'SAID', 'Statement', setEntityDate('SAID')),
    link(verb, 'reportedIn', 'Statement', 'REPORTED_IN', 'Article', setEvidence),
    link(verb, 'about', 'Statement', 'ABOUT', 'Entity', setEntityDate('ABOUT')),
    link(verb, 'respondsTo', 'Statement', 'RESPONDS_TO', 'Statement'),
  ].join('');

/** ingest.links.create: links of nodes created or cleared in this transaction. */
export const CREATE_LINKS = links('CREATE');

/**
 * ingest.links.merge: links that may exist already (a statement reported again, say), and affiliations: one
 * relationship per person, organisation and role, where known dates fill in unknown ones.
 */
export const MERGE_LINKS = `${links('MERGE')}
CALL () {
  UNWIND $affiliations AS f
  MATCH (p:Person) WHERE elementId(p) = $nodes[f.person]
  MATCH (o:Organisation) WHERE elementId(o) = $nodes[f.organisation]
  MERGE (p)-[r:AFFILIATED_WITH {roleKey: f.roleKey}]->(o)
  SET r.role = coalesce(f.role, r.role), r.since = coalesce(date(f.since), r.since), r.until = coalesce(date(f.until), r.until)
}`;
