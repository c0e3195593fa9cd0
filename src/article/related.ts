import { BadInputError } from '../common/errors.js';
import { labelOf } from '../common/ids.js';
import { itemsOf } from '../graph/entity-dates.js';
import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { byNodeIds, shortestPaths } from '../path/graph.js';

/**
 * How many of an entity's articles on each side of an article's date are candidates for its related stories. An
 * entity of a few hundred articles gives them all; a hub (a head of government, in tens of thousands) gives those
 * nearest in time, read off its date index, so the work is bounded whatever its degree.
 */
export const RELATED_PER_ENTITY_SIDE = 100;

/**
 * `Article.related`: other articles sharing entities (mentioned by both) or statements (reported by both),
 * scored sharedEntities + 3 × sharedStatements. Candidates are every article reporting one of its statements,
 * and, for each entity it mentions, the RELATED_PER_ENTITY_SIDE articles mentioning it published nearest before
 * and after it; each candidate's score is then counted exactly. So an article sharing only entities that each have
 * more than that many articles nearer in time can be left out: it would rank below those sharing a rarer one.
 *
 * A score is counted from the candidate's side: what the article mentions and reports is gathered once, and each
 * candidate's MENTIONS and REPORTED_IN (a dozen or so) are looked up in it in one pass. Counted as patterns from
 * the article to the candidate, Neo4j checked every shared entity's link against the article's relationships
 * again for each candidate: 160,568 db hits for the benchmark's hub article at 20,000 articles, against 16,452.
 */
const related: FieldSpec = {
  kind: 'object',
  aggregates: true,
  bind: (scope, args, build) => {
    const a = scope.node!;
    const [b, x, y, mentioned, reported, total, score] = Array.from({ length: 7 }, () => build.variable());
    const perSide = build.int(RELATED_PER_ENTITY_SIDE);
    const nearest = (direction: 'DESC' | 'ASC') => {
      const of = itemsOf('MENTIONS', `${x}.id`, b, build, direction);
      const side = `${of.rel}.at ${direction === 'DESC' ? '<=' : '>'} ${a}.publishedAt`;
      const order = [of.order.prefix, of.order.key].map((k) => `${k} ${direction}`).join(', ');
      return `${of.match} WHERE ${[...of.where, side, `${b} <> ${a}`].join(' AND ')} WITH ${b}, ${of.rel} ORDER BY ${order} LIMIT ${perSide} RETURN ${b}`;
    };
    const candidates = [
      `MATCH (${a})-[:MENTIONS]->(${x}:Entity) CALL (${a}, ${x}) { ${nearest('DESC')} UNION ${nearest('ASC')} } RETURN ${b}`,
      `MATCH (${a})<-[:REPORTED_IN]-(:Statement)-[:REPORTED_IN]->(${b}:Article) RETURN ${b}`,
    ];
    const shares = `[(${b})-[:MENTIONS|REPORTED_IN]-(${y}) WHERE ${y} IN ${mentioned} OR ${y} IN ${reported} | ${y}]`;
    return {
      match:
        `CALL (${a}) { RETURN COLLECT { MATCH (${a})-[:MENTIONS]->(${y}:Entity) RETURN ${y} } AS ${mentioned}, ` +
        `COLLECT { MATCH (${a})<-[:REPORTED_IN]-(${y}:Statement) RETURN ${y} } AS ${reported} } ` +
        `CALL (${a}) { ${candidates.join(' UNION ')} } ` +
        `WITH ${a}, ${b}, ${mentioned}, ${reported} WHERE ${b} <> ${a} ` +
        // An entity shared counts 1, a statement 3 (MENTIONS leave an article, REPORTED_IN come into it).
        `WITH ${a}, ${b}, reduce(${total} = 0, ${y} IN ${shares} | ${total} + CASE WHEN ${y} IN ${reported} THEN 3 ELSE 1 END) AS ${score}`,
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
        aggregates: true,
        bind: (scope, _args, build) => {
          const limit = build.int(3);
          const found = shortestPaths(scope.a!, scope.b!, 4, limit, build);
          return { match: found.match, scope: { path: found.path }, limit };
        },
        orderBy: (s) => byNodeIds(s.path!),
      },
    },
  },
};
