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

/** `topSpeakers`: who made the most statements about an entity, optionally within dates. */
const topSpeakers: FieldSpec = {
  kind: 'object',
  aggregates: true,
  bind: (_scope, args, build) => {
    const id = args.about as string;
    const entity = `:${labelOf(id, `${build.path}.about`, ENTITY_LABELS)} {id: ${build.param(id)}}`;
    const [speaker, s, count, first, last] = Array.from({ length: 5 }, () => build.variable());
    const where = dateRange(s, args.from, args.to, build);
    return {
      match:
        `MATCH (${speaker})-[:SAID]->(${s}:Statement)-[:ABOUT]->(${entity})${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ` +
        `WITH ${speaker}, count(${s}) AS ${count}, min(${s}.at) AS ${first}, max(${s}.at) AS ${last}`,
      scope: { node: speaker, count, first, last },
      limit: sizeParam(build, args.first, 'first'),
      requires: { pattern: `MATCH (${entity})`, message: `No entity with id "${id}".` },
    };
  },
  orderBy: (s) => `${s.count} DESC, ${s.node}.name`,
};

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
      firstDate: { kind: 'value', cypher: (s) => `date(${s.first})` },
      lastDate: { kind: 'value', cypher: (s) => `date(${s.last})` },
    },
  },
};
