import { articlesVia } from '../article/graph.js';
import { affiliations } from '../affiliation/graph.js';
import { entityFields, entityQueries } from '../entity/graph.js';
import type { Specs } from '../graph/spec.js';
import { statementsSaid } from '../statement/graph.js';

const queries = entityQueries('Person');

export const personSpecs: Specs = {
  Person: {
    label: 'Person',
    fields: {
      ...entityFields(),
      statements: statementsSaid,
      affiliations: affiliations('person'),
      articles: articlesVia((p, v) => `(${p})-[:WROTE]->(${v}:Article)`),
    },
  },
  Query: { fields: { person: queries.lookup, people: queries.list } },
};
