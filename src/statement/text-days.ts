import type { Build, Order, Page } from '../graph/spec.js';
import { fullTextCall } from '../search/graph.js';

/**
 * A page of statements holding some words, in date order, without sorting every statement that holds them.
 *
 * Lucene ranks by score, never by date, so a common word used to mean reading and sorting all its hits: 5,479 db
 * hits at 10,000 articles, 103,599 at 200,000. Each statement's day is therefore a term of the full-text index too
 * (`searchDay`, db/schema.ts), and a page is gathered a window of days at a time, from the newest statement's
 * day back (the oldest on, oldest first; the speaker's or target's own when the filter names one), until the
 * windows read hold a page. The page's statements all lie in those windows,
 * since every window after them is older, so the rows read are about the page, not the corpus.
 *
 * A window's width follows what it finds. It starts at a week, grows while windows come back sparse (64 times when
 * empty, eight times when under an eighth full, twice when under half) and shrinks to a quarter, read again, when it holds more hits
 * than a window may (WINDOW_PAGES pages; Lucene then returns only that many, so a dense window costs little). A
 * single day is read whole, however full. After STEPS windows whatever lies beyond is read at once, so the answer is exact
 * whatever the dates; only the cost of such a rare case (a term dense in a period far from the newest statements)
 * is that of sorting its hits, as it always was.
 */

/** The statement property holding its day term. */
export const SEARCH_DAY = 'searchDay';

/** Windows read before the rest is taken at once: enough to walk centuries back, or to narrow down ten times. */
const STEPS = 16;
/** The first window: a week of news. */
const FIRST_WIDTH = 7;
/**
 * At most this many pages' worth of hits in a window; a window with more is read again, a quarter as wide. A
 * lookup costs Neo4j about what reading a thousand hits does (3–9 ms, the typo-forgiving terms expanded anew each
 * time), so windows aim at a few pages rather than one.
 */
const WINDOW_PAGES = 10;
/** With totalCount asked, the hits read first in one lookup: when there are fewer, they are sorted, windows unneeded. */
const PROBE_ROWS = 2_000;
/** Lucene's limit for a single day, read whole. */
const ALL = 2_147_483_647;
/** The widest window: a century. */
const MAX_WIDTH = 36_525;
/** Days of years outside these have terms that do not sort as the days do (`-0044…`, `+10000…`). */
const [MIN_YEAR, MAX_YEAR] = [1000, 9999];

/** The term of a Cypher date: `day20240131`, letters and digits only, so the analyser keeps it one term. */
const dayTerm = (date: string) => `'day' + replace(toString(${date}), '-', '')`;

const utcDay = (at: string) => `date(datetime({epochMillis: ${at}.epochMillis}))`;

/**
 * The day term of a statement's date-time `at`, on its day in UTC: later instants never have earlier days, so
 * the windows follow the order pages are sorted in (`at` compares instants, whatever offset each was written in).
 */
export const searchDayOf = (at: string): string => dayTerm(utcDay(at));

interface TextPageQuery {
  /** The Lucene query parameter (search/graph.ts luceneParam). */
  lucene: string;
  /** The statement variable. */
  node: string;
  order: Order;
  /** What follows each hit: ` MATCH …` of the other filters, or nothing. */
  match: string;
  /** Conditions on each hit, over `node`. */
  where: string[];
  /** The filter's own day bounds (local days, as `from` and `to` are given), when set. */
  from?: unknown;
  to?: unknown;
  /**
   * Where the windows start without a cursor: a query returning the newest (oldest) date-time a hit can have, as
   * the given variable. By default the newest (oldest) statement's; with a speaker or target, theirs.
   */
  start?: (as: string) => string;
  page: Page;
  build: Build;
}

/** The paged form of a text filter (spec.ts `paged`): rows of `node`, a superset of the page, ending in `WITH *`. */
export function textPage(q: TextPageQuery): string {
  const { build, node, page } = q;
  const back = q.order.direction === 'DESC';
  const [st, hits, dense, latest, start, found] = Array.from({ length: 6 }, () => build.variable());
  const away = (date: string, days: string) => `${date} ${back ? '-' : '+'} duration({days: ${days}})`;
  // A local day is at most a day from its UTC day, either way.
  const bound = (day: unknown, outward: boolean) => `date(${build.param(day)}) ${outward === back ? '-' : '+'} duration('P1D')`;
  const near = (back ? q.to : q.from) ?? undefined;
  const far = (back ? q.from : q.to) ?? undefined;

  // Where the windows start: the cursor's day, else the newest (oldest) statement's, off a date index; not
  // beyond the filter's own bound.
  const newest =
    q.start?.(start) ??
    `MATCH (${latest}:Statement) WHERE ${latest}.at IS NOT NULL RETURN ${latest}.at AS ${start} ORDER BY ${latest}.at ${q.order.direction} LIMIT 1`;
  const anchor = page.key ? `WITH ${utcDay(page.key)} AS ${start}` : `CALL () { ${newest} } WITH ${utcDay(start)} AS ${start}`;
  const nearBound = near !== undefined ? bound(near, false) : undefined;
  const first = nearBound ? `CASE WHEN ${start} ${back ? '>' : '<'} ${nearBound} THEN ${nearBound} ELSE ${start} END` : start;

  // Another window is read while the page is not full and the filter's far bound is not passed; and within the
  // years of four digits, whose terms sort as their days do (whatever lies beyond is read by the last lookup).
  const open = [
    `NOT ${st}.done`,
    `size(${st}.found) < ${page.limit}`,
    `${build.int(MIN_YEAR)} <= ${st}.near.year <= ${build.int(MAX_YEAR)}`,
    ...(far !== undefined ? [`${st}.near ${back ? '>=' : '<='} ${bound(far, true)}`] : []),
  ].join(' AND ');
  const lookup = (range: string, limit?: string) =>
    `COLLECT { ${fullTextCall(`'(' + ${q.lucene} + ') AND ${SEARCH_DAY}:' + ${range}`, node, { limit })} RETURN ${node} }`;
  const kept = (rows: string) =>
    `COLLECT { UNWIND ${rows} AS ${node} WITH ${node}${q.match} WHERE ${[...q.where, ...page.after(q.order, node)].join(' AND ')} RETURN ${node} }`;
  const term = (date?: string) => (date ? dayTerm(date) : "'*'");
  const span = (near: string, far?: string) => {
    const [lo, hi] = back ? [far, near] : [near, far];
    return `'[' + ${term(lo)} + ' TO ' + ${term(hi)} + ']'`;
  };

  const cap = `${build.int(WINDOW_PAGES)} * ${page.limit}`;
  const window = span(`${st}.near`, away(`${st}.near`, `${st}.width - 1`));
  const grown = (factor: number) => `CASE WHEN ${st}.width * ${build.int(factor)} > ${build.int(MAX_WIDTH)} THEN ${build.int(MAX_WIDTH)} ELSE ${st}.width * ${build.int(factor)} END`;
  const step =
    `[${hits} IN [${lookup(window, `CASE WHEN ${st}.width = 1 THEN ${build.int(ALL)} ELSE ${cap} END`)}] | ` +
    `[${dense} IN [${st}.width > 1 AND size(${hits}) >= ${cap}] | {` +
    `near: CASE WHEN ${dense} THEN ${st}.near ELSE ${away(`${st}.near`, `${st}.width`)} END, ` +
    `width: CASE WHEN ${dense} THEN (${st}.width + 3) / 4 WHEN size(${hits}) = 0 THEN ${grown(64)} ` +
    `WHEN size(${hits}) * 8 < ${cap} THEN ${grown(8)} ` +
    `WHEN size(${hits}) * 2 < ${cap} THEN ${grown(2)} ELSE ${st}.width END, ` +
    `found: ${st}.found + ${kept(`CASE WHEN ${dense} THEN [] ELSE ${hits} END`)}, done: false}][0]][0]`;
  // With totalCount, which reads every hit anyway, up to PROBE_ROWS of Lucene's best hits come first: when that
  // is all of them, the page is among them and no window is needed (one lookup, not a few, for all but common words).
  const [probe, probeRows] = [build.variable(), build.int(PROBE_ROWS)];
  const probing = page.counted ? `WITH *, COLLECT { ${fullTextCall(q.lucene, node, { limit: probeRows })} RETURN ${node} } AS ${probe} ` : '';
  const whole = page.counted ? `size(${probe}) < ${probeRows}` : 'false';
  const found0 = page.counted ? `CASE WHEN ${whole} THEN ${kept(probe)} ELSE [] END` : '[]';
  const initial = `{near: ${first}, width: ${build.int(FIRST_WIDTH)}, found: ${found0}, done: ${whole}}`;
  return (
    `${anchor} ${probing}WITH reduce(${st} = ${initial}, ${build.variable()} IN range(1, ${build.int(STEPS)}) | ` +
    `CASE WHEN ${open} THEN ${step} ELSE ${st} END) AS ${st} ` +
    `WITH ${st}.found + CASE WHEN NOT ${st}.done AND size(${st}.found) < ${page.limit} THEN ${kept(lookup(span(`${st}.near`)))} ELSE [] END AS ${found} ` +
    `UNWIND ${found} AS ${node} WITH *`
  );
}
