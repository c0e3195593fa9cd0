import { fold } from '../common/text.js';
import type { Label } from '../common/ids.js';
import { articlesVia } from '../article/graph.js';
import type { FieldSpec, Scope, Specs, TypeSpec } from '../graph/spec.js';
import { bound, byId, listProperty, property } from '../graph/spec.js';
import { statementsVia } from '../statement/graph.js';

/** The fields every Entity (Person, Organisation, Topic) shares. */
export function entityFields(): TypeSpec['fields'] {
  return {
    id: property('id'),
    name: property('name'),
    aliases: listProperty('aliases'),
    description: property('description'),
    statementsAbout: statementsVia((e, v) => `(${v}:Statement)-[:ABOUT]->(${e})`),
    mentionedIn: articlesVia((e, v) => `(${v}:Article)-[:MENTIONS]->(${e})`),
  };
}

/**
 * The root lookup and list of one entity label. Lists are in name order; the name filter matches any folded
 * name or alias (`nameKeys`, backed by a text index).
 */
export function entityQueries(label: Label): { lookup: FieldSpec; list: FieldSpec } {
  return {
    lookup: byId(label),
    list: {
      kind: 'connection',
      bind: (_scope, args, build) => {
        const v = build.variable();
        const name = (args.filter as { name?: string | null } | null)?.name;
        const where = name ? [`${v}.nameKeys CONTAINS ${build.param(fold(name))}`] : [];
        return { match: `MATCH (${v}:${label})`, where, scope: { node: v }, order: { key: `${v}.nameKey`, direction: 'ASC' } };
      },
    },
  };
}

/** A person's roles (or an organisation's members), optionally only those held on the date `at`. */
export function affiliations(side: 'person' | 'organisation'): FieldSpec {
  return {
    kind: 'object',
    bind: (scope, args, build) => {
      const [rel, other] = [build.variable(), build.variable()];
      const [p, o] = side === 'person' ? [scope.node!, other] : [other, scope.node!];
      const where = [];
      if (args.at != null) {
        const at = `date(${build.param(args.at)})`;
        where.push(`(${rel}.since IS NULL OR ${rel}.since <= ${at})`, `(${rel}.until IS NULL OR ${rel}.until >= ${at})`);
      }
      return { match: `MATCH (${p}:Person)-[${rel}:AFFILIATED_WITH]->(${o}:Organisation)`, where, scope: { rel, person: p, organisation: o } };
    },
    orderBy: (s: Scope) => `${s.rel}.since DESC, ${s.organisation}.name, ${s.person}.name`,
  };
}

/** Affiliation is a relationship: its fields read the relationship and its two ends, already bound. */
export const affiliationSpec: TypeSpec = {
  fields: {
    role: { kind: 'value', cypher: (s) => `${s.rel}.role` },
    since: { kind: 'value', cypher: (s) => `${s.rel}.since` },
    until: { kind: 'value', cypher: (s) => `${s.rel}.until` },
    person: bound('person'),
    organisation: bound('organisation'),
  },
};

/** The payload of mergeEntities: the survivor (by its id, a root value) and the ids merged into it. */
export const mergeSpecs: Specs = {
  Mutation: {
    fields: {
      mergeEntities: {
        kind: 'object',
        bind: (scope, _args, build) => {
          const v = build.variable();
          return { match: `MATCH (${v}:Entity {id: ${scope.into}})`, scope: { node: v, mergedIds: scope.mergedIds! } };
        },
      },
    },
  },
  MergeEntitiesPayload: { fields: { entity: bound(), mergedIds: { kind: 'value', cypher: (s) => s.mergedIds! } } },
};
