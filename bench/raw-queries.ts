/**
 * The read benchmark's hand-written Cypher: for each operation of bench/query-ops.ts, the query an expert would send
 * through the driver to answer the same question with the same data, in one round trip (pagination: one per page).
 * They answer exactly what the API answers (same orders, tie-breaks and limits), so the two answers can be checked
 * equal, but are written for the question, not derived from the compiled Cypher: plain MATCH/WITH pipelines,
 * pattern comprehensions and COLLECT subqueries, counts and pages in one pass, aggregation before joining.
 *
 * `$limit` is always an integer: the page size plus one where the API tells whether a next page exists. Sort keys
 * are projected before ORDER BY (`WITH s, s.at AS at ORDER BY at`): ordering on `s.at` itself made Neo4j 5.26 read
 * the keys twice (CacheProperties, then a Projection reading them again), a third of the db hits of the timeline.
 *
 * One entity's statements and articles are read off the per-entity date indexes (src/graph/entity-dates.ts: SAID,
 * ABOUT, MENTIONS and PUBLISHED_BY carry `entity` and `at`), ordered on both index properties so that the index
 * hands them over in order: the data model is the API's, and an expert would use its indexes.
 */

/** One entity's items (statements SAID or ABOUT, articles MENTIONS) newest first, off its date index. */
const newest = (pattern: string, entity: string, item: string, limit: string, extra = '', r = 'r') => `
  MATCH ${pattern} WHERE ${r}.entity = ${entity} AND ${r}.at IS NOT NULL${extra}
  WITH ${item}, ${r} ORDER BY ${r}.entity DESC, ${r}.at DESC, ${item}.id DESC LIMIT ${limit}`;

/**
 * A Person or Article by id, as the API's lookups resolve them: the node itself, or the one an id merged away
 * (mergeEntities) now redirects to. Two index seeks, no UNION.
 */
const lookup = (label: 'Person' | 'Article', v: string) => `
OPTIONAL MATCH (found:${label} {id: $id})
OPTIONAL MATCH (:Redirect {id: $id})-[:MERGED_INTO]->(merged:${label})
WITH coalesce(found, merged) AS ${v} WHERE ${v} IS NOT NULL`;

/** `person(id) { id name aliases affiliations { role since until organisation { id name } } }`: roles newest first. */
export const RAW_PERSON = `${lookup('Person', 'p')}
RETURN p {.id, .name, aliases: coalesce(p.aliases, []),
  affiliations: COLLECT {
    MATCH (p)-[r:AFFILIATED_WITH]->(o:Organisation)
    RETURN {role: r.role, since: r.since, until: r.until, organisation: o {.id, .name}} ORDER BY r.since DESC, o.name
  }} AS person`;

/**
 * A person's first page of statements, newest first: each with what it is about (by name) and the articles reporting
 * it (newest first) with their source. The speaker is the person: no need to walk back to them.
 */
export const RAW_PERSON_STATEMENTS = `${lookup('Person', 'p')}
CALL (p) {${newest('()-[r:SAID]->(s:Statement)', 'p.id', 's', '$limit')}
  RETURN s, r.at AS at
}
RETURN at, s {.id, .text, .kind, .saidOn,
  speaker: p {.id, .name},
  about: COLLECT { MATCH (s)-[:ABOUT]->(e) RETURN e {.id, .name} ORDER BY e.name },
  reportedIn: COLLECT {
    MATCH (s)-[:REPORTED_IN]->(a:Article)
    RETURN a {.id, .title, .publishedAt, source: [(a)-[:PUBLISHED_BY]->(o:Organisation) | o {.name}][0]} ORDER BY a.publishedAt DESC
  }} AS node`;

/**
 * `statements(filter: {speaker, from, to}) { totalCount … }`: the count is the sum of the speaker's day counts in the
 * range (kept by ingestion, src/graph/day-counts.ts), the page a range read of the newest. Days are the
 * statements' own (`date(at)` in the offset it was said in), the index range widened by the widest offsets.
 */
const inDays = ` AND r.at >= datetime($from) - duration('PT14H') AND r.at < datetime($to) + duration('P1DT12H')
    AND date(r.at) >= date($from) AND date(r.at) <= date($to)`;
export const RAW_STATEMENTS_FILTER = `
MATCH (speaker:Person {id: $speaker})
CALL (speaker) {
  MATCH (d:DayCount {entity: speaker.id, link: 'SAID'}) WHERE d.day >= date($from) AND d.day <= date($to)
  RETURN sum(d.count) AS total
}
RETURN total,
  COLLECT {${newest('()-[r:SAID]->(s:Statement)', 'speaker.id', 's', '$limit', inDays)}
  RETURN {at: r.at, node: s {.id, .text, .kind, .saidOn, date: date(r.at), speaker: speaker {.name}}}
} AS rows`;

/**
 * The six-level nested query: a person's 10 newest statements; what each is about (by name); for each of those the
 * 5 newest articles mentioning it, with their source and 3 newest statements, each with its speaker and, for a
 * person, their roles; and the titles of the articles reporting the statement (newest first).
 */
export const RAW_DEEP = `${lookup('Person', 'p')}
RETURN p.name AS name, COLLECT {
${newest('()-[r:SAID]->(s:Statement)', 'p.id', 's', '10')}
  RETURN s {.text, .saidOn,
    about: COLLECT {
      MATCH (s)-[:ABOUT]->(e)
      WITH e ORDER BY e.name
      RETURN e {.id, .name, mentionedIn: COLLECT {
${newest('(a:Article)-[m:MENTIONS]->()', 'e.id', 'a', '5', '', 'm')}
        RETURN a {.title, .publishedAt, source: [(a)-[:PUBLISHED_BY]->(o:Organisation) | o {.name}][0], statements: COLLECT {
          MATCH (st:Statement)-[:REPORTED_IN]->(a)
          WITH st, st.at AS reported ORDER BY reported DESC, st.id DESC LIMIT 3
          MATCH (sp)-[:SAID]->(st)
          RETURN st {.text, speaker: CASE WHEN sp:Person THEN sp {.name, affiliations: COLLECT {
            MATCH (sp)-[f:AFFILIATED_WITH]->(o:Organisation)
            RETURN {role: f.role, organisation: o {.name}} ORDER BY f.since DESC, o.name
          }} ELSE sp {.name} END}
        }}
      }}
    },
    reportedIn: COLLECT { MATCH (s)-[:REPORTED_IN]->(a:Article) RETURN a {.title} ORDER BY a.publishedAt DESC }
  }
} AS statements`;

/**
 * `timeline(entity, first: 20)`: what the person said and what was said about them, oldest first, each with its role
 * (BY wins when both) and the earliest article reporting it. Each side's oldest page comes off its index.
 */
const oldest = (pattern: string) => `MATCH ${pattern} WHERE r.entity = e.id AND r.at IS NOT NULL
  WITH s, r ORDER BY r.entity, r.at, s.id LIMIT $limit RETURN s, r.at AS at`;
export const RAW_TIMELINE = `
MATCH (e:Person {id: $id})
CALL (e) { ${oldest('()-[r:SAID]->(s:Statement)')} UNION ${oldest('(s:Statement)-[r:ABOUT]->()')} }
WITH e, s, at ORDER BY at, s.id LIMIT $limit
RETURN at, CASE WHEN EXISTS { (e)-[:SAID]->(s) } THEN 'BY' ELSE 'ABOUT' END AS role, date(at) AS date,
  s {.id, .text, speaker: [(sp)-[:SAID]->(s) | sp {.name}][0]} AS node,
  COLLECT { MATCH (s)-[:REPORTED_IN]->(a:Article) RETURN a {.title} ORDER BY a.publishedAt, a.id LIMIT 1 }[0] AS article`;

/**
 * The last key a ranked read needs (src/entity/ranks.ts): the $limit-th of the entity's keys in `property` from both
 * ends together, itself when its count (12 digits, inverted) is under 16, else the end of its power-of-two bucket.
 */
const through = (property: 'Rank' | 'Heard') => `CALL (e) {
    WITH COLLECT {
      CALL (e) {
        MATCH ()-[c:CONNECTED]->() WHERE c.lo${property} > e.id AND c.lo${property} < e.id + '\\u0002' WITH c.lo${property} AS k ORDER BY k LIMIT $limit RETURN k
        UNION ALL
        MATCH ()-[c:CONNECTED]->() WHERE c.hi${property} > e.id AND c.hi${property} < e.id + '\\u0002' WITH c.hi${property} AS k ORDER BY k LIMIT $limit RETURN k
      }
      WITH k ORDER BY k LIMIT $limit RETURN k
    } AS ks
    WITH last(ks) AS k
    RETURN CASE WHEN k > e.id + '\\u0001999999999984' THEN k ELSE left(k, size(e.id) + 13) + '\\u0002' END AS through
  }`;

/**
 * `topSpeakers(about: topic)`: who spoke most about the topic, with the first and last day, 10 at most: each
 * speaker's count and dates off its CONNECTED relationship with the topic, read strongest first off the speakers'
 * rank index of each end (src/entity/ranks.ts: `hiHeard` when the topic is the higher id, `loHeard` the lower) up to
 * the bucket of the tenth of both ends, plus the topic's own statements about itself, which no connection holds, by
 * their index (selfOf).
 */
export const RAW_TOP_SPEAKERS = `
MATCH (e:Topic {id: $id})
${through('Heard')}
CALL (e, through) {
  MATCH (speaker)-[c:CONNECTED]->() WHERE c.hiHeard > e.id AND c.hiHeard <= through
  RETURN speaker, c.ab AS count, c.abFirst AS first, c.abLast AS last
  UNION ALL
  MATCH ()-[c:CONNECTED]->(speaker) WHERE c.loHeard > e.id AND c.loHeard <= through
  RETURN speaker, c.ba AS count, c.baFirst AS first, c.baLast AS last
  UNION ALL
  MATCH (s:Statement {selfOf: e.id}) WHERE EXISTS { (e)-[:SAID]->(s) } AND EXISTS { (s)-[:ABOUT]->(e) }
  WITH e, count(s) AS count, min(s.at) AS first, max(s.at) AS last WHERE count > 0
  RETURN e AS speaker, count, first, last
}
WITH speaker, count, first, last ORDER BY count DESC, speaker.name, speaker.id LIMIT $limit
RETURN count, date(first) AS firstDate, date(last) AS lastDate, speaker {.id, .name} AS speaker`;

/**
 * `search(query)`: the full-text index's best 1,000 hits (every label it holds is asked for), where an entity whose
 * folded name or alias is the search itself ($exact, `|name|`) is raised by the top score; best first.
 */
export const RAW_SEARCH = `
CALL db.index.fulltext.queryNodes('text_search', $query, {limit: 1000}) YIELD node, score
WITH collect({node: node, score: score}) AS hits, max(score) AS top
UNWIND hits AS hit
WITH hit.node AS n, hit.score + CASE WHEN hit.node.nameKeys CONTAINS $exact THEN top ELSE 0.0 END AS score
ORDER BY score DESC, n.id LIMIT $limit
RETURN score, CASE WHEN n:Statement THEN n {.id, .text} WHEN n:Article THEN n {.id, .title} ELSE n {.id, .name} END AS node`;

/**
 * `statements(filter: {text})`: statements holding every word (full-text), newest first, with their speaker. By
 * the same method as the API (src/statement/text-days.ts): windows of days back from the newest statement, one
 * day's term of the index apiece: a week first, narrowed when one holds over ten pages of hits, widened while
 * sparse (64 times when empty).
 */
export const RAW_TEXT = `
MATCH (n:Statement) WHERE n.at IS NOT NULL
WITH n.at AS newest ORDER BY newest DESC LIMIT 1
WITH reduce(st = {near: date(datetime({epochMillis: newest.epochMillis})), width: 7, found: []}, i IN range(1, 16) |
  CASE WHEN size(st.found) < $limit AND st.near.year >= 1000 THEN
    [hits IN [COLLECT {
      CALL db.index.fulltext.queryNodes('text_search',
        '(' + $query + ') AND searchDay:[day' + replace(toString(st.near - duration({days: st.width - 1})), '-', '') +
        ' TO day' + replace(toString(st.near), '-', '') + ']',
        {limit: CASE WHEN st.width = 1 THEN 2147483647 ELSE 10 * $limit END}) YIELD node
      WHERE node:Statement RETURN node }] |
      CASE WHEN st.width > 1 AND size(hits) >= 10 * $limit THEN {near: st.near, width: (st.width + 3) / 4, found: st.found}
      ELSE {near: st.near - duration({days: st.width}), found: st.found + hits,
        width: CASE WHEN size(hits) * 2 >= 10 * $limit THEN st.width WHEN size(hits) = 0 THEN
          CASE WHEN st.width > 570 THEN 36525 ELSE st.width * 64 END WHEN st.width > 4500 THEN 36525
          WHEN size(hits) * 8 < 10 * $limit THEN st.width * 8 ELSE st.width * 2 END} END][0]
  ELSE st END) AS st
WITH st.found + CASE WHEN size(st.found) < $limit THEN COLLECT {
  CALL db.index.fulltext.queryNodes('text_search', '(' + $query + ') AND searchDay:[* TO day' + replace(toString(st.near), '-', '') + ']') YIELD node
  WHERE node:Statement RETURN node } ELSE [] END AS found
UNWIND found AS s
WITH s ORDER BY s.at DESC, s.id DESC LIMIT $limit
RETURN s {.id, .text, speaker: [(sp)-[:SAID]->(s) | sp {.name}][0]} AS node`;

/**
 * `network(first: 20)` of a person: neighbours weighted by articles mentioning both, statements by the person about
 * them and statements by them about the person, read from the CONNECTED relationship each pair of entities holds
 * (src/entity/connections.ts: `co`, `ab` by the lower id about the higher, `ba` the other way, kept at write time),
 * strongest first off the network rank index of each end (src/entity/ranks.ts: `loRank`, `hiRank`) up to the
 * bucket of the twentieth of both ends.
 */
export const RAW_NETWORK = `${lookup('Person', 'e')}
${through('Rank')}
CALL (e, through) {
  MATCH ()-[c:CONNECTED]->(o) WHERE c.loRank > e.id AND c.loRank <= through RETURN c, o, c.ab AS by, c.ba AS about
  UNION ALL
  MATCH (o)-[c:CONNECTED]->() WHERE c.hiRank > e.id AND c.hiRank <= through RETURN c, o, c.ba AS by, c.ab AS about
}
WITH c, o, by, about ORDER BY c.weight DESC, o.name, o.id LIMIT $limit
RETURN c.weight AS weight, c.co AS coMentions, by AS statementsBy, about AS statementsAbout, date(c.first) AS firstSeen,
  date(c.last) AS lastSeen, o {.id, .name} AS entity`;

/**
 * `article(id) { title related(first: 10) { … } }`: other articles scored by shared mentions + 3 × shared statements.
 * Candidates: those reporting one of its statements, and for each entity it mentions its $perSide articles nearest
 * before and after it (off the entity's MENTIONS date index); each candidate counted exactly, what they share then
 * read for the 10 kept only.
 */
export const RAW_RELATED = `${lookup('Article', 'a')}
WITH a, COLLECT { MATCH (a)-[:MENTIONS]->(e:Entity) RETURN e } AS mentioned, COLLECT { MATCH (a)<-[:REPORTED_IN]-(s:Statement) RETURN s } AS reported
RETURN a.title AS title, COLLECT {
  CALL (a) {
    MATCH (a)-[:MENTIONS]->(x:Entity)
    CALL (a, x) {
      MATCH (b:Article)-[m:MENTIONS]->() USING INDEX m:MENTIONS(entity, at)
      WHERE m.entity = x.id AND m.at IS NOT NULL AND m.at <= a.publishedAt AND b <> a
      WITH b, m ORDER BY m.entity DESC, m.at DESC LIMIT $perSide RETURN b
      UNION
      MATCH (b:Article)-[m:MENTIONS]->() USING INDEX m:MENTIONS(entity, at)
      WHERE m.entity = x.id AND m.at IS NOT NULL AND m.at > a.publishedAt AND b <> a
      WITH b, m ORDER BY m.entity, m.at LIMIT $perSide RETURN b
    }
    RETURN b
    UNION
    MATCH (a)<-[:REPORTED_IN]-(:Statement)-[:REPORTED_IN]->(b:Article) WHERE b <> a RETURN b
  }
  WITH a, b, reduce(n = 0, y IN [(b)-[:MENTIONS|REPORTED_IN]-(y) WHERE y IN mentioned OR y IN reported | y] | n + CASE WHEN y IN reported THEN 3 ELSE 1 END) AS score
  ORDER BY score DESC, b.publishedAt DESC, b.id LIMIT $limit
  RETURN {score: score, article: b {.id, .title, .publishedAt},
    sharedEntities: COLLECT { MATCH (a)-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(b) RETURN e {.id, .name} ORDER BY e.name },
    sharedStatements: COLLECT { MATCH (a)<-[:REPORTED_IN]-(s:Statement)-[:REPORTED_IN]->(b) RETURN s {.id} ORDER BY s.at }}
} AS related`;

/**
 * `paths(from, to, maxHops: 4)`: up to 3 shortest paths between two people over every relationship of the model,
 * in the order of the ids along them; each step's relationship type and whether it was walked forward. Rather
 * than sorting every shortest path by all its ids, the paths are narrowed a node at a time, while a node is not
 * the last before the end, to the groups (ids so far, next node) that can hold the first ones: one id read per
 * group. The ends, the same for every path, are left out of the sort.
 */
export const RAW_PATHS = `
MATCH (a:Person {id: $from}), (b:Person {id: $to})
MATCH path = allShortestPaths((a)-[:SAID|ABOUT|REPORTED_IN|MENTIONS|PUBLISHED_BY|WROTE|AFFILIATED_WITH|RESPONDS_TO*..4]-(b))
WITH path, [] AS ids
${[1, 2].map((i) => `WITH ids, CASE WHEN ${i} < length(path) - 1 THEN nodes(path)[${i}] END AS n, collect(path) AS ps
WITH ids + coalesce(n.id, []) AS ids, ps ORDER BY ids LIMIT $limit
UNWIND ps AS path`).join('\n')}
WITH path, [n IN nodes(path)[1..-1] | n.id] AS key ORDER BY key LIMIT $limit
RETURN [n IN nodes(path) | n.id] AS ids, [i IN range(0, length(path) - 1) | {type: type(relationships(path)[i]), forward: startNode(relationships(path)[i]) = nodes(path)[i]}] AS steps`;

/** `articles(filter: {from, to})`: articles published in the date range (their own days), newest first, off the date index. */
export const RAW_ARTICLES = `
MATCH (a:Article) WHERE a.publishedAt >= datetime($from) - duration('PT14H') AND a.publishedAt < datetime($to) + duration('P1DT12H')
  AND date(a.publishedAt) >= date($from) AND date(a.publishedAt) <= date($to)
WITH a, a.publishedAt AS at ORDER BY at DESC, a.id DESC LIMIT $limit
RETURN at, a {.id, .title, publishedAt: at, source: [(a)-[:PUBLISHED_BY]->(o:Organisation) | o {.name}][0]} AS node`;

/**
 * `articles(filter: {mentioning, from, to}) { totalCount … }`: the count and the page both a range read of the
 * entity's MENTIONS date index (each entry's own local day checked).
 */
export const RAW_ARTICLES_MENTIONING = `
MATCH (e:Person {id: $id})
CALL (e) {
  MATCH ()-[r:MENTIONS]->() WHERE r.entity = e.id AND r.at IS NOT NULL${inDays}
  RETURN count(r) AS total
}
RETURN total,
  COLLECT {${newest('(a:Article)-[r:MENTIONS]->()', 'e.id', 'a', '$limit', inDays)}
  RETURN {at: r.at, node: a {.id, .title, publishedAt: r.at}}
} AS rows`;

/**
 * `statements(filter: {from, to}) { totalCount … }`: the graph's statements in a year, counted from its day counts
 * (entity '*'), the page a range read of the date index.
 */
export const RAW_STATEMENTS_YEAR = `
CALL () {
  MATCH (d:DayCount {entity: '*', link: 'STATEMENT'}) WHERE d.day >= date($from) AND d.day <= date($to)
  RETURN sum(d.count) AS total
}
RETURN total,
  COLLECT {
    MATCH (s:Statement) WHERE s.at >= datetime($from) - duration('PT14H') AND s.at < datetime($to) + duration('P1DT12H')
      AND date(s.at) >= date($from) AND date(s.at) <= date($to)
    WITH s, s.at AS at ORDER BY at DESC, s.id DESC LIMIT $limit
    RETURN {at: at, node: s {.id, .text, date: date(at)}}
  } AS rows`;

/** The first page of all statements, newest first, off the date index. */
export const RAW_PAGE_FIRST = `
MATCH (s:Statement) WHERE s.at IS NOT NULL
WITH s, s.at AS at ORDER BY at DESC, s.id DESC LIMIT $limit
RETURN at, s {.id, .text, date: date(at), speaker: [(sp)-[:SAID]->(s) | sp {.name}][0]} AS node`;

/** The page after the last statement seen ($after, $id: its date-time as the driver gave it, and its id). */
export const RAW_PAGE_AFTER = `
MATCH (s:Statement) WHERE s.at <= $after AND (s.at < $after OR s.id < $id)
WITH s, s.at AS at ORDER BY at DESC, s.id DESC LIMIT $limit
RETURN at, s {.id, .text, date: date(at), speaker: [(sp)-[:SAID]->(s) | sp {.name}][0]} AS node`;
