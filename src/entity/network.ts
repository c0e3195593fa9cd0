import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';

/**
 * `Entity.network`: neighbours weighted by articles mentioning both, statements by this entity about them and
 * statements by them about this entity: the entity's CONNECTED relationships, kept at write time
 * (connections.ts), so reading it costs the number of neighbours, not the number of articles behind them.
 */
const network: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const e = scope.node!;
    const [o, c] = [build.variable(), build.variable()];
    return {
      match: `MATCH (${e})-[${c}:CONNECTED]-(${o}:Entity)`,
      where: [`${c}.weight >= ${sizeParam(build, args.minWeight, 'minWeight', 1_000_000)}`],
      scope: { node: o, entity: e, rel: c },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.rel}.weight DESC, ${s.node}.name`,
};

/** `ab` or `ba` of the connection, seen from the entity whose network it is. */
const fromEntity = (mine: 'ab' | 'ba'): FieldSpec => ({
  kind: 'value',
  cypher: (s) => `CASE WHEN startNode(${s.rel}) = ${s.entity} THEN ${s.rel}.${mine} ELSE ${s.rel}.${mine === 'ab' ? 'ba' : 'ab'} END`,
});

const value = (property: string): FieldSpec => ({ kind: 'value', cypher: (s) => `${s.rel}.${property}` });

export const networkSpecs: Specs = {
  Entity: { fields: { network } },
  Person: { fields: { network } },
  Organisation: { fields: { network } },
  Topic: { fields: { network } },
  NetworkLink: {
    fields: {
      entity: bound(),
      weight: value('weight'),
      coMentions: value('co'),
      statementsBy: fromEntity('ab'),
      statementsAbout: fromEntity('ba'),
      firstSeen: { kind: 'value', cypher: (s) => `date(${s.rel}.first)` },
      lastSeen: { kind: 'value', cypher: (s) => `date(${s.rel}.last)` },
    },
  },
};
