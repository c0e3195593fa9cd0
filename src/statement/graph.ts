import { speakerRoles } from '../affiliation/graph.js';
import { ENTITY_LABELS, labelOf, SPEAKER_LABELS } from '../common/ids.js';
import type { Args, Binding, Build, FieldSpec, Order, Specs } from '../graph/spec.js';
import { bound, byId, property, related } from '../graph/spec.js';
import { fullTextCall } from '../search/graph.js';

// Statements sort on `at`: the day said, or the reporting article's date when that is unknown (set on ingest).
export const byDate = (v: string, direction: Order['direction'] = 'DESC'): Order => ({
  key: `${v}.at`,
  direction,
  keyType: 'datetime',
});

/** `at` between two dates, both inclusive (either may be absent). */
export function dateRange(v: string, from: unknown, to: unknown, build: Build): string[] {
  const where: string[] = [];
  if (from != null) where.push(`${v}.at >= datetime(${build.param(from)})`);
  if (to != null) where.push(`${v}.at < datetime(${build.param(to)}) + duration('P1D')`);
  return where;
}

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

/** `Entity.statementsAbout(by:)`: statements about the entity, of one speaker when `by` is given. */
export const statementsAbout: FieldSpec = {
  kind: 'connection',
  bind: (scope, args, build) => {
    const v = build.variable();
    const by = args.by as string | null | undefined;
    const speaker = by == null ? '' : `(:${labelOf(by, `${build.path}.by`, SPEAKER_LABELS)} {id: ${build.param(by)}})-[:SAID]->`;
    return { match: `MATCH ${speaker}(${v}:Statement)-[:ABOUT]->(${scope.node})`, scope: { node: v }, order: byDate(v) };
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
function filteredStatements(args: Args, build: Build): Binding & { order: Order } {
  const filter = (args.filter ?? {}) as StatementFilter;
  const v = build.variable();
  const patterns: string[] = [];
  if (filter.speaker != null) {
    const label = labelOf(filter.speaker, `${build.path}.filter.speaker`, SPEAKER_LABELS);
    patterns.push(`(:${label} {id: ${build.param(filter.speaker)}})-[:SAID]->(${v})`);
  }
  if (filter.about != null) {
    const label = labelOf(filter.about, `${build.path}.filter.about`, ENTITY_LABELS);
    patterns.push(`(${v})-[:ABOUT]->(:${label} {id: ${build.param(filter.about)}})`);
  }
  const where = dateRange(v, filter.from, filter.to, build);
  if (filter.kinds != null) where.push(`${v}.kind IN ${build.param(filter.kinds)}`);
  if (filter.quote != null) where.push(`${v}.quote = ${build.param(filter.quote)}`);
  const order = byDate(v, args.orderBy === 'OLDEST_FIRST' ? 'ASC' : 'DESC');
  if (filter.text != null) {
    const search = fullTextCall(filter.text, 'all', v, build, `${build.path}.filter.text`);
    const match = patterns.length ? ` MATCH ${patterns.join(', ')}` : '';
    // Ends in MATCH or `WITH *`, so the conditions can follow as a WHERE (Neo4j takes none straight after a CALL).
    return { match: `${search} WITH *${match}`, where: [`${v}:Statement`, ...where], scope: { node: v }, order };
  }
  if (patterns.length) return { match: `MATCH ${[...patterns, `(${v}:Statement)`].join(', ')}`, where, scope: { node: v }, order };
  // Unfiltered, statements come off the date index already in order, however many there are.
  where.push(`${v}.at IS NOT NULL`);
  return { match: `MATCH (${v}:Statement) USING INDEX ${v}:Statement(at)`, where, scope: { node: v }, order };
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
