import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const pathResolvers: Resolvers = { Query: { paths: fromGraph } };
