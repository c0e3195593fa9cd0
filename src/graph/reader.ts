import { type FieldNode, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { NotFoundError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import { SelectionCompiler } from './compile.js';
import type { Args, Specs } from './spec.js';

/** A root field compiled: its Cypher, its parameters, and how its answer is shaped. */
interface Prepared extends ReturnType<SelectionCompiler['query']> {
  params: Record<string, unknown>;
}

/**
 * Compiled queries by key, least recently used first, bounded by an estimate of the memory they hold (clients choose
 * how many documents and variables there are): their Cypher and key (two bytes a character), plus `entryBytes` for
 * the rest an entry keeps (its parameters, its decoder's closures and field maps).
 */
export class CompiledCache<T extends { cypher: string }> {
  private readonly entries = new Map<string, T>();
  private heldBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly entryBytes = 0,
  ) {}

  get held(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.heldBytes };
  }

  /** The entry under `key`, built (and kept, dropping the least recently used past the bound) when absent. */
  get(key: string, build: () => T): T {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = build();
    const size = this.sizeOf(key, entry);
    for (const [oldest, old] of this.entries) {
      if (this.heldBytes + size <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.heldBytes -= this.sizeOf(oldest, old);
    }
    this.entries.set(key, entry);
    this.heldBytes += size;
    return entry;
  }

  private sizeOf(key: string, entry: T): number {
    return 2 * (entry.cypher.length + key.length) + this.entryBytes;
  }
}

/**
 * Root fields compiled for recent requests, by field node and the request's variables. Apollo keeps the parsed
 * document of a query text it has seen (its document store), so the same operation sent again brings the same field
 * nodes, and with the same variables it compiles to the same Cypher and parameters: compiling the six-level nested
 * query takes 0.75 ms, a tenth of the server's CPU for it. The compiled query reads nothing else (no clock, no
 * randomness) and is never changed once built. At most 4 MiB by this estimate: measured over `npm run load`'s
 * reads (ever new variables), an entry held about 14 KB of heap besides its Cypher (about 1,000 characters), so
 * about 250 usual operations, or a hundred large ones, which the operations a client repeats fit in. The server's
 * RSS under that load peaked at 335 MiB with 16 MiB, 289 MiB with 4 MiB and 276 MiB with 1 MiB; bounded by its
 * Cypher alone (8 MB of it), it grew past 449 MiB.
 */
const compiled = new CompiledCache<Prepared>(4 * 2 ** 20, 14_000);
/** Variables longer than this are not worth a key (and would make one costly to build). */
const MAX_KEY_CHARS = 2_000;
/** A number per field node, for keys: the node itself stays collectable when Apollo drops its document. */
const fieldIds = new WeakMap<FieldNode, number>();
let nextFieldId = 0;

/** Answers a root field with one Cypher round trip: the whole selection compiled into one RETURN. */
export class GraphReader {
  constructor(
    private readonly db: Database,
    private readonly specs: Specs,
    private readonly maxPageSize: number,
  ) {}

  /**
   * `root` hands values the resolver already has (a mutation's written ids) to the field's spec: each becomes a
   * parameter, named in the root scope (`{ article: '$root_article' }`).
   */
  async resolve<T>(args: Args, info: GraphQLResolveInfo, root: Record<string, unknown> = {}): Promise<T> {
    // Compiled whole before any database call, so an oversized selection is refused without touching Neo4j.
    const { cypher, params, decode } = Object.keys(root).length ? this.prepare(info, root) : this.prepareOnce(info);
    const rows = await this.db.read(`${info.parentType.name}.${info.fieldName}`, cypher, params);
    const result = decode(rows[0]?.result ?? null);
    const spec = this.specs[info.parentType.name]?.fields[info.fieldName];
    if (result == null && spec?.kind === 'object' && spec.notFound) throw new NotFoundError(spec.notFound(args));
    return result as T;
  }

  private prepare(info: GraphQLResolveInfo, root: Record<string, unknown>): Prepared {
    const compiler = new SelectionCompiler(info, this.specs, this.maxPageSize);
    const scope = Object.fromEntries(Object.keys(root).map((key) => [key, `$root_${key}`]));
    for (const [key, value] of Object.entries(root)) compiler.params[`root_${key}`] = value;
    return { ...compiler.query(info.parentType, info.fieldNodes, scope, String(info.path.key)), params: compiler.params };
  }

  /** `prepare` for a field without root values, from `compiled` when the same request came before. */
  private prepareOnce(info: GraphQLResolveInfo): Prepared {
    const node = info.fieldNodes[0]!;
    let id = fieldIds.get(node);
    if (id === undefined) fieldIds.set(node, (id = nextFieldId++));
    const key = `${id} ${info.fieldNodes.length} ${this.maxPageSize} ${JSON.stringify(info.variableValues)}`;
    return key.length > MAX_KEY_CHARS ? this.prepare(info, {}) : compiled.get(key, () => this.prepare(info, {}));
  }
}

/**
 * Fields the compiler could not map, checked at start-up so a gap fails fast: fields of object types without a
 * Cypher spec, and `Type.__typename` for an implementation of an interface without the label that tells it apart.
 * An interface field without a spec of its own is compiled per implementation, so the first check covers it.
 * Connections, their page info and their edges' cursor and node are shaped by the compiler itself.
 */
export function unmappedFields(schema: GraphQLSchema, specs: Specs): string[] {
  const byCompiler = (type: string, field: string) =>
    /^__|^PageInfo$|Connection$/.test(type) || (type.endsWith('Edge') && ['cursor', 'node'].includes(field));
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const objectGaps = types
    .filter((t): t is GraphQLObjectType => isObjectType(t))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => [t.name, f] as const))
    .filter(([type, field]) => !byCompiler(type, field) && !specs[type]?.fields[field])
    .map(([type, field]) => `${type}.${field}`);
  const unlabelled = types
    .filter((t): t is GraphQLInterfaceType => isInterfaceType(t))
    .flatMap((i) => schema.getPossibleTypes(i))
    .filter((t) => !specs[t.name]?.label);
  return [...objectGaps, ...new Set(unlabelled.map((t) => `${t.name}.__typename`))];
}
