/**
 * An entity's network (network.ts) read from what it is made of grows with the entity's articles and statements:
 * 190 ms for a speaker of 11,000 statements. So each pair of entities that share anything holds one `CONNECTED`
 * relationship, kept by every write that changes what they share, and the network is a read of the entity's
 * connections, however many articles lie behind them.
 *
 *   (lo:Entity)-[:CONNECTED {key, co, ab, ba, weight, first, last, abFirst, abLast, baFirst, baLast}]->(hi:Entity)
 *                                                                                         lo.id < hi.id
 *
 * `co`: articles mentioning both; `ab`: statements by lo about hi; `ba`: by hi about lo; `weight` their sum;
 * `first`/`last`: the earliest and latest date among them (article publication, statement `at`); `abFirst` …
 * `baLast`: those of each direction's statements alone, for topSpeakers. `key` is "lo.id|hi.id", unique (a
 * relationship uniqueness constraint), so concurrent writers cannot make a pair twice. `loRank` … `hiHeard` are
 * the pair's place in each ranked end's network and speakers, which every write here sets with the counts (ranks.ts).
 *
 * An article connects at most CO_MENTIONED_MAX of the entities it mentions (the rest are only listed: their
 * MENTIONS carries `connects: false`), since its pairs grow with the square of its entities (see below).
 *
 * New articles and statements add to their pairs' counts (ADD_CONNECTIONS, and ADD_CO_MENTIONS for pairs that only
 * share articles). A new version of an article on the same day adds the pairs it gained and takes away those it
 * lost, and the statements it deleted (SUBTRACT_CONNECTIONS); what moves a date or merges entities has the pair
 * counted again from the graph (RECOUNT_CONNECTIONS), which is exact and rarer.
 */
import { int } from 'neo4j-driver';
import { KEEP_PLAN } from '../db/keep-plan.js';
import { Positions } from '../db/positions.js';
import { type Order, rankAssignments, stored } from './ranks.js';

/**
 * The most entities an article connects by co-mention: those its statements are by or about first, then the rest in
 * the order it mentions them (ingest/plan.ts). Pairs grow with the square of an article's entities: a real article
 * listing 265 people made 34,980 pairs and needed nearly all the 256 MiB a transaction may hold on the local Neo4j,
 * and a valid document of 400 could not be loaded at all. Fifty make at most 1,225 pairs; articles of real news
 * mention 23 at the median and 46 at the 90th percentile (the English development set), so most connect them all.
 */
export const CO_MENTIONED_MAX = 50;

/**
 * One pair's additions: ids in order (lo < hi), counts, and the earliest and latest date (ISO) of what was added,
 * overall and of each direction's statements (null when it added none).
 */
export interface ConnectionDelta {
  lo: string;
  hi: string;
  co: number;
  ab: number;
  ba: number;
  first: string;
  last: string;
  abFirst: string | null;
  abLast: string | null;
  baFirst: string | null;
  baLast: string | null;
}

/** The first and last date properties of each direction's statements. */
const SAID_DATES = { ab: ['abFirst', 'abLast'], ba: ['baFirst', 'baLast'] } as const;

/** The instant of an ISO date or date-time as Neo4j prints it (a zone name in brackets adds nothing to it). */
const instant = (iso: string) => Date.parse(iso.replace(/\[.*\]$/, ''));

/** An unordered pair of entity ids, lo < hi. */
export type Pair = readonly [lo: string, hi: string];

export const pairOf = (a: string, b: string): Pair => (a < b ? [a, b] : [b, a]);

/** A pair as one string: "lo|hi", as a connection's `key` holds it. */
export const pairKey = ([lo, hi]: Pair): string => `${lo}|${hi}`;

/** Sums events into one delta per pair, sorted by pair so writers lock pairs in one order and cannot deadlock. */
export class ConnectionDeltas {
  private readonly byPair = new Map<string, ConnectionDelta>();
  /** The instant of each date seen: a batch of 500 articles adds to about 10,000 pairs, from a few hundred dates. */
  private readonly instants = new Map<string, number>();

  /** An article mentioning all of `entities` (ids, repeats ignored), published at `date`. */
  article(entities: readonly string[], date: string): void {
    const ids = [...new Set(entities)].sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) this.add(ids[i]!, ids[j]!, 'co', date);
  }

  /** An article connecting each of `pairs` (each once), published at `date`. */
  pairs(pairs: readonly Pair[], date: string): void {
    for (const [lo, hi] of pairs) this.add(lo, hi, 'co', date);
  }

  /** A statement by `speakers` about `targets`, dated `date`; one about its own speaker connects nothing. */
  statement(speakers: readonly string[], targets: readonly string[], date: string): void {
    for (const s of new Set(speakers)) {
      for (const t of new Set(targets)) if (s !== t) this.add(...pairOf(s, t), s < t ? 'ab' : 'ba', date);
    }
  }

  rows(): ConnectionDelta[] {
    return [...this.byPair.values()].sort((a, b) => (a.lo === b.lo ? (a.hi < b.hi ? -1 : 1) : a.lo < b.lo ? -1 : 1));
  }

  private add(lo: string, hi: string, count: 'co' | 'ab' | 'ba', date: string): void {
    const key = `${lo}|${hi}`;
    let delta = this.byPair.get(key);
    if (!delta) {
      delta = { lo, hi, co: 0, ab: 0, ba: 0, first: date, last: date, abFirst: null, abLast: null, baFirst: null, baLast: null };
      this.byPair.set(key, delta);
    }
    delta[count]++;
    const at = this.instant(date);
    if (at < this.instant(delta.first)) delta.first = date;
    if (at > this.instant(delta.last)) delta.last = date;
    if (count === 'co') return;
    const [first, last] = SAID_DATES[count];
    if (delta[first] === null || at < this.instant(delta[first])) delta[first] = date;
    if (delta[last] === null || at > this.instant(delta[last])) delta[last] = date;
  }

  private instant(date: string): number {
    let at = this.instants.get(date);
    if (at === undefined) this.instants.set(date, (at = instant(date)));
    return at;
  }
}

/** The counts of a connection, and its date properties: overall, then of each direction's statements. */
const COUNTED = ['co', 'ab', 'ba'] as const;
const DATE_PROPERTIES = ['first', 'last', ...Object.values(SAID_DATES).flat()] as const;
type Counted = (typeof COUNTED)[number];
type DateProperty = (typeof DATE_PROPERTIES)[number];

/**
 * What the rows of an addition query carry: the counts and dates they add. Pairs that only share articles (most of a
 * batch's: an article of six entities makes fifteen) add to `co`, `first` and `last` alone, and their query neither
 * reads nor sets the statement counts, their dates and their ranks (`Heard`), which they leave as they are.
 */
interface Layout {
  counted: readonly Counted[];
  dates: readonly DateProperty[];
  /** The ranks the rows may move (ranks.ts): by statements about an end (`Heard`) only with `ab` and `ba`. */
  orders: readonly Order[];
}
const SAID_LAYOUT: Layout = { counted: COUNTED, dates: DATE_PROPERTIES, orders: ['Rank', 'Heard'] };
const CO_LAYOUT: Layout = { counted: ['co'], dates: ['first', 'last'], orders: ['Rank'] };

/** Where a delta query's row (deltaParams) holds each of a layout's columns, and the date of a date column. */
function rowColumns({ counted, dates }: Layout) {
  const row = ['lo', 'hi', ...counted, ...dates];
  const column = (name: string) => `row[${row.indexOf(name)}]`;
  return { column, date: (property: DateProperty) => `dates[${column(property)}]` };
}

/**
 * ingest.connections.add (rows of SAID_LAYOUT) and ingest.connections.addCoMentions (CO_LAYOUT): add each pair's new
 * articles and statements. A row lists, by position, where its ends are in the query's `ids` and `nodes`, its
 * counts, and where its dates are in `dates` (null when it has none of that kind). Its ends come by element id
 * (`nodes`: the batch has just written them). A pair new to the graph is created with the row's values (a
 * concurrent writer creating it too collides on the key's constraint, and ingest retries); an existing one adds the
 * row's counts and widens its dates in place.
 *
 * No lock of its own is needed before the counts are read: every writer of a pair holds both its entities'
 * locks by then (an ingest takes them first, in mergeEntities; an entity merge writes the survivor before it
 * counts), so additions to one pair come one after the other. Plain ON CREATE / ON MATCH, without a lock and the
 * per-property subqueries that skipped unchanged values, cut this query by a fifth (about 10,000 pairs per batch
 * of 500 articles: 720 → 545 ms) and the batch by 13 %; setting a property to the value it has costs little.
 *
 * Parameters (connectionAdditions): each entity and each date once, the dates parsed once per batch, and a row per
 * pair as a list of positions and counts, not a map of strings: 11,000 pairs of a batch name about 2,000 entities
 * and a few hundred dates, and as maps they were 4 MB of keys, ids and dates to encode and decode.
 */
function additionQuery(layout: Layout): string {
  const { counted, dates, orders } = layout;
  const { column, date } = rowColumns(layout);
  const count = (name: Counted) => (counted.includes(name) ? column(name) : '0');
  const added = counted.map(column).join(' + ');
  const widen = (property: DateProperty) => {
    const [value, op] = [date(property), property === 'first' || property.endsWith('First') ? '<' : '>'];
    return `c.${property} = CASE WHEN ${column(property)} IS NOT NULL AND (c.${property} IS NULL OR ${value} ${op} c.${property}) THEN ${value} ELSE c.${property} END`;
  };
  return `${KEEP_PLAN}
WITH [d IN $dates | datetime(d)] AS dates
UNWIND $rows AS row
MATCH (x) WHERE elementId(x) = $nodes[${column('lo')}]
MATCH (y) WHERE elementId(y) = $nodes[${column('hi')}]
MERGE (x)-[c:CONNECTED {key: $ids[${column('lo')}] + '|' + $ids[${column('hi')}]}]->(y)
ON CREATE SET ${COUNTED.map((n) => `c.${n} = ${count(n)}`).join(', ')}, c.weight = ${added},
  ${dates.map((p) => `c.${p} = ${date(p)}`).join(', ')},
  ${rankAssignments('x', 'y', 'c', { weight: added, ab: count('ab'), ba: count('ba') }, undefined, orders)}
ON MATCH SET ${rankAssignments('x', 'y', 'c', { weight: `c.weight + ${added}`, ab: `c.ab + ${count('ab')}`, ba: `c.ba + ${count('ba')}` }, stored('c'), orders)},
  c.weight = c.weight + ${added}, ${counted.map((n) => `c.${n} = c.${n} + ${column(n)}`).join(', ')},
  ${dates.map(widen).join(',\n  ')}`;
}

export const ADD_CONNECTIONS = additionQuery(SAID_LAYOUT);
export const ADD_CO_MENTIONS = additionQuery(CO_LAYOUT);

/**
 * The queries, with their parameters, that add a batch's pairs (`node` gives each entity's element id): pairs that
 * only share articles go to ADD_CO_MENTIONS, the others to ADD_CONNECTIONS; none is in both.
 */
export function connectionAdditions(deltas: readonly ConnectionDelta[], node: (id: string) => string): { cypher: string; params: DeltaParams }[] {
  const [coOnly, said]: ConnectionDelta[][] = [[], []];
  for (const d of deltas) (d.ab === 0 && d.ba === 0 ? coOnly : said).push(d);
  const query = (cypher: string, rows: ConnectionDelta[], layout: Layout) => {
    const params = deltaParams(rows, layout);
    return { cypher, params: { ...params, nodes: params.ids.map(node) } };
  };
  return [query(ADD_CO_MENTIONS, coOnly, CO_LAYOUT), query(ADD_CONNECTIONS, said, SAID_LAYOUT)].filter((q) => q.params.rows.length > 0);
}

/** A delta query's parameters: each entity (`ids`, and `nodes` for additions) and date once, rows of positions. */
type DeltaParams = { ids: string[]; nodes?: string[]; dates: string[]; rows: unknown[][] };

function deltaParams(deltas: readonly ConnectionDelta[], layout: Layout): DeltaParams {
  const [entities, dates] = [new Positions(), new Positions()];
  const rows = deltas.map((d) => [
    entities.of(d.lo),
    entities.of(d.hi),
    ...layout.counted.map((n) => int(d[n])),
    ...layout.dates.map((p) => (d[p] === null ? null : dates.of(d[p]))),
  ]);
  return { ids: entities.values, dates: dates.values, rows };
}

/** The properties of a pair counted from rows of `kind` (0 an article, 1 a statement ab, 2 one ba) and `at`. */
export const COUNTS = `sum(CASE kind WHEN 0 THEN 1 ELSE 0 END) AS co, sum(CASE kind WHEN 1 THEN 1 ELSE 0 END) AS ab,
    sum(CASE kind WHEN 2 THEN 1 ELSE 0 END) AS ba, min(at) AS first, max(at) AS last,
    min(CASE kind WHEN 1 THEN at END) AS abFirst, max(CASE kind WHEN 1 THEN at END) AS abLast,
    min(CASE kind WHEN 2 THEN at END) AS baFirst, max(CASE kind WHEN 2 THEN at END) AS baLast`;

/** Sets a pair's connection `c` (from `x` to `y`) to the counts of COUNTS, and its ranks to match. */
const SET_COUNTS = `SET c.co = co, c.ab = ab, c.ba = ba, c.weight = co + ab + ba, c.first = first, c.last = last,
    c.abFirst = abFirst, c.abLast = abLast, c.baFirst = baFirst, c.baLast = baLast,
    ${rankAssignments('x', 'y', 'c', { weight: 'co + ab + ba', ab: 'ab', ba: 'ba' })}`;

/** What two bound entities `x` and `y` share, counted from the graph (COUNTS). */
const COUNT_PAIR = `CALL (x, y) {
  CALL (x, y) {
    MATCH (x)<-[m:MENTIONS]-(a:Article)-[n:MENTIONS]->(y) WHERE m.connects IS NULL AND n.connects IS NULL RETURN 0 AS kind, a.publishedAt AS at
    UNION ALL
    MATCH (x)-[:SAID]->(s:Statement)-[:ABOUT]->(y) RETURN 1 AS kind, s.at AS at
    UNION ALL
    MATCH (y)-[:SAID]->(s:Statement)-[:ABOUT]->(x) RETURN 2 AS kind, s.at AS at
  }
  RETURN ${COUNTS}
}`;

/** Writes the counts of COUNT_PAIR on the pair's connection, or removes it when they share nothing any more. */
const STORE_PAIR = `
OPTIONAL MATCH (x)-[old:CONNECTED]->(y)
CALL (old, co, ab, ba) { WITH old WHERE old IS NOT NULL AND co + ab + ba = 0 DELETE old }
WITH * WHERE co + ab + ba > 0
MERGE (x)-[c:CONNECTED {key: x.id + '|' + y.id}]->(y)
${SET_COUNTS}`;

/** ingest.connections.recount: the pairs `$pairs` ([lo, hi], sorted) counted again from the graph. */
export const RECOUNT_CONNECTIONS = `${KEEP_PLAN}
UNWIND $pairs AS pair
MATCH (x:Entity {id: pair[0]})
MATCH (y:Entity {id: pair[1]})
${COUNT_PAIR}${STORE_PAIR}`;

/**
 * ingest.connections.subtract: takes away what a new version of an article no longer adds to its pairs (the pairs
 * it stopped connecting, the statements it deleted), rows as connectionSubtraction lays them out (SAID_LAYOUT, by
 * id: an end may be no entity of the batch). Counts go down in place, and a pair left with nothing is deleted. A
 * minimum or maximum date cannot be taken away: where what goes held one of the pair's dates (or the counts do not
 * add up), the pair is counted again from the graph instead (COUNT_PAIR), as RECOUNT_CONNECTIONS does.
 *
 * Its writer locks both ends first (LOCK_ENTITIES, entity/lock.ts): an end need not be one of the batch's entities,
 * and a writer adding to the pair meanwhile, which holds both, would otherwise add to counts read before its own.
 * Runs after the additions, so that a pair counted again here is not added to twice.
 */
export const SUBTRACT_CONNECTIONS = (() => {
  const { column, date } = rowColumns(SAID_LAYOUT);
  // A date taken away was one of the pair's, so it cannot lie beyond them: "at or beyond" is "was the pair's own".
  const held = (first: DateProperty, last: DateProperty) => `${date(first)} <= c.${first} OR ${date(last)} >= c.${last}`;
  const left = { weight: 'co + ab + ba', ab: 'ab', ba: 'ba' };
  return `${KEEP_PLAN}
WITH [d IN $dates | datetime(d)] AS dates
UNWIND $rows AS row
MATCH (x:Entity {id: $ids[${column('lo')}]})
MATCH (y:Entity {id: $ids[${column('hi')}]})
OPTIONAL MATCH (x)-[c:CONNECTED]->(y)
WITH x, y, c, c.co - ${column('co')} AS co, c.ab - ${column('ab')} AS ab, c.ba - ${column('ba')} AS ba, row, dates
WITH x, y, c, co, ab, ba, coalesce(co < 0 OR ab < 0 OR ba < 0 OR (co + ab + ba > 0 AND (${held('first', 'last')}
  OR (${column('abFirst')} IS NOT NULL AND (${held('abFirst', 'abLast')}))
  OR (${column('baFirst')} IS NOT NULL AND (${held('baFirst', 'baLast')})))), true) AS again
CALL (c, co, ab, ba, again) { WITH c WHERE NOT again AND co + ab + ba = 0 DELETE c }
CALL (x, y, c, co, ab, ba, again) {
  WITH x, y, c, co, ab, ba WHERE NOT again AND co + ab + ba > 0
  SET ${rankAssignments('x', 'y', 'c', left, stored('c'))}, c.co = co, c.ab = ab, c.ba = ba, c.weight = co + ab + ba
}
CALL (x, y, again) { WITH x, y WHERE again ${COUNT_PAIR}${STORE_PAIR} }`;
})();

/** SUBTRACT_CONNECTIONS's parameters for `deltas`, what is taken away from each pair. */
export const connectionSubtraction = (deltas: readonly ConnectionDelta[]): DeltaParams => deltaParams(deltas, SAID_LAYOUT);

/** Every pair sorted, once. */
export function sortedPairs(pairs: Iterable<Pair>): Pair[] {
  const unique = new Map([...pairs].filter(([a, b]) => a !== b).map((p) => [pairKey(p), p] as const));
  return [...unique.keys()].sort().map((k) => unique.get(k)!);
}

/** All pairs among `ids`. */
export function pairsAmong(ids: readonly string[]): Pair[] {
  const unique = [...new Set(ids)].sort();
  return unique.flatMap((a, i) => unique.slice(i + 1).map((b) => [a, b] as const));
}

/**
 * What entity `x` shares with each entity `y` of a greater id, from the graph: rows of `y`, `kind` and `at` for
 * COUNTS (the migration below, and graph/check.ts).
 */
export const SHARED_WITH_GREATER = `CALL (x) {
    MATCH (x)<-[m:MENTIONS]-(a:Article)-[n:MENTIONS]->(y:Entity) WHERE x.id < y.id AND m.connects IS NULL AND n.connects IS NULL
    RETURN y, 0 AS kind, a.publishedAt AS at
    UNION ALL
    MATCH (x)-[:SAID]->(s:Statement)-[:ABOUT]->(y:Entity) WHERE x.id < y.id RETURN y, 1 AS kind, s.at AS at
    UNION ALL
    MATCH (y:Entity)-[:SAID]->(s:Statement)-[:ABOUT]->(x) WHERE x.id < y.id RETURN y, 2 AS kind, s.at AS at
  }`;

/**
 * The migration that builds every connection of a graph written before connections existed: entity by entity,
 * what it shares with each entity of a greater id, counted in one pass over its links (idempotent, so an
 * interrupted run is finished by the next start).
 */
export const BUILD_CONNECTIONS = `
MATCH (x:Entity)
CALL (x) {
  ${SHARED_WITH_GREATER}
  WITH x, y, ${COUNTS}
  MERGE (x)-[c:CONNECTED {key: x.id + '|' + y.id}]->(y)
  ${SET_COUNTS}
} IN TRANSACTIONS OF 20 ROWS`;

/** What one ingest batch wrote, by entity id, as connections need it. */
export interface BatchWrites {
  /** `sameDate`: an existing article whose date did not change; `mentions`: the entities it connects (CO_MENTIONED_MAX). */
  articles: readonly { created: boolean; sameDate?: boolean; publishedAt: string; mentions: readonly string[] }[];
  /**
   * `sameDate`, `saidBefore` and `aboutBefore`: an existing statement's date did not move, and who said it and what
   * it was about before; `speakers` and `about` are this batch's, which it adds to those (links only accumulate).
   */
  statements: readonly {
    created: boolean;
    sameDate?: boolean;
    saidBefore?: readonly string[];
    aboutBefore?: readonly string[];
    at: string;
    speakers: readonly string[];
    about: readonly string[];
  }[];
  /**
   * Per article, in the order of `articles` (absent for new ones): what its old version connected, and the statements
   * it dropped that were deleted (`now` null) or moved to another date (ingest/cypher.ts CLEAR_ARTICLES).
   */
  cleared: readonly ({ mentioned: readonly string[]; dropped: readonly (readonly [by: readonly string[], about: readonly string[], was: string, now: string | null])[] } | undefined)[];
}

/**
 * New articles and statements are added to their pairs. A new version of an article on the same day adds to the
 * pairs it connects and did not, and takes away from those it connected and no longer does (a corrected name: the
 * pairs of that name, not the square of all the article's; nothing when it connects the same entities); the
 * statements it deleted are taken away. What moved to another date has the pairs it touches, before and after,
 * counted again. An article or statement that came back unchanged (a re-load) touches nothing.
 */
export function batchConnections(batch: BatchWrites): { add: ConnectionDelta[]; subtract: ConnectionDelta[]; recount: Pair[] } {
  const [deltas, removals] = [new ConnectionDeltas(), new ConnectionDeltas()];
  const recount: Pair[] = [];
  batch.articles.forEach((a, i) => {
    if (a.created) return deltas.article(a.mentions, a.publishedAt);
    const old = batch.cleared[i];
    if (a.sameDate && old) {
      const [before, now] = [pairKeys(old.mentioned), pairKeys(a.mentions)];
      deltas.pairs([...now].filter(([key]) => !before.has(key)).map(([, pair]) => pair), a.publishedAt);
      removals.pairs([...before].filter(([key]) => !now.has(key)).map(([, pair]) => pair), a.publishedAt);
    } else recount.push(...pairsAmong(a.mentions), ...(old ? pairsAmong(old.mentioned) : []));
    for (const [by, about, was, now] of old?.dropped ?? []) {
      // Deleted: taken away. Moved (an undated statement following its earliest article): counted again, since its
      // ends need not be the batch's entities, which is what the additions are written for.
      if (now === null) removals.statement(by, about, was);
      else recount.push(...statementPairs(by, about));
    }
  });
  for (const s of batch.statements) {
    if (s.created) {
      deltas.statement(s.speakers, s.about, s.at);
      continue;
    }
    // An existing statement is by and about all it was and all this batch says: a report may name only the speaker
    // (its target is another article's), so a date that moved touches the pairs of the links it had before.
    const [saidBefore, aboutBefore] = [s.saidBefore ?? [], s.aboutBefore ?? []];
    const pairs = statementPairs([...new Set([...saidBefore, ...s.speakers])], [...new Set([...aboutBefore, ...s.about])]);
    const before = new Set(statementPairs(saidBefore, aboutBefore).map(pairKey));
    // Its ends need not be the batch's entities, so a speaker or target it gained has its pairs counted again too.
    recount.push(...(s.sameDate ? pairs.filter((p) => !before.has(pairKey(p))) : pairs));
  }
  return { add: deltas.rows(), subtract: removals.rows(), recount: sortedPairs(recount) };
}

/** The pairs a statement by `speakers` about `targets` connects (none with itself). */
const statementPairs = (speakers: readonly string[], targets: readonly string[]): Pair[] =>
  speakers.flatMap((speaker) => targets.filter((t) => t !== speaker).map((target) => pairOf(speaker, target)));

/** All pairs among `ids`, by key. */
const pairKeys = (ids: readonly string[]) => new Map(pairsAmong(ids).map((p) => [pairKey(p), p] as const));
