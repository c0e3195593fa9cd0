import { speakerRoles } from '../affiliation/graph.js';
import { ENTITY_LABELS, labelOf, SPEAKER_LABELS } from '../common/ids.js';
import type { Args, Binding, Build, FieldSpec, Order, Page, Specs } from '../graph/spec.js';
import { localDays, overDays } from '../graph/days.js';
import { entityItems, entitySide, itemsOf } from '../graph/entity-dates.js';
import { bound, byId, property, related } from '../graph/spec.js';
import { fullTextCall, luceneParam } from '../search/graph.js';
import { dayCountTotal, graphTotal } from '../graph/day-counts.js';
import { textPage } from './text-days.js';

// Statements sort on `at`: the day said, or the reporting article's date when that is unknown (set on ingest).
export const byDate = (v: string, direction: Order['direction'] = 'DESC'): Order => ({
  key: `${v}.at`,
  direction,
  keyType: 'datetime',
});

/** A connection of statements reached from the parent by `pattern(parent, statement)`, newest first. */
export function statementsVia(pattern: (parent: string, statement: string) => string): FieldSpec {
  return {
    kind: 'connection',
    bind: (scope, _args, build) => {
      const v = build.variable();
      return { match: `MATCH ${pattern(scope.node!, v)}`, scope: { node: v }, order: byDate(v) };
    },
  };
}

/** `Person.statements`, `Organisation.statements`: what the entity said. */
export const statementsSaid: FieldSpec = entityItems('SAID');

/** `Entity.statementsAbout(by:)`: statements about the entity, of one speaker when `by` is given. */
export const statementsAbout: FieldSpec = {
  kind: 'connection',
  bind: (scope, args, build) => {
    const { total, ...about } = entitySide('ABOUT', scope, build);
    const by = args.by as string | null | undefined;
    if (by == null) return { ...about, total };
    // Of one speaker: no day counts of that, so its rows are counted.
    about.where!.push(`EXISTS { (:${labelOf(by, `${build.path}.by`, SPEAKER_LABELS)} {id: ${build.param(by)}})-[:SAID]->(${about.scope.node}) }`);
    return about;
  },
};

interface StatementFilter {
  speaker?: string | null;
  about?: string | null;
  kinds?: string[] | null;
  quote?: boolean | null;
  from?: string | null;
  to?: string | null;
  text?: string | null;
}

/**
 * The root `statements` list. It starts from what narrows it most: the full-text index for `text`, else the
 * speaker or target by id (index seeks), else the date index.
 */
function filteredStatements(args: Args, build: Build): Binding & { order: Order; paged?: (page: Page) => string } {
  const filter = (args.filter ?? {}) as StatementFilter;
  const v = build.variable();
  const direction = args.orderBy === 'OLDEST_FIRST' ? 'ASC' : 'DESC';
  const patterns: string[] = [];
  const ids: { side: 'SAID' | 'ABOUT'; id: string }[] = [];
  if (filter.speaker != null) {
    const label = labelOf(filter.speaker, `${build.path}.filter.speaker`, SPEAKER_LABELS);
    const id = build.param(filter.speaker);
    patterns.push(`(:${label} {id: ${id}})-[:SAID]->(${v})`);
    ids.push({ side: 'SAID', id });
  }
  if (filter.about != null) {
    const label = labelOf(filter.about, `${build.path}.filter.about`, ENTITY_LABELS);
    const id = build.param(filter.about);
    patterns.push(`(${v})-[:ABOUT]->(:${label} {id: ${id}})`);
    ids.push({ side: 'ABOUT', id });
  }
  const conditions: string[] = [];
  if (filter.kinds != null) conditions.push(`${v}.kind IN ${build.param(filter.kinds)}`);
  if (filter.quote != null) conditions.push(`${v}.quote = ${build.param(filter.quote)}`);
  if (filter.text == null && ids.length) {
    // Off the speaker's (else the target's) date index, in order; the other id, if any, is checked per row.
    const [first, ...rest] = ids;
    const of = itemsOf(first!.side, first!.id, v, build, direction);
    const others = rest.map((o) => `EXISTS { (${v})-[:ABOUT]->(:Entity {id: ${o.id}}) }`);
    const days = localDays(`${of.rel}.at`, filter.from, filter.to, build);
    // One entity and dates alone: its statements on those days are counted by day at write time (day-counts.ts).
    const total = rest.length || conditions.length ? {} : { total: dayCountTotal(first!.side, first!.id, filter.from, filter.to, build) };
    return { ...overDays(days, of.match, (range) => [...of.where, ...range, ...others, ...conditions]), ...total, scope: { node: v }, order: of.order };
  }
  const days = localDays(`${v}.at`, filter.from, filter.to, build);
  const where = [...days.where, ...conditions];
  const order = byDate(v, direction);
  if (filter.text != null) {
    const lucene = luceneParam(filter.text, 'all', build, `${build.path}.filter.text`);
    const match = patterns.length ? ` MATCH ${patterns.join(', ')}` : '';
    const textWhere = [`${v}:Statement`, ...where];
    // With a speaker or target, the windows start at their newest (oldest) statement: one read of its date index.
    const start = ids.length ? (as: string) => {
      const of = itemsOf(ids[0]!.side, ids[0]!.id, build.variable(), build, direction);
      return `${of.match} WHERE ${of.where.join(' AND ')} WITH ${of.rel} ORDER BY ${of.order.prefix} ${direction}, ${of.order.key} ${direction} LIMIT 1 RETURN ${of.order.key} AS ${as}`;
    } : undefined;
    return {
      // Ends in MATCH or `WITH *`, so the conditions can follow as a WHERE (Neo4j takes none straight after a CALL).
      // Counting reads every hit; a page reads them a window of days at a time (text-days.ts).
      match: `${fullTextCall(lucene, v)} WITH *${match}`,
      paged: (page) => textPage({ lucene, node: v, order, match, where: textWhere, from: filter.from, to: filter.to, start, page, build }),
      where: textWhere,
      scope: { node: v },
      order,
    };
  }
  // Unfiltered, statements come off the date index already in order, however many there are. Without kinds or
  // quote they are counted by day (or, over all days, by the database's count of the label).
  const rest = [...conditions, `${v}.at IS NOT NULL`];
  const match = `MATCH (${v}:Statement) USING INDEX ${v}:Statement(at)`;
  const total = conditions.length ? {} : { total: graphTotal('STATEMENT', filter.from, filter.to, build) };
  return { ...overDays(days, match, (range) => [...range, ...rest]), ...total, scope: { node: v }, order };
}

/**
 * `Statement.evidence`: its REPORTED_IN relationships that carry evidence (ingest/cypher.ts), each with its
 * article. The snippet is cut in Cypher from the code-point offsets, since `substring` counts code points.
 */
const evidence: FieldSpec = {
  kind: 'object',
  bind: (scope, _args, build) => {
    const [rel, article] = [build.variable(), build.variable()];
    return { match: `MATCH (${scope.node})-[${rel}:REPORTED_IN]->(${article}:Article)`, where: [`${rel}.start IS NOT NULL`], scope: { rel, article } };
  },
  orderBy: (s) => `${s.article}.publishedAt DESC, ${s.article}.id`,
};

const relProperty = (name: string): FieldSpec => ({ kind: 'value', cypher: (s) => `${s.rel}.${name}` });

export const statementSpecs: Specs = {
  Evidence: {
    fields: {
      article: bound('article'),
      start: relProperty('start'),
      end: relProperty('end'),
      snippet: { kind: 'value', cypher: (s) => `substring(${s.article}.body, ${s.rel}.startCodePoint, ${s.rel}.endCodePoint - ${s.rel}.startCodePoint)` },
      method: relProperty('method'),
      confidence: relProperty('confidence'),
    },
  },
  Statement: {
    label: 'Statement',
    fields: {
      id: property('id'),
      text: property('text'),
      kind: property('kind'),
      quote: property('quote'),
      saidOn: property('saidOn'),
      date: { kind: 'value', cypher: (s) => `date(${s.node}.at)` },
      speaker: related((s, v) => `(${v})-[:SAID]->(${s})`),
      about: related((s, v) => `(${s})-[:ABOUT]->(${v})`, (v) => `${v}.name`),
      reportedIn: related((s, v) => `(${s})-[:REPORTED_IN]->(${v}:Article)`, (v) => `${v}.publishedAt DESC`),
      evidence,
      respondsTo: related((s, v) => `(${s})-[:RESPONDS_TO]->(${v}:Statement)`),
      responses: related((s, v) => `(${v}:Statement)-[:RESPONDS_TO]->(${s})`, (v) => `${v}.at`),
      speakerRoles,
    },
  },
  Query: {
    fields: {
      statement: byId('Statement'),
      statements: { kind: 'connection', bind: (_scope, args, build) => filteredStatements(args, build) },
    },
  },
};
