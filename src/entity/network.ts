import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';

/**
 * `Entity.network`: neighbours weighted by articles mentioning both, statements by this entity about them and
 * statements by them about this entity. One row per connection, counted per neighbour in a single pass.
 */
const network: FieldSpec = {
  kind: 'object',
  aggregates: true,
  bind: (scope, args, build) => {
    const e = scope.node!;
    const [o, x, kind, at, co, by, about, first, last, weight] = Array.from({ length: 10 }, () => build.variable());
    const arms = [
      `MATCH (${e})<-[:MENTIONS]-(${x}:Article)-[:MENTIONS]->(${o}:Entity) WHERE ${o} <> ${e} RETURN ${o}, 0 AS ${kind}, ${x}.publishedAt AS ${at}`,
      `MATCH (${e})-[:SAID]->(${x}:Statement)-[:ABOUT]->(${o}:Entity) WHERE ${o} <> ${e} RETURN ${o}, 1 AS ${kind}, ${x}.at AS ${at}`,
      `MATCH (${o}:Entity)-[:SAID]->(${x}:Statement)-[:ABOUT]->(${e}) WHERE ${o} <> ${e} RETURN ${o}, 2 AS ${kind}, ${x}.at AS ${at}`,
    ];
    const count = (k: number) => `sum(CASE ${kind} WHEN ${k} THEN 1 ELSE 0 END)`;
    return {
      match:
        `CALL (${e}) { ${arms.join(' UNION ALL ')} } ` +
        `WITH ${o}, ${count(0)} AS ${co}, ${count(1)} AS ${by}, ${count(2)} AS ${about}, min(${at}) AS ${first}, max(${at}) AS ${last} ` +
        `WITH *, ${co} + ${by} + ${about} AS ${weight} WHERE ${weight} >= ${sizeParam(build, args.minWeight, 'minWeight', 1_000_000)}`,
      scope: { node: o, co, by, about, first, last, weight },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.weight} DESC, ${s.node}.name`,
};

const value = (role: string): FieldSpec => ({ kind: 'value', cypher: (s) => s[role]! });

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
      statementsBy: value('by'),
      statementsAbout: value('about'),
      firstSeen: { kind: 'value', cypher: (s) => `date(${s.first})` },
      lastSeen: { kind: 'value', cypher: (s) => `date(${s.last})` },
    },
  },
};
