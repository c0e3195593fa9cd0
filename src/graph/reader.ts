import { type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { NotFoundError } from '../common/errors.js';
import type { Database } from '../db/database.js';
import { SelectionCompiler } from './compile.js';
import type { Args, Specs } from './spec.js';

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
    const compiler = new SelectionCompiler(info, this.specs, this.maxPageSize);
    const scope = Object.fromEntries(Object.keys(root).map((key) => [key, `$root_${key}`]));
    for (const [key, value] of Object.entries(root)) compiler.params[`root_${key}`] = value;
    // Compiled whole before any database call, so an oversized selection is refused without touching Neo4j.
    const compiled = compiler.query(info.parentType, info.fieldNodes, scope, String(info.path.key));
    const rows = await this.db.read(`${info.parentType.name}.${info.fieldName}`, compiled.cypher, compiler.params);
    const result = compiled.decode(rows[0]?.result ?? null);
    const spec = this.specs[info.parentType.name]?.fields[info.fieldName];
    if (result == null && spec?.kind === 'object' && spec.notFound) throw new NotFoundError(spec.notFound(args));
    return result as T;
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
