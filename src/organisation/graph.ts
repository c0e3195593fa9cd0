import { articlesVia } from '../article/graph.js';
import { affiliations } from '../affiliation/graph.js';
import { entityFields, entityQueries } from '../entity/graph.js';
import { property, type Specs } from '../graph/spec.js';
import { statementsVia } from '../statement/graph.js';

const queries = entityQueries('Organisation');

export const organisationSpecs: Specs = {
  Organisation: {
    label: 'Organisation',
    fields: {
      ...entityFields(),
      kind: property('kind'),
      statements: statementsVia((o, v) => `(${o})-[:SAID]->(${v}:Statement)`),
      members: affiliations('organisation'),
      published: articlesVia((o, v) => `(${v}:Article)-[:PUBLISHED_BY]->(${o})`),
    },
  },
  Query: { fields: { organisation: queries.lookup, organisations: queries.list } },
};
