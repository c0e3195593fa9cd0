import type { Database } from '../db/database.js';
import { COUNTS, SHARED_WITH_GREATER } from '../entity/connections.js';
import { RANKED_DEGREE, storedKey } from '../entity/ranks.js';
import { ENTITY_DATE_LINKS } from './entity-dates.js';

/**
 * The structures ingestion keeps at write time so that reads stay flat (entity connections and their ranks, day
 * counts, the entity and date on links), each compared with the same thing counted from the graph itself. They are
 * kept by deltas through loads, corrections and merges, so a fault there leaves a wrong count that no read reports:
 * this is how one was found (a statement's moved date, entity/connections.ts). Read-only; it reads the whole graph,
 * so on a large one it takes minutes (the real-news set of 840 articles: a few seconds).
 *
 * Each check returns how many items it compared, how many differed (missing and extra ones included) and one of
 * those, for a look.
 */
export interface CheckResult {
  name: string;
  checked: number;
  wrong: number;
  example: string | null;
}

/** `a` and `b` equal, nulls included (a missing property is no value). */
const same = (a: string, b: string) => `coalesce(toString(${a}), '') = coalesce(toString(${b}), '')`;

/**
 * `a` and `b` the same instant, or both null. Not `=`: an article published at 05:00+05:00 and a statement dated
 * 00:00Z share an instant, and either may be a pair's first date (a write keeps the one it saw first, `min` picks
 * one by offset), but Cypher calls the two unequal.
 */
const sameInstant = (a: string, b: string) => same(`${a}.epochMillis`, `${b}.epochMillis`);

const COUNTED = ['co', 'ab', 'ba'];
const DATES = ['first', 'last', 'abFirst', 'abLast', 'baFirst', 'baLast'];

/** Every pair's CONNECTED against what the two share, counted as the migration that builds them counts it. */
const CONNECTIONS = `
MATCH (x:Entity)
CALL (x) {
  ${SHARED_WITH_GREATER}
  WITH y, ${COUNTS}
  OPTIONAL MATCH (x)-[c:CONNECTED]->(y)
  WITH y, c, c IS NOT NULL AND ${[...COUNTED.map((p) => same(`c.${p}`, p)), ...DATES.map((p) => sameInstant(`c.${p}`, p))].join(' AND ')}
    AND c.weight = co + ab + ba AS exact
  RETURN count(*) AS pairs, count(c) AS stored, count(CASE WHEN NOT exact THEN 1 END) AS wrong,
    head(collect(CASE WHEN NOT exact THEN x.id + ' – ' + y.id END)) AS example
}
WITH sum(pairs) AS pairs, sum(stored) AS stored, sum(wrong) AS wrong, head(collect(example)) AS example
// A connection between two entities that share nothing is one more wrong.
WITH pairs, wrong, example, COUNT { ()-[:CONNECTED]->() } - stored AS extra
RETURN pairs + extra AS checked, wrong + extra AS wrong, example`;

/** An end's rank keys (entity/ranks.ts): present exactly when the end is ranked, built from the counts they have. */
const rankOf = (end: 'lo' | 'hi', entity: string, other: string) => {
  const heard = end === 'lo' ? 'c.ba' : 'c.ab';
  return [
    same(`c.${end}Rank`, `CASE WHEN ${entity}.ranked THEN ${storedKey(entity, 'c.weight', other)} END`),
    same(`c.${end}Heard`, `CASE WHEN ${entity}.ranked AND ${heard} > 0 THEN ${storedKey(entity, heard, other)} END`),
  ].join(' AND ');
};

/** Every connection's ranks, and every entity with RANKED_DEGREE connections or more is ranked. */
const RANKS = `
MATCH (x)-[c:CONNECTED]->(y)
WITH x, y, ${rankOf('lo', 'x', 'y')} AND ${rankOf('hi', 'y', 'x')} AS exact
WITH count(*) AS checked, count(CASE WHEN NOT exact THEN 1 END) AS wrong, head(collect(CASE WHEN NOT exact THEN x.id + ' – ' + y.id END)) AS example
CALL () {
  MATCH (e:Entity) WHERE e.ranked IS NULL AND COUNT { (e)-[:CONNECTED]-() } >= ${RANKED_DEGREE}
  RETURN count(e) AS unranked, head(collect(e.id + ' unranked')) AS hub
}
RETURN checked, wrong + unranked AS wrong, coalesce(example, hub) AS example`;

/**
 * Every day count (graph/day-counts.ts) against the items of its day: statements by, about and by-and-about each
 * entity, all statements and articles, and the articles of entities counted by day. A stored day without items,
 * or with a count of zero, is one more wrong.
 */
const DAY_COUNTS = `
CALL () {
  MATCH (e:Entity)-[:SAID]->(s:Statement) RETURN e.id AS entity, 'SAID' AS link, date(s.at) AS day
  UNION ALL
  MATCH (s:Statement)-[:ABOUT]->(e:Entity) RETURN e.id AS entity, 'ABOUT' AS link, date(s.at) AS day
  UNION ALL
  MATCH (e:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(e) RETURN e.id AS entity, 'SELF' AS link, date(s.at) AS day
  UNION ALL
  MATCH (s:Statement) RETURN '*' AS entity, 'STATEMENT' AS link, date(s.at) AS day
  UNION ALL
  MATCH (a:Article) RETURN '*' AS entity, 'ARTICLE' AS link, date(a.publishedAt) AS day
  UNION ALL
  MATCH (a:Article)-[r:MENTIONS|PUBLISHED_BY]->(e:Entity) WHERE e.articleDays RETURN e.id AS entity, type(r) AS link, date(a.publishedAt) AS day
}
WITH entity, link, day, count(*) AS n
OPTIONAL MATCH (d:DayCount {entity: entity, link: link, day: day})
WITH count(*) AS days, count(d) AS stored, count(CASE WHEN d IS NULL OR d.count <> n THEN 1 END) AS wrong,
  head(collect(CASE WHEN d IS NULL OR d.count <> n THEN entity + ' ' + link + ' ' + toString(day) END)) AS example
WITH days, wrong, example, COUNT { (d:DayCount) } - stored AS extra
RETURN days + extra AS checked, wrong + extra AS wrong, example`;

/** The entity's id and the item's date on every link that carries them (graph/entity-dates.ts). */
const ENTITY_DATES = `CALL () {
${Object.entries(ENTITY_DATE_LINKS)
  .map(([type, { entityAt, date }]) => {
    const [entity, item] = entityAt === 'start' ? ['x', 'y'] : ['y', 'x'];
    return `  MATCH (x)-[r:${type}]->(y) WITH r, ${entity}.id = r.entity AND ${item}.${date} = r.at AS exact, '${type} ' + ${entity}.id AS link
  RETURN count(*) AS checked, count(CASE WHEN NOT coalesce(exact, false) THEN 1 END) AS wrong, head(collect(CASE WHEN NOT coalesce(exact, false) THEN link END)) AS example`;
  })
  .join('\n  UNION ALL\n')}
}
RETURN sum(checked) AS checked, sum(wrong) AS wrong, head(collect(example)) AS example`;

const CHECKS: readonly { name: string; cypher: string }[] = [
  { name: 'connections', cypher: CONNECTIONS },
  { name: 'connection ranks', cypher: RANKS },
  { name: 'day counts', cypher: DAY_COUNTS },
  { name: 'entities and dates on links', cypher: ENTITY_DATES },
];

/** Runs every check, one read each. */
export async function checkGraph(db: Database): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { name, cypher } of CHECKS) {
    const [row] = await db.read(`graph.check.${name.replace(/ /g, '-')}`, cypher);
    results.push({ name, checked: Number(row!.checked), wrong: Number(row!.wrong), example: (row!.example as string | null) ?? null });
  }
  return results;
}
