import { readdirSync, readFileSync } from 'node:fs';
import { addResolversToSchema, makeExecutableSchema } from '@graphql-tools/schema';
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { articleResolvers } from './article/resolvers.js';
import { entityResolvers } from './entity/resolvers.js';
import { extractResolvers, PLAIN_TYPES } from './extract/resolvers.js';
import { ingestResolvers } from './ingest/resolvers.js';
import { scalarResolvers } from './common/scalars.js';
import type { Resolvers } from './generated/graphql.js';
import { answeredFirst } from './graph/execute.js';
import { specs } from './graph/registry.js';
import { unmappedFields } from './graph/reader.js';
import type { Specs } from './graph/spec.js';
import { nodeResolvers } from './node/resolvers.js';
import { pathResolvers } from './path/resolvers.js';
import { organisationResolvers } from './organisation/resolvers.js';
import { personResolvers } from './person/resolvers.js';
import { searchResolvers } from './search/resolvers.js';
import { statementResolvers } from './statement/resolvers.js';
import { topicResolvers } from './topic/resolvers.js';
import { fromRoot } from './common/root.js';

const SCHEMA_DIR = fromRoot('schema');

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
  extractResolvers,
];

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: answeredFirst(Object.assign({}, ...domains.map((d) => d.Query))),
  Mutation: Object.assign({}, ...domains.map((d) => d.Mutation)),
};

/** Root fields answered in JavaScript alone, without the graph, and the types of their values: no Cypher specs. */
const WITHOUT_GRAPH = new Set(['Query.extract', ...PLAIN_TYPES]);

const byFieldName: GraphQLFieldResolver<Record<string, unknown>, unknown> = (source, _args, _context, info) => source[info.fieldName];

/** Plain values' fields read by name (see PLAIN_TYPES). */
function plainResolvers(schema: GraphQLSchema) {
  return Object.fromEntries(
    PLAIN_TYPES.map((name) => {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
      return [name, Object.fromEntries(Object.keys(type.getFields()).map((field) => [field, byFieldName]))];
    }),
  );
}

/** Fields that need a Cypher spec and have none (see unmappedFields), leaving out those answered without the graph. */
export function fieldsWithoutMapping(schema: GraphQLSchema, fieldSpecs: Specs): string[] {
  return unmappedFields(schema, fieldSpecs).filter((field) => !WITHOUT_GRAPH.has(field) && !WITHOUT_GRAPH.has(field.split('.')[0]!));
}

/** The executable schema; refuses to build when a field has neither a resolver nor a Cypher spec. */
export function buildSchema() {
  const built = makeExecutableSchema({ typeDefs, resolvers });
  const schema = addResolversToSchema({ schema: built, resolvers: plainResolvers(built) });
  const missing = fieldsWithoutMapping(schema, specs);
  if (missing.length) throw new Error(`Fields without a Cypher mapping: ${missing.join(', ')}`);
  return schema;
}
