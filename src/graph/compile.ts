import {
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
} from 'graphql';
import { BadInputError, NotFoundError } from '../common/errors.js';
import { type Operation, collectFields } from './collect.js';
import { decodeCursor, encodeCursor, type SortKey } from './cursor.js';
import type { Args, Binding, Build, FieldSpec, Order, Scope, Specs } from './spec.js';

type Decode = (raw: unknown) => unknown;
type Raw = Record<string, unknown>;
const asIs: Decode = (raw) => raw;

export interface Compiled {
  cypher: string;
  /** Shapes what Cypher returned into what GraphQL reads (connections, cursors); `asIs` when nothing is needed. */
  decode: Decode;
  /** `expression AS variable` clauses the enclosing query must run, in order, before evaluating `cypher`. */
  before?: string[];
  /** `cypher` holds an aggregation (count, min, collect …), somewhere inside. */
  aggregates?: boolean;
}

/**
 * Neo4j refuses an aggregation anywhere inside a map expression, and every nested field sits in one. So a field
 * whose Cypher aggregates is evaluated first, in a `WITH *, <its Cypher> AS v` clause of the enclosing subquery,
 * and the map reads `v`; that subquery then aggregates in turn, and so on up to the root.
 */
interface Hoisted {
  expression: string;
  before: string[];
}

const withClauses = (before: readonly string[] = []) => before.map((clause) => ` WITH *, ${clause}`).join('');

/**
 * Compiles a GraphQL selection into a single Cypher expression: scalars become property reads, related objects
 * become COLLECT subqueries, abstract types become a CASE over labels, connections become a keyset-paginated
 * COLLECT (plus a COUNT only when totalCount is selected). Keys of the projected maps are the response keys, so
 * aliases work and the default field resolver reads `source[responseKey]`.
 */
export class SelectionCompiler {
  readonly params: Record<string, unknown> = {};
  private variables = 0;

  constructor(
    private readonly op: Operation,
    private readonly specs: Specs,
    private readonly maxPageSize: number,
  ) {}

  field(parent: GraphQLObjectType, nodes: readonly FieldNode[], scope: Scope, path: string): Compiled {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return { cypher: `'${parent.name}'`, decode: asIs };
    const def = parent.getFields()[name];
    const spec = this.specs[parent.name]?.fields[name];
    if (!def || !spec) throw new Error(`No Cypher mapping for ${parent.name}.${name}`);
    const args = getArgumentValues(def, nodes[0]!, this.op.variableValues);
    const build = this.build(path);
    if (spec.kind === 'value') return { cypher: spec.cypher(scope, args, build), decode: asIs };
    if (spec.kind === 'object') return this.object(def, spec, nodes, spec.bind(scope, args, build), build);
    return this.connection(def, nodes, spec.bind(scope, args, build), args, build);
  }

  private object(
    def: GraphQLField<unknown, unknown>,
    spec: Extract<FieldSpec, { kind: 'object' }>,
    nodes: readonly FieldNode[],
    binding: Binding,
    build: Build,
  ): Compiled {
    const inner = this.selection(getNamedType(def.type), nodes, binding.scope, build.path);
    const list = isListType(getNullableType(def.type));
    const decodeOne: Decode = (raw) => (raw == null ? null : inner.decode(raw));
    const decode: Decode = list ? (raw) => ((raw as unknown[] | null) ?? []).map(decodeOne) : decodeOne;
    // Already bound (an endpoint of the parent's relationship): project in place, no subquery.
    if (!binding.match) return { cypher: inner.cypher, decode, before: inner.before };
    const order = spec.orderBy ? ` ORDER BY ${spec.orderBy(binding.scope)}` : '';
    const limit = list ? (binding.limit ? ` LIMIT ${binding.limit}` : '') : ' LIMIT 1';
    const body = `${binding.match}${where(binding.where)} WITH *${order}${limit}${withClauses(inner.before)} RETURN ${inner.cypher}`;
    const collected: Compiled = {
      cypher: list ? `COLLECT { ${body} }` : `head(COLLECT { ${body} })`,
      decode,
      aggregates: Boolean(spec.aggregates || inner.before?.length),
    };
    if (!binding.requires) return collected;
    const { pattern, message } = binding.requires;
    const found = this.hoist(collected);
    return {
      cypher: `CASE WHEN EXISTS { ${pattern} } THEN {found: ${found.expression}} END`,
      before: found.before,
      decode: (raw) => {
        if (raw == null) throw new NotFoundError(message);
        return decode((raw as Raw).found);
      },
    };
  }

  private hoist(compiled: Compiled): Hoisted {
    if (!compiled.aggregates) return { expression: compiled.cypher, before: compiled.before ?? [] };
    const v = `v${this.variables++}`;
    return { expression: v, before: [...(compiled.before ?? []), `${compiled.cypher} AS ${v}`] };
  }

  private connection(
    def: GraphQLField<unknown, unknown>,
    nodes: readonly FieldNode[],
    binding: Binding & { order: Order },
    args: Args,
    build: Build,
  ): Compiled {
    const first = this.pageSize(args.first, `${build.path}.first`);
    const after = typeof args.after === 'string' ? decodeCursor(args.after, `${build.path}.after`) : null;
    const connType = getNamedType(def.type) as GraphQLObjectType;
    const fields = collectFields(this.op, connType, nodes.map((n) => n.selectionSet));
    const node = binding.scope.node!;
    const { key, direction } = binding.order;

    const edges = [...fields].filter(([, f]) => f[0]!.name.value === 'edges');
    const edgeType = getNamedType(connType.getFields().edges!.type) as GraphQLObjectType;
    const edgePlans: EdgePlan[] = edges.map(([alias, f]) => {
      const edgeFields = collectFields(this.op, edgeType, f.map((n) => n.selectionSet));
      // Cursors are made in JS; the node and any other edge field (a timeline's role, say) come from Cypher.
      const projected = [...edgeFields]
        .filter(([, n]) => !['cursor', '__typename'].includes(n[0]!.name.value))
        .map(([fieldAlias, n]) => {
          const path = `${build.path}.${alias}.${fieldAlias}`;
          const compiled = n[0]!.name.value === 'node'
            ? this.selection(getNamedType(edgeType.getFields().node!.type), n, binding.scope, path)
            : this.field(edgeType, n, binding.scope, path);
          return [fieldAlias, compiled] as const;
        });
      return { alias, edgeFields, projected };
    });
    const rowBefore: string[] = [];
    const row = `{k: ${key}, i: ${node}.id, e: {${edgePlans
      .map((p) => {
        const values = p.projected.map(([a, c]) => {
          const hoisted = this.hoist(c);
          rowBefore.push(...hoisted.before);
          return `\`${a}\`: ${hoisted.expression}`;
        });
        return `\`${p.alias}\`: {${values.join(', ')}}`;
      })
      .join(', ')}}}`;

    const keyset = after ? [keysetCondition(binding.order, node, build.param(after.key), build.param(after.id))] : [];
    const needsRows = [...fields.values()].some((f) => ['edges', 'pageInfo'].includes(f[0]!.name.value));
    const needsTotal = [...fields.values()].some((f) => f[0]!.name.value === 'totalCount');
    const parts: string[] = [];
    const before: string[] = [];
    if (needsRows) {
      const rows = this.hoist({
        cypher:
          `COLLECT { ${binding.match}${where([...(binding.where ?? []), ...keyset])} ` +
          `WITH * ORDER BY ${key} ${direction}, ${node}.id ${direction} LIMIT ${build.int(first + 1)}${withClauses(rowBefore)} RETURN ${row} }`,
        decode: asIs,
        aggregates: rowBefore.length > 0,
      });
      before.push(...rows.before);
      parts.push(`rows: ${rows.expression}`);
    }
    if (needsTotal) parts.push(`total: COUNT { ${binding.match}${where(binding.where)} }`);
    if (binding.requires) parts.push(`found: EXISTS { ${binding.requires.pattern} }`);

    const decode: Decode = (raw) => {
      const { rows = [], total, found } = (raw ?? {}) as { rows?: Raw[]; total?: number; found?: boolean };
      if (found === false) throw new NotFoundError(binding.requires!.message);
      const page = rows.slice(0, first);
      const cursor = (r: Raw | undefined) => (r ? encodeCursor(r.k as SortKey, r.i as string) : null);
      const pageInfo: Raw = {
        __typename: 'PageInfo',
        hasNextPage: rows.length > first,
        hasPreviousPage: after !== null,
        startCursor: cursor(page[0]),
        endCursor: cursor(page.at(-1)),
      };
      const out: Raw = {};
      for (const [alias, f] of fields) {
        const name = f[0]!.name.value;
        if (name === '__typename') out[alias] = connType.name;
        else if (name === 'totalCount') out[alias] = total;
        else if (name === 'pageInfo') out[alias] = pick(pageInfo, collectFields(this.op, pageInfoType(connType), f.map((n) => n.selectionSet)));
        else {
          const plan = edgePlans.find((p) => p.alias === alias)!;
          out[alias] = page.map((r) => edge(r, plan, edgeType.name, cursor(r)));
        }
      }
      return out;
    };
    return { cypher: `{${parts.join(', ')}}`, decode, before };
  }

  /** The projection of one object of `type` (a CASE over labels when the type is an interface). */
  private selection(type: GraphQLNamedType, nodes: readonly FieldNode[], scope: Scope, path: string): Compiled {
    const sets = nodes.map((n) => n.selectionSet);
    if (isObjectType(type)) return this.projection(type, sets, scope, path, false);
    const branches = this.op.schema.getPossibleTypes(type as never).map((t) => {
      const label = this.specs[t.name]?.label;
      if (!label) throw new Error(`${t.name} has no label to tell it apart as ${type.name}`);
      return { name: t.name, label, compiled: this.projection(t, sets, scope, path, true) };
    });
    const cases = branches.map((b) => `WHEN ${scope.node}:${b.label} THEN ${b.compiled.cypher}`).join(' ');
    const byName = new Map(branches.map((b) => [b.name, b.compiled.decode]));
    return {
      cypher: `CASE ${cases} END`,
      before: branches.flatMap((b) => b.compiled.before ?? []),
      decode: (raw) => (raw == null ? null : byName.get((raw as Raw).__typename as string)!(raw)),
    };
  }

  private projection(
    type: GraphQLObjectType,
    sets: readonly (FieldNode['selectionSet'])[],
    scope: Scope,
    path: string,
    withTypename: boolean,
  ): Compiled {
    const entries = [...collectFields(this.op, type, sets)].map(
      ([key, nodes]) => [key, this.field(type, nodes, scope, `${path}.${key}`)] as const,
    );
    if (withTypename) entries.push(['__typename', { cypher: `'${type.name}'`, decode: asIs }]);
    const decoders = entries.filter(([, c]) => c.decode !== asIs);
    const hoisted = entries.map(([key, c]) => [key, this.hoist(c)] as const);
    return {
      cypher: `{${hoisted.map(([key, h]) => `\`${key}\`: ${h.expression}`).join(', ')}}`,
      before: hoisted.flatMap(([, h]) => h.before),
      decode: decoders.length === 0 ? asIs : (raw) => {
        const out = { ...(raw as Raw) };
        for (const [key, c] of decoders) out[key] = c.decode(out[key]);
        return out;
      },
    };
  }

  private pageSize(value: unknown, field: string): number {
    const first = value as number;
    if (!Number.isInteger(first) || first < 0 || first > this.maxPageSize) {
      throw new BadInputError(`${field} must be between 0 and ${this.maxPageSize}, got ${first}.`, field);
    }
    return first;
  }

  private build(path: string): Build {
    const param = (value: unknown) => {
      const name = `p${Object.keys(this.params).length}`;
      this.params[name] = value;
      return `$${name}`;
    };
    return {
      path,
      param,
      int: (value) => param(BigInt(value)),
      variable: () => `v${this.variables++}`,
    };
  }
}

function where(conditions: readonly string[] | undefined): string {
  return conditions?.length ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/**
 * Rows after the cursor. Written as `key <= k AND (key < k OR id < i)` rather than the textbook
 * `key < k OR (key = k AND id < i)`: the planner turns that OR into a union of two seeks and loses the index order,
 * so every page would re-read everything after it; this form is one range seek, read in order.
 */
function keysetCondition(order: Order, node: string, keyParam: string, idParam: string): string {
  const key = order.keyParam ? order.keyParam(keyParam) : keyParam;
  const op = order.direction === 'DESC' ? '<' : '>';
  return `${order.key} ${op}= ${key} AND (${order.key} ${op} ${key} OR ${node}.id ${op} ${idParam})`;
}

function pageInfoType(connType: GraphQLObjectType): GraphQLObjectType {
  return getNamedType(connType.getFields().pageInfo!.type) as GraphQLObjectType;
}

function pick(values: Raw, fields: Map<string, FieldNode[]>): Raw {
  return Object.fromEntries([...fields].map(([alias, f]) => [alias, values[f[0]!.name.value]]));
}

/** One edge of a connection: its cursor and the fields Cypher returned under this edges alias. */
function edge(row: Raw, plan: EdgePlan, typename: string, cursor: string | null): Raw {
  const values = ((row.e as Raw)[plan.alias] ?? {}) as Raw;
  const out: Raw = {};
  for (const [alias, f] of plan.edgeFields) {
    const name = f[0]!.name.value;
    if (name === '__typename') out[alias] = typename;
    else if (name === 'cursor') out[alias] = cursor;
  }
  for (const [alias, compiled] of plan.projected) out[alias] = compiled.decode(values[alias]);
  return out;
}

interface EdgePlan {
  alias: string;
  edgeFields: Map<string, FieldNode[]>;
  projected: readonly (readonly [string, Compiled])[];
}
