import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { fromEnd, rankedRead } from './ranks.js';

/**
 * `Entity.network`: neighbours weighted by articles mentioning both, statements by this entity about them and
 * statements by them about this entity: the entity's CONNECTED relationships, kept at write time
 * (connections.ts), read strongest first off their rank indexes (ranks.ts) when the entity has many, so that a
 * page costs its size, not the entity's number of neighbours nor the articles behind them.
 */
const network: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const e = scope.node!;
    const [o, c, key] = [build.variable(), build.variable(), build.variable()];
    const first = sizeParam(build, args.first, 'first');
    const { bound, arms } = rankedRead('Rank', e, sizeParam(build, args.minWeight, 'minWeight', 1_000_000), first, { c, other: o, key });
    return {
      match: `${bound} CALL (${e}, ${key}) { ${arms.map((arm) => `${arm.cypher} RETURN ${c}, ${o}`).join(' UNION ALL ')} }`,
      scope: { node: o, entity: e, rel: c },
      limit: first,
    };
  },
  // Strongest first; ties by name, then id, as the rank keys are (ranks.ts).
  orderBy: (s) => `${s.rel}.weight DESC, ${s.node}.name, ${s.node}.id`,
};

/** `ab` or `ba` of the connection, seen from the entity whose network it is. */
const fromEntity = (mine: 'ab' | 'ba'): FieldSpec => ({
  kind: 'value',
  cypher: (s) => fromEnd(s.entity!, s.rel!, mine, mine === 'ab' ? 'ba' : 'ab'),
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
