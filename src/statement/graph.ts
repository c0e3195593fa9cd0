import { labelOf, SPEAKER_LABELS, ENTITY_LABELS } from '../common/ids.js';
import type { Args, Binding, Build, FieldSpec, Order, Specs } from '../graph/spec.js';
import { byId, property, related } from '../graph/spec.js';

// Statements sort on `at`: the day said, or the reporting article's date when that is unknown (set on ingest).
const newestFirst = (v: string): Order => ({ key: `${v}.at`, direction: 'DESC', keyParam: (p) => `datetime(${p})` });

/** A connection of statements reached from the parent by `pattern(parent, statement)`, newest first. */
export function statementsVia(pattern: (parent: string, statement: string) => string): FieldSpec {
  return {
    kind: 'connection',
    bind: (scope, _args, build) => {
      const v = build.variable();
      return { match: `MATCH ${pattern(scope.node!, v)}`, scope: { node: v }, order: newestFirst(v) };
    },
  };
}

interface StatementFilter {
  speaker?: string | null;
  about?: string | null;
  kinds?: string[] | null;
  quote?: boolean | null;
  from?: string | null;
  to?: string | null;
}

/** The root `statements` list: starts from the speaker or the target when given, so the lookup is an index seek. */
function filteredStatements(args: Args, build: Build): Binding & { order: Order } {
  const filter = (args.filter ?? {}) as StatementFilter;
  const v = build.variable();
  const patterns = [`(${v}:Statement)`];
  const where: string[] = [];
  if (filter.speaker != null) {
    const label = labelOf(filter.speaker, `${build.path}.filter.speaker`, SPEAKER_LABELS);
    patterns.push(`(:${label} {id: ${build.param(filter.speaker)}})-[:SAID]->(${v})`);
  }
  if (filter.about != null) {
    const label = labelOf(filter.about, `${build.path}.filter.about`, ENTITY_LABELS);
    patterns.push(`(${v})-[:ABOUT]->(:${label} {id: ${build.param(filter.about)}})`);
  }
  if (filter.kinds != null) where.push(`${v}.kind IN ${build.param(filter.kinds)}`);
  if (filter.quote != null) where.push(`${v}.quote = ${build.param(filter.quote)}`);
  if (filter.from != null) where.push(`${v}.at >= datetime(${build.param(filter.from)})`);
  if (filter.to != null) where.push(`${v}.at < datetime(${build.param(filter.to)}) + duration('P1D')`);
  const order = newestFirst(v);
  if (args.orderBy === 'OLDEST_FIRST') order.direction = 'ASC';
  return { match: `MATCH ${patterns.reverse().join(', ')}`, where, scope: { node: v }, order };
}

export const statementSpecs: Specs = {
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
      respondsTo: related((s, v) => `(${s})-[:RESPONDS_TO]->(${v}:Statement)`),
      responses: related((s, v) => `(${v}:Statement)-[:RESPONDS_TO]->(${s})`, (v) => `${v}.at`),
    },
  },
  Query: {
    fields: {
      statement: byId('Statement'),
      statements: { kind: 'connection', bind: (_scope, args, build) => filteredStatements(args, build) },
    },
  },
};
