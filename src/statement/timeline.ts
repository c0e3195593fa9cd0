import { ENTITY_LABELS, labelOf } from '../common/ids.js';
import { localDayRange } from '../graph/days.js';
import { itemsOf } from '../graph/entity-dates.js';
import { type Arm, fromEnd, heardAt, rankedRead } from '../entity/ranks.js';
import { dayCountTotal } from '../graph/day-counts.js';
import { bound, type FieldSpec, type Page, sizeParam, type Specs } from '../graph/spec.js';

/**
 * `timeline`: an entity's statements (BY), those about it (ABOUT) or both, in date order. Each side is a range
 * read of its per-entity date index (graph/entity-dates.ts) that stops at the page size, so a page costs the same for an
 * entity with ten statements or a hundred thousand; the union of the sides' pages is then paged once more.
 */
const timeline: FieldSpec = {
  kind: 'connection',
  bind: (_scope, args, build) => {
    const id = args.entity as string;
    const idParam = build.param(id);
    const entity = `:${labelOf(id, `${build.path}.entity`, ENTITY_LABELS)} {id: ${idParam}}`;
    const [e, v, at] = [build.variable(), build.variable(), build.variable()];
    const direction = args.order === 'NEWEST_FIRST' ? 'DESC' : 'ASC';
    const sides = args.role === 'BY' ? (['SAID'] as const) : args.role === 'ABOUT' ? (['ABOUT'] as const) : (['SAID', 'ABOUT'] as const);
    const arm = (side: 'SAID' | 'ABOUT', page?: Page) => {
      const s = build.variable();
      const of = itemsOf(side, `${e}.id`, s, build, direction);
      const where = [...of.where, ...localDayRange(`${of.rel}.at`, args.from, args.to, build), ...(page?.after(of.order, s) ?? [])];
      const paging = page ? ` WITH * ORDER BY ${page.orderBy(of.order, s)} LIMIT ${page.limit}` : '';
      return `${of.match} WHERE ${where.join(' AND ')}${paging} RETURN ${s} AS ${v}, ${of.rel}.at AS ${at}`;
    };
    // UNION, not UNION ALL: a statement by the entity about itself is one item. WITH * lets a WHERE follow.
    const union = (page?: Page) => `MATCH (${e}${entity}) CALL (${e}) { ${sides.map((side) => arm(side, page)).join(' UNION ')} } WITH *`;
    // Counted by day at write time (graph/day-counts.ts): both sides less the statements about their own speaker, which
    // are on both.
    const total = (link: 'SAID' | 'ABOUT' | 'SELF') => dayCountTotal(link, idParam, args.from, args.to, build);
    return {
      match: union(),
      paged: union,
      total: sides.length === 1 ? total(sides[0]) : `${total('SAID')} + ${total('ABOUT')} - ${total('SELF')}`,
      scope: { node: v, entity: e },
      order: { key: at, direction, keyType: 'datetime' },
      requires: { pattern: `MATCH (${entity})`, message: `No entity with id "${id}".` },
    };
  },
};

/**
 * `topSpeakers`: who made the most statements about an entity, optionally within dates. Without dates the counts
 * come from the entity's connections (entity/connections.ts keeps each direction's statements and their first and
 * last date), so the answer reads one relationship per speaker however many statements lie behind it; only the
 * entity's own statements about itself, which no connection holds, are counted from the graph, found through their
 * `selfOf` index (ingest/cypher.ts MERGE_STATEMENTS). An entity with many connections has them read in order off
 * their rank indexes (entity/ranks.ts), up to the `first`-th from each end (and the rest of its bucket), so a page
 * costs about its size however many speakers it has. Within dates the statements about the entity in that range
 * are a range read of its ABOUT index.
 */
const topSpeakers: FieldSpec = {
  kind: 'object',
  aggregates: true,
  bind: (_scope, args, build) => {
    const id = args.about as string;
    const entity = `:${labelOf(id, `${build.path}.about`, ENTITY_LABELS)} {id: ${build.param(id)}}`;
    const [e, speaker, s, c, key, count, first, last] = Array.from({ length: 8 }, () => build.variable());
    const limit = sizeParam(build, args.first, 'first');
    const dated = args.from != null || args.to != null;
    let match: string;
    if (dated) {
      const about = itemsOf('ABOUT', `${e}.id`, s, build);
      const where = [...about.where, ...localDayRange(`${about.rel}.at`, args.from, args.to, build)];
      match =
        `MATCH (${e}${entity}) ${about.match} WHERE ${where.join(' AND ')} MATCH (${speaker})-[:SAID]->(${s}) ` +
        `WITH ${speaker}, count(${s}) AS ${count}, min(${s}.at) AS ${first}, max(${s}.at) AS ${last}`;
    } else {
      // The speakers' ranks about the entity (ranks.ts), strongest first off their indexes: the end of CONNECTED
      // that is the entity tells which direction's statements are about it (`ba` about lo, `ab` about hi).
      const { bound, arms } = rankedRead('Heard', e, build.int(1), limit, { c, other: speaker, key });
      const said = (end: Arm['end'], property: string) =>
        end === 'either' ? fromEnd(e, c, `ba${property}`, `ab${property}`) : `${c}.${heardAt(end)}${property}`;
      const heard = (arm: Arm) =>
        `${arm.cypher} RETURN ${speaker}, ${said(arm.end, '')} AS ${count}, ${said(arm.end, 'First')} AS ${first}, ${said(arm.end, 'Last')} AS ${last}`;
      // Its statements about itself by their index (selfOf), not among all it said or all said about it.
      const itself =
        `MATCH (${s}:Statement {selfOf: ${e}.id}) WHERE EXISTS { (${e})-[:SAID]->(${s}) } AND EXISTS { (${s})-[:ABOUT]->(${e}) } ` +
        `WITH ${e}, count(${s}) AS ${count}, min(${s}.at) AS ${first}, max(${s}.at) AS ${last} WHERE ${count} > 0 ` +
        `RETURN ${e} AS ${speaker}, ${count}, ${first}, ${last}`;
      match = `MATCH (${e}${entity}) ${bound} CALL (${e}, ${key}) { ${[...arms.map(heard), itself].join(' UNION ALL ')} } WITH *`;
    }
    return {
      match,
      scope: { node: speaker, count, first, last },
      limit,
      requires: { pattern: `MATCH (${entity})`, message: `No entity with id "${id}".` },
    };
  },
  // The order the rank keys are read in (ranks.ts).
  orderBy: (s) => `${s.count} DESC, ${s.node}.name, ${s.node}.id`,
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
