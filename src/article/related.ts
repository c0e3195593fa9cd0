import { BadInputError } from '../common/errors.js';
import { labelOf } from '../common/ids.js';
import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { byNodeIds, shortestPaths } from '../path/graph.js';

/**
 * `Article.related`: other articles sharing entities (mentioned by both) or statements (reported by both),
 * scored sharedEntities + 3 × sharedStatements, counted in one pass.
 */
const related: FieldSpec = {
  kind: 'object',
  aggregates: true,
  bind: (scope, args, build) => {
    const a = scope.node!;
    const [b, x, entity, statement, entities, statements, score] = Array.from({ length: 7 }, () => build.variable());
    const arms = [
      `MATCH (${a})-[:MENTIONS]->(${x}:Entity)<-[:MENTIONS]-(${b}:Article) WHERE ${b} <> ${a} RETURN ${b}, 1 AS ${entity}, 0 AS ${statement}`,
      `MATCH (${a})<-[:REPORTED_IN]-(${x}:Statement)-[:REPORTED_IN]->(${b}:Article) WHERE ${b} <> ${a} RETURN ${b}, 0 AS ${entity}, 1 AS ${statement}`,
    ];
    return {
      match:
        `CALL (${a}) { ${arms.join(' UNION ALL ')} } ` +
        `WITH ${a}, ${b}, sum(${entity}) AS ${entities}, sum(${statement}) AS ${statements} ` +
        `WITH *, ${entities} + 3 * ${statements} AS ${score}`,
      scope: { node: b, a, b, score },
      limit: sizeParam(build, args.first, 'first'),
    };
  },
  orderBy: (s) => `${s.score} DESC, ${s.node}.publishedAt DESC, ${s.node}.id`,
};

const sharedEntities = (a: string, b: string, v: string) => `(${a})-[:MENTIONS]->(${v}:Entity)<-[:MENTIONS]-(${b})`;
const sharedStatements = (a: string, b: string, v: string) => `(${a})<-[:REPORTED_IN]-(${v}:Statement)-[:REPORTED_IN]->(${b})`;

/** `storiesConnecting(a, b)`: binds both articles; StoryConnection's fields look at what lies between them. */
const storiesConnecting: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const ids = [args.a as string, args.b as string];
    ids.forEach((id, i) => labelOf(id, `${build.path}.${i ? 'b' : 'a'}`, ['Article']));
    if (ids[0] === ids[1]) throw new BadInputError(`${build.path}: a and b are the same article.`, `${build.path}.b`);
    const [a, b] = [build.variable(), build.variable()];
    return { match: `MATCH (${a}:Article {id: ${build.param(ids[0])}}), (${b}:Article {id: ${build.param(ids[1])}})`, scope: { a, b } };
  },
  notFound: (args) => `No article with id "${args.a}" or no article with id "${args.b}".`,
};

/** Nodes lying between the articles `a` and `b` of the scope. */
const between = (pattern: (a: string, b: string, v: string) => string, orderBy: (v: string) => string): FieldSpec => ({
  kind: 'object',
  bind: (scope, _args, build) => {
    const v = build.variable();
    return { match: `MATCH ${pattern(scope.a!, scope.b!, v)}`, scope: { node: v } };
  },
  orderBy: (s) => orderBy(s.node!),
});

export const relatedSpecs: Specs = {
  Article: { fields: { related } },
  Query: { fields: { storiesConnecting } },
  RelatedArticle: {
    fields: {
      article: bound(),
      score: { kind: 'value', cypher: (s) => s.score! },
      sharedEntities: between(sharedEntities, (v) => `${v}.name`),
      sharedStatements: between(sharedStatements, (v) => `${v}.at`),
    },
  },
  StoryConnection: {
    fields: {
      sharedEntities: between(sharedEntities, (v) => `${v}.name`),
      sharedStatements: between(sharedStatements, (v) => `${v}.at`),
      paths: {
        kind: 'object',
        bind: (scope, _args, build) => {
          const found = shortestPaths(scope.a!, scope.b!, 4, build);
          return { match: found.match, scope: { path: found.path }, limit: build.int(3) };
        },
        orderBy: (s) => byNodeIds(s.path!),
      },
    },
  },
};
