import type { Resolvers } from '../generated/graphql.js';
import { fromGraph } from '../graph/resolve.js';

export const organisationResolvers: Resolvers = { Query: { organisation: fromGraph, organisations: fromGraph } };
