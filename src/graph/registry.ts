import { articleSpecs } from '../article/graph.js';
import { affiliationSpecs } from '../affiliation/graph.js';
import { relatedSpecs } from '../article/related.js';
import { entitySpecs } from '../entity/graph.js';
import { networkSpecs } from '../entity/network.js';
import { pathSpecs } from '../path/graph.js';
import { timelineSpecs } from '../statement/timeline.js';
import { ingestSpecs } from '../ingest/graph.js';
import { nodeSpecs } from '../node/graph.js';
import { organisationSpecs } from '../organisation/graph.js';
import { personSpecs } from '../person/graph.js';
import { searchSpecs } from '../search/graph.js';
import { statementSpecs } from '../statement/graph.js';
import { topicSpecs } from '../topic/graph.js';
import type { Specs } from './spec.js';

/**
 * Every domain's field specs in one table; the fields of a type (Query, Mutation, an interface) given by several
 * domains are merged.
 */
export const specs: Specs = [
  nodeSpecs,
  personSpecs,
  organisationSpecs,
  topicSpecs,
  statementSpecs,
  articleSpecs,
  searchSpecs,
  ingestSpecs,
  entitySpecs,
  affiliationSpecs,
  timelineSpecs,
  networkSpecs,
  relatedSpecs,
  pathSpecs,
].reduce<Specs>((all, domain) => {
  for (const [type, spec] of Object.entries(domain)) {
    all[type] = { ...all[type], ...spec, fields: { ...all[type]?.fields, ...spec.fields } };
  }
  return all;
}, {});
