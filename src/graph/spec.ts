import { BadInputError } from '../common/errors.js';
import { type Label, labelOf } from '../common/ids.js';
import type { SortKeyType } from './cursor.js';

/**
 * How each GraphQL field maps to Cypher. Every domain describes its types with these specs (see
 * src/<domain>/graph.ts) and the compiler in compile.ts turns a whole GraphQL selection into one Cypher
 * expression, so each root field costs one round trip whatever the nesting.
 */

/** Cypher variable names in play for one object, by role: `{ node: 'v3' }`, or `{ rel: 'v4', person: 'v3', … }`. */
export type Scope = Readonly<Record<string, string>>;

export type Args = Record<string, unknown>;

/** Per-query state: parameters and fresh variable names. Values only ever enter Cypher through `param`. */
export interface Build {
  param(value: unknown): string;
  /** An integer parameter (JS numbers would reach Cypher as floats, which LIMIT rejects). */
  int(value: number): string;
  variable(): string;
  /** Where in the response the field being compiled sits, for error messages (`person.statements`). */
  readonly path: string;
}

/** A pattern binding a child scope from its parent: `MATCH (parent)-[:SAID]->(child:Statement)` and conditions. */
export interface Binding {
  /**
   * Empty when the child is already bound (an end of the parent's relationship): projected in place. Otherwise
   * clauses a WHERE (of `where`, or a cursor's keyset) can follow: ending in MATCH, or in `WITH *` after a CALL.
   */
  match: string;
  where?: string[];
  /**
   * For a totalCount: disjoint parts of the list, as a `match` and its `where` each, whose counts add up to its
   * count, when counting by parts is cheaper (a range of days: graph/days.ts).
   */
  countParts?: { match: string; where?: string[] }[];
  /**
   * For a totalCount: a Cypher expression giving it without reading the list (counts kept at write time), or one
   * built around `counted`, the count of the list (by parts), for lists counted one way or the other.
   */
  total?: string | ((counted: string) => string);
  scope: Scope;
  /** List fields: a Cypher integer parameter capping the items. */
  limit?: string;
  /** A pattern that must exist (the entity a timeline is of), else NOT_FOUND with `message`. */
  requires?: { pattern: string; message: string };
}

/** Keyset order of a connection: a sort key over the child scope, ties broken by the node's id. */
export interface Order {
  /**
   * Leading sort expressions that are the same for every item of the list (the entity a per-entity index is keyed
   * on). They change nothing in the order, but the planner reads a composite index in order only when the ORDER BY
   * names its leading properties too; otherwise it reads every entry and sorts.
   */
  prefix?: string;
  key: string;
  direction: 'ASC' | 'DESC';
  /** What the key holds: a cursor's key is checked against it before reaching Cypher, and compared as one. */
  keyType: SortKeyType;
}

export type FieldSpec =
  | { kind: 'value'; cypher: (scope: Scope, args: Args, build: Build) => string }
  | {
      kind: 'object';
      bind: (scope: Scope, args: Args, build: Build) => Binding;
      /** List fields: the order of items, over the child scope. */
      orderBy?: (scope: Scope) => string;
      /** Root lookups: the NOT_FOUND message when nothing matches. */
      notFound?: (args: Args) => string;
      /** The binding aggregates (count, min, …): the compiler then evaluates it outside any map (compile.ts). */
      aggregates?: boolean;
    }
  | { kind: 'connection'; bind: (scope: Scope, args: Args, build: Build) => Binding & { order: Order; paged?: (page: Page) => string } };

/**
 * What a connection's page asks of a binding that can page inside itself (`paged`, used instead of `match` for the
 * rows; `match` still counts). A union of arms is one: each arm reads its own index in order, applies the cursor
 * and stops at the page size, so the union holds at most arms × (first + 1) rows instead of every item of each.
 */
export interface Page {
  /** The cursor's keyset conditions over an arm's own order and node (none on the first page). */
  after(order: Order, node: string): string[];
  /** The ORDER BY list of an arm's order. */
  orderBy(order: Order, node: string): string;
  /** The row limit (first + 1), an integer parameter. */
  limit: string;
  /** The cursor's sort key as a Cypher value (a date-time already parsed), when the page follows a cursor. */
  key?: string;
  /** Whether the connection's totalCount is asked for too (which reads every item anyway). */
  counted: boolean;
}

export interface TypeSpec {
  /** Node types: the label that tells them apart where the schema says Node or Entity. */
  label?: string;
  fields: Record<string, FieldSpec>;
}

export type Specs = Record<string, TypeSpec>;

/** Shorthand for a stored property of the node in scope. */
export const property = (name: string): FieldSpec => ({ kind: 'value', cypher: (s) => `${s.node}.${name}` });

/** Shorthand for a list property that is never null. */
export const listProperty = (name: string): FieldSpec => ({
  kind: 'value',
  cypher: (s) => `coalesce(${s.node}.${name}, [])`,
});

/** Objects reached from the node in scope by `pattern(parent, child)`, e.g. `(${parent})-[:ABOUT]->(${child})`. */
export function related(pattern: (parent: string, child: string) => string, orderBy?: (child: string) => string): FieldSpec {
  return {
    kind: 'object',
    bind: (scope, _args, build) => {
      const v = build.variable();
      return { match: `MATCH ${pattern(scope.node!, v)}`, scope: { node: v } };
    },
    ...(orderBy ? { orderBy: (scope: Scope) => orderBy(scope.node!) } : {}),
  };
}

/** The object is one already bound in the parent's scope (an end of a relationship, a search hit's node). */
export const bound = (role = 'node'): FieldSpec => ({ kind: 'object', bind: (scope) => ({ match: '', scope: { node: scope[role]! } }) });

/**
 * A root lookup by id on one label: an index seek, NOT_FOUND when absent, BAD_USER_INPUT for another kind's
 * id. Ids of entities merged into another (mergeEntities) resolve to the survivor through its Redirect node.
 */
export function byId(label: Label): FieldSpec {
  return {
    kind: 'object',
    bind: (_scope, args, build) => {
      const id = args.id as string;
      labelOf(id, `${build.path}.id`, [label]);
      const [v, p] = [build.variable(), build.param(id)];
      // The trailing label check tells the planner what the union returns; without it, later patterns may be
      // expanded from the wrong end (measured: 213M db hits against 8M for one network on a busy person).
      return {
        match: `CALL () { MATCH (${v}:${label} {id: ${p}}) RETURN ${v} UNION MATCH (:Redirect {id: ${p}})-[:MERGED_INTO]->(${v}:${label}) RETURN ${v} } WITH * WHERE ${v}:${label}`,
        scope: { node: v },
      };
    },
    notFound: (args) => `No ${label.toLowerCase()} with id "${args.id}".`,
  };
}

/** A list size argument (`first`) checked against its bounds and passed as an integer parameter. */
export function sizeParam(build: Build, value: unknown, name: string, max = 100, min = 1): string {
  const n = value as number;
  const field = `${build.path}.${name}`;
  if (!Number.isInteger(n) || n < min || n > max) throw new BadInputError(`${field} must be between ${min} and ${max}, got ${n}.`, field);
  return build.int(n);
}
