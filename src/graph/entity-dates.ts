import { dayCountTotal } from './day-counts.js';
import type { Binding, Build, FieldSpec, Order, Scope } from './spec.js';

/**
 * The relationships between an entity and the dated items it is linked to carry the entity's id and the item's
 * date (`entity`, `at`), range-indexed together (db/schema.ts), so that one entity's items in date order are a
 * range read of an index, however many it has, rather than a read of all of them and a sort. Ingestion and
 * entity merges keep them (ingest/cypher.ts, entity/merge.ts).
 */
export const ENTITY_DATE_LINKS = {
  /** (entity)-[:SAID]->(statement) */
  SAID: { entityAt: 'start', item: 'Statement', date: 'at' },
  /** (statement)-[:ABOUT]->(entity) */
  ABOUT: { entityAt: 'end', item: 'Statement', date: 'at' },
  /** (article)-[:MENTIONS]->(entity) */
  MENTIONS: { entityAt: 'end', item: 'Article', date: 'publishedAt' },
  /** (article)-[:PUBLISHED_BY]->(organisation) */
  PUBLISHED_BY: { entityAt: 'end', item: 'Article', date: 'publishedAt' },
} as const;

export type EntityDateLink = keyof typeof ENTITY_DATE_LINKS;

/** The SET assignments keeping the link `rel` of `type`, from `start` to `end`, in step with its two ends. */
export function entityDateAssignments(type: EntityDateLink, rel: string, start: string, end: string): string {
  const { entityAt, date } = ENTITY_DATE_LINKS[type];
  const [entity, item] = entityAt === 'start' ? [start, end] : [end, start];
  return `${rel}.entity = ${entity}.id, ${rel}.at = ${item}.${date}`;
}

export interface EntityItems {
  /** Ends in the index hint, so conditions can follow as a WHERE. */
  match: string;
  where: string[];
  /** The relationship's variable: `rel.at` is the item's date. */
  rel: string;
  /**
   * Both index properties in the ORDER BY: the planner reads a composite index in order only when the ORDER BY
   * names its leading property too (a constant here); otherwise it reads every entry and sorts.
   */
  order: Order;
}

/** The items linked to the entity whose id is the Cypher expression `entityId`, bound to `item`, by date. */
export function itemsOf(type: EntityDateLink, entityId: string, item: string, build: Build, direction: Order['direction'] = 'DESC'): EntityItems {
  const rel = build.variable();
  const link = ENTITY_DATE_LINKS[type];
  // No label on the item: the type says what it is, and checking it read the node of every entry (a sixth of the
  // time to count a busy speaker's statements).
  const node = `(${item})`;
  const pattern = link.entityAt === 'start' ? `()-[${rel}:${type}]->${node}` : `${node}-[${rel}:${type}]->()`;
  return {
    match: `MATCH ${pattern} USING INDEX ${rel}:${type}(entity, at)`,
    where: [`${rel}.entity = ${entityId}`, `${rel}.at IS NOT NULL`],
    rel,
    order: { prefix: `${rel}.entity`, key: `${rel}.at`, direction, keyType: 'datetime' },
  };
}

/**
 * The items linked by `type` to the entity in scope, newest first, bound to a new variable. Their totalCount is not
 * a read of every item: statements add up the entity's day counts (graph/day-counts.ts), articles are its degree,
 * which Neo4j keeps per node and type.
 */
export function entitySide(type: EntityDateLink, scope: Scope, build: Build): Binding & { order: Order } {
  const v = build.variable();
  const { match, where, order } = itemsOf(type, `${scope.node}.id`, v, build);
  const total = type === 'SAID' || type === 'ABOUT' ? dayCountTotal(type, `${scope.node}.id`, null, null, build) : degree(type, scope.node!);
  return { match, where, total, scope: { node: v }, order };
}

/** How many `type` links the entity bound to `entity` has: its degree, read without reading the links. */
export function degree(type: EntityDateLink, entity: string): string {
  return ENTITY_DATE_LINKS[type].entityAt === 'start' ? `COUNT { (${entity})-[:${type}]->() }` : `COUNT { (${entity})<-[:${type}]-() }`;
}

/** A connection of the entity in scope's items linked by `type`, newest first. */
export function entityItems(type: EntityDateLink): FieldSpec {
  return { kind: 'connection', bind: (scope, _args, build) => entitySide(type, scope, build) };
}
