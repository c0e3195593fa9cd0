import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Resolvers } from '../generated/graphql.js';
import { collectFields } from '../graph/collect.js';
import { fromGraph } from '../graph/resolve.js';
import { highlight, type Window } from './highlight.js';
import { parseSearchText } from './lucene.js';

type Hit = Record<string, unknown>;

/**
 * Hits come from the graph (graph.ts) with, under each key selecting `highlights`, the windows of text the
 * database sent; the fragments and their marks are made here, from the same search text the index was given.
 */
export const searchResolvers: Resolvers = {
  Query: {
    search: async (parent, args, context, info) => {
      const hits = await fromGraph<Hit[]>(parent, args, context, info);
      const keys = highlightKeys(info);
      if (keys.length === 0) return hits as never;
      const text = parseSearchText(args.query);
      return hits.map((hit) => ({ ...hit, ...Object.fromEntries(keys.map((key) => [key, highlight(text, hit[key] as Window[])])) })) as never;
    },
  },
};

/** The response keys (aliases included) under which the operation selects SearchHit.highlights. */
function highlightKeys(info: GraphQLResolveInfo): string[] {
  const hitType = info.schema.getType('SearchHit') as GraphQLObjectType;
  const fields = collectFields(info, hitType, info.fieldNodes.map((node) => node.selectionSet));
  return [...fields].filter(([, nodes]) => nodes[0]!.name.value === 'highlights').map(([key]) => key);
}
