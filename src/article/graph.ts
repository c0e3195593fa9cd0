import { BadInputError } from '../common/errors.js';
import { ENTITY_LABELS, labelOf } from '../common/ids.js';
import type { Args, Binding, Build, FieldSpec, Order, Specs } from '../graph/spec.js';
import { articleDaysOr, graphTotal } from '../graph/day-counts.js';
import { localDays, overDays } from '../graph/days.js';
import { degree, itemsOf } from '../graph/entity-dates.js';
import { byId, property, related } from '../graph/spec.js';
import { statementsVia } from '../statement/graph.js';

const newestFirst = (v: string): Order => ({ key: `${v}.publishedAt`, direction: 'DESC', keyType: 'datetime' });

/** A connection of articles reached from the parent by `pattern(parent, article)`, newest first. */
export function articlesVia(pattern: (parent: string, article: string) => string): FieldSpec {
  return {
    kind: 'connection',
    bind: (scope, _args, build) => {
      const v = build.variable();
      return { match: `MATCH ${pattern(scope.node!, v)}`, scope: { node: v }, order: newestFirst(v) };
    },
  };
}

interface ArticleFilter {
  from?: string | null;
  to?: string | null;
  mentioning?: string | null;
  mentioningAll?: string[] | null;
  source?: string | null;
}

const MAX_MENTIONING_ALL = 5;

function filteredArticles(args: Args, build: Build): Binding & { order: Order } {
  const filter = (args.filter ?? {}) as ArticleFilter;
  const v = build.variable();
  const patterns = [`(${v}:Article)`];
  const where: string[] = [];
  const mentioned = [...(filter.mentioning != null ? [filter.mentioning] : []), ...(filter.mentioningAll ?? [])];
  if ((filter.mentioningAll?.length ?? 0) > MAX_MENTIONING_ALL) {
    throw new BadInputError(`${build.path}.filter.mentioningAll takes at most ${MAX_MENTIONING_ALL} ids.`, `${build.path}.filter.mentioningAll`);
  }
  for (const id of new Set(mentioned)) {
    const label = labelOf(id, `${build.path}.filter.${id === filter.mentioning ? 'mentioning' : 'mentioningAll'}`, ENTITY_LABELS);
    patterns.push(`(${v})-[:MENTIONS]->(:${label} {id: ${build.param(id)}})`);
  }
  if (filter.source != null) {
    labelOf(filter.source, `${build.path}.filter.source`, ['Organisation']);
    patterns.push(`(${v})-[:PUBLISHED_BY]->(:Organisation {id: ${build.param(filter.source)}})`);
  }
  const ids = new Set(mentioned);
  if (ids.size + (filter.source != null ? 1 : 0) === 1) {
    // One entity: a range read of its date index, in order (graph/entity-dates.ts). With several, the planner
    // starts from the one with the fewest articles and sorts what they share.
    const [type, id] = filter.source != null ? (['PUBLISHED_BY', filter.source] as const) : (['MENTIONS', [...ids][0]!] as const);
    const idParam = build.param(id);
    const of = itemsOf(type, idParam, v, build);
    const days = localDays(`${of.rel}.at`, filter.from, filter.to, build);
    const binding = { ...overDays(days, of.match, (range) => [...of.where, ...range]), scope: { node: v }, order: of.order };
    // Within dates, its day counts when it has many articles, else its date index counted by parts; over all
    // days, its degree.
    const e = build.variable();
    const dated = filter.from != null || filter.to != null;
    const count = (counted: string) => (dated ? articleDaysOr(type, e, filter.from, filter.to, counted, build) : degree(type, e));
    return { ...binding, total: (counted: string) => `coalesce(head(COLLECT { MATCH (${e}:Entity {id: ${idParam}}) RETURN ${count(counted)} }), 0)` };
  }
  const days = localDays(`${v}.publishedAt`, filter.from, filter.to, build);
  if (patterns.length > 1) return { match: `MATCH ${patterns.reverse().join(', ')}`, where: [...where, ...days.where], scope: { node: v }, order: newestFirst(v) };
  // Unfiltered, articles come off the publication-date index already in order, and are counted by day (or, over
  // all days, by the database's count of the label).
  const rest = [...where, `${v}.publishedAt IS NOT NULL`];
  const match = `MATCH (${v}:Article) USING INDEX ${v}:Article(publishedAt)`;
  const total = graphTotal('ARTICLE', filter.from, filter.to, build);
  return { ...overDays(days, match, (range) => [...range, ...rest]), total, scope: { node: v }, order: newestFirst(v) };
}

/** `article(id:)` or `article(url:)`: exactly one of the two. */
const articleLookup: FieldSpec = {
  kind: 'object',
  bind: (scope, args, build) => {
    const { id, url } = args as { id?: string | null; url?: string | null };
    if ((id == null) === (url == null)) throw new BadInputError('article: give exactly one of id or url.', build.path);
    if (id != null) return (byId('Article') as Extract<FieldSpec, { kind: 'object' }>).bind(scope, args, build);
    const v = build.variable();
    return { match: `MATCH (${v}:Article {url: ${build.param(url)}})`, scope: { node: v } };
  },
  notFound: (args) => (args.id != null ? `No article with id "${args.id}".` : `No article with url "${args.url}".`),
};

export const articleSpecs: Specs = {
  Article: {
    label: 'Article',
    fields: {
      id: property('id'),
      url: property('url'),
      title: property('title'),
      publishedAt: property('publishedAt'),
      language: property('language'),
      body: property('body'),
      source: related((a, v) => `(${a})-[:PUBLISHED_BY]->(${v}:Organisation)`),
      authors: related((a, v) => `(${v}:Person)-[:WROTE]->(${a})`, (v) => `${v}.name`),
      statements: statementsVia((a, v) => `(${v}:Statement)-[:REPORTED_IN]->(${a})`),
      mentions: related((a, v) => `(${a})-[:MENTIONS]->(${v})`, (v) => `${v}.name`),
    },
  },
  Query: {
    fields: {
      article: articleLookup,
      articles: { kind: 'connection', bind: (_scope, args, build) => filteredArticles(args, build) },
    },
  },
};
