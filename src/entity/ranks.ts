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
 * only with its count, which every write of a connection sets (connections.ts, RANKS).
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
 * SET items giving connection `c` from `x` (lo) to `y` (hi) its ranks from its stored counts. A clause of its own
 * after the counts are written, so that it reads them as written.
 */
export const rankAssignments = (x: string, y: string, c: string) =>
  [
    `${c}.loRank = ${key(x, `${c}.weight`, y)}`,
    `${c}.hiRank = ${key(y, `${c}.weight`, x)}`,
    `${c}.loHeard = CASE WHEN ${c}.ba > 0 THEN ${key(x, `${c}.ba`, y)} END`,
    `${c}.hiHeard = CASE WHEN ${c}.ab > 0 THEN ${key(y, `${c}.ab`, x)} END`,
  ].join(', ');

/** The key an entity `e` would have among its own ranks with `count` (topSpeakers: its statements about itself). */
export const ownRank = (e: string, count: string) => key(e, count, e);

/**
 * The two arms of a ranked read: `entity`'s connections `c` to `other`, in `order` ('Rank' or 'Heard'), with a count
 * of at least `atLeast`, the first `first` of each end, each arm ending in a WITH of `c`, `other` and the key (as
 * `rank`) for the caller's RETURN. Each is a range seek of one index read in order; the caller merges the two by
 * `rank` (at most 2 × first rows).
 */
export function rankedArms(order: 'Rank' | 'Heard', entity: string, atLeast: string, first: string, vars: { c: string; other: string; rank: string }) {
  const { c, other, rank } = vars;
  const arm = (end: 'lo' | 'hi') => {
    const property = `${c}.${end}${order}`;
    const pattern = end === 'lo' ? `()-[${c}:CONNECTED]->(${other})` : `(${other})-[${c}:CONNECTED]->()`;
    // Keys of `entity` with a count ≥ atLeast lie between its prefix and the prefix of the count atLeast − 1.
    const from = `${entity}.id + ${SEP}`;
    const below = `${entity}.id + ${SEP} + ${inverted(`${atLeast} - 1`)}`;
    return `MATCH ${pattern} WHERE ${property} > ${from} AND ${property} < ${below} WITH ${c}, ${other}, ${property} AS ${rank} ORDER BY ${rank} LIMIT ${first}`;
  };
  return { lo: arm('lo'), hi: arm('hi') };
}
