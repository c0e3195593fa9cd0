import { getNullableType, getVariableValues, isListType, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What a list without a `first` argument is assumed to hold: Statement.about, reportedIn, responses,
 * Article.authors and mentions, affiliations, Path.steps … hold a handful of items each (2–8 in the corpus).
 */
const LIST_FACTOR = 5;

/**
 * Fields whose work is not in their selection: extraction reads a whole article, seconds of CPU for a long one.
 * They cost this much, plus their selection.
 */
const FIXED_COSTS: Readonly<Record<string, number>> = { 'Query.extract': 100, 'Mutation.ingestRawArticle': 100 };

/**
 * An operation's cost, counted before any work the way GitHub and Shopify count: every field costs 1, and a list
 * multiplies the cost of what is selected in each item by how many items it may return: `first` for connections
 * and paged lists (the schema's default when the client gives none), LIST_FACTOR for lists without `first`.
 * `edges` is not multiplied again: its connection's `first` already was. Introspection is counted the same way.
 */
const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const fixed = FIXED_COSTS[`${type.name}.${field.name}`];
  if (fixed !== undefined) return fixed + childComplexity;
  let items = 1;
  if (typeof args.first === 'number') items = Math.max(args.first, 0);
  else if (isListType(getNullableType(field.type)) && field.name !== 'edges') items = LIST_FACTOR;
  return 1 + items * childComplexity;
};

/**
 * The cost of `operation`, or null when its variables do not fit it (execution then refuses them, before any
 * work). The library visits every selection of the expanded operation and throws past 10,000 of them; limits.ts
 * refuses operations expanding to half that beforehand.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | null {
  const key = `${operation.name?.value ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  const known = key.length <= MAX_KEY_CHARS ? counted.get(document)?.get(key) : undefined;
  if (known !== undefined) return known;
  const cost = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).errors
    ? null
    : getComplexity({ schema, query: document, operationName: operation.name?.value, variables, estimators: [estimator] });
  if (key.length <= MAX_KEY_CHARS) remember(document, key, cost);
  return cost;
}

/**
 * Costs already counted, per parsed document and variables. Apollo hands every request with the same query text
 * the same DocumentNode (its document store), so a hot operation is counted once per set of variables instead of
 * walking its selection on every request (a quarter of a millisecond, a tenth of a small lookup's time outside
 * Neo4j). Keys are the operation name and variables: large variables (an article's text) are not kept.
 */
const counted = new WeakMap<DocumentNode, Map<string, number | null>>();
const MAX_KEY_CHARS = 2_000;
const MAX_VARIANTS = 100;

function remember(document: DocumentNode, key: string, cost: number | null): void {
  let costs = counted.get(document);
  if (!costs) counted.set(document, (costs = new Map()));
  if (costs.size >= MAX_VARIANTS) costs.delete(costs.keys().next().value!);
  costs.set(key, cost);
}
