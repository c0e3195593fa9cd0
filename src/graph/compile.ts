import {
  type FieldNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLOutputType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { BadInputError, LimitExceededError, NotFoundError } from '../common/errors.js';
import { type Branch, type Operation, collectAbstractFields, collectFields } from './collect.js';
import { decodeCursor, encodeCursor, type SortKey } from './cursor.js';
import type { Args, Binding, Build, FieldSpec, Order, Page, Scope, Specs } from './spec.js';

/** Shapes a raw value; `parent` is the object holding it, whose `__typename` picks a per-type branch's shape. */
type Decode = (raw: unknown, parent?: Raw) => unknown;
type Raw = Record<string, unknown>;
type SelectionSet = FieldNode['selectionSet'];
type Entry = readonly [key: string, compiled: Compiled];
const asIs: Decode = (raw) => raw;

/**
 * The largest Cypher the compiler builds, checked as it grows: the last line of defence against selections that
 * multiply (aliases times fragments), after the depth and cost limits. About 40 times the largest selection the
 * tests and README use (2,600 characters, six levels across lists and interfaces), and interface fields nested
 * 30 deep fit (12,000 to 27,000). It does not bound Neo4j's planning, which grows faster with subquery nesting
 * than with size; the depth limit does that.
 */
export const MAX_CYPHER_CHARS = 100_000;

/**
 * The deepest nesting of subqueries (a related object or connection inside another) the compiler builds. Neo4j's
 * planning time roughly doubles with every two levels past ten, and planning cannot be interrupted by a transaction
 * timeout: measured on this project's 2-core machine, 11 nested levels plan in 0.5 s, 13 in 0.8–1.2 s, 15 in 2.3 s,
 * 25 not within 500 s. The deepest selections the tests, README and benchmarks use nest 7.
 */
export const MAX_SUBQUERY_NESTING = 12;

export interface Compiled {
  cypher: string;
  /** Shapes what Cypher returned into what GraphQL reads (connections, cursors); `asIs` when nothing is needed. */
  decode: Decode;
  /** `expression AS variable` clauses the enclosing query must run, in order, before evaluating `cypher`. */
  before?: string[];
  /** `cypher` holds an aggregation (count, min, collect …), somewhere inside. */
  aggregates?: boolean;
  /**
   * For a single related object, the clauses of the subquery `before` collects (`MATCH … LIMIT 1 … RETURN expr`):
   * a root field runs them as the query itself.
   */
  single?: string;
}

/**
 * Neo4j refuses an aggregation anywhere inside an expression (the list of an object's values, say), and every
 * nested field sits in one. So a field whose Cypher aggregates is evaluated first, in a `WITH *, <its Cypher> AS v`
 * clause of the enclosing subquery, and the list reads `v`; that subquery then aggregates in turn, and so on up to
 * the root.
 */
interface Hoisted {
  expression: string;
  before: string[];
}

/** A key's Cypher for some of an abstract type's possible types. */
interface TypeBranch {
  types: readonly GraphQLObjectType[];
  compiled: Compiled;
}

/**
 * A Date or DateTime field printed by Neo4j (ISO 8601, what the scalars carry) rather than sent as a temporal value:
 * the driver decodes a date-time with 64-bit integer arithmetic in JavaScript, about 16 µs apiece (200 of them: 3.8 ms
 * of Node CPU, against 0.7 ms as strings), which was most of the driver's time for a page of statements.
 */
function printTemporal(type: GraphQLOutputType, cypher: string): string {
  const named = getNullableType(type);
  return isScalarType(named) && TEMPORAL_SCALARS.has(named.name) ? `toString(${cypher})` : cypher;
}
const TEMPORAL_SCALARS = new Set(['Date', 'DateTime']);

const withClauses = (before: readonly string[] = []) => before.map((clause) => ` WITH *, ${clause}`).join('');

/**
 * Compiles a GraphQL selection into a single Cypher expression: scalars become property reads, related objects
 * become COLLECT subqueries, interface fields are compiled once (a CASE over labels only where concrete types
 * differ), connections become a keyset-paginated COLLECT (plus a COUNT only when totalCount is selected). An object
 * comes back as the list of its values, which its decoder keys by response key, so aliases work and the default
 * field resolver reads `source[responseKey]`.
 */
export class SelectionCompiler {
  readonly params: Record<string, unknown> = {};
  /** How many fields were compiled: with the Cypher's size, a measure of the work a selection made. */
  fieldsCompiled = 0;
  private variables = 0;
  /** How many subqueries enclose the field being compiled. */
  private nesting = 0;

  constructor(
    private readonly op: Operation,
    private readonly specs: Specs,
    private readonly maxPageSize: number,
    private readonly maxNesting = MAX_SUBQUERY_NESTING,
  ) {}

  /** The read query answering one root field: hoisted clauses, then a single RETURN of the whole selection. */
  query(parent: GraphQLObjectType, nodes: readonly FieldNode[], scope: Scope, path: string): { cypher: string; decode: Decode } {
    const compiled = this.field(parent, nodes, scope, path);
    // The query's first clause cannot be `WITH *`.
    const before = (compiled.before ?? []).map((clause, i) => `WITH ${i ? '*, ' : ''}${clause} `).join('');
    // No row when nothing matches: the reader reads that as null, as it does head() of an empty COLLECT.
    const cypher = compiled.single ? `${compiled.single} AS result` : `${before}RETURN ${compiled.cypher} AS result`;
    checkSize(cypher.length, path);
    return { cypher, decode: compiled.decode };
  }

  field(parent: GraphQLObjectType | GraphQLInterfaceType, nodes: readonly FieldNode[], scope: Scope, path: string): Compiled {
    this.fieldsCompiled++;
    const compiled = this.compileField(parent, nodes, scope, path);
    // Checked as it grows, so an oversized selection stops early instead of being built whole first.
    checkSize(compiled.cypher.length + (compiled.before ?? []).reduce((n, clause) => n + clause.length, 0), path);
    return compiled;
  }

  private compileField(parent: GraphQLObjectType | GraphQLInterfaceType, nodes: readonly FieldNode[], scope: Scope, path: string): Compiled {
    const name = nodes[0]!.name.value;
    if (name === '__typename') return { cypher: `'${parent.name}'`, decode: asIs };
    const def = parent.getFields()[name];
    const spec = this.specs[parent.name]?.fields[name];
    if (!def || !spec) throw new Error(`No Cypher mapping for ${parent.name}.${name}`);
    const args = getArgumentValues(def, nodes[0]!, this.op.variableValues);
    const build = this.build(path);
    if (spec.kind === 'value') return { cypher: printTemporal(def.type, spec.cypher(scope, args, build)), decode: asIs };
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
    const inner = binding.match
      ? this.nested(build.path, () => this.selection(getNamedType(def.type), nodes, binding.scope, build.path))
      : this.selection(getNamedType(def.type), nodes, binding.scope, build.path);
    const list = isListType(getNullableType(def.type));
    const decodeOne: Decode = (raw) => (raw == null ? null : inner.decode(raw));
    const decode: Decode = list ? (raw) => ((raw as unknown[] | null) ?? []).map((r) => decodeOne(r)) : decodeOne;
    // Already bound (an endpoint of the parent's relationship): project in place, no subquery.
    if (!binding.match) return { cypher: inner.cypher, decode, before: inner.before };
    const order = spec.orderBy ? ` ORDER BY ${spec.orderBy(binding.scope)}` : '';
    const limit = list ? (binding.limit ? ` LIMIT ${binding.limit}` : '') : ' LIMIT 1';
    const body = `${binding.match}${where(binding.where)} WITH *${order}${limit}${withClauses(inner.before)} RETURN ${inner.cypher}`;
    const collected: Compiled = list
      ? { cypher: `COLLECT { ${body} }`, decode, aggregates: Boolean(spec.aggregates || inner.before?.length) }
      : this.single(body, decode);
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

  /**
   * A single related object. Neo4j evaluates `head(COLLECT {…})` inside an expression afresh for every row, but
   * plans a COLLECT that a WITH clause projects as an operator (a roll-up apply): so the COLLECT is computed in a
   * clause of the enclosing subquery and the object reads its head (a speaker under 255 statements: 10 % of the
   * six-level query's time, 12 % of its db hits).
   */
  private single(body: string, decode: Decode): Compiled {
    const v = `v${this.variables++}`;
    return { cypher: `head(${v})`, before: [`COLLECT { ${body} } AS ${v}`], decode, single: body };
  }

  /** Compiles what sits inside one more subquery, refusing nesting past the cap before it is built. */
  private nested<T>(path: string, compile: () => T): T {
    if (++this.nesting > this.maxNesting) {
      throw new LimitExceededError(
        `${path}: this selection nests related lists and objects ${this.nesting} levels deep, more than the ${this.maxNesting} allowed; split it into several queries.`,
        { limit: 'nesting', max: this.maxNesting, actual: this.nesting },
      );
    }
    try {
      return compile();
    } finally {
      this.nesting--;
    }
  }

  private hoist(compiled: Compiled): Hoisted {
    if (!compiled.aggregates) return { expression: compiled.cypher, before: compiled.before ?? [] };
    const v = `v${this.variables++}`;
    return { expression: v, before: [...(compiled.before ?? []), `${compiled.cypher} AS ${v}`] };
  }

  private connection(
    def: GraphQLField<unknown, unknown>,
    nodes: readonly FieldNode[],
    binding: Binding & { order: Order; paged?: (page: Page) => string },
    args: Args,
    build: Build,
  ): Compiled {
    const first = this.pageSize(args.first, `${build.path}.first`);
    const after = typeof args.after === 'string' ? decodeCursor(args.after, `${build.path}.after`, binding.order.keyType) : null;
    const connType = getNamedType(def.type) as GraphQLObjectType;
    const fields = collectFields(this.op, connType, nodes.map((n) => n.selectionSet));
    const node = binding.scope.node!;

    const edges = [...fields].filter(([, f]) => f[0]!.name.value === 'edges');
    const edgeType = getNamedType(connType.getFields().edges!.type) as GraphQLObjectType;
    const edgePlans: EdgePlan[] = this.nested(build.path, () => edges.map(([alias, f]) => {
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
    }));
    // A row carries its sort key and id only for cursors: a date-time costs the driver more to decode than a list.
    const pageInfoFields = [...fields.values()].filter((f) => f[0]!.name.value === 'pageInfo')
      .flatMap((f) => [...collectFields(this.op, pageInfoType(connType), f.map((n) => n.selectionSet)).values()].map((g) => g[0]!.name.value));
    const wantsCursors = pageInfoFields.some((name) => name.endsWith('Cursor'))
      || edgePlans.some((p) => [...p.edgeFields.values()].some((f) => f[0]!.name.value === 'cursor'));
    // One flat list per row, its values keyed `edges.node` (edges alias, field alias: a dot no alias can hold) by
    // the decoder, rather than an object per edge: every object is one more thing for the driver to decode. A row
    // holding one value alone (the node, most often) is that value, with no list around it.
    const rowBefore: string[] = [];
    const values = edgePlans.flatMap((p) => p.projected.map(([a, c]) => {
      const hoisted = this.hoist(c);
      rowBefore.push(...hoisted.before);
      return [rowKey(p.alias, a), hoisted.expression] as const;
    }));
    const bareKey = !wantsCursors && values.length === 1 ? values[0]![0] : undefined;
    const rowKeys = [...(wantsCursors ? ['k', 'i'] : []), ...values.map(([key]) => key)];
    const row = bareKey
      ? values[0]![1]
      : `[${[...(wantsCursors ? [binding.order.keyType === 'datetime' ? `toString(${binding.order.key})` : binding.order.key, `${node}.id`] : []), ...values.map(([, v]) => v)].join(', ')}]`;
    const keyed = (values: unknown): Raw => (bareKey ? { [bareKey]: values } : keyedBy(rowKeys, values as unknown[]));

    const cursor = after ? { key: build.param(after.key), id: build.param(after.id) } : null;
    // One row more than the page tells whether there is a next page; read only when asked, since every row
    // carries its nested selection (a nested connection's extra row would multiply through the levels below).
    const wantsNext = pageInfoFields.includes('hasNextPage');
    const needsRows = [...fields.values()].some((f) => ['edges', 'pageInfo'].includes(f[0]!.name.value));
    const needsTotal = [...fields.values()].some((f) => f[0]!.name.value === 'totalCount');
    const page: Page = {
      after: (order, v) => (cursor ? [keysetCondition(order, v, cursor.key, cursor.id)] : []),
      orderBy,
      limit: build.int(wantsNext ? first + 1 : first),
      ...(cursor ? { key: binding.order.keyType === 'datetime' ? `datetime(${cursor.key})` : cursor.key } : {}),
      counted: needsTotal,
    };
    const keyset = page.after(binding.order, node);
    const parts: string[] = [];
    const before: string[] = [];
    let rowsExpression: string | undefined;
    if (needsRows) {
      const rows = this.hoist({
        cypher:
          `COLLECT { ${binding.paged?.(page) ?? binding.match}${where([...(binding.where ?? []), ...keyset])} ` +
          `WITH * ORDER BY ${page.orderBy(binding.order, node)} LIMIT ${page.limit}${withClauses(rowBefore)} RETURN ${row} }`,
        decode: asIs,
        aggregates: rowBefore.length > 0,
      });
      before.push(...rows.before);
      rowsExpression = rows.expression;
      parts.push(`rows: ${rows.expression}`);
    }
    // An explicit RETURN: without one, COUNT refuses a body that does not end in MATCH (a procedure call, say).
    if (needsTotal) {
      const counts = (binding.countParts ?? [binding]).map((part) => `COUNT { ${part.match}${where(part.where)} RETURN ${node} }`);
      const counted = counts.join(' + ');
      parts.push(`total: ${typeof binding.total === 'function' ? binding.total(counted) : (binding.total ?? counted)}`);
    }
    if (binding.requires) parts.push(`found: EXISTS { ${binding.requires.pattern} }`);

    const decode: Decode = (raw) => {
      const { rows = [], total, found } = (Array.isArray(raw) ? { rows: raw } : (raw ?? {})) as { rows?: unknown[]; total?: number; found?: boolean };
      if (found === false) throw new NotFoundError(binding.requires!.message);
      const page = rows.slice(0, first).map(keyed);
      const cursor = (r: Raw | undefined) => (r ? encodeCursor(r.k as SortKey, r.i as string) : null);
      const pageInfo: Raw = {
        __typename: 'PageInfo',
        hasNextPage: rows.length > first,
        hasPreviousPage: after !== null,
        startCursor: wantsCursors ? cursor(page[0]) : null,
        endCursor: wantsCursors ? cursor(page.at(-1)) : null,
      };
      const out: Raw = {};
      for (const [alias, f] of fields) {
        const name = f[0]!.name.value;
        if (name === '__typename') put(out, alias, connType.name);
        else if (name === 'totalCount') put(out, alias, total);
        else if (name === 'pageInfo') put(out, alias, pick(pageInfo, collectFields(this.op, pageInfoType(connType), f.map((n) => n.selectionSet))));
        else {
          const plan = edgePlans.find((p) => p.alias === alias)!;
          put(out, alias, page.map((r) => edge(r, plan, edgeType.name, () => cursor(r))));
        }
      }
      return out;
    };
    // Rows alone come as the list itself, without a map around them.
    const cypher = rowsExpression !== undefined && parts.length === 1 ? rowsExpression : `{${parts.join(', ')}}`;
    return { cypher, decode, before };
  }

  /** The projection of one object of `type`. */
  private selection(type: GraphQLNamedType, nodes: readonly FieldNode[], scope: Scope, path: string): Compiled {
    const sets = nodes.map((n) => n.selectionSet);
    if (!isObjectType(type)) return this.abstract(type as GraphQLAbstractType, sets, scope, path);
    return this.project([...collectFields(this.op, type, sets)].map(([key, f]) => [key, this.field(type, f, scope, `${path}.${key}`)]));
  }

  /**
   * An object of an interface type, compiled so that its size grows linearly with nesting: a key every possible
   * type selects alike is compiled once, against the interface's spec; only keys that concrete fragments add to
   * become a CASE over labels, with a branch per group of types selecting them alike (the merged field nodes).
   * `__typename` is a CASE over labels too: graphql-js reads it to tell the concrete type (default resolveType).
   */
  private abstract(type: GraphQLAbstractType, sets: readonly SelectionSet[], scope: Scope, path: string): Compiled {
    const possible = this.op.schema.getPossibleTypes(type);
    const is = (types: readonly GraphQLObjectType[]) => types.map((t) => `${scope.node}:${this.label(t, type)}`).join(' OR ');
    const typename: Compiled = { cypher: `CASE ${possible.map((t) => `WHEN ${is([t])} THEN '${t.name}'`).join(' ')} END`, decode: asIs };
    const entries: Entry[] = [];
    let byType = false;
    for (const [key, groups] of collectAbstractFields(this.op, type, sets)) {
      if (groups.every((g) => g.nodes[0]!.name.value === '__typename')) {
        entries.push([key, typename]);
        byType = true;
        continue;
      }
      const branches = groups.flatMap((group) => this.branches(type, group, typename, scope, `${path}.${key}`));
      const everywhere = branches.length === 1 && branches[0]!.types.length === possible.length;
      entries.push([key, everywhere ? branches[0]!.compiled : this.byLabel(branches, is)]);
      byType ||= !everywhere;
    }
    const chosen = entries.find(([key]) => key === '__typename');
    if (chosen && chosen[1] !== typename) throw new BadInputError(`${path}: __typename is reserved; choose another alias.`, `${path}.__typename`);
    // When every possible type selects alike, the answer is the same whichever type graphql-js completes it as:
    // the first stands in for the label CASE, which would cost Neo4j a CASE and the driver a string per object.
    const stand = byType ? undefined : possible[0]!.name;
    if (byType && !chosen) entries.push(['__typename', typename]);
    const projected = this.project(entries);
    const decode: Decode = stand
      ? (raw) => (raw == null ? null : Object.assign(projected.decode(raw) as Raw, { __typename: stand }))
      : (raw) => (raw == null ? null : projected.decode(raw));
    return { ...projected, decode };
  }

  /** One group of types selecting a key alike: compiled once when an interface they all share maps the field. */
  private branches(type: GraphQLAbstractType, group: Branch, typename: Compiled, scope: Scope, path: string): TypeBranch[] {
    const name = group.nodes[0]!.name.value;
    if (name === '__typename') return [{ types: group.types, compiled: typename }];
    const shared = group.types.length > 1 ? this.sharedInterface(type, group.types, name) : undefined;
    if (shared) return [{ types: group.types, compiled: this.field(shared, group.nodes, scope, path) }];
    // One type, or implementations that genuinely differ (no interface-level spec): each type compiles its own.
    return group.types.map((t) => ({ types: [t], compiled: this.field(t, group.nodes, scope, path) }));
  }

  /** `type` itself, else an interface of the group's types, that every one of them implements and that maps `field`. */
  private sharedInterface(type: GraphQLAbstractType, types: readonly GraphQLObjectType[], field: string): GraphQLInterfaceType | undefined {
    return [type, ...types[0]!.getInterfaces()].find(
      (i): i is GraphQLInterfaceType =>
        isInterfaceType(i) && Boolean(i.getFields()[field] && this.specs[i.name]?.fields[field]) && types.every((t) => this.op.schema.isSubType(i, t)),
    );
  }

  /** A key whose Cypher differs by type: a CASE over labels, decoded by the branch of the object's `__typename`. */
  private byLabel(branches: readonly TypeBranch[], is: (types: readonly GraphQLObjectType[]) => string): Compiled {
    const hoisted = branches.map((b) => ({ ...b, ...this.hoist(b.compiled) }));
    const decoders = new Map(branches.flatMap((b) => b.types.map((t) => [t.name, b.compiled.decode] as const)));
    return {
      cypher: `CASE ${hoisted.map((b) => `WHEN ${is(b.types)} THEN ${b.expression}`).join(' ')} END`,
      before: hoisted.flatMap((b) => b.before),
      decode: branches.every((b) => b.compiled.decode === asIs) ? asIs : (raw, parent) => (decoders.get(parent?.__typename as string) ?? asIs)(raw),
    };
  }

  /**
   * An object: Cypher returns its values as a list, in the order of `entries`, and the decoder keys them by response
   * key. The driver decodes a map key by key (a string and a property definition apiece), which made the maps of a
   * large answer most of its decoding time; a list of the same values decodes in about half the time. Fields that
   * aggregate are hoisted out of the list (see Hoisted).
   */
  private project(entries: readonly Entry[]): Compiled {
    const keys = entries.map(([key]) => key);
    const decoders = entries.filter(([, c]) => c.decode !== asIs);
    const hoisted = entries.map(([, c]) => this.hoist(c));
    return {
      cypher: `[${hoisted.map((h) => h.expression).join(', ')}]`,
      before: hoisted.flatMap((h) => h.before),
      decode: (raw) => {
        const out = keyedBy(keys, raw as unknown[]);
        // After every value is in place: a key decoded by type reads the object's __typename.
        for (const [key, c] of decoders) put(out, key, c.decode(out[key], out));
        return out;
      },
    };
  }

  private label(type: GraphQLObjectType, as: GraphQLAbstractType): string {
    const label = this.specs[type.name]?.label;
    if (!label) throw new Error(`${type.name} has no label to tell it apart as ${as.name}`);
    return label;
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

/** Refuses Cypher over MAX_CYPHER_CHARS; during compilation `actual` is the size reached when it stopped. */
function checkSize(actual: number, path: string): void {
  if (actual <= MAX_CYPHER_CHARS) return;
  throw new LimitExceededError(
    `${path}: this selection compiles to more than ${MAX_CYPHER_CHARS} characters of Cypher; select fewer or less deeply nested fields.`,
    { limit: 'compiledSize', max: MAX_CYPHER_CHARS, actual },
  );
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
  // A date-time key travels in the cursor as its ISO string; compared as a string it would sort wrongly.
  const key = order.keyType === 'datetime' ? `datetime(${keyParam})` : keyParam;
  const op = order.direction === 'DESC' ? '<' : '>';
  return `${order.key} ${op}= ${key} AND (${order.key} ${op} ${key} OR ${node}.id ${op} ${idParam})`;
}

/** A connection's ORDER BY: the order's constant prefix, its key, then the node's id, all one way. */
function orderBy({ prefix, key, direction }: Order, node: string): string {
  return [...(prefix ? [prefix] : []), key, `${node}.id`].map((e) => `${e} ${direction}`).join(', ');
}

function pageInfoType(connType: GraphQLObjectType): GraphQLObjectType {
  return getNamedType(connType.getFields().pageInfo!.type) as GraphQLObjectType;
}

function pick(values: Raw, fields: Map<string, FieldNode[]>): Raw {
  return Object.fromEntries([...fields].map(([alias, f]) => [alias, values[f[0]!.name.value]]));
}

/** A list of values from Cypher as an object: `keys[i]` holds `values[i]`. */
function keyedBy(keys: readonly string[], values: readonly unknown[]): Raw {
  const out: Raw = {};
  for (let i = 0; i < keys.length; i++) put(out, keys[i]!, values[i]);
  return out;
}

/** `out[key] = value`, also for `__proto__` (an alias a client may choose), which assignment would take as the prototype. */
export function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}

/** The key of an edge's field in a row of its connection. */
const rowKey = (edgesAlias: string, fieldAlias: string) => `${edgesAlias}.${fieldAlias}`;

/** One edge of a connection: its cursor and the fields Cypher returned under this edges alias. */
function edge(row: Raw, plan: EdgePlan, typename: string, cursor: () => string | null): Raw {
  const out: Raw = {};
  for (const [alias, f] of plan.edgeFields) {
    const name = f[0]!.name.value;
    if (name === '__typename') put(out, alias, typename);
    else if (name === 'cursor') put(out, alias, cursor());
  }
  for (const [alias, compiled] of plan.projected) put(out, alias, compiled.decode(row[rowKey(plan.alias, alias)]));
  return out;
}

interface EdgePlan {
  alias: string;
  edgeFields: Map<string, FieldNode[]>;
  projected: readonly (readonly [string, Compiled])[];
}
