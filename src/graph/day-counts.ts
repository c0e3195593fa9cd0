import { type Integer, int } from 'neo4j-driver';
import { onLocalDay } from './days.js';
import type { Build } from './spec.js';
import { KEEP_PLAN } from '../db/keep-plan.js';
import { Positions } from '../db/positions.js';

/**
 * How many statements each entity has on each day, and how many statements and articles the whole graph has: a
 * count over a range of days is then a read of one entry per day, however many items lie behind them. Counted from
 * the date indexes instead (graph/days.ts), the busiest speaker's year took 20,221 db hits at 200,000 articles
 * against 1,317 at 10,000; the items grow with the corpus, the days in a year do not.
 *
 *   (:DayCount {entity, link, day, count})     day: the items' own local day, date(at), as filters compare
 *
 *   entity: an entity's id, and link:  'SAID'       statements by it
 *                                      'ABOUT'      statements about it
 *                                      'SELF'       statements by it about itself (on both sides, so a timeline
 *                                                   of both adds SAID and ABOUT less SELF)
 *   entity: '*' (ALL), and link:       'STATEMENT'  every statement
 *                                      'ARTICLE'    every article
 *
 *   entity: an entity with ARTICLE_DAYS_FROM articles or more (`articleDays` set on it), and link:
 *                                      'MENTIONS'      articles mentioning it
 *                                      'PUBLISHED_BY'  articles it published
 *
 * Only entities with many articles have theirs counted by day. Kept for every entity mentioned, those entries (about
 * one new entry per MENTIONS link in a bulk load, since most entities are named on few days) cost a 500-article
 * batch 15-20 % of its time, measured alternately against the commit before; kept for those with many, who are
 * named on most days, the difference was within the machine's noise. An entity with fewer articles has them
 * counted off its date index, at most ARTICLE_DAYS_FROM entries read. Once an entity reaches ARTICLE_DAYS_FROM its
 * days are counted from scratch (ARTICLE_DAYS), it is marked, and from then on every write keeps them, as for
 * statements. Without dates an entity's articles are its degree, which Neo4j keeps.
 *
 * (entity, link, day) is unique (a composite uniqueness constraint, db/schema.ts), so concurrent writers cannot
 * make a day twice. There is no entry for a day without items. ALL is no entity's id (ids are `type:slug`).
 *
 * Kept by every write that adds, links, unlinks or moves an item: new items add to their days (ADD_DAY_COUNTS);
 * anything that removes or moves one (a new version of an article, a statement's date moving, an entity merge)
 * has the days it touched, before and after, counted again from the date indexes (RECOUNT_DAY_COUNTS), which is
 * exact and rarer. An entity's entries are written only under its lock, which every writer takes first
 * (ingest/cypher.ts mergeEntities, entity/merge.ts); the graph-wide ones are locked before they are read. Writers of
 * articles of the same day queue there, at the end of their transactions, for the moments left until they commit.
 */
export type DayLink = 'SAID' | 'ABOUT' | 'SELF' | 'STATEMENT' | 'ARTICLE' | ArticleLink;
const LINKS: readonly DayLink[] = ['SAID', 'ABOUT', 'SELF', 'STATEMENT', 'ARTICLE', 'MENTIONS', 'PUBLISHED_BY'];

/** The links between an entity and its articles, counted by day for entities with many (see the top). */
export type ArticleLink = 'MENTIONS' | 'PUBLISHED_BY';
const ARTICLE_LINKS: readonly ArticleLink[] = ['MENTIONS', 'PUBLISHED_BY'];
export const isArticleLink = (link: DayLink): link is ArticleLink => (ARTICLE_LINKS as readonly DayLink[]).includes(link);

/**
 * The day counts of one entity or several (`entity`: "= e.id", "IN $from"), as the key constraint's index serves
 * them: it is used only when every one of its properties is named, and otherwise every day count is read.
 */
export const entityDayCounts = (d: string, entity: string) =>
  `${d}.entity ${entity} AND ${d}.link IN [${LINKS.map((l) => `'${l}'`).join(', ')}] AND ${d}.day IS NOT NULL`;

/**
 * The number of articles (mentioning or published by it) from which an entity's are counted by day. Below it a
 * count within dates reads at most this many index entries (about a millisecond); from it up, one entry a day. Of
 * the 20,000-article benchmark corpus's 165,626 mentions, 87,633 are of the 37 entities with a thousand articles
 * or more (53,683 entries): half a bulk load's mentions are counted, the half that fills existing entries most.
 */
export const ARTICLE_DAYS_FROM = 1000;

/** How many articles mention or were published by the entity bound to `e`: its degrees, read without the links. */
export const articlesOf = (e: string) => `COUNT { (${e})<-[:MENTIONS]-() } + COUNT { (${e})<-[:PUBLISHED_BY]-() }`;

/** The `entity` of the graph-wide counts. */
const ALL = '*';

/** Entities of `a` also in `b`. */
const both = (a: readonly string[], b: readonly string[]) => a.filter((e) => b.includes(e));

export const DAY_COUNT_SCHEMA = 'CREATE CONSTRAINT day_count_key IF NOT EXISTS FOR (n:DayCount) REQUIRE (n.entity, n.link, n.day) IS UNIQUE';

/** A day of an entity's items (or of all items, entity ALL): which of them, the entity's id, the day (ISO date). */
export interface DayKey {
  link: DayLink;
  entity: string;
  day: string;
}

/**
 * The days a write touches: items added (counted up) and days whose items may have changed otherwise (counted
 * again). Rows come sorted, so writers take the entries in one order.
 */
export class DayChanges {
  private readonly added = new Map<string, DayKey & { n: number }>();
  private readonly changed = new Map<string, DayKey>();

  /** One more item on `day` for each of `entities` (repeats ignored). */
  addTo(link: DayLink, entities: readonly string[], day: string): void {
    for (const entity of new Set(entities)) {
      const key = keyOf({ link, entity, day });
      const entry = this.added.get(key);
      if (entry) entry.n++;
      else this.added.set(key, { link, entity, day, n: 1 });
    }
  }

  /** The items of `entities` on any of `days` (nulls ignored) may have changed. */
  recount(link: DayLink, entities: readonly string[], days: readonly (string | null | undefined)[]): void {
    for (const day of days) {
      if (day == null) continue;
      for (const entity of entities) this.changed.set(keyOf({ link, entity, day }), { link, entity, day });
    }
  }

  /** A new statement, said by `speakers` about `about` (entity ids) on `day`. */
  add(speakers: readonly string[], about: readonly string[], day: string): void {
    this.addTo('SAID', speakers, day);
    this.addTo('ABOUT', about, day);
    this.addTo('SELF', both(speakers, about), day);
    this.addTo('STATEMENT', [ALL], day);
  }

  /**
   * Statements by `speakers`, about `about` or by `self` about themselves on any of `days` may have changed.
   * `self` defaults to those both speaking and spoken about. (Whether the graph's statements of those days changed
   * is the caller's to say.)
   */
  change(speakers: readonly string[], about: readonly string[], days: readonly (string | null | undefined)[], self = both(speakers, about)): void {
    this.recount('SAID', speakers, days);
    this.recount('ABOUT', about, days);
    this.recount('SELF', self, days);
  }

  /**
   * ADD_DAY_COUNTS's parameters, or undefined when nothing was added: each entity and day once, and a row per entry
   * as positions and its count (a batch of 500 articles adds to about 6,000 entries, of a few hundred days).
   */
  additions(): { entities: string[]; links: readonly DayLink[]; days: string[]; rows: Integer[][] } | undefined {
    if (!this.added.size) return undefined;
    const [entities, days] = [new Positions(), new Positions()];
    const rows = sorted(this.added).map((k) => [entities.of(k.entity), int(LINKS.indexOf(k.link)), days.of(k.day), int(k.n)]);
    return { entities: entities.values, links: LINKS, days: days.values, rows };
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
 * What one ingest batch wrote of an article: whether it is new, its local day now and before (MERGE_ARTICLES), and
 * by id the entities it mentions and its publisher, now and in the version before (CLEAR_ARTICLES; none if new).
 */
export interface WrittenArticle {
  created: boolean;
  day: string;
  dayBefore: string | null;
  mentions: readonly string[];
  source: string | null;
  mentionedBefore: readonly string[];
  sourceBefore: string | null;
}

/**
 * The days a batch touches. A new statement or article adds to its day. An existing statement whose day moved has
 * its days before and after counted again for everyone who said it or whom it is about, before and now; one that
 * stayed, only for speakers and targets it did not have (a re-load touches nothing). `dropped` are the statements
 * new versions of articles dropped (ingest/cypher.ts CLEAR_ARTICLES), counted again on the days they left and
 * moved to. A new article adds to its day, and to those of the entities it links to whose articles are counted
 * (`countsArticles`: marked, as read under the entity's lock). A new version of one has the days counted again of
 * the entities it gained or lost, or of all of them, old and new, when it moved to another day (RECOUNT_DAY_COUNTS
 * keeps only the marked: the entities it lost are not this batch's, so their marks are not known here).
 */
export function batchDays(
  statements: readonly WrittenStatement[],
  dropped: readonly [by: string[], about: string[], was: string, now: string | null][],
  articles: readonly WrittenArticle[],
  countsArticles: (entity: string) => boolean,
): DayChanges {
  const days = new DayChanges();
  for (const s of statements) {
    if (s.created) days.add(s.speakers, s.about, s.day);
    else if (s.day !== s.dayBefore) {
      days.change([...s.saidBefore, ...s.speakers], [...s.aboutBefore, ...s.about], [s.day, s.dayBefore]);
      days.recount('STATEMENT', [ALL], [s.day, s.dayBefore]);
    } else {
      const [said, about] = [[...s.saidBefore, ...s.speakers], [...s.aboutBefore, ...s.about]];
      const [newSaid, newAbout] = [s.speakers.filter((e) => !s.saidBefore.includes(e)), s.about.filter((e) => !s.aboutBefore.includes(e))];
      // About its own speaker now, when a new target is a speaker or a new speaker a target.
      days.change(newSaid, newAbout, [s.day], [...both(newSaid, about), ...both(said, newAbout)]);
    }
  }
  for (const [by, about, was, now] of dropped) {
    days.change(by, about, [was, now]);
    days.recount('STATEMENT', [ALL], [was, now]);
  }
  for (const a of articles) {
    const links: [ArticleLink, readonly string[], readonly string[]][] = [
      ['MENTIONS', a.mentions, a.mentionedBefore],
      ['PUBLISHED_BY', a.source == null ? [] : [a.source], a.sourceBefore == null ? [] : [a.sourceBefore]],
    ];
    if (a.created) {
      days.addTo('ARTICLE', [ALL], a.day);
      for (const [link, now] of links) days.addTo(link, now.filter(countsArticles), a.day);
      continue;
    }
    const moved = a.day !== a.dayBefore;
    if (moved) days.recount('ARTICLE', [ALL], [a.day, a.dayBefore]);
    for (const [link, now, before] of links) {
      const changed = moved ? [...now, ...before] : [...now.filter((e) => !before.includes(e)), ...before.filter((e) => !now.includes(e))];
      days.recount(link, changed, [a.day, a.dayBefore]);
    }
  }
  return days;
}

/**
 * The entities a batch may take to ARTICLE_DAYS_FROM articles, for ARTICLE_DAYS to check (sorted, the order writers
 * lock them in): those not marked whose articles before the batch (as mergeEntities read them under their locks) and
 * its links to them add up to it. A new version's links were cleared and written again, so this overshoots, never
 * misses.
 */
export function nearingArticleDays(articles: readonly WrittenArticle[], entities: ReadonlyMap<string, { articleDays: boolean; articles: number }>): string[] {
  const gained = new Map<string, number>();
  for (const id of articles.flatMap((a) => (a.source == null ? a.mentions : [...a.mentions, a.source]))) gained.set(id, (gained.get(id) ?? 0) + 1);
  return [...gained]
    .filter(([id, n]) => !entities.get(id)!.articleDays && entities.get(id)!.articles + n >= ARTICLE_DAYS_FROM)
    .map(([id]) => id)
    .sort();
}

const keyOf = (k: DayKey) => `${k.link}\u0001${k.entity}\u0001${k.day}`;
const sorted = <T>(map: Map<string, T>): T[] => [...map.keys()].sort().map((k) => map.get(k)!);

/**
 * days.add: each row's items added to its day. A graph-wide entry is locked (a write) before its count is read, so
 * concurrent additions add up: reading first, two writers of one day could both add to the same count. An entity's
 * entry needs no lock of its own: its writer holds the entity's (see the top), and a lock would be two more writes
 * on each of a batch's thousands of rows.
 *
 * A row is [entity, link, day, items] with positions in `$entities`, `$links` and `$days` (DayChanges.additions):
 * each day is parsed once, and the rows are small integers rather than maps of strings.
 */
export const ADD_DAY_COUNTS = `${KEEP_PLAN}
WITH [x IN $days | date(x)] AS days
UNWIND $rows AS k
MERGE (d:DayCount {entity: $entities[k[0]], link: $links[k[1]], day: days[k[2]]})
ON CREATE SET d.count = 0
FOREACH (_ IN CASE WHEN $entities[k[0]] = '${ALL}' THEN [1] ELSE [] END | SET d.locking = true REMOVE d.locking)
SET d.count = d.count + k[3]`;

/**
 * The migration storing as integers the counts ADD_DAY_COUNTS stored as floats (a JavaScript number arrives as a
 * float; the sums were exact, but a count is an integer).
 */
export const INTEGER_DAY_COUNTS = `
MATCH (d:DayCount) WHERE d.count IS :: FLOAT
CALL (d) { SET d.count = toInteger(d.count) } IN TRANSACTIONS OF 10000 ROWS`;

/**
 * The items counted under `link` for the entity whose id is the Cypher expression `entity` (unused by the
 * graph-wide links), off their date index (graph/entity-dates.ts): `match` binds each as `r` and ends in a WHERE,
 * `at` is its date (an article's, on its MENTIONS and PUBLISHED_BY). An entity's statements are its SAID or ABOUT
 * links, their ends left unnamed so no node is read, but for SELF: the entity's SAID links whose statement is also
 * ABOUT it (the ABOUT link carries the entity's id too).
 */
function counted(link: DayLink, entity: string): { match: string; at: string } {
  if (link === 'STATEMENT') return { match: 'MATCH (r:Statement) USING INDEX r:Statement(at) WHERE r.at IS NOT NULL', at: 'r.at' };
  if (link === 'ARTICLE') return { match: 'MATCH (r:Article) USING INDEX r:Article(publishedAt) WHERE r.publishedAt IS NOT NULL', at: 'r.publishedAt' };
  if (isArticleLink(link)) return { match: `MATCH ()-[r:${link}]->() USING INDEX r:${link}(entity, at) WHERE r.entity = ${entity} AND r.at IS NOT NULL`, at: 'r.at' };
  const type = link === 'ABOUT' ? 'ABOUT' : 'SAID';
  const self = link === 'SELF' ? ` AND EXISTS { (s)-[a:ABOUT]->() WHERE a.entity = ${entity} }` : '';
  return { match: `MATCH ()-[r:${type}]->(${self ? 's' : ''}) USING INDEX r:${type}(entity, at) WHERE r.entity = ${entity} AND r.at IS NOT NULL${self}`, at: 'r.at' };
}

/**
 * days.recount: each day counted again from its entity's (or the graph's) date index (one day's entries and the
 * offsets around it, graph/days.ts), deleted when none is left. The entry is locked first (MERGE, then a write), so a
 * concurrent write of that day waits for this count, or this count for it, and neither is lost. An entity's articles
 * are counted again only when it is marked as having them counted.
 */
const recount = (link: DayLink, items = counted(link, 'd.entity')) => `
CALL () {
  UNWIND $${link} AS k${isArticleLink(link) ? `\n  WITH k WHERE EXISTS { MATCH (e:Entity {id: k.entity}) WHERE e.articleDays }` : ''}
  MERGE (d:DayCount {entity: k.entity, link: '${link}', day: date(k.day)})
  SET d.locking = true
  REMOVE d.locking
  WITH d, COUNT { ${items.match} AND ${onLocalDay(items.at, 'k.day').join(' AND ')} RETURN r } AS n
  SET d.count = n
  WITH d WHERE n = 0
  DELETE d
}`;
export const RECOUNT_DAY_COUNTS = `${KEEP_PLAN}${LINKS.map((link) => recount(link)).join('')}`;

/**
 * entity.merge.days: the merged entities' days, which are then counted again as the survivor's (its articles' are
 * counted from scratch instead, ARTICLE_DAYS); their own go.
 */
export const TAKE_DAY_COUNTS = `MATCH (d:DayCount) WHERE ${entityDayCounts('d', 'IN $from')}
WITH d, d.link AS link, toString(d.day) AS day
DELETE d
RETURN link, day`;

/**
 * The migration counting every day of a graph written before day counts existed, entity by entity (idempotent, so
 * an interrupted run is finished by the next start). Ten entities a transaction: a busy one has an entry for nearly
 * every day, and a hundred of those at once outgrew the memory a transaction may hold (`db.memory.transaction.max`).
 */
export const buildDayCounts = (links: readonly DayLink[]) => `
MATCH (e:Entity)
CALL (e) {${links.map((link) => countAll(link, 'e.id', 'e')).join('')}
} IN TRANSACTIONS OF 10 ROWS`;

/** The migration counting every day of the graph-wide `links`: a day's items at a time, one entry per day. */
export const buildAllDayCounts = (links: readonly DayLink[]) => links.map((link) => countAll(link, `'${ALL}'`, '')).join('');

/** Every day's count of `link` for `entity`, stored, in a subquery importing `imported`. */
const countAll = (link: DayLink, entity: string, imported: string, items = counted(link, entity)) => `
  CALL (${imported}) {
    ${items.match}
    WITH date(${items.at}) AS day, count(*) AS n
    MERGE (d:DayCount {entity: ${entity}, link: '${link}', day: day})
    SET d.count = n
  }`;

/**
 * entity.articleDays: of the entities `$ids`, those that now have ARTICLE_DAYS_FROM articles get them counted by day
 * from scratch and are marked, so that every later write keeps them (batchDays); with `$again`, those already marked
 * are counted from scratch too (after a merge moved articles to them). Run after the links are written, under the
 * entities' locks.
 */
export const ARTICLE_DAYS = `
UNWIND $ids AS id
MATCH (e:Entity {id: id}) WHERE CASE WHEN e.articleDays THEN $again ELSE ${articlesOf('e')} >= ${ARTICLE_DAYS_FROM} END
${countArticleDays('e')}`;

/** The migration counting by day the articles of every entity that has ARTICLE_DAYS_FROM or more. */
export const BUILD_ARTICLE_DAYS = `
MATCH (e:Entity) WHERE e.articleDays IS NULL AND ${articlesOf('e')} >= ${ARTICLE_DAYS_FROM}
CALL (e) { ${countArticleDays('e')} } IN TRANSACTIONS OF 10 ROWS`;

/** Marks entity `e` and counts its articles by day from scratch, dropping any entries it had. */
function countArticleDays(e: string): string {
  const links = ARTICLE_LINKS.map((link) => `'${link}'`).join(', ');
  return `SET ${e}.articleDays = true
WITH ${e}
CALL (${e}) { MATCH (d:DayCount) WHERE d.entity = ${e}.id AND d.link IN [${links}] AND d.day IS NOT NULL DELETE d }
${ARTICLE_LINKS.map((link) => countAll(link, `${e}.id`, e)).join('')}`;
}

/**
 * The number of items `link`ed to the entity whose id is the Cypher expression `entity` (ALL, quoted, for the
 * graph's), on the days `from` … `to` (both inclusive, either may be absent): the sum of its days' counts, a range
 * read of the constraint's index.
 */
export function dayCountTotal(link: DayLink, entity: string, from: unknown, to: unknown, build: Build): string {
  const d = build.variable();
  // The planner seeks a composite index only with a condition on each of its properties.
  const where = [`${d}.entity = ${entity}`, `${d}.link = '${link}'`, `${d}.day IS NOT NULL`];
  if (from != null) where.push(`${d}.day >= date(${build.param(from)})`);
  if (to != null) where.push(`${d}.day <= date(${build.param(to)})`);
  return `reduce(total = 0, n IN COLLECT { MATCH (${d}:DayCount) WHERE ${where.join(' AND ')} RETURN ${d}.count } | total + n)`;
}

/** The label of what each graph-wide count counts. */
const GRAPH_LABELS = { STATEMENT: 'Statement', ARTICLE: 'Article' } as const;

/**
 * How many statements or articles the graph has on the days `from` … `to` (either may be absent): the sum of its
 * day counts or, over all days, the database's count of the label (one read, whatever the graph's size).
 */
export function graphTotal(link: keyof typeof GRAPH_LABELS, from: unknown, to: unknown, build: Build): string {
  if (from == null && to == null) return `COUNT { MATCH (:${GRAPH_LABELS[link]}) }`;
  return dayCountTotal(link, build.param(ALL), from, to, build);
}

/**
 * How many articles `link` the entity bound to `e` on the days `from` … `to` (either may be absent): the sum of its
 * day counts when it has them, else `counted`, the caller's count off its date index.
 */
export function articleDaysOr(link: ArticleLink, e: string, from: unknown, to: unknown, counted: string, build: Build): string {
  return `CASE WHEN ${e}.articleDays THEN ${dayCountTotal(link, `${e}.id`, from, to, build)} ELSE ${counted} END`;
}
