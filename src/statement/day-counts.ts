import { onLocalDay } from '../graph/days.js';
import type { Build } from '../graph/spec.js';
import { KEEP_PLAN } from '../ingest/cypher.js';

/**
 * How many statements each entity said, and how many were about it, on each day: a count over a range of days is
 * then a read of one entry per day, however many statements the entity has. Counted from the per-entity date
 * indexes instead (graph/days.ts), the busiest speaker's year took 20,221 db hits at 200,000 articles against 1,317
 * at 10,000; the statements grow with the corpus, the days in a year do not.
 *
 *   (:DayCount {entity, link, day, count})     entity: an entity's id; day: the statements' own local day,
 *                                              date(at), as filters compare; link: 'SAID' (by it), 'ABOUT'
 *                                              (about it) or 'SELF' (by it about itself: counted on both
 *                                              sides, so a timeline of both adds SAID and ABOUT less SELF)
 *
 * (entity, link, day) is unique (a composite uniqueness constraint, db/schema.ts), so concurrent writers cannot
 * make a day twice. There is no entry for a day without statements.
 *
 * Kept by every write that links or unlinks a statement, or moves its date: new statements add to their days
 * (ADD_DAY_COUNTS); anything that removes or moves one (a new version of an article, a statement's date moving, an
 * entity merge) has the days it touched, before and after, counted again from the date indexes
 * (RECOUNT_DAY_COUNTS), which is exact and rarer.
 */
export type DayLink = 'SAID' | 'ABOUT' | 'SELF';
const LINKS: readonly DayLink[] = ['SAID', 'ABOUT', 'SELF'];

/** Entities of `a` also in `b`. */
const both = (a: readonly string[], b: readonly string[]) => a.filter((e) => b.includes(e));

export const DAY_COUNT_SCHEMA = 'CREATE CONSTRAINT day_count_key IF NOT EXISTS FOR (n:DayCount) REQUIRE (n.entity, n.link, n.day) IS UNIQUE';

/** A day of an entity's statements: which side of them, the entity's id, the day (ISO date). */
export interface DayKey {
  link: DayLink;
  entity: string;
  day: string;
}

/**
 * The days a write touches: statements added (counted up) and days whose statements may have changed otherwise
 * (counted again). Rows come sorted, so writers take the entries in one order.
 */
export class DayChanges {
  private readonly added = new Map<string, DayKey & { n: number }>();
  private readonly changed = new Map<string, DayKey>();

  /** A new statement, said by `speakers` about `about` (entity ids; repeats ignored) on `day`. */
  add(speakers: readonly string[], about: readonly string[], day: string): void {
    for (const [link, ids] of [['SAID', speakers], ['ABOUT', about], ['SELF', both(speakers, about)]] as const) {
      for (const entity of new Set(ids)) {
        const key = keyOf({ link, entity, day });
        const entry = this.added.get(key);
        if (entry) entry.n++;
        else this.added.set(key, { link, entity, day, n: 1 });
      }
    }
  }

  /**
   * Statements by `speakers`, about `about` or by `self` about themselves on any of `days` (nulls ignored) may have
   * changed. `self` defaults to those both speaking and spoken about.
   */
  change(speakers: readonly string[], about: readonly string[], days: readonly (string | null | undefined)[], self = both(speakers, about)): void {
    for (const day of days) {
      if (day == null) continue;
      for (const [link, ids] of [['SAID', speakers], ['ABOUT', about], ['SELF', self]] as const) {
        for (const entity of ids) this.changed.set(keyOf({ link, entity, day }), { link, entity, day });
      }
    }
  }

  /** ADD_DAY_COUNTS's parameters, or undefined when nothing was added. */
  additions(): { rows: (DayKey & { n: number })[] } | undefined {
    return this.added.size ? { rows: sorted(this.added) } : undefined;
  }

  /** RECOUNT_DAY_COUNTS's parameters, or undefined when nothing changed. */
  recounts(): Record<DayLink, DayKey[]> | undefined {
    if (!this.changed.size) return undefined;
    const rows = sorted(this.changed);
    return Object.fromEntries(LINKS.map((link) => [link, rows.filter((k) => k.link === link)])) as Record<DayLink, DayKey[]>;
  }
}

/** What one ingest batch wrote of a statement, by entity id, as day counts need it (ingest/cypher.ts MERGE_STATEMENTS). */
export interface WrittenStatement {
  created: boolean;
  speakers: readonly string[];
  about: readonly string[];
  saidBefore: readonly string[];
  aboutBefore: readonly string[];
  day: string;
  dayBefore: string | null;
}

/**
 * The days a batch's statements touch: a new statement adds to its day; an existing one whose day moved has its
 * days before and after counted again for everyone who said it or whom it is about, before and now; one that
 * stayed, only for speakers and targets it did not have (a re-load touches nothing). `dropped` are the statements
 * new versions of articles dropped (ingest/cypher.ts CLEAR_ARTICLES), counted again on the days they left and
 * moved to.
 */
export function batchDays(statements: readonly WrittenStatement[], dropped: readonly [by: string[], about: string[], was: string, now: string | null][]): DayChanges {
  const days = new DayChanges();
  for (const s of statements) {
    if (s.created) days.add(s.speakers, s.about, s.day);
    else if (s.day !== s.dayBefore) days.change([...s.saidBefore, ...s.speakers], [...s.aboutBefore, ...s.about], [s.day, s.dayBefore]);
    else {
      const [said, about] = [[...s.saidBefore, ...s.speakers], [...s.aboutBefore, ...s.about]];
      const [newSaid, newAbout] = [s.speakers.filter((e) => !s.saidBefore.includes(e)), s.about.filter((e) => !s.aboutBefore.includes(e))];
      // About its own speaker now, when a new target is a speaker or a new speaker a target.
      days.change(newSaid, newAbout, [s.day], [...both(newSaid, about), ...both(said, newAbout)]);
    }
  }
  for (const [by, about, was, now] of dropped) days.change(by, about, [was, now]);
  return days;
}

const keyOf = (k: DayKey) => `${k.link}\u0001${k.entity}\u0001${k.day}`;
const sorted = <T>(map: Map<string, T>): T[] => [...map.keys()].sort().map((k) => map.get(k)!);

/**
 * statement.days.add: each row's statements added to its day. The entry is locked before its count is read (SET
 * takes the lock), so concurrent additions add up.
 */
export const ADD_DAY_COUNTS = `${KEEP_PLAN}
UNWIND $rows AS k
MERGE (d:DayCount {entity: k.entity, link: k.link, day: date(k.day)})
ON CREATE SET d.count = 0
SET d.count = d.count + k.n`;

/**
 * One entity's `link`s, off its date index (graph/entity-dates.ts): `r` is the link, `r.at` its statement's date.
 * The ends are left unnamed, so no node is read, but for SELF: the entity's SAID links whose statement is also
 * ABOUT it (the ABOUT link carries the entity's id too).
 */
const linksOf = (link: DayLink, entity: string) =>
  link === 'SELF'
    ? `MATCH ()-[r:SAID]->(s) USING INDEX r:SAID(entity, at) WHERE r.entity = ${entity} AND r.at IS NOT NULL AND EXISTS { (s)-[a:ABOUT]->() WHERE a.entity = ${entity} }`
    : `MATCH ()-[r:${link}]->() USING INDEX r:${link}(entity, at) WHERE r.entity = ${entity} AND r.at IS NOT NULL`;

/**
 * statement.days.recount: each day counted again from its entity's date index (one day's entries and the offsets
 * around it, graph/days.ts), deleted when none is left. The entry is locked first (MERGE, then a write), so a
 * concurrent write of that day waits for this count, or this count for it, and neither is lost.
 */
const recount = (link: DayLink) => `
CALL () {
  UNWIND $${link} AS k
  MERGE (d:DayCount {entity: k.entity, link: '${link}', day: date(k.day)})
  SET d.locking = true
  REMOVE d.locking
  WITH d, COUNT { ${linksOf(link, 'd.entity')} AND ${onLocalDay('r.at', 'k.day').join(' AND ')} RETURN r } AS n
  SET d.count = n
  WITH d WHERE n = 0
  DELETE d
}`;
export const RECOUNT_DAY_COUNTS = `${KEEP_PLAN}${LINKS.map(recount).join('')}`;

/** entity.merge.days: the merged entities' days, which are then counted again as the survivor's; their own go. */
export const TAKE_DAY_COUNTS = `MATCH (d:DayCount) WHERE d.entity IN $from
WITH d, d.link AS link, toString(d.day) AS day
DELETE d
RETURN link, day`;

/**
 * The migration counting every day of a graph written before day counts existed, entity by entity (idempotent, so
 * an interrupted run is finished by the next start). Ten entities a transaction: a busy one has an entry for nearly
 * every day, and a hundred of those at once outgrew the memory a transaction may hold (`db.memory.transaction.max`).
 */
export const buildDayCounts = (links: readonly DayLink[] = LINKS) => `
MATCH (e:Entity)
CALL (e) {${links.map(
  (link) => `
  CALL (e) {
    ${linksOf(link, 'e.id')}
    WITH date(r.at) AS day, count(*) AS n
    MERGE (d:DayCount {entity: e.id, link: '${link}', day: day})
    SET d.count = n
  }`,
).join('')}
} IN TRANSACTIONS OF 10 ROWS`;

/**
 * The number of statements `link`ed to the entity whose id is the Cypher expression `entity`, on the days `from` …
 * `to` (both inclusive, either may be absent): the sum of its days' counts, a range read of the constraint's index.
 */
export function dayCountTotal(link: DayLink, entity: string, from: unknown, to: unknown, build: Build): string {
  const d = build.variable();
  // The planner seeks a composite index only with a condition on each of its properties.
  const where = [`${d}.entity = ${entity}`, `${d}.link = '${link}'`, `${d}.day IS NOT NULL`];
  if (from != null) where.push(`${d}.day >= date(${build.param(from)})`);
  if (to != null) where.push(`${d}.day <= date(${build.param(to)})`);
  return `reduce(total = 0, n IN COLLECT { MATCH (${d}:DayCount) WHERE ${where.join(' AND ')} RETURN ${d}.count } | total + n)`;
}
