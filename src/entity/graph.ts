import { fold } from '../common/text.js';
import type { Label } from '../common/ids.js';
import { entityItems } from '../graph/entity-dates.js';
import type { FieldSpec, Specs, TypeSpec } from '../graph/spec.js';
import { bound, byId, listProperty, property } from '../graph/spec.js';
import { statementsAbout } from '../statement/graph.js';

/** The fields every Entity (Person, Organisation, Topic) shares. */
export function entityFields(): TypeSpec['fields'] {
  return {
    id: property('id'),
    name: property('name'),
    aliases: listProperty('aliases'),
    description: property('description'),
    statementsAbout,
    mentionedIn: entityItems('MENTIONS'),
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
        const order = { key: `${v}.nameKey`, direction: 'ASC', keyType: 'string' } as const;
        if (name) return { match: `MATCH (${v}:${label})`, where: [`${v}.nameKeys CONTAINS ${build.param(fold(name))}`], scope: { node: v }, order };
        // Without a name, entities come off the name index already in order.
        return { match: `MATCH (${v}:${label}) USING INDEX ${v}:${label}(nameKey)`, where: [`${v}.nameKey IS NOT NULL`], scope: { node: v }, order };
      },
    },
  };
}

/**
 * The Entity interface itself: a field selected on it is compiled once, whatever the concrete type (compile.ts).
 * The payload of mergeEntities: the survivor (by its id, a root value) and the ids merged into it.
 */
export const entitySpecs: Specs = {
  Entity: { fields: entityFields() },
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
