import { requireWriter } from '../common/auth.js';
import type { Resolvers } from '../generated/graphql.js';
import { mergeEntities } from './merge.js';

export const entityResolvers: Resolvers = {
  Mutation: {
    mergeEntities: async (_parent, { into, from }, context, info) => {
      requireWriter(context);
      const mergedIds = await mergeEntities(context.db, into, from);
      return context.graph.resolve({}, info, { into, mergedIds });
    },
  },
};
