import { affiliations } from '../affiliation/graph.js';
import { entityFields, entityQueries } from '../entity/graph.js';
import { entityItems } from '../graph/entity-dates.js';
import { property, type Specs } from '../graph/spec.js';
import { statementsSaid } from '../statement/graph.js';

const queries = entityQueries('Organisation');

export const organisationSpecs: Specs = {
  Organisation: {
    label: 'Organisation',
    fields: {
      ...entityFields(),
      kind: property('kind'),
      statements: statementsSaid,
      members: affiliations('organisation'),
      published: entityItems('PUBLISHED_BY'),
    },
  },
  Query: { fields: { organisation: queries.lookup, organisations: queries.list } },
};
