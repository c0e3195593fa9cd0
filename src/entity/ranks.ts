/**
 * An entity's strongest connections, read in order off an index instead of sorting all of them.
 *
 * `network` and `topSpeakers` want an entity's first few connections by a count, and Neo4j has no index over one
 * node's relationships. Read through the node, a hub's page sorted every one of its connections: 11,000 db hits
 * (10 ms) for a person with 2,700 neighbours at 20,000 articles, and more as the corpus grows. So each CONNECTED
 * also holds its rank seen from each end, as one string that a range index keeps in order across the graph:
 *
 *   <entity id> SEP <inverted bucket of the count, 12 digits> SEP <other end's name> SEP <other end's id>
 *
 * All of one entity's keys share the prefix `id SEP`, and among them the order of the strings is the order of the
 * list (count descending, then name, then id) up to the bucket: counts under 16 are buckets of their own, and
 * above them a bucket is a power of two and holds the counts up to the next (16–31, 32–63, …). A page takes the
 * first `first` keys from each end's index (range seeks from the prefix), and the `first`-th of them all is where
 * both ends' reads stop: there, or at the end of its bucket when that holds several counts; what they read is then
 * sorted by the exact count.
 *
 * Why buckets: a key is a long string, a record of its own, and building four per pair and setting them cost every
 * write of a pair even when they did not change. Keyed by the exact count, the 200,000 articles of the scale
 * benchmark changed 16.5 million keys (82 per article); by bucket, 6.3 million, and a write whose bucket stays sets
 * its key to itself (rankAssignments). The pair additions for 10,000 heavy pairs at 200k: 950 ms with exact keys,
 * 565 ms now, 435 ms with no ranks. A hub's first pages end in buckets of large counts, which few connections share;
 * a page that ends in a crowded bucket of 16 or more reads that bucket (at most the entity's connections).
 *
 * Two properties per order, because the entity may be either end:
 *
 *   loRank / hiRank    the network of lo / of hi, by `weight`
 *   loHeard / hiHeard  the speakers about lo (hi's statements, `ba`) / about hi (lo's, `ab`); null when none
 *
 * SEP is U+0001, below every character of a name, so "Ali" sorts before "Ali Khan" here as it does in Cypher.
 * Names and ids never change (an entity merge deletes the merged one and counts its pairs again), so a key changes
 * only with its count's bucket, which every write of a connection sets (connections.ts). Only entities with many
 * connections keep ranks (RANKED_DEGREE); the others' are read whole, which for them costs as little.
 */

/** The separator, as a Cypher string literal, and the character after it, which ends a range of keys. */
const SEP = `'\\u0001'`;
const NEXT = `'\\u0002'`;
/**
 * Counts are stored as MAX − count, so that ascending strings are descending counts; a key's part before the name
 * is then the entity's id and PREFIX more characters (SEP and the digits).
 */
const MAX = 999_999_999_999;
const PREFIX = 1 + String(MAX).length;

/** Counts below this are buckets of their own: their keys are in the exact order. */
const EXACT_BELOW = 16;

/**
 * The bucket of a count: itself below EXACT_BELOW, else EXACT_BELOW times the power of two that brings it closest
 * from below. Rounding in `log` may put a power of two in the bucket under it, the same way for every writer, and
 * the buckets still follow the counts' order, which is all a read needs; since log(1) is exactly 0, no count of
 * EXACT_BELOW or more shares a bucket with a smaller one, which is what lets a read treat those as exact.
 */
const bucket = (count: string) =>
  `CASE WHEN ${count} < ${EXACT_BELOW} THEN ${count} ELSE ${EXACT_BELOW} * toInteger(2 ^ floor(log((${count}) / ${EXACT_BELOW}.0) / log(2))) END`;
/** The key a connection is stored under (see the top). */
export const storedKey = (entity: string, count: string, other: string) =>
  `${entity}.id + ${SEP} + toString(${MAX} - ${bucket(count)}) + ${SEP} + ${other}.name + ${SEP} + ${other}.id`;

/** The rank properties, for the schema: one range index each. */
export const RANK_PROPERTIES = ['loRank', 'hiRank', 'loHeard', 'hiHeard'] as const;

/**
 * The degree from which an entity's connections are ranked. Below it, reading all of them and sorting costs a few
 * hundred db hits at most (under a millisecond), while keeping their ranks would cost every write of them index
 * updates (about 20 µs each at commit). Most of a bulk load's pairs join two rarely named entities, or one and a
 * popular one: after the ingestion benchmark, 16,262 network keys are kept for 19,471 pairs instead of 38,942.
 */
export const RANKED_DEGREE = 100;

type End = 'lo' | 'hi';

/** The two orders a connection is ranked in at each end: by weight (`Rank`), by statements about the end (`Heard`). */
export type Order = 'Rank' | 'Heard';
const ORDERS: readonly Order[] = ['Rank', 'Heard'];

/** A connection's counts as Cypher expressions: its stored ones, or those a write is about to store. */
export interface Counts {
  weight: string;
  ab: string;
  ba: string;
}

export const stored = (c: string): Counts => ({ weight: `${c}.weight`, ab: `${c}.ab`, ba: `${c}.ba` });

/** The count of statements about the entity at `end` of a connection: the other end's, `ba` about lo, `ab` about hi. */
export const heardAt = (end: End): 'ab' | 'ba' => (end === 'lo' ? 'ba' : 'ab');

/**
 * `entity`'s ranks on connection `c` to `other`, as SET items; `ranked` says whether to keep them (or remove them).
 * Given the counts the connection had before (`old`), a key whose bucket stays is set to itself, not built again.
 */
const endAssignments = (end: End, entity: string, other: string, c: string, ranked: string, counts: Counts = stored(c), old?: Counts, orders: readonly Order[] = ORDERS) => {
  const heard = heardAt(end);
  const keys: { order: Order; property: string; count: keyof Counts; value: string }[] = [
    { order: 'Rank', property: `${c}.${end}Rank`, count: 'weight', value: `WHEN ${ranked} THEN ${storedKey(entity, counts.weight, other)}` },
    { order: 'Heard', property: `${c}.${end}Heard`, count: heard, value: `WHEN ${ranked} AND ${counts[heard]} > 0 THEN ${storedKey(entity, counts[heard], other)}` },
  ];
  return keys.filter((k) => orders.includes(k.order)).map(({ property, count, value }) => {
    const stays = old ? `WHEN ${ranked} AND ${bucket(old[count])} = ${bucket(counts[count])} THEN ${property} ` : '';
    return `${property} = CASE ${stays}${value} END`;
  });
};

/**
 * SET items giving connection `c` from `x` (lo) to `y` (hi) the ranks of `counts`, at each ranked end (`old`: the
 * counts it had, see above). The counts are what the same SET stores, not read back from `c` after it: reading
 * back what the query writes makes Neo4j hold every row before writing any (an Eager): 150 ms more per batch of
 * 10,000 pairs.
 */
export const rankAssignments = (x: string, y: string, c: string, counts: Counts, old?: Counts, orders: readonly Order[] = ORDERS) =>
  [...endAssignments('lo', x, y, c, `${x}.ranked`, counts, old, orders), ...endAssignments('hi', y, x, c, `${y}.ranked`, counts, old, orders)].join(', ');

/**
 * Entities `$ids` whose connections reached RANKED_DEGREE are marked `ranked`, and each of their connections gets
 * their ranks. Run after every write of connections, in the same transaction: an entity is ranked only with all its
 * connections ranked, and from then on every write of them keeps its ranks (rankAssignments). Its writer holds the
 * entity's lock, which every writer of its pairs must take too.
 */
export const RANK_ENTITIES = `
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE e.ranked IS NULL AND COUNT { (e)-[:CONNECTED]-() } >= ${RANKED_DEGREE}
${rankAll('e')}`;

/** The migration that ranks the entities of an existing graph that have enough connections. */
export const RANK_EXISTING = `
MATCH (e:Entity) WHERE e.ranked IS NULL AND COUNT { (e)-[:CONNECTED]-() } >= ${RANKED_DEGREE}
CALL (e) { ${rankAll('e')} } IN TRANSACTIONS OF 10 ROWS`;

/** The migration that keys ranked entities' connections by bucket, where they were keyed by their exact counts. */
export const REKEY_EXISTING = `
MATCH (e:Entity) WHERE e.ranked
CALL (e) { ${rankAll('e')} } IN TRANSACTIONS OF 10 ROWS`;

/** Marks entity `e` ranked and gives each of its connections its ranks, at whichever end it is. */
function rankAll(e: string): string {
  return (
    `SET ${e}.ranked = true WITH ${e} ` +
    `CALL (${e}) { MATCH (${e})-[c:CONNECTED]->(y) SET ${endAssignments('lo', e, 'y', 'c', 'true').join(', ')} } ` +
    `CALL (${e}) { MATCH (x)-[c:CONNECTED]->(${e}) SET ${endAssignments('hi', e, 'x', 'c', 'true').join(', ')} }`
  );
}

/** One arm of a ranked read, and which end of its connections the entity is (`either` for the unranked arm). */
export interface Arm {
  cypher: string;
  end: End | 'either';
}

/**
 * A ranked read of `entity`'s connections `c` to `other` in `order` ('Rank', by weight, or 'Heard', by statements
 * about the entity) with a count of at least `atLeast`: `bound`, a CALL giving `key`, then `arms`, each ending in a
 * MATCH of `c` and `other` for the caller's RETURN, to be joined by UNION ALL in a CALL importing the entity and
 * `key`. Together the arms hold the first `first` of the list, which the caller sorts (count descending, name, id)
 * and cuts. A ranked entity's are range seeks of one index per end up to `key`: the `first`-th of its keys from
 * both ends together, or the end of that key's bucket when it holds several counts. An unranked one (under
 * RANKED_DEGREE connections) has all its connections read.
 */
export function rankedRead(order: Order, entity: string, atLeast: string, first: string, vars: { c: string; other: string; key: string }) {
  const { c, other, key } = vars;
  const property = (end: End) => `${c}.${end}${order}`;
  const pattern = (end: End) => (end === 'lo' ? `()-[${c}:CONNECTED]->(${other})` : `(${other})-[${c}:CONNECTED]->()`);
  // The entity's keys lie between its id and `id U+0002` (no id is a prefix of another's followed by U+0001); a
  // bucket's, up to `id SEP <12 digits>` followed by U+0002.
  const after = (end: End) => `${property(end)} > ${entity}.id AND ${property(end)}`;
  const firsts = (end: End) =>
    `MATCH ${pattern(end)} WHERE ${entity}.ranked AND ${after(end)} < ${entity}.id + ${NEXT} WITH ${property(end)} AS ${key} ORDER BY ${key} LIMIT ${first} RETURN ${key}`;
  // One row whatever the entity (null when it has no keys), so that the unranked arm still runs. The first-th key
  // is itself the bound when its count is exact (its digits above those of EXACT_BELOW), else its bucket's end.
  const bound =
    `CALL (${entity}) { WITH COLLECT { CALL (${entity}) { ${firsts('lo')} UNION ALL ${firsts('hi')} } ` +
    `WITH ${key} ORDER BY ${key} LIMIT ${first} RETURN ${key} } AS ${key} WITH last(${key}) AS ${key} ` +
    `RETURN CASE WHEN ${key} > ${entity}.id + ${SEP} + '${MAX - EXACT_BELOW + 1}' THEN ${key} ` +
    `ELSE left(${key}, size(${entity}.id) + ${PREFIX}) + ${NEXT} END AS ${key} }`;
  const seek = (end: End): Arm => {
    const count = order === 'Rank' ? `${c}.weight` : `${c}.${heardAt(end)}`;
    return { cypher: `MATCH ${pattern(end)} WHERE ${after(end)} <= ${key} AND ${count} >= ${atLeast}`, end };
  };
  const count = order === 'Rank' ? `${c}.weight` : fromEnd(entity, c, 'ba', 'ab');
  const unranked: Arm = {
    cypher: `MATCH (${entity})-[${c}:CONNECTED]-(${other}) WHERE ${entity}.ranked IS NULL AND ${count} >= ${atLeast}`,
    end: 'either',
  };
  return { bound, arms: [seek('lo'), seek('hi'), unranked] };
}

/** A property of connection `c` seen from `entity`: `lo` when the entity is its start (the lower id), else `hi`. */
export const fromEnd = (entity: string, c: string, lo: string, hi: string) => `CASE WHEN startNode(${c}) = ${entity} THEN ${c}.${lo} ELSE ${c}.${hi} END`;
