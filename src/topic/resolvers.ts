import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const topicResolvers: Resolvers = { Query: { topic: fromGraph, topics: fromGraph } };
