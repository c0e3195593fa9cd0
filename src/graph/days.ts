import type { Build } from './spec.js';

/*
 * Days are compared on a value's own local day: what `date(value)` returns and what the API shows as a `date`, for
 * a Cypher date-time with the offset it was recorded in. Comparing instants instead would let
 * 2023-01-01T00:30+05:00 (2022-12-31 in UTC) through `to: 2022-12-31`. Offsets run from -12:00 to +14:00, so:
 *
 *   - every instant in the range lies between `from` 00:00 UTC − 14 h and `to` 00:00 UTC + 36 h: a range index
 *     seeks those bounds;
 *   - every instant from `from` 00:00 UTC + 12 h to `to` 00:00 UTC + 10 h is in it, whatever its offset;
 *   - only the instants between (28 hours at each end, with the margins below) need their local day worked out.
 *
 * Each bound has an hour to spare on the side of checking: Neo4j orders two date-times of one instant by their
 * zones, so a value at a bound's very instant may fall on either side of it.
 */
const SEEK_BEFORE = `duration('PT15H')`;
const SURE_AFTER = `duration('PT13H')`;
const SURE_BEFORE = `duration('PT9H')`;
const SEEK_AFTER = `duration('P1DT13H')`;

/** One end of a range of days: the condition a seek reads up to, the instant from which all are in, the local-day check. */
interface End {
  seek: string;
  sure: string;
  day: string;
}

/** The instant bounds of the days `from` … `to` (parameters, either may be absent): those a seek may read, those surely in. */
function bounds(value: string, from: unknown, to: unknown, build: Build) {
  const end = (day: unknown, make: (p: string) => End) => (day == null ? undefined : make(build.param(day)));
  return {
    from: end(from, (p) => ({ seek: `${value} >= datetime(${p}) - ${SEEK_BEFORE}`, sure: `datetime(${p}) + ${SURE_AFTER}`, day: `date(${value}) >= date(${p})` })),
    to: end(to, (p) => ({ seek: `${value} < datetime(${p}) + ${SEEK_AFTER}`, sure: `datetime(${p}) + ${SURE_BEFORE}`, day: `date(${value}) <= date(${p})` })),
  };
}

/**
 * Conditions keeping `value` between two days, both inclusive (either may be absent), on its own local day
 * (`where`). The seek bounds let a range index serve it; the local day is worked out only for instants near either
 * end (an OR is decided by its first operand when that holds): counting the 11,482 statements of the benchmark's
 * busiest speaker took 14.6 ms working out every one's day, 11.8 this way.
 *
 * `parts`: the same range as disjoint parts whose counts add up to its count, for a totalCount. The instants surely
 * in it are counted with no condition but the bounds a seek reads, which costs Neo4j nothing per entry beyond
 * reading it (5.6 ms for those 11,482); only the two ends check the local day.
 */
export function localDays(value: string, from: unknown, to: unknown, build: Build): { where: string[]; parts: string[][] } {
  const { from: f, to: t } = bounds(value, from, to, build);
  const where = [...(f ? [f.seek, `(${value} >= ${f.sure} OR ${f.day})`] : []), ...(t ? [t.seek, `(${value} < ${t.sure} OR ${t.day})`] : [])];
  if (!f && !t) return { where, parts: [[]] };
  if (!t) return { where, parts: [[f!.seek, `${value} < ${f!.sure}`, f!.day], [`${value} >= ${f!.sure}`]] };
  if (!f) return { where, parts: [[`${value} < ${t.sure}`], [`${value} >= ${t.sure}`, t.seek, t.day]] };
  // When the days are too few for a middle, the two ends meet where the lower one stops.
  const split = `CASE WHEN ${f.sure} < ${t.sure} THEN ${t.sure} ELSE ${f.sure} END`;
  const parts = [
    [f.seek, `${value} < ${f.sure}`, f.day, t.day],
    [`${value} >= ${f.sure}`, `${value} < ${t.sure}`],
    [`${value} >= ${split}`, t.seek, f.day, t.day],
  ];
  return { where, parts };
}

/**
 * A binding's `match`, its `where` over the days and the count parts to match (graph/spec.ts Binding): `where(range)`
 * puts a range's conditions among the binding's others.
 */
export function overDays(days: { where: string[]; parts: string[][] }, match: string, where: (range: string[]) => string[]) {
  return { match, where: where(days.where), countParts: days.parts.map((part) => ({ match, where: where(part) })) };
}

/**
 * Conditions keeping `value` on the one local day `day` (a Cypher expression of an ISO date string): the seek
 * bounds of localDays, then the day itself checked for what they read (graph/day-counts.ts counts a day's
 * statements this way).
 */
export const onLocalDay = (value: string, day: string): string[] => [
  `${value} >= datetime(${day}) - ${SEEK_BEFORE}`,
  `${value} < datetime(${day}) + ${SEEK_AFTER}`,
  `date(${value}) = date(${day})`,
];

/** The conditions of localDays alone. */
export const localDayRange = (value: string, from: unknown, to: unknown, build: Build): string[] => localDays(value, from, to, build).where;
