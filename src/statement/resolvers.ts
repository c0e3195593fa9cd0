import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const statementResolvers: Resolvers = { Query: { statement: fromGraph, statements: fromGraph, timeline: fromGraph, topSpeakers: fromGraph } };
