import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const articleResolvers: Resolvers = { Query: { article: fromGraph, articles: fromGraph, storiesConnecting: fromGraph } };
