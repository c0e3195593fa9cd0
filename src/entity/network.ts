import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';

// Neo4j rejects aggregate functions (count, min, collect) in a subquery nested inside a map projection, which is
// where every nested field lives. Counting uses COUNT { } subqueries and extremes use ORDER BY … LIMIT 1 instead.

/** The three ways `o` and `e` connect, each arm returning the connection's date as `at`. */
const connections = (e: string, o: string, at: string, x: string) => [
  `MATCH (${e})<-[:MENTIONS]-(${x}:Article)-[:MENTIONS]->(${o}) RETURN ${x}.publishedAt AS ${at}`,
  `MATCH (${e})-[:SAID]->(${x}:Statement)-[:ABOUT]->(${o}) RETURN ${x}.at AS ${at}`,
  `MATCH (${o})-[:SAID]->(${x}:Statement)-[:ABOUT]->(${e}) RETURN ${x}.at AS ${at}`,
];

/**
 * `Entity.network`: neighbours weighted by articles mentioning both, statements by this entity about them and
 * statements by them about this entity.
 */
const network: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const e = scope.node!;
    const [o, x, co, by, about, weight] = Array.from({ length: 6 }, () => build.variable());
    const neighbours = [
      `MATCH (${e})<-[:MENTIONS]-(:Article)-[:MENTIONS]->(${o}:Entity) WHERE ${o} <> ${e} RETURN ${o}`,
      `MATCH (${e})-[:SAID]->(:Statement)-[:ABOUT]->(${o}:Entity) WHERE ${o} <> ${e} RETURN ${o}`,
      `MATCH (${o}:Entity)-[:SAID]->(:Statement)-[:ABOUT]->(${e}) WHERE ${o} <> ${e} RETURN ${o}`,
    ];
    return {
      match:
        `CALL (${e}) { ${neighbours.join(' UNION ')} } ` +
        `WITH *, COUNT { (${e})<-[:MENTIONS]-(${x}:Article)-[:MENTIONS]->(${o}) } AS ${co}, ` +
        `COUNT { (${e})-[:SAID]->(${x}:Statement)-[:ABOUT]->(${o}) } AS ${by}, ` +
        `COUNT { (${o})-[:SAID]->(${x}:Statement)-[:ABOUT]->(${e}) } AS ${about} ` +
        `WITH *, ${co} + ${by} + ${about} AS ${weight} WHERE ${weight} >= ${sizeParam(build, args.minWeight, 'minWeight', 1_000_000)}`,
      scope: { node: o, centre: e, co, by, about, weight },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.weight} DESC, ${s.node}.name`,
};

const value = (role: string): FieldSpec => ({ kind: 'value', cypher: (s) => s[role]! });

/** The first or last day a connection shows. */
const seen = (direction: 'ASC' | 'DESC'): FieldSpec => ({
  kind: 'value',
  cypher: (s, _args, build) => {
    const [at, x] = [build.variable(), build.variable()];
    const arms = connections(s.centre!, s.node!, at, x).join(' UNION ALL ');
    return `date(head(COLLECT { CALL (${s.centre}, ${s.node}) { ${arms} } RETURN ${at} ORDER BY ${at} ${direction} LIMIT 1 }))`;
  },
});

export const networkSpecs: Specs = {
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
      firstSeen: seen('ASC'),
      lastSeen: seen('DESC'),
    },
  },
};
