import { BadInputError } from '../common/errors.js';
import { ENTITY_LABELS, labelOf } from '../common/ids.js';
import { bound, type Build, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';

/** What a path may walk: every relationship of the model (redirects of merged entities aside). */
const TRAVERSABLE = 'SAID|ABOUT|REPORTED_IN|MENTIONS|PUBLISHED_BY|WROTE|AFFILIATED_WITH|RESPONDS_TO';
const MAX_HOPS = 6;

/**
 * The clauses binding `path` to the shortest paths between the nodes `a` and `b` that can be among the first
 * `limit` (the caller's limit, a parameter) in order of the ids along them (firstInIdOrder); the caller sorts them
 * by byNodeIds. They group rows, so the field binding them `aggregates`. The hop limit is written into the pattern
 * because Cypher takes no parameter there; it is a checked integer, never user text.
 */
export function shortestPaths(a: string, b: string, maxHops: number, limit: string, build: Build): { match: string; path: string } {
  const path = build.variable();
  const all = `MATCH ${path} = allShortestPaths((${a})-[:${TRAVERSABLE}*..${maxHops}]-(${b}))`;
  return { match: `${all} ${firstInIdOrder(path, maxHops, limit, build)}`, path };
}

/**
 * Clauses that keep, of the shortest paths bound to `path`, those that can be among the first `limit` in order
 * of the ids along them; `path` is the only variable they leave.
 *
 * Why: two people who share much are joined by thousands of shortest paths (2,408 of four hops for the
 * benchmark's pair at 20,000 articles), and sorting them all read the id of every node of every path: four
 * fifths of the query's db hits. Paths are narrowed a node at a time instead: grouped by their ids so far and
 * the next node, of which only `limit` groups can hold a first path (every group holds at least one), so each
 * group's node id is read once, and only the paths of the groups kept go on. The last node before the end is left
 * to the sort, which has to read it anyway: grouping by it would cost as much again where paths are short (two
 * hops between two prolific people: tens of thousands of paths, each through a node of its own). All paths have
 * the same length, at most `maxHops`; from their last node but one the groups stay as they are.
 *
 * Every path is held until the first narrowing, so a pair joined by about half a million shortest paths meets the
 * database's memory cap per query (LIMIT_EXCEEDED) before the query timeout.
 */
function firstInIdOrder(path: string, maxHops: number, limit: string, build: Build): string {
  const [ids, node, group] = [build.variable(), build.variable(), build.variable()];
  const levels = Array.from({ length: Math.max(0, maxHops - 2) }, (_, i) =>
    ` WITH ${ids}, CASE WHEN ${i + 1} < length(${path}) - 1 THEN nodes(${path})[${i + 1}] END AS ${node}, collect(${path}) AS ${group}` +
    ` WITH ${ids} + coalesce(${node}.id, []) AS ${ids}, ${group} ORDER BY ${ids} LIMIT ${limit} UNWIND ${group} AS ${path}`,
  );
  return `WITH ${path}, [] AS ${ids}${levels.join('')}`;
}

function hopsArgument(value: unknown, build: Build): number {
  const hops = value as number;
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) {
    throw new BadInputError(`${build.path}.maxHops must be between 1 and ${MAX_HOPS}, got ${hops}.`, `${build.path}.maxHops`);
  }
  return hops;
}

/**
 * Shortest paths come in a stable order: by the ids along them. All of them run from the same node to the same
 * node, so the ends are left out of the key (they would be two more reads per path).
 */
export const byNodeIds = (path: string) => `[n IN nodes(${path})[1..-1] | n.id]`;

/** A property of the step's relationship when it is an affiliation (the explanation of a "worked for" step). */
const affiliationProperty = (name: 'role' | 'since' | 'until'): FieldSpec => ({
  kind: 'value',
  cypher: (s) => `CASE WHEN type(${s.rel}) = 'AFFILIATED_WITH' THEN ${s.rel}.${name} END`,
});

const paths: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const [from, to] = [args.from as string, args.to as string];
    const ends = [from, to].map((id, i) => `:${labelOf(id, `${build.path}.${i ? 'to' : 'from'}`, ENTITY_LABELS)} {id: ${build.param(id)}}`);
    if (from === to) throw new BadInputError(`${build.path}: from and to are the same entity.`, `${build.path}.to`);
    const [a, b] = [build.variable(), build.variable()];
    const maxHops = hopsArgument(args.maxHops, build);
    const limit = sizeParam(build, args.first, 'first', 20);
    const found = shortestPaths(a, b, maxHops, limit, build);
    return {
      match: `MATCH (${a}${ends[0]}), (${b}${ends[1]}) ${found.match}`,
      scope: { path: found.path },
      limit,
      requires: { pattern: `MATCH (${ends[0]}), (${ends[1]})`, message: `No entity with id "${from}" or no entity with id "${to}".` },
    };
  },
  orderBy: (s) => byNodeIds(s.path!),
};

export const pathSpecs: Specs = {
  Query: { fields: { paths } },
  Path: {
    fields: {
      length: { kind: 'value', cypher: (s) => `length(${s.path})` },
      steps: {
        kind: 'object',
        bind: (s, _args, build) => {
          const [i, node, rel] = [build.variable(), build.variable(), build.variable()];
          const p = s.path!;
          return {
            match: `UNWIND range(0, length(${p})) AS ${i} WITH *, nodes(${p})[${i}] AS ${node}, CASE WHEN ${i} > 0 THEN relationships(${p})[${i} - 1] END AS ${rel}`,
            scope: { node, rel, index: i, path: p },
          };
        },
        orderBy: (s) => s.index!,
      },
    },
  },
  PathStep: {
    fields: {
      relationship: { kind: 'value', cypher: (s) => `type(${s.rel})` },
      direction: {
        kind: 'value',
        cypher: (s) => `CASE WHEN ${s.rel} IS NULL THEN null WHEN startNode(${s.rel}) = nodes(${s.path})[${s.index} - 1] THEN 'FORWARD' ELSE 'BACKWARD' END`,
      },
      node: bound(),
      role: affiliationProperty('role'),
      since: affiliationProperty('since'),
      until: affiliationProperty('until'),
    },
  },
};
