import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const personResolvers: Resolvers = { Query: { person: fromGraph, people: fromGraph } };
