import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { articleResolvers } from './article/resolvers.js';
import { entityResolvers } from './entity/resolvers.js';
import { ingestResolvers } from './ingest/resolvers.js';
import { scalarResolvers } from './common/scalars.js';
import type { Resolvers } from './generated/graphql.js';
import { specs } from './graph/registry.js';
import { unmappedFields } from './graph/reader.js';
import { nodeResolvers } from './node/resolvers.js';
import { pathResolvers } from './path/resolvers.js';
import { organisationResolvers } from './organisation/resolvers.js';
import { personResolvers } from './person/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { statementResolvers } from './statement/resolvers.js';
import { topicResolvers } from './topic/resolvers.js';

const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

const typeDefs = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((f) => readFileSync(`${SCHEMA_DIR}/${f}`, 'utf8'));

const domains: Resolvers[] = [
  nodeResolvers,
  personResolvers,
  organisationResolvers,
  topicResolvers,
  statementResolvers,
  articleResolvers,
  searchResolvers,
  pathResolvers,
  ingestResolvers,
  entityResolvers,
];

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: Object.assign({}, ...domains.map((d) => d.Query)),
  Mutation: Object.assign({}, ...domains.map((d) => d.Mutation)),
};

/** The executable schema; refuses to build when a field has neither a resolver nor a Cypher spec. */
export function buildSchema() {
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const missing = unmappedFields(schema, specs);
  if (missing.length) throw new Error(`Fields without a Cypher mapping: ${missing.join(', ')}`);
  return schema;
}
