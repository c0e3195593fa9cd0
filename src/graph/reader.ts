import { type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
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
    const compiled = compiler.field(info.parentType, info.fieldNodes, scope, String(info.path.key));
    // Hoisted clauses (see compile.ts) come first; the query's first clause cannot be `WITH *`.
    const before = (compiled.before ?? []).map((clause, i) => `WITH ${i ? '*, ' : ''}${clause} `).join('');
    const rows = await this.db.read(`${info.parentType.name}.${info.fieldName}`, `${before}RETURN ${compiled.cypher} AS result`, compiler.params);
    const result = compiled.decode(rows[0]?.result ?? null);
    const spec = this.specs[info.parentType.name]?.fields[info.fieldName];
    if (result == null && spec?.kind === 'object' && spec.notFound) throw new NotFoundError(spec.notFound(args));
    return result as T;
  }
}

/**
 * Fields of the schema's object types that have no Cypher spec: checked at start-up so a gap fails fast.
 * Connections, their page info and their edges' cursor and node are shaped by the compiler itself.
 */
export function unmappedFields(schema: GraphQLSchema, specs: Specs): string[] {
  const byCompiler = (type: string, field: string) =>
    /^__|^PageInfo$|Connection$/.test(type) || (type.endsWith('Edge') && ['cursor', 'node'].includes(field));
  return Object.values(schema.getTypeMap())
    .filter((t): t is GraphQLObjectType => isObjectType(t))
    .flatMap((t) => Object.keys(t.getFields()).map((f) => [t.name, f] as const))
    .filter(([type, field]) => !byCompiler(type, field) && !specs[type]?.fields[field])
    .map(([type, field]) => `${type}.${field}`);
}
