import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';

/**
 * The resolver of every root field that reads the graph: the field's spec (src/<domain>/graph.ts) and the
 * selection decide the Cypher; nested fields then read the projected object (see server.ts fieldResolver).
 */
export function fromGraph<T>(_parent: unknown, args: object, context: Context, info: GraphQLResolveInfo): Promise<T> {
  return context.graph.resolve<T>(args as Record<string, unknown>, info);
}
