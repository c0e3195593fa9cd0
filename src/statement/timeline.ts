import { ENTITY_LABELS, labelOf } from '../common/ids.js';
import { bound, type FieldSpec, sizeParam, type Specs } from '../graph/spec.js';
import { byDate, dateRange } from './graph.js';

/**
 * `timeline`: an entity's statements (BY), those about it (ABOUT) or both, in date order. Starts from the
 * entity by id and walks its SAID and ABOUT relationships, so it never scans statements.
 */
const timeline: FieldSpec = {
  kind: 'connection',
  bind: (_scope, args, build) => {
    const id = args.entity as string;
    const entity = `:${labelOf(id, `${build.path}.entity`, ENTITY_LABELS)} {id: ${build.param(id)}}`;
    const [e, v, s] = [build.variable(), build.variable(), build.variable()];
    const by = `MATCH (${e})-[:SAID]->(${s}:Statement) RETURN ${s} AS ${v}`;
    const about = `MATCH (${s}:Statement)-[:ABOUT]->(${e}) RETURN ${s} AS ${v}`;
    const arms = args.role === 'BY' ? by : args.role === 'ABOUT' ? about : `${by} UNION ${about}`;
    return {
      // WITH * so the date range can follow as a WHERE (Cypher takes none straight after CALL { }).
      match: `MATCH (${e}${entity}) CALL (${e}) { ${arms} } WITH *`,
      where: dateRange(v, args.from, args.to, build),
      scope: { node: v, entity: e },
      order: byDate(v, args.order === 'NEWEST_FIRST' ? 'DESC' : 'ASC'),
      requires: { pattern: `MATCH (${entity})`, message: `No entity with id "${id}".` },
    };
  },
};

/**
 * `topSpeakers`: who made the most statements about an entity, optionally within dates. Counted with COUNT { }
 * and dated with ORDER BY … LIMIT 1, since Neo4j refuses aggregate functions inside projections.
 */
const topSpeakers: FieldSpec = {
  kind: 'object',
  bind: (_scope, args, build) => {
    const id = args.about as string;
    const entity = `:${labelOf(id, `${build.path}.about`, ENTITY_LABELS)} {id: ${build.param(id)}}`;
    const [target, speaker, s, count] = [build.variable(), build.variable(), build.variable(), build.variable()];
    const said = `(${speaker})-[:SAID]->(${s}:Statement)-[:ABOUT]->(${target})`;
    const where = dateRange(s, args.from, args.to, build);
    const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    return {
      match: `MATCH (${target}${entity}) CALL (${target}) { MATCH ${said}${filter} RETURN DISTINCT ${speaker} } WITH *, COUNT { MATCH ${said}${filter} } AS ${count}`,
      scope: { node: speaker, count, said: `MATCH ${said}${filter}`, statement: s },
      limit: sizeParam(build, args.first, 'first'),
      requires: { pattern: `MATCH (${entity})`, message: `No entity with id "${id}".` },
    };
  },
  orderBy: (s) => `${s.count} DESC, ${s.node}.name`,
};

/** The first or last date among a speaker's counted statements. */
const saidOn = (direction: 'ASC' | 'DESC'): FieldSpec => ({
  kind: 'value',
  cypher: (s, _args, build) => {
    const at = build.variable();
    return `date(head(COLLECT { ${s.said} RETURN ${s.statement}.at AS ${at} ORDER BY ${at} ${direction} LIMIT 1 }))`;
  },
});

export const timelineSpecs: Specs = {
  Query: { fields: { timeline, topSpeakers } },
  TimelineEdge: {
    fields: {
      role: { kind: 'value', cypher: (s) => `CASE WHEN EXISTS { (${s.entity})-[:SAID]->(${s.node}) } THEN 'BY' ELSE 'ABOUT' END` },
      date: { kind: 'value', cypher: (s) => `date(${s.node}.at)` },
      article: {
        kind: 'object',
        bind: (s, _args, build) => {
          const v = build.variable();
          return { match: `MATCH (${s.node})-[:REPORTED_IN]->(${v}:Article)`, scope: { node: v } };
        },
        orderBy: (s) => `${s.node}.publishedAt, ${s.node}.id`,
      },
    },
  },
  SpeakerCount: {
    fields: {
      speaker: bound(),
      count: { kind: 'value', cypher: (s) => s.count! },
      firstDate: saidOn('ASC'),
      lastDate: saidOn('DESC'),
    },
  },
};
