/**
 * An entity's strongest connections, read in order off an index instead of sorting all of them.
 *
 * `network` and `topSpeakers` want an entity's first few connections by a count, and Neo4j has no index over one
 * node's relationships. Read through the node, a hub's page sorted every one of its connections: 11,000 db hits
 * (10 ms) for a person with 2,700 neighbours at 20,000 articles, and more as the corpus grows. So each CONNECTED
 * also holds its rank seen from each end, as one string that a range index keeps in order across the graph:
 *
 *   <entity id> SEP <inverted count, 12 digits> SEP <other end's name> SEP <other end's id>
 *
 * All of one entity's keys share the prefix `id SEP`, and among them the order of the strings is the order of the
 * list (count descending, then name, then id). A page is then a range seek from that prefix, stopping after `first`
 * entries, whatever the entity's degree. Two properties per order, because the entity may be either end:
 *
 *   loRank / hiRank    the network of lo / of hi, by `weight`
 *   loHeard / hiHeard  the speakers about lo (hi's statements, `ba`) / about hi (lo's, `ab`); null when none
 *
 * SEP is U+0001, below every character of a name, so "Ali" sorts before "Ali Khan" here as it does in Cypher.
 * Names and ids never change (an entity merge deletes the merged one and counts its pairs again), so a key changes
 * only with its count, which every write of a connection sets (connections.ts). Only entities with many
 * connections keep ranks (RANKED_DEGREE); the others' are read whole, which for them costs as little.
 */

/** The separator, as a Cypher string literal. */
const SEP = `'\\u0001'`;
/** Counts are stored as MAX − count, so that ascending strings are descending counts. */
const MAX = 999_999_999_999;

const inverted = (count: string) => `toString(${MAX} - (${count}))`;
const key = (entity: string, count: string, other: string) => `${entity}.id + ${SEP} + ${inverted(count)} + ${SEP} + ${other}.name + ${SEP} + ${other}.id`;

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

/** A connection's counts as Cypher expressions: its stored ones, or those a write is about to store. */
export interface Counts {
  weight: string;
  ab: string;
  ba: string;
}

const stored = (c: string): Counts => ({ weight: `${c}.weight`, ab: `${c}.ab`, ba: `${c}.ba` });

/** `entity`'s ranks on connection `c` to `other`, as SET items; `ranked` says whether to keep them (or remove them). */
const endAssignments = (end: End, entity: string, other: string, c: string, ranked: string, counts: Counts = stored(c)) => {
  const heard = end === 'lo' ? counts.ba : counts.ab;
  return [
    `${c}.${end}Rank = CASE WHEN ${ranked} THEN ${key(entity, counts.weight, other)} END`,
    `${c}.${end}Heard = CASE WHEN ${ranked} AND ${heard} > 0 THEN ${key(entity, heard, other)} END`,
  ];
};

/**
 * SET items giving connection `c` from `x` (lo) to `y` (hi) the ranks of `counts`, at each ranked end. The counts
 * are what the same SET stores, not read back from `c` after it: reading back what the query writes makes Neo4j
 * hold every row before writing any (an Eager): 150 ms more per batch of 10,000 pairs.
 */
export const rankAssignments = (x: string, y: string, c: string, counts: Counts) =>
  [...endAssignments('lo', x, y, c, `${x}.ranked`, counts), ...endAssignments('hi', y, x, c, `${y}.ranked`, counts)].join(', ');

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

/** Marks entity `e` ranked and gives each of its connections its ranks, at whichever end it is. */
function rankAll(e: string): string {
  return (
    `SET ${e}.ranked = true WITH ${e} ` +
    `CALL (${e}) { MATCH (${e})-[c:CONNECTED]->(y) SET ${endAssignments('lo', e, 'y', 'c', 'true').join(', ')} } ` +
    `CALL (${e}) { MATCH (x)-[c:CONNECTED]->(${e}) SET ${endAssignments('hi', e, 'x', 'c', 'true').join(', ')} }`
  );
}

/** The key an entity `e` would have among its own ranks with `count` (topSpeakers: its statements about itself). */
export const ownRank = (e: string, count: string) => key(e, count, e);

/** One arm of a ranked read, and which end of its connections the entity is (`either` for the unranked arm). */
export interface Arm {
  cypher: string;
  end: End | 'either';
}

/**
 * The arms of a ranked read: `entity`'s connections `c` to `other` in `order` ('Rank', by weight, or 'Heard', by
 * statements about the entity), with a count of at least `atLeast`, the first `first` of each arm, each ending in a
 * WITH of `c`, `other` and the key (as `rank`) for the caller's RETURN; the caller merges them by `rank`.
 * A ranked entity's are a range seek of one index per end, read in order. An unranked one (under RANKED_DEGREE
 * connections) has its connections read and the same keys computed.
 */
export function rankedArms(order: 'Rank' | 'Heard', entity: string, atLeast: string, first: string, vars: { c: string; other: string; rank: string }): Arm[] {
  const { c, other, rank } = vars;
  const seek = (end: End): Arm => {
    const property = `${c}.${end}${order}`;
    const pattern = end === 'lo' ? `()-[${c}:CONNECTED]->(${other})` : `(${other})-[${c}:CONNECTED]->()`;
    // Keys of `entity` with a count ≥ atLeast lie between its prefix and the prefix of the count atLeast − 1.
    const from = `${entity}.id + ${SEP}`;
    const below = `${entity}.id + ${SEP} + ${inverted(`${atLeast} - 1`)}`;
    return {
      cypher: `WITH ${entity} WHERE ${entity}.ranked MATCH ${pattern} WHERE ${property} > ${from} AND ${property} < ${below} WITH ${c}, ${other}, ${property} AS ${rank} ORDER BY ${rank} LIMIT ${first}`,
      end,
    };
  };
  const count = order === 'Rank' ? `${c}.weight` : fromEnd(entity, c, 'ba', 'ab');
  const unranked: Arm = {
    cypher:
      `WITH ${entity} WHERE ${entity}.ranked IS NULL MATCH (${entity})-[${c}:CONNECTED]-(${other}) WHERE ${count} >= ${atLeast} ` +
      `WITH ${c}, ${other}, ${key(entity, count, other)} AS ${rank} ORDER BY ${rank} LIMIT ${first}`,
    end: 'either',
  };
  return [seek('lo'), seek('hi'), unranked];
}

/** A property of connection `c` seen from `entity`: `lo` when the entity is its start (the lower id), else `hi`. */
export const fromEnd = (entity: string, c: string, lo: string, hi: string) => `CASE WHEN startNode(${c}) = ${entity} THEN ${c}.${lo} ELSE ${c}.${hi} END`;
