import { type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import {
  type ExecutionArgs,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, type Operation } from './collect.js';
import { put } from './compile.js';

/**
 * Query operations executed without graphql-js walking the answer. A root field's resolver returns its whole
 * answer at once (one Cypher query, shaped by the compiler), and graphql-js then visits every field of it anyway,
 * with a resolver call, an argument check, a resolve-info object and a promise check apiece: for the 2,400 fields of
 * the benchmark's six-level query, about 2.5 ms of the 7.5 ms of CPU the server spent on it. Here the same answer
 * is checked and copied in one pass, under graphql-js's own rules (its field collection, the scalars' serialize,
 * non-null and list checks, __typename, the runtime type of an interface from `__typename`).
 *
 * Only a complete success is answered here. When a root field fails, or its answer is not what graphql-js would
 * complete without resolvers of its own (a null where the schema says non-null, a field with a resolver, …),
 * graphql-js executes the operation as usual and reports it the usual way: the root fields' answers, already
 * settled, are handed to it (`answeredFirst`), so no query runs twice.
 */

/** Root fields' answers per request context, by response key, for graphql-js when it takes over. */
const settled = new WeakMap<object, Map<string, Promise<unknown>>>();

/** Marks an answer graphql-js must complete itself. */
const DECLINED = Symbol('declined');

/** The plugin answering query operations (see above); `fieldResolver` is the server's default, as Apollo gives it. */
export function graphExecution<TContext extends object>(fieldResolver: ExecutionArgs['fieldResolver']): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return { responseForOperation: (request) => execute(request, fieldResolver) };
    },
  };
}

/**
 * Root resolvers that give graphql-js the answer `graphExecution` already has for their field, if any, rather than
 * resolving it again.
 */
export function answeredFirst<R extends Record<string, GraphQLFieldResolver<unknown, object> | undefined>>(resolvers: R): R {
  const wrapped = Object.entries(resolvers).map(([name, resolve]) => [
    name,
    resolve && ((source: unknown, args: Record<string, unknown>, context: object, info: GraphQLResolveInfo) =>
      settled.get(context)?.get(String(info.path.key)) ?? resolve(source, args, context, info)),
  ]);
  return Object.fromEntries(wrapped) as R;
}

/** What graphql-js's execution context holds that resolvers see. */
interface Execution extends Operation {
  operation: OperationDefinitionNode;
  contextValue: object;
  fieldResolver: GraphQLFieldResolver<unknown, unknown>;
}

async function execute<TContext extends object>(
  request: GraphQLRequestContext<TContext>,
  fieldResolver: ExecutionArgs['fieldResolver'],
): Promise<GraphQLResponse | null> {
  const { schema, document, operation, contextValue } = request;
  if (operation?.operation !== 'query' || !document || !fieldResolver) return null;
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.request.variables ?? {});
  // Variables that do not coerce: graphql-js says so.
  if (!variables.coerced) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const exe: Execution = { schema, fragments, variableValues: variables.coerced, operation, contextValue, fieldResolver };
  const root = schema.getQueryType()!;
  const fields = [...collectFields(exe, root, [operation.selectionSet])];
  const defs = fields.map(([, nodes]) => root.getFields()[nodes[0]!.name.value]);
  // __typename and introspection at the root are graphql-js's.
  if (defs.some((def) => !def)) return null;

  const answers = new Map<string, Promise<unknown>>();
  fields.forEach(([key, nodes], i) => answers.set(key, resolveRoot(exe, root, defs[i]!, key, nodes)));
  const values = await Promise.allSettled(answers.values());
  const data: Record<string, unknown> = Object.create(null);
  const walk = new Walk(exe);
  for (const [i, [key, nodes]] of fields.entries()) {
    const outcome = values[i]!;
    const value = outcome.status === 'fulfilled' ? walk.complete(defs[i]!.type, nodes, outcome.value) : DECLINED;
    if (value === DECLINED) {
      settled.set(contextValue, answers);
      return null;
    }
    data[key] = value;
  }
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
}

/** A root field's resolver called as graphql-js calls it (the same resolve info); a throw becomes a rejection. */
async function resolveRoot(exe: Execution, root: GraphQLObjectType, def: GraphQLField<unknown, unknown>, key: string, nodes: FieldNode[]) {
  const info: GraphQLResolveInfo = {
    fieldName: def.name,
    fieldNodes: nodes,
    returnType: def.type,
    parentType: root,
    path: { prev: undefined, key, typename: root.name },
    schema: exe.schema,
    fragments: exe.fragments,
    rootValue: undefined,
    operation: exe.operation,
    variableValues: exe.variableValues,
  };
  const resolve = def.resolve ?? exe.fieldResolver;
  return resolve(undefined, getArgumentValues(def, nodes[0]!, exe.variableValues), exe.contextValue, info);
}

/** A selected field of an object, as the walk copies it; `type` absent for `__typename`. */
interface FieldPlan {
  key: string;
  type?: GraphQLOutputType;
  nodes: FieldNode[];
}

/** One answer's completion: what graphql-js's completeValue does when no field below the root has a resolver. */
class Walk {
  /**
   * The fields to copy per object type and field nodes (graphql-js memoizes its field collection the same way, per
   * request); null when graphql-js must complete that object (a field with a resolver of its own).
   */
  private readonly plans = new Map<GraphQLObjectType, Map<readonly FieldNode[], FieldPlan[] | null>>();

  constructor(private readonly exe: Execution) {}

  complete(type: GraphQLOutputType, nodes: readonly FieldNode[], value: unknown): unknown {
    if (isNonNullType(type)) return value == null ? DECLINED : this.complete(type.ofType, nodes, value);
    if (value == null) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return DECLINED;
      const list = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        if ((list[i] = this.complete(type.ofType, nodes, value[i])) === DECLINED) return DECLINED;
      }
      return list;
    }
    if (isLeafType(type)) {
      try {
        return type.serialize(value) ?? DECLINED;
      } catch {
        return DECLINED;
      }
    }
    const object = value as Record<string, unknown>;
    const runtime = isAbstractType(type) ? this.runtimeType(type, object) : type;
    const plan = runtime && this.planOf(runtime, nodes);
    if (!plan) return DECLINED;
    // A plain object, which V8 keeps compact and JSON.stringify prints faster than graphql-js's prototype-less
    // ones; `put` keeps a `__proto__` alias a key.
    const result: Record<string, unknown> = {};
    for (const field of plan) {
      const completed = field.type ? this.complete(field.type, field.nodes, object[field.key]) : runtime.name;
      if (completed === DECLINED) return DECLINED;
      put(result, field.key, completed);
    }
    return result;
  }

  /** graphql-js's default type resolver when the answer names its type, which the compiler always projects. */
  private runtimeType(type: GraphQLAbstractType, value: Record<string, unknown>): GraphQLObjectType | undefined {
    if (type.resolveType || typeof value.__typename !== 'string') return undefined;
    const runtime = this.exe.schema.getType(value.__typename);
    return isObjectType(runtime) && this.exe.schema.isSubType(type, runtime) ? runtime : undefined;
  }

  private planOf(type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldPlan[] | null {
    let byNodes = this.plans.get(type);
    if (!byNodes) this.plans.set(type, (byNodes = new Map()));
    let plan = byNodes.get(nodes);
    if (plan === undefined) byNodes.set(nodes, (plan = this.plan(type, nodes)));
    return plan;
  }

  private plan(type: GraphQLObjectType, nodes: readonly FieldNode[]): FieldPlan[] | null {
    if (type.isTypeOf) return null;
    const plan: FieldPlan[] = [];
    for (const [key, fieldNodes] of collectFields(this.exe, type, nodes.map((node) => node.selectionSet))) {
      const name = fieldNodes[0]!.name.value;
      const def = type.getFields()[name];
      if (name !== '__typename' && (!def || def.resolve)) return null;
      plan.push({ key, type: def?.type, nodes: fieldNodes });
    }
    return plan;
  }
}
