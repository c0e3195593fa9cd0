import { articlesVia } from '../article/graph.js';
import { affiliations } from '../affiliation/graph.js';
import { entityFields, entityQueries } from '../entity/graph.js';
import { entityItems } from '../graph/entity-dates.js';
import type { Specs } from '../graph/spec.js';

const queries = entityQueries('Person');

export const personSpecs: Specs = {
  Person: {
    label: 'Person',
    fields: {
      ...entityFields(),
      statements: entityItems('SAID'),
      affiliations: affiliations('person'),
      articles: articlesVia((p, v) => `(${p})-[:WROTE]->(${v}:Article)`),
    },
  },
  Query: { fields: { person: queries.lookup, people: queries.list } },
};
