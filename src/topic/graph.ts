import { entityFields, entityQueries } from '../entity/graph.js';
import type { Specs } from '../graph/spec.js';

const queries = entityQueries('Topic');

export const topicSpecs: Specs = {
  Topic: { label: 'Topic', fields: entityFields() },
  Query: { fields: { topic: queries.lookup, topics: queries.list } },
};
